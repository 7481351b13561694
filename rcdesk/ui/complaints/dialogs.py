"""Small dialogs of complaint processing: closure, a reasoned move, the category list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from rcdesk.core.formatting import format_date, parse_user_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text, show_error
from rcdesk.ui.forms import (
    CtrlReturnAccepts,
    ErrorLine,
    action_button,
    date_line_edit,
    dialog_buttons,
)

OK = QDialogButtonBox.StandardButton.Ok


class CloseDialog(QDialog):
    """Clôture: the answer date and whether the customer is satisfied again (both required)."""

    def __init__(self, complaint_id: int, number: str, answer_date: date | None, parent=None):
        super().__init__(parent)
        self.complaint_id = complaint_id
        self.setWindowTitle(self.tr("Clôturer %1").replace("%1", number))
        self.answer_date = date_line_edit(self, "answer_date")
        self.answer_date.setText(format_date(answer_date) if answer_date else "")
        self.resatisfied = QComboBox(self)
        self.resatisfied.setObjectName("resatisfied")
        for value in ops.complaints().RESATISFACTION:
            self.resatisfied.addItem(value, value)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("comment")
        form = QFormLayout()
        form.addRow(self.tr("&Date de la réponse :"), self.answer_date)
        form.addRow(self.tr("Client de nouveau &satisfait :"), self.resatisfied)
        form.addRow(self.tr("&Commentaire :"), self.comment)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Clôturer"), OK))

    def accept(self) -> None:
        text = self.answer_date.text().strip()
        if not text:
            self.error.show_error(self.tr("La date de réponse est obligatoire pour clôturer : "
                                          "indiquez quand la réponse a été envoyée."),
                                  self.answer_date)
            return
        try:
            answered = parse_user_date(text)
        except ValueError as exc:
            self.error.show_error(str(exc), self.answer_date)
            return
        try:
            ops.close(complaint_id=self.complaint_id, answer_date=answered,
                      resatisfied=self.resatisfied.currentData(), comment=self.comment.text())
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()


class CommentDialog(CtrlReturnAccepts, QDialog):
    """A move or a reopening with its reason; the service says whether a reason is required."""

    def __init__(self, title: str, prompt: str, action, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._action = action
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(80)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.comment)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Valider"), OK))

    def accept(self) -> None:
        try:
            self._action(self.comment.toPlainText().strip())
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()


class CategoriesDialog(QDialog):
    """The company's category list: add, rename, delete (refused while a complaint uses it)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Catégories de réclamation"))
        self.changed = False
        self.list = QListWidget(self)
        self.list.setObjectName("categories")
        self.name = QLineEdit(self)
        self.name.setObjectName("newCategory")
        self.name.setPlaceholderText(self.tr("Nouvelle catégorie, puis Entrée"))
        self.name.returnPressed.connect(self.add)
        add = action_button(self.tr("&Ajouter"), self.add, self)
        rename = action_button(self.tr("&Renommer…"), self.rename, self)
        delete = action_button(self.tr("&Supprimer"), self.delete, self)
        close = action_button(self.tr("&Fermer"), self.accept, self)
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(add)
        side = QVBoxLayout()
        side.addWidget(rename)
        side.addWidget(delete)
        side.addStretch(1)
        side.addWidget(close)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(body)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for category_id, name in ops.list_categories():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, category_id)
            self.list.addItem(item)

    def _current(self):
        item = self.list.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole), item.text()) if item else (None, "")

    def _change(self, operation, **kwargs) -> bool:
        """One change of the list through operations; refused, the reason in a message box."""
        try:
            operation(**kwargs)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return False
        self.changed = True
        self.refresh()
        return True

    def add(self) -> None:
        name = self.name.text().strip()
        if name and self._change(ops.add_category, name=name):
            self.name.clear()

    def rename(self) -> None:
        category_id, old = self._current()
        if category_id is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Renommer la catégorie"),
                                        self.tr("Nouveau nom :"), text=old)
        if ok and name.strip():
            self._change(ops.rename_category, category_id=category_id, name=name)

    def delete(self) -> None:
        category_id, name = self._current()
        if category_id is None:
            return
        if QMessageBox.question(self, self.tr("Supprimer la catégorie"),
                                self.tr("Supprimer « %1 » de la liste ?").replace("%1", name)) \
                == QMessageBox.StandardButton.Yes:
            self._change(ops.delete_category, category_id=category_id)
