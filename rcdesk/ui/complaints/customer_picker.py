"""Find a customer as you type (arrow keys + Enter pick), or create a minimal one on the spot."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.names import split_person_name
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text
from rcdesk.ui.forms import ErrorLine, dialog_buttons


class CustomerSearch(QWidget):
    """A search box over the customer file with its hits listed below it.

    Down/Up move in the hits while the focus stays in the box; Enter picks the highlighted
    hit (the first one if none is highlighted) and emits picked(customer_id, display)."""

    picked = Signal(int, str)
    cleared = Signal()
    nothing_found = Signal(str)
    DELAY_MS = 150  # search after a pause in typing, not on every key of a fast typist

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("customerSearch")
        self.edit.setPlaceholderText(self.tr("Nom, téléphone, e-mail ou identifiant client…"))
        self.edit.setClearButtonEnabled(True)
        self.hits = QListWidget(self)
        self.hits.setObjectName("customerHits")
        self.hits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Two lines a hit, wrapped, never cut: the phone and the town tell namesakes apart.
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setWordWrap(True)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.hits.hide()
        self.customer_id: int | None = None
        self._picked_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.hits)
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.hits.itemClicked.connect(self._pick_item)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _typed(self, _text: str) -> None:
        if self.customer_id is not None:
            self.customer_id = None
            self.cleared.emit()
        self._timer.start()

    def refresh(self) -> None:
        """Run the search now (tests and the timer)."""
        self._timer.stop()
        self.hits.clear()
        try:
            found = ops.search_customers(text=self.edit.text())
        except SERVICE_ERRORS as exc:
            found = []
            self.edit.setToolTip(error_text(exc))
        for hit in found:
            label = hit.display + (f"\n    {hit.contact}" if hit.contact else "")
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.UserRole, (hit.customer_id, hit.display))
            self.hits.addItem(item)
        if found:
            self.hits.setCurrentRow(0)
        self.hits.setVisible(bool(found))
        self._fit_hits()

    def _fit_hits(self) -> None:
        """Tall enough for the first 4 hits whole (two lines each, wrapped if need be)."""
        if not self.hits.count():
            return
        self.hits.doItemsLayout()
        rows = sum(self.hits.sizeHintForRow(i) for i in range(min(4, self.hits.count())))
        self.hits.setFixedHeight(rows + 2 * self.hits.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.hits.isVisible():
            self._fit_hits()  # a narrower box wraps more lines

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.hits.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.hits.count() - 1, self.hits.currentRow() + step))
                self.hits.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if self._timer.isActive():
                    self.refresh()
                if self.customer_id is None and self.hits.count():
                    self._pick_item(self.hits.currentItem() or self.hits.item(0))
                    return True
                if self.customer_id is None and self.edit.text().strip():
                    self.nothing_found.emit(self.edit.text().strip())
                    return True  # nothing to pick: Enter must not save the form
        return super().eventFilter(obj, event)

    def _pick_item(self, item: QListWidgetItem) -> None:
        customer_id, display = item.data(Qt.ItemDataRole.UserRole)
        self.set_customer(customer_id, display)

    def set_customer(self, customer_id: int, display: str) -> None:
        self.customer_id = customer_id
        self._picked_text = display
        self.edit.setText(display)
        self.hits.clear()
        self.hits.hide()
        self.picked.emit(customer_id, display)

    def clear(self) -> None:
        self.customer_id = None
        self.edit.clear()
        self.hits.clear()
        self.hits.hide()


class QuickCustomerDialog(QDialog):
    """A customer created at the counter: a name and a phone or an e-mail, nothing more."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouveau client"))
        self.customer_id: int | None = None
        self.display = ""
        self.last_name = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        for name, widget in (("last_name", self.last_name), ("first_name", self.first_name),
                             ("phone", self.phone), ("email", self.email)):
            widget.setObjectName(name)
        self._prefill(text)
        form = QFormLayout()
        form.addRow(self.tr("&Nom :"), self.last_name)
        form.addRow(self.tr("&Prénom :"), self.first_name)
        form.addRow(self.tr("&Téléphone :"), self.phone)
        form.addRow(self.tr("&E-mail :"), self.email)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Un nom et un téléphone ou un e-mail suffisent ; "
                                        "la fiche se complète plus tard."), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Créer le client")))
        empty = [w for w in (self.last_name, self.phone, self.email) if not w.text()]
        (empty[0] if empty else self.last_name).setFocus()

    def _prefill(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if "@" in text:
            self.email.setText(text)
        elif sum(ch.isdigit() for ch in text) >= 6:
            self.phone.setText(text)
        else:  # "BENALI Karima": the word in capitals is the surname
            first, last = split_person_name(text)
            self.last_name.setText(last)
            self.first_name.setText(first)

    def accept(self) -> None:
        if not self.last_name.text().strip():
            self._refuse("last_name", self.tr("Le nom du client est obligatoire."))
            return
        if not (self.phone.text().strip() or self.email.text().strip()):
            self._refuse("phone", self.tr("Indiquez un téléphone ou un e-mail pour répondre "
                                          "au client."))
            return
        values = dict(last_name=self.last_name.text(), first_name=self.first_name.text(),
                      phone=self.phone.text(), email=self.email.text())
        try:
            duplicates = ops.quick_customer_duplicates(**values)
        except SERVICE_ERRORS:
            duplicates = []
        if duplicates and self._use_existing(duplicates[0]):
            return
        try:
            self.customer_id = ops.create_quick_customer(
                last_name=self.last_name.text(), first_name=self.first_name.text(),
                phone=self.phone.text(), email=self.email.text())
        except SERVICE_ERRORS as exc:
            self._refuse(getattr(exc, "field", ""), error_text(exc))
            return
        self.display = " ".join(p for p in (self.first_name.text().strip(),
                                            self.last_name.text().strip()) if p)
        super().accept()

    def _use_existing(self, hit) -> bool:
        """A customer with the same e-mail or phone exists: pick that one instead (True),
        or create a new record anyway (False)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Client déjà connu"),
                          self.tr("« %1 » est déjà dans le fichier (%2). Utiliser cette fiche ?")
                          .replace("%1", hit.name).replace("%2", hit.reason), parent=self)
        use = box.addButton(self.tr("Utiliser la fiche existante"),
                            QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Créer une nouvelle fiche"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(use)
        box.exec()
        if box.clickedButton() is not use:
            return False
        self.customer_id, self.display = hit.customer_id, hit.name
        super().accept()
        return True

    def _refuse(self, field: str, message: str) -> None:
        widget = getattr(self, field, None)
        if not isinstance(widget, QLineEdit):
            widget = None
        self.error.show_error(message, widget)
        if widget is not None:
            widget.selectAll()


class CustomerPickDialog(QDialog):
    """Choose one customer of the file (register filter): type, arrows, Enter."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Réclamations d'un client"))
        self.setMinimumWidth(460)
        self.customer_id: int | None = None
        self.display = ""
        self.search = CustomerSearch(self)
        self.search.picked.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Client (nom, téléphone, e-mail…) :"), self))
        layout.addWidget(self.search)
        layout.addStretch(1)
        self.search.setFocus()

    def _picked(self, customer_id: int, display: str) -> None:
        self.customer_id, self.display = customer_id, display
        self.accept()
