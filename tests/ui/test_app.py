"""Application set-up: names for QSettings, Qt's own texts in French."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from rcdesk.ui.app import configure_application


def test_application_names_and_french_standard_buttons(qapp):
    configure_application(qapp)
    assert (qapp.organizationName(), qapp.applicationName()) == ("rcdesk", "rcdesk")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No
                           | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Oui", "Non", "Annuler"}
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
