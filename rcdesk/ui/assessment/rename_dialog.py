"""The "Renommer l'organisation" dialog: one name field, a refusal shown under it, kept open."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.services.assessment import orgs as orgs
from rcdesk.ui.forms import ErrorLine, dialog_buttons


class RenameOrganisationDialog(QDialog):
    """Enter renames (through the service), Escape cancels. A refused name (empty, another
    organisation's) is explained under the field; the dialog stays open with what was typed."""

    def __init__(self, organisation: orgs.OrganisationInfo, parent=None):
        super().__init__(parent)
        self.organisation = organisation
        self.renamed: orgs.OrganisationInfo | None = None
        self.setWindowTitle(self.tr("Renommer l'organisation"))
        self.setMinimumWidth(420)
        label = QLabel(self.tr("&Nouveau nom de « %1 » :").replace("%1", organisation.name))
        label.setWordWrap(True)
        self.name = QLineEdit(organisation.name)
        self.name.setObjectName("name")
        self.name.setMaxLength(orgs.MAX_NAME + 50)  # the service explains a name too long
        self.name.selectAll()
        label.setBuddy(self.name)
        self.error = ErrorLine(self, "error")
        self.buttons = dialog_buttons(self, self.tr("Renommer"),
                                      QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.name.textEdited.connect(lambda _text: self.show_error(""))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        if message:
            self.error.show_error(message)
        else:
            self.error.clear_error()
        self.name.setAccessibleDescription(message)

    def accept(self) -> None:
        try:
            self.renamed = orgs.rename_organisation(self.organisation.id, self.name.text())
        except (ValidationError, ServiceError) as exc:
            self.show_error(str(exc))
            self.name.setFocus()
            self.name.selectAll()
            return
        super().accept()
