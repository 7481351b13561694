"""The qualification and answer forms of a complaint's file (enregistrement, résolution)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, parse_user_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, amount_text, error_text, parse_amount_cents
from rcdesk.ui.complaints.dialogs import CategoriesDialog
from rcdesk.ui.forms import (
    ErrorLine,
    action_button,
    date_line_edit,
    save_checking_version,
    shortcut,
)

FOUNDED = ((None, "à déterminer"), (True, "fondée"), (False, "non fondée"))


class _Form(QWidget):
    """A form that saves through one service call and shows its refusal under the fields.

    A save sends the version of the complaint the form was loaded with (detail); when another
    counter changed the complaint since, the user reloads it (reload_requested: the whole file
    is read again) or saves over it knowingly."""

    saved = Signal()
    reload_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.complaint_id: int | None = None
        self.detail = None
        self.error = ErrorLine(self)
        self.fields: dict[str, QWidget] = {}

    def _refuse(self, field: str, message: str) -> None:
        self.error.show_error(message, self.fields.get(field))

    def _ok(self) -> None:
        self.error.hide()
        self.saved.emit()

    def _save_checked(self, save) -> bool:
        """save(base) with base the complaint as loaded, then as stored if the user saves over
        another counter's change; refusals shown under the fields. True once saved."""
        try:
            return save_checking_version(self, save, self.detail,
                                         lambda _stored: self.reload_requested.emit())
        except SERVICE_ERRORS as exc:
            self._refuse(getattr(exc, "field", ""), error_text(exc))
            return False


class QualificationForm(_Form):
    """Category (list edited in its own dialog), type, founded, severity, entity in charge."""

    def __init__(self, parent=None):
        super().__init__(parent)
        service = ops.complaints()
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        edit_categories = action_button(self.tr("Modifier la &liste…"), self.edit_categories, self)
        self.type = QComboBox(self)
        self.type.setObjectName("type")
        for value in service.TYPES:
            self.type.addItem(value, value)
        self.founded = QComboBox(self)
        self.founded.setObjectName("founded")
        for value, label in FOUNDED:
            self.founded.addItem(self.tr(label), value)
        self.severity = QComboBox(self)
        self.severity.setObjectName("severity")
        self.severity.addItem("", "")
        for value in service.SEVERITIES:
            self.severity.addItem(value, value)
        self.entity = QLineEdit(self)
        self.entity.setObjectName("entity")
        self.entity.setPlaceholderText(self.tr("Service ou personne qui traite (SAV, "
                                               "livraison, magasin…)"))
        self.entity.returnPressed.connect(self.save)
        self.save_button = action_button(self.tr("Enregi&strer la qualification"), self.save, self,
                                         name="saveQualification")
        self.fields = {"category_id": self.category, "type": self.type,
                       "founded": self.founded, "severity": self.severity,
                       "entity": self.entity}
        category_row = QHBoxLayout()
        category_row.addWidget(self.category, 1)
        category_row.addWidget(edit_categories)
        form = QFormLayout()
        category_label = QLabel(self.tr("Caté&gorie :"), self)
        category_label.setBuddy(self.category)
        form.addRow(category_label, category_row)
        form.addRow(self.tr("&Type :"), self.type)
        form.addRow(self.tr("Fon&dée :"), self.founded)
        form.addRow(self.tr("Gra&vité :"), self.severity)
        form.addRow(self.tr("&Entité en charge :"), self.entity)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        shortcut(self, "Ctrl+Return", self.save)
        self._fill_categories()

    def _fill_categories(self, selected: int | None = None) -> None:
        self.category.clear()
        self.category.addItem(self.tr("— choisir —"), None)
        for category_id, name in ops.list_categories():
            self.category.addItem(name, category_id)
        self.category.setCurrentIndex(max(0, self.category.findData(selected)))

    def load(self, d) -> None:
        self.complaint_id = d.id
        self.detail = d
        self._fill_categories(d.category_id)
        self.type.setCurrentIndex(max(0, self.type.findData(d.type or "à déterminer")))
        self.founded.setCurrentIndex(max(0, [v for v, _ in FOUNDED].index(d.founded)
                                         if d.founded in (None, True, False) else 0))
        self.severity.setCurrentIndex(max(0, self.severity.findData(d.severity or "")))
        self.entity.setText(d.entity or "")
        final = d.status in ops.complaints().FINAL_STATUSES
        self.setEnabled(not final)
        self.error.hide()

    def focus(self) -> None:
        self.category.setFocus()

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self)
        dialog.exec()
        if dialog.changed:
            self._fill_categories(self.category.currentData())

    def save(self) -> None:
        if self._save_checked(lambda base: ops.qualify(
                complaint_id=self.complaint_id, category_id=self.category.currentData(),
                type_=self.type.currentData(), founded=self.founded.currentData(),
                severity=self.severity.currentData(), entity=self.entity.text(),
                version=base.version if base is not None else None, original=base)):
            self._ok()


