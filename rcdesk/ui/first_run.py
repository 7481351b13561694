"""A new base: the short set-up (the company, its country, who signs the letters), the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QMessageBox

from rcdesk.core.errors import ServiceError
from rcdesk.services.settings import (
    CompanyProfile,
    checked_display_name,
    current_operator,
    letter_signer,
    needs_first_run,
    set_current_operator,
)
from rcdesk.ui.settings_dialog import CompanySettingsDialog


class FirstRunDialog(CompanySettingsDialog):
    """Company name, country (the currency and the public holidays follow), SIRET or ICE,
    address, phone, e-mail, logo, and the operator's name as letters are signed with it.

    « Plus tard » skips it (Échap too); Fichier ▸ Premier réglage… opens it again."""

    def __init__(self, profile: CompanyProfile, parent=None):
        super().__init__(profile, parent)
        self.setWindowTitle(self.tr("Bienvenue dans rcdesk"))
        intro = QLabel(self.tr(
            "<b>Premier réglage</b> — ces informations figurent sur les courriers aux clients "
            "(accusés de réception, réponses). Seul le nom est obligatoire ; tout se modifie "
            "ensuite dans Fichier ▸ Paramètres de l'entreprise."), self)
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        # the currency follows the country, the delay keeps its 5 working days: not asked here
        self.form.labelForField(self.country.parentWidget()).setText(
            self.tr("Pays (devise et jours fériés)"))
        for widget in (self.currency, self.deadline):
            self.form.setRowVisible(widget.parentWidget(), False)
        self.signer = QLineEdit(letter_signer(), self)
        self.signer.setObjectName("signer")
        self.signer.setPlaceholderText(self.tr("ex. Sophie Martin (vide : l'entreprise signe)"))
        self.signer.setMaxLength(100)
        self._row(self.form, self.tr("Votre nom sur les courriers"), "display_name", self.signer)
        QLineEdit.setTabOrder(self.email, self.signer)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        ok.setText(self.tr("Enregistrer"))
        later = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        later.setText(self.tr("Plus tard"))
        self.name.setFocus()

    def _save(self, base: CompanyProfile) -> None:
        checked_display_name(self.signer.text())  # refused before the company is written
        super()._save(base)
        set_current_operator(current_operator(), self.signer.text())


def open_demo(window, customers: int = 500) -> bool:
    """Switch window to the demonstration company, in its own file in the data folder
    (demonstration.db, filled the first time); the base in use is left as it is and reopened
    from Fichier ▸ Ouvrir. False when refused (said in a message box)."""
    from rcdesk.paths import data_dir
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.demo import make_demo

    if not window.switch_database(str(data_dir() / "demonstration.db")):
        return False
    if not needs_first_run():
        return True  # made on an earlier day
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        make_demo(DemoOptions(customers=customers))
    except ServiceError as exc:
        QMessageBox.warning(window, window.tr("Démonstration"), str(exc))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    window.switch_database(window.target, rebuild=True)  # the tabs show the new data
    return True
