"""A line edit that finds a customer as you type (the referrer, "parrain") and keeps its id."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit


class ReferrerEdit(QLineEdit):
    """Typing asks the service's quick_search; choosing a suggestion sets customer_id()."""

    DEBOUNCE_MS = 150

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self._service = service
        self._id: int | None = None
        self._hits: dict[str, int] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._chosen)
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("nom, e-mail ou téléphone du parrain"))
        self._timer = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._typed)

    def customer_id(self) -> int | None:
        return self._id if self.text().strip() else None

    def set_customer(self, customer_id: int | None) -> None:
        self._id = customer_id
        if customer_id is None:
            self.clear()
            return
        data = self._service.get_customer(customer_id)
        self.setText(self._service.display_name(data.first_name, data.last_name,
                                                data.company_name, data.kind))

    def _typed(self, _text: str) -> None:
        self._id = None
        self._timer.start()

    def _search(self) -> None:
        text = self.text().strip()
        if len(text) < 2:
            return
        hits = self._service.quick_search(text, limit=10)
        self._hits = {f"{h.display} — {h.contact}" if h.contact else h.display: h.customer_id
                      for h in hits}
        self._model.setStringList(list(self._hits))
        self.completer().complete()

    def _chosen(self, text: str) -> None:
        self._id = self._hits.get(text)
        if self._id is not None:
            self.setText(text.split(" — ")[0])
