"""Fichier ▸ Changer d'opérateur: who works now, and the name their letters are signed with."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from rcdesk.core.errors import ValidationError
from rcdesk.services.settings import list_operators, operator_name, set_current_operator
from rcdesk.ui.forms import ErrorLine, dialog_buttons


class OperatorDialog(QDialog):
    """An editable list of the known operators (type a new login to add one) and their
    display name. Accepting makes the chosen login the current operator."""

    def __init__(self, current: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changer d'opérateur"))
        self.setMinimumWidth(380)
        self.login = QComboBox(self)
        self.login.setEditable(True)
        self.login.addItems(list_operators())
        self.login.setCurrentText(current)
        self.login.setCompleter(None)  # Entrée confirms what is typed, never a completion first
        self.display = QLineEdit(self)
        self._display_typed = False  # once the user types a name, changing the login keeps it
        self.display.textEdited.connect(lambda _text: setattr(self, "_display_typed", True))
        self.display.setPlaceholderText(self.tr("ex. Sophie Martin"))
        self.display.setMaxLength(100)
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("&Qui travaille maintenant ?"), self.login)
        form.addRow(self.tr("&Nom dans les courriers"), self.display)
        buttons = dialog_buttons(self, self.tr("Valider"), QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.login.currentTextChanged.connect(self._fill_display)
        self._fill_display(current)
        self.login.lineEdit().selectAll()
        self.login.setFocus()

    def _fill_display(self, login: str) -> None:
        """A known operator's display name; empty for a new login (the login is used)."""
        if self._display_typed:
            return
        login = login.strip()
        known = login in list_operators()
        name = operator_name(login) if known else ""
        self.display.setText("" if name == login else name)

    def accept(self) -> None:
        try:
            set_current_operator(self.login.currentText(), self.display.text())
        except ValidationError as exc:
            self.error.show_error(
                exc.message, self.display if exc.field == "display_name" else self.login)
            return
        super().accept()
