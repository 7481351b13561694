"""Add or edit a customer: every field, the refusal shown by its field, what was typed kept."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, parse_user_date
from rcdesk.services import customers as customers_service
from rcdesk.services.settings import format_phone
from rcdesk.ui.customers.choices import (
    CHANNELS,
    CIVILITIES,
    COUNTRIES,
    KINDS,
    STATUSES,
    field_label,
)
from rcdesk.ui.customers.duplicates import DuplicatesDialog
from rcdesk.ui.customers.referrer import ReferrerEdit
from rcdesk.ui.forms import ErrorLine, dialog_buttons, save_checking_version, with_error_line

DATE_FIELDS = ("birth_date", "consent_date")
FIELD_ERROR_STYLE = "border: 1px solid #b00020;"

IDENTITY = ("kind", "status", "civility", "last_name", "first_name", "company_name", "legal_id",
            "birth_date")
CONTACT = ("email", "email2", "phone", "phone2", "address", "postal_code", "city", "region",
           "country")
MARKETING = ("segments", "source", "preferred_channel", "consent", "consent_date", "consent_how",
             "referred_by_id", "external_id")


class CustomerFormDialog(QDialog):
    """Creates (customer_id None) or edits one customer through the services.

    After accept(), saved_id holds the customer's id. When the user chooses to open an
    existing record from the duplicate warning, the dialog is rejected and existing_id is set."""

    def __init__(self, context=None, customer_id: int | None = None, parent=None,
                 service=customers_service):
        super().__init__(parent)
        self.context = context
        self._service = service
        self.customer_id = customer_id
        self.saved_id: int | None = None
        self.existing_id: int | None = None
        self.loaded = None  # the customer as read (its version): what a save writes over
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLine] = {}
        self._labels: list[QLabel] = []
        self._country = context.company().country if context is not None else "FR"
        self.setWindowTitle(self.tr("Modifier le client") if customer_id else
                            self.tr("Nouveau client"))
        self._build()
        if customer_id:
            self.loaded = service.get_customer(customer_id)
            self.load(self.loaded)
        self._on_kind_changed()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self._group(self.tr("Identité"), IDENTITY), 0, 0)
        grid.addWidget(self._group(self.tr("Coordonnées"), CONTACT), 0, 1)
        grid.addWidget(self._group(self.tr("Marketing"), MARKETING), 1, 0)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        self.fields["notes"] = notes
        box = QGroupBox(self.tr("Notes"))
        QVBoxLayout(box).addWidget(self._with_error("notes", notes))
        grid.addWidget(box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(width)  # the two columns of labels line up

        self.buttons = dialog_buttons(self)
        self.general_error = ErrorLine()

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.fields["kind"].currentIndexChanged.connect(self._on_kind_changed)
        self.fields["last_name"].setFocus()
        self.resize(960, 560)

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            widget = self._make_field(name)
            self.fields[name] = widget
            label = QLabel(field_label(name))
            self._labels.append(label)
            label.setBuddy(widget)
            form.addRow(label, self._with_error(name, widget))
        return box

    def _make_field(self, name: str) -> QWidget:
        if name in ("kind", "status", "civility", "preferred_channel"):
            combo = QComboBox()
            values = {"kind": KINDS, "status": STATUSES, "civility": CIVILITIES,
                      "preferred_channel": ("",) + CHANNELS}[name]
            for value in values:
                combo.addItem(value, value)
            return combo
        if name == "country":
            combo = QComboBox()
            for code, label in COUNTRIES:
                combo.addItem(self.tr(label), code)
            combo.insertSeparator(2)  # France, Maroc, then every country (type to jump)
            combo.setMaxVisibleItems(20)
            combo.setCurrentIndex(max(0, combo.findData(self._country)))
            return combo
        if name == "consent":
            return QCheckBox(self.tr("accepte de recevoir nos offres"))
        if name == "referred_by_id":
            return ReferrerEdit(self._service)
        edit = QLineEdit()
        if name in DATE_FIELDS:
            edit.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        elif name == "segments":
            edit.setPlaceholderText(self.tr("séparés par des virgules"))
        elif name in ("phone", "phone2"):
            edit.setPlaceholderText(self.tr("ex. 06 12 34 56 78"))
        edit.setClearButtonEnabled(False)
        return edit

    def _with_error(self, name: str, widget: QWidget) -> QWidget:
        holder, self.errors[name] = with_error_line(widget, name)
        return holder

    def _on_kind_changed(self) -> None:
        professional = self.fields["kind"].currentData() == "professionnel"
        for name in ("company_name", "legal_id"):
            self.fields[name].setEnabled(professional or bool(self._text(name)))

    # --- values ------------------------------------------------------------------------

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        return widget.text()

    def load(self, data) -> None:
        """Fills the widgets from a CustomerData."""
        for name, widget in self.fields.items():
            value = getattr(data, name)
            if isinstance(widget, ReferrerEdit):
                widget.set_customer(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value or "")
                if index < 0 and value:
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            elif name in DATE_FIELDS:
                widget.setText(format_date(value) if value else "")
            elif name == "segments":
                widget.setText(", ".join(value or []))
            elif name in ("phone", "phone2"):
                widget.setText(format_phone(value or ""))
            else:
                widget.setText("" if value is None else str(value))

    def collect(self):
        """The typed values as CustomerData; dates that cannot be read raise ValidationError."""
        values = {}
        known = {f.name for f in dataclass_fields(self._service.CustomerData)}
        for name, widget in self.fields.items():
            if name not in known:
                continue
            if isinstance(widget, ReferrerEdit):
                values[name] = widget.customer_id()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif name in DATE_FIELDS:
                text = self._text(name).strip()
                try:
                    values[name] = parse_user_date(text) if text else None
                except ValueError as exc:
                    raise ValidationError(name, str(exc)) from exc
            elif name == "segments":
                values[name] = [s.strip() for s in self._text(name).split(",") if s.strip()]
            elif name == "external_id":
                values[name] = self._text(name).strip() or None
            else:
                values[name] = self._text(name)
        if self.customer_id and "id" in known:
            values["id"] = self.customer_id
        return self._service.CustomerData(**values)

    # --- errors ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear_error()
            self.fields[name].setStyleSheet("")
        self.general_error.hide()

    def show_error(self, field: str, message: str) -> None:
        """Puts message under its field (or at the bottom) and moves the cursor there."""
        label = self.errors.get(field)
        if label is None:
            self.general_error.show_error(message)
            return
        widget = self.fields[field]
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setStyleSheet(FIELD_ERROR_STYLE)
        widget.setEnabled(True)
        label.show_error(message, widget)

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    # --- saving ------------------------------------------------------------------------

    def accept(self) -> None:
        self.clear_errors()
        try:
            data = self._service.validate_customer(self.collect())
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        if not self.customer_id and not self._confirm_not_duplicate(data):
            return
        try:
            if self.customer_id:
                if not save_checking_version(self, lambda base: self._service.update_customer(
                        self.customer_id, replace(data, version=base.version), original=base),
                        self.loaded, self.reload):
                    return
                self.saved_id = self.customer_id
            else:
                self.saved_id = self._service.create_customer(data)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except ServiceError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        if self.context is not None:
            self.context.data_changed.emit("customers")
        super().accept()

    def reload(self, stored) -> None:
        """The stored customer in the form (what was typed is replaced), its version kept."""
        self.loaded = stored
        self.clear_errors()
        self.load(stored)
        self._on_kind_changed()

    def _confirm_not_duplicate(self, data) -> bool:
        hits = self._service.find_duplicates(data)
        if not hits:
            return True
        dialog = DuplicatesDialog(hits, self)
        choice = dialog.exec()
        if choice == DuplicatesDialog.OPEN and dialog.selected_id() is not None:
            self.existing_id = dialog.selected_id()
            super().reject()
            return False
        return choice == DuplicatesDialog.CREATE_ANYWAY


def edit_customer_dialog(*, parent, context, customer_id: int | None = None) -> QDialog:
    """The form, modal, Escape cancels; returns it so the caller reads saved_id/existing_id."""
    dialog = CustomerFormDialog(context, customer_id, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog
