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
    QPushButton,
    QVBoxLayout,
)

from rcdesk.services.formatting import format_date, parse_user_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_label, error_text, show_error


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Annuler"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CloseDialog(QDialog):
    """Clôture: the answer date and whether the customer is satisfied again (both required)."""

    def __init__(self, complaint_id: int, number: str, answer_date: date | None, parent=None):
        super().__init__(parent)
        self.complaint_id = complaint_id
        self.setWindowTitle(self.tr("Clôturer %1").replace("%1", number))
        self.answer_date = QLineEdit(format_date(answer_date) if answer_date else "", self)
        self.answer_date.setObjectName("answer_date")
        self.answer_date.setPlaceholderText(self.tr("JJ/MM/AAAA"))
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
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("Clôturer")))

    def accept(self) -> None:
        text = self.answer_date.text().strip()
        if not text:
            self._refuse(self.tr("La date de réponse est obligatoire pour clôturer : indiquez "
                                 "quand la réponse a été envoyée."))
            return
        try:
            answered = parse_user_date(text)
        except ValueError as exc:
            self._refuse(str(exc))
            return
        try:
            ops.close(complaint_id=self.complaint_id, answer_date=answered,
                      resatisfied=self.resatisfied.currentData(), comment=self.comment.text())
        except SERVICE_ERRORS as exc:
            self._refuse(error_text(exc))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class CommentDialog(QDialog):
    """A move or a reopening with its reason; the service says whether a reason is required."""

    def __init__(self, title: str, prompt: str, action, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._action = action
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(80)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.comment)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("Valider")))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        try:
            self._action(self.comment.toPlainText().strip())
        except SERVICE_ERRORS as exc:
            self.error.setText(error_text(exc))
            self.error.show()
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
        add = QPushButton(self.tr("&Ajouter"), self)
        add.setAutoDefault(False)
        add.clicked.connect(self.add)
        rename = QPushButton(self.tr("&Renommer…"), self)
        rename.setAutoDefault(False)
        rename.clicked.connect(self.rename)
        delete = QPushButton(self.tr("&Supprimer"), self)
        delete.setAutoDefault(False)
        delete.clicked.connect(self.delete)
        close = QPushButton(self.tr("&Fermer"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
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

    def add(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        try:
            ops.add_category(name=name)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        self.changed = True
        self.name.clear()
        self.refresh()

    def rename(self) -> None:
        category_id, old = self._current()
        if category_id is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Renommer la catégorie"),
                                        self.tr("Nouveau nom :"), text=old)
        if not ok or not name.strip():
            return
        try:
            ops.rename_category(category_id=category_id, name=name)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        self.changed = True
        self.refresh()

    def delete(self) -> None:
        category_id, name = self._current()
        if category_id is None:
            return
        if QMessageBox.question(self, self.tr("Supprimer la catégorie"),
                                self.tr("Supprimer « %1 » de la liste ?").replace("%1", name)) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            ops.delete_category(category_id=category_id)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        self.changed = True
        self.refresh()
