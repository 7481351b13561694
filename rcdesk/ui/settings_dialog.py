"""Fichier ▸ Paramètres de l'entreprise: the company profile, checked field by field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ValidationError
from rcdesk.services.settings import (
    COUNTRIES,
    CURRENCIES,
    DEFAULT_CURRENCY,
    CompanyProfile,
    check_logo,
    format_phone,
    save_company,
)
from rcdesk.ui.forms import (
    CtrlReturnAccepts,
    ErrorLine,
    dialog_buttons,
    save_checking_version,
    with_error_line,
)


class CompanySettingsDialog(CtrlReturnAccepts, QDialog):
    """Edits the profile; a refused field shows its message beneath it and keeps the text."""

    def __init__(self, profile: CompanyProfile, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paramètres de l'entreprise"))
        self.setMinimumWidth(560)
        self.profile = profile
        self._logo = profile.logo
        self._errors: dict[str, ErrorLine] = {}
        self._inputs: dict[str, QWidget] = {}

        self.name = QLineEdit(profile.name)
        self.country = QComboBox()
        for code, label in COUNTRIES.items():
            self.country.addItem(self.tr(label), code)
        self.country.setCurrentIndex(max(0, self.country.findData(profile.country)))
        self.legal_id = QLineEdit(profile.legal_id)
        self.address = QPlainTextEdit(profile.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.postal_code = QLineEdit(profile.postal_code)
        self.postal_code.setMaximumWidth(110)
        self.city = QLineEdit(profile.city)
        self.phone = QLineEdit(format_phone(profile.phone))
        self.email = QLineEdit(profile.email)
        self.currency = QComboBox()
        for code, symbol in CURRENCIES.items():
            self.currency.addItem(f"{code} ({symbol})", code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(profile.currency)))
        self.deadline = QSpinBox()
        self.deadline.setRange(1, 60)
        self.deadline.setValue(profile.complaint_deadline_days)
        self.deadline.setSuffix(self.tr(" jours ouvrés"))
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(140, 56)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #bbb; background: white;")
        self.logo_choose = QPushButton(self.tr("Choisir…"))
        self.logo_clear = QPushButton(self.tr("Retirer"))
        self.logo_choose.clicked.connect(self.choose_logo)
        self.logo_clear.clicked.connect(self.clear_logo)
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview)
        logo_layout.addWidget(self.logo_choose)
        logo_layout.addWidget(self.logo_clear)
        logo_layout.addStretch()
        self._show_logo()

        self.form = form = QFormLayout()
        self.legal_id_label = QLabel()
        self._row(form, self.tr("Nom de l'entreprise *"), "name", self.name)
        self._row(form, self.tr("Pays"), "country", self.country)
        self._row(form, self.legal_id_label, "legal_id", self.legal_id)
        self._row(form, self.tr("Adresse"), "address", self.address)
        self._row(form, self.tr("Code postal"), "postal_code", self.postal_code)
        self._row(form, self.tr("Ville"), "city", self.city)
        self._row(form, self.tr("Téléphone"), "phone", self.phone)
        self._row(form, self.tr("E-mail"), "email", self.email)
        self._row(form, self.tr("Devise"), "currency", self.currency)
        self._row(form, self.tr("Délai de réponse aux réclamations"), "complaint_deadline_days",
                  self.deadline)
        self._row(form, self.tr("Logo"), "logo", logo_row)

        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.country.currentIndexChanged.connect(self._country_changed)
        self._update_legal_label()
        self.name.setFocus()

    def _row(self, form: QFormLayout, label, key: str, widget: QWidget) -> None:
        box, error = with_error_line(widget, key)
        form.addRow(label, box)
        self._errors[key] = error
        self._inputs[key] = widget

    def _country_changed(self) -> None:
        code = self.country.currentData()
        self.currency.setCurrentIndex(self.currency.findData(DEFAULT_CURRENCY[code]))
        self._update_legal_label()

    def _update_legal_label(self) -> None:
        france = self.country.currentData() == "FR"
        self.legal_id_label.setText(self.tr("SIRET") if france else self.tr("ICE"))
        self.legal_id.setPlaceholderText(self.tr("14 chiffres") if france
                                         else self.tr("15 chiffres"))

    # --- logo -------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choisir le logo"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> bool:
        self.clear_error("logo")
        try:
            data = Path(path).read_bytes()
            check_logo(data)
        except OSError as exc:
            self.show_error("logo", self.tr("Le fichier ne peut pas être lu : %1")
                            .replace("%1", exc.strerror or str(exc)))
            return False
        except ValidationError as exc:
            self.show_error("logo", exc.message)
            return False
        self._logo = data
        self._show_logo()
        return True

    def clear_logo(self) -> None:
        self._logo = None
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(pixmap.scaled(
                self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("aucun logo"))
        self.logo_clear.setEnabled(self._logo is not None)

    # --- saving -------------------------------------------------------------------------

    def entered_profile(self) -> CompanyProfile:
        return self.profile.with_changes(
            name=self.name.text(), legal_id=self.legal_id.text(),
            address=self.address.toPlainText(), postal_code=self.postal_code.text(),
            city=self.city.text(), phone=self.phone.text(), email=self.email.text(),
            country=self.country.currentData(), currency=self.currency.currentData(),
            complaint_deadline_days=self.deadline.value(), logo=self._logo)

    def show_error(self, field: str, message: str) -> None:
        label = self._errors.get(field) or self._errors["name"]
        label.show_error(message, self._inputs.get(field))

    def clear_error(self, field: str) -> None:
        self._errors[field].clear_error()

    def error_text(self, field: str) -> str:
        """The message shown under field ("" when none)."""
        return self._errors[field].text()

    def reload(self, stored: CompanyProfile) -> None:
        """The stored profile in the form (what was typed is replaced), its version kept."""
        for field in self._errors:
            self.clear_error(field)
        self.profile = stored
        self.name.setText(stored.name)
        self.country.setCurrentIndex(max(0, self.country.findData(stored.country)))
        self.legal_id.setText(stored.legal_id)
        self.address.setPlainText(stored.address)
        self.postal_code.setText(stored.postal_code)
        self.city.setText(stored.city)
        self.phone.setText(format_phone(stored.phone))
        self.email.setText(stored.email)
        self.currency.setCurrentIndex(max(0, self.currency.findData(stored.currency)))
        self.deadline.setValue(stored.complaint_deadline_days)
        self._logo = stored.logo
        self._show_logo()

    def _save(self, base: CompanyProfile) -> None:
        self.profile = save_company(self.entered_profile().with_changes(version=base.version),
                                    original=base)

    def accept(self) -> None:
        for field in self._errors:
            self.clear_error(field)
        try:
            if not save_checking_version(self, self._save, self.profile, self.reload):
                return
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        super().accept()