class AnswerForm(_Form):
    """The answer given, its date, the compensation and its cost; then the answer letter."""

    letter_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        service = ops.complaints()
        self.answer_text = QPlainTextEdit(self)
        self.answer_text.setObjectName("answer_text")
        self.answer_text.setTabChangesFocus(True)
        self.answer_text.setPlaceholderText(self.tr("La réponse apportée au client"))
        self.answer_date = date_line_edit(self, "answer_date", width=130)
        self.compensation = QComboBox(self)
        self.compensation.setObjectName("compensation")
        for value in service.COMPENSATIONS:
            self.compensation.addItem(value, value)
        self.cost = QLineEdit(self)
        self.cost.setObjectName("cost")
        self.cost.setPlaceholderText(self.tr("0,00"))
        self.cost.returnPressed.connect(self.save)
        self.cost.setMaximumWidth(160)
        self.compensation.setMaximumWidth(260)
        self.hint = QLabel(self)
        self.hint.setObjectName("answerHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.save_button = action_button(self.tr("&Enregistrer la réponse"), self.save, self,
                                         name="saveAnswer")
        self.letter_button = action_button(self.tr("&Lettre de réponse (PDF)…"),
                                           self.letter_requested, self, name="answerLetter")
        self.fields = {"answer_text": self.answer_text, "answer_date": self.answer_date,
                       "compensation": self.compensation, "cost_cents": self.cost}
        form = QFormLayout()
        form.addRow(self.tr("Te&xte de la réponse :"), self.answer_text)
        form.addRow(self.tr("&Date de réponse :"), self.answer_date)
        form.addRow(self.tr("Co&mpensation :"), self.compensation)
        form.addRow(self.tr("C&oût :"), self.cost)
        buttons = QHBoxLayout()
        buttons.addWidget(self.letter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        shortcut(self, "Ctrl+Return", self.save)

    def load(self, d) -> None:
        self.complaint_id = d.id
        self.detail = d
        # the workflow says whether an answer can be sent now (its allowed moves)
        can_answer = d.status == "Réponse envoyée" or "Réponse envoyée" in d.allowed_moves
        self.hint.setVisible(not can_answer and d.status not in
                             ops.complaints().FINAL_STATUSES)
        self.hint.setText(self.tr("Au statut « %1 », la réponse ne peut pas encore être "
                                  "enregistrée : qualifiez la réclamation ou reprenez-la "
                                  "d'abord.").replace("%1", d.status))
        self.answer_text.setPlainText(d.answer_text or "")
        self.answer_date.setText(format_date(d.answer_date or date.today()))
        self.compensation.setCurrentIndex(max(0, self.compensation.findData(
            d.compensation or "aucune")))
        self.cost.setText(amount_text(d.cost_cents) if d.cost_cents else "")
        final = d.status in ops.complaints().FINAL_STATUSES
        self.answer_text.setReadOnly(final)
        self.save_button.setEnabled(not final and can_answer)
        self.letter_button.setEnabled(bool(d.answer_text))
        self.error.hide()

    def focus(self) -> None:
        self.answer_text.setFocus()

    def save(self) -> None:
        try:
            answered = parse_user_date(self.answer_date.text())
        except ValueError as exc:
            self._refuse("answer_date", str(exc))
            return
        try:
            cost = parse_amount_cents(self.cost.text())
        except ValueError as exc:
            self._refuse("cost_cents", str(exc))
            return
        if self._save_checked(lambda base: ops.record_answer(
                complaint_id=self.complaint_id, answer_text=self.answer_text.toPlainText(),
                answer_date=answered, compensation=self.compensation.currentData(),
                cost_cents=cost, version=base.version if base is not None else None,
                original=base)):
            self._ok()

