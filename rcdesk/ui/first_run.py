"""The short set-up of a new base: the company, its country, and who signs the letters."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from rcdesk.core.errors import ValidationError
from rcdesk.services.settings import (
    CompanyProfile,
    current_operator,
    letter_signer,
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
        super()._save(base)
        try:
            set_current_operator(current_operator(), self.signer.text())
        except ValidationError as exc:
            raise ValidationError("display_name", exc.message) from exc
