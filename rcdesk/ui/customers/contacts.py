"""The « Contacts » page of a customer's file: the persons to ask for at a company (name,
role, e-mail, phone, notes), added, edited and removed there."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.services.customers import contacts as contacts_service
from rcdesk.services.settings import format_phone
from rcdesk.ui.customers.rows_model import RowsModel
from rcdesk.ui.forms import ErrorLine, read_only_rows


class ContactDialog(QDialog):
    """Adds (contact_id None) or edits one contact person of customer_id."""

    def __init__(self, customer_id: int, contact=None, parent=None,
                 service=contacts_service):
        super().__init__(parent)
        self.customer_id = customer_id
        self.contact = contact
        self._service = service
        self.setWindowTitle(self.tr("Modifier le contact") if contact is not None
                            else self.tr("Nouveau contact"))
        self.name = QLineEdit()
        self.role = QLineEdit()
        self.role.setPlaceholderText(self.tr("ex. Gérante, Comptable, Acheteur"))
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("ex. 06 12 34 56 78 ou +32 2 511 22 33"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        form = QFormLayout()
        for label, widget in ((self.tr("&Nom :"), self.name), (self.tr("&Fonction :"), self.role),
                              (self.tr("E-&mail :"), self.email),
                              (self.tr("&Téléphone :"), self.phone),
                              (self.tr("N&otes :"), self.notes)):
            form.addRow(label, widget)
        self.error = ErrorLine(name="contactError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setText(contact.role)
            self.email.setText(contact.email)
            self.phone.setText(format_phone(contact.phone))
            self.notes.setPlainText(contact.notes)
        self.name.setFocus()
        self.resize(460, 320)

    def data(self):
        return contacts_service.ContactData(
            name=self.name.text(), role=self.role.text(), email=self.email.text(),
            phone=self.phone.text(), notes=self.notes.toPlainText())

    def save(self) -> None:
        try:
            if self.contact is None:
                self._service.add_contact(self.customer_id, self.data())
            else:
                self._service.update_contact(self.contact.id, self.data())
        except ValidationError as exc:
            self.error.show_error(exc.message)
            widget = {"name": self.name, "email": self.email, "phone": self.phone,
                      "role": self.role, "notes": self.notes}.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.accept()


class ContactsPage(QWidget):
    """The table of a customer's contact persons with Ajouter / Modifier / Supprimer."""

    changed = Signal()

    def __init__(self, customer_id: int, parent=None, service=contacts_service):
        super().__init__(parent)
        self.customer_id = customer_id
        self._service = service
        self._contacts: list = []
        self.rows = RowsModel([self.tr("Nom"), self.tr("Fonction"), self.tr("E-mail"),
                               self.tr("Téléphone"), self.tr("Notes")], parent=self)
        self.table = read_only_rows(QTableView(), on_open=self.edit)
        self.table.setModel(self.rows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Ajouter un &contact…"))
        self.edit_button = QPushButton(self.tr("Modifier le c&ontact…"))
        self.remove_button = QPushButton(self.tr("Retirer le contact…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self._contacts = self._service.list_contacts(self.customer_id)
        self.rows.set_rows([[c.name, c.role, c.email, format_phone(c.phone),
                             c.notes.replace("\n", " · ")] for c in self._contacts],
                           [c.id for c in self._contacts])
        header = self.table.horizontalHeader()
        for col, width in enumerate((180, 130, 200, 130)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        has = bool(self._contacts)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _current(self):
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else (0 if self._contacts else -1)
        return self._contacts[row] if 0 <= row < len(self._contacts) else None

    def add(self) -> None:
        dialog = ContactDialog(self.customer_id, None, self, self._service)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def edit(self) -> None:
        contact = self._current()
        if contact is None:
            return
        dialog = ContactDialog(self.customer_id, contact, self, self._service)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def remove(self) -> None:
        contact = self._current()
        if contact is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Retirer le contact"),
            self.tr("Retirer « %1 » des contacts de ce client ?").replace("%1", contact.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.delete_contact(contact.id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Retirer le contact"), str(exc))
        self.reload()
        self.changed.emit()
