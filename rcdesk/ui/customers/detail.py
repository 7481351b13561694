"""One customer's file: identity, contact, purchases, interactions, and the actions on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services import customers as customers_service
from rcdesk.services.formatting import format_date, format_money
from rcdesk.services.settings import format_phone
from rcdesk.ui.customers import operations
from rcdesk.ui.customers.choices import field_label
from rcdesk.ui.customers.entries import InteractionDialog, PurchaseDialog, local_text

IDENTITY = ("kind", "status", "civility", "last_name", "first_name", "company_name", "legal_id",
            "birth_date", "external_id")
CONTACT = ("email", "email2", "phone", "phone2", "address", "postal_code", "city", "region",
           "country", "preferred_channel")
MARKETING = ("segments", "source", "consent", "consent_date", "consent_how", "referred_by_id",
             "notes")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CustomerDetailDialog(QDialog):
    """Shows one customer; edits, deletes, anonymises and exports through operations.

    changed is emitted after any write so the list refreshes; deleted closes the view."""

    changed = Signal(int)

    def __init__(self, context, customer_id: int, parent=None, service=customers_service):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self._service = service
        self._currency = context.company().currency if context is not None else "EUR"
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.identity = QFormLayout()
        self.contact = QFormLayout()
        self.marketing = QFormLayout()
        for title, form in ((self.tr("Identité"), self.identity),
                            (self.tr("Coordonnées"), self.contact),
                            (self.tr("Marketing"), self.marketing)):
            page = QWidget()
            page.setLayout(form)
            self.tabs.addTab(page, title)
        self.purchases = _table([self.tr("Date"), self.tr("Montant"), self.tr("Canal"),
                                 self.tr("Référence")])
        self.interactions = _table([self.tr("Date"), self.tr("Canal"), self.tr("Sens"),
                                    self.tr("Étape"), self.tr("Objet"), self.tr("Suite donnée"),
                                    self.tr("Relance"), self.tr("Par")])
        self.add_purchase_button = QPushButton(self.tr("Ajouter un &achat…"))
        self.add_interaction_button = QPushButton(self.tr("Ajouter une &interaction…"))
        self.add_purchase_button.clicked.connect(self.add_purchase)
        self.add_interaction_button.clicked.connect(self.add_interaction)
        self.tabs.addTab(self._with_button(self.purchases, self.add_purchase_button),
                         self.tr("Achats"))
        self.tabs.addTab(self._with_button(self.interactions, self.add_interaction_button),
                         self.tr("Interactions"))

        self.edit_button = QPushButton(self.tr("&Modifier…"))
        self.export_button = QPushButton(self.tr("&Exporter ses données (RGPD)…"))
        self.anonymise_button = QPushButton(self.tr("A&nonymiser…"))
        self.delete_button = QPushButton(self.tr("&Supprimer…"))
        self.close_button = QPushButton(self.tr("&Fermer"))
        self.close_button.setDefault(True)
        self.edit_button.clicked.connect(self.edit)
        self.export_button.clicked.connect(self.export_data)
        self.anonymise_button.clicked.connect(self.anonymise)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.export_button, self.anonymise_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(860, 560)
        self.reload()

    @staticmethod
    def _with_button(table: QTableWidget, button: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table)
        return page

    # --- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        svc = self._service
        data = svc.get_customer(self.customer_id)
        self.data = data
        name = svc.display_name(data.first_name, data.last_name, data.company_name, data.kind)
        self.setWindowTitle(self.tr("Fiche client — %1").replace("%1", name))
        self.title.setText(f"<h2>{_escape(name)}</h2>")
        for form, names in ((self.identity, IDENTITY), (self.contact, CONTACT),
                            (self.marketing, MARKETING)):
            while form.rowCount():
                form.removeRow(0)
            for field in names:
                value = QLabel(self._value_text(field, getattr(data, field, None)))
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                form.addRow(field_label(field) + " :", value)
        self._fill_purchases(svc.list_purchases(self.customer_id))
        self._fill_interactions(svc.list_interactions(self.customer_id))
        self.summary.setText(self._summary_text(data))

    def _summary_text(self, data) -> str:
        parts = [data.kind, data.status]
        rfm = self._rfm()
        if rfm:
            parts.append(self.tr("segment RFM : %1").replace("%1", rfm))
        count = self.purchases.rowCount()
        parts.append(self.tr("%n achat(s)", "", count))
        if count:
            parts.append(self.tr("total %1").replace("%1", format_money(self._total_cents,
                                                                        self._currency)))
        return " · ".join(p for p in parts if p)

    def _rfm(self) -> str:
        score = self._service.rfm(self.customer_id)
        return f"{score.label} ({score.code})" if score is not None else ""

    def _value_text(self, field: str, value) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("oui") if value else self.tr("non")
        if field in ("birth_date", "consent_date"):
            return format_date(value)
        if field in ("phone", "phone2"):
            return format_phone(value)
        if field == "segments":
            return ", ".join(value) or "—"
        if field == "referred_by_id":
            ref = self._service.get_customer(value)
            return self._service.display_name(ref.first_name, ref.last_name, ref.company_name,
                                              ref.kind)
        return str(value)

    def _fill_purchases(self, rows) -> None:
        self.purchases.setRowCount(len(rows))
        self._total_cents = 0
        for i, row in enumerate(rows):
            self._total_cents += row.amount_cents
            self.purchases.setItem(i, 0, _item(format_date(row.date)))
            self.purchases.setItem(i, 1, _item(format_money(row.amount_cents, self._currency),
                                               right=True))
            self.purchases.setItem(i, 2, _item(row.channel))
            self.purchases.setItem(i, 3, _item(row.reference))
        self._fit(self.purchases)

    def _fill_interactions(self, rows) -> None:
        self.interactions.setRowCount(len(rows))
        for i, row in enumerate(rows):
            at = local_text(row.at)
            cells = [at, row.channel, row.direction, row.step, row.subject, row.outcome,
                     format_date(row.follow_up), getattr(row, "operator", "")]
            for col, text in enumerate(cells):
                item = _item(text or "")
                if col == 5 and text:
                    item.setToolTip(text)
                self.interactions.setItem(i, col, item)
        self._fit(self.interactions)

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for col in range(table.columnCount() - 1):
            if header.sectionSize(col) > 260:
                header.resizeSection(col, 260)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    # --- actions -----------------------------------------------------------------------

    def _changed(self) -> None:
        if self.context is not None:
            self.context.data_changed.emit("customers")
        self.changed.emit(self.customer_id)

    def add_purchase(self) -> None:
        dialog = PurchaseDialog(self.customer_id, self, self._service)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self._changed()

    def add_interaction(self) -> None:
        dialog = InteractionDialog(self.customer_id, self, self._service)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self._changed()

    def edit(self) -> None:
        from rcdesk.ui.customers.form import CustomerFormDialog

        dialog = CustomerFormDialog(self.context, self.customer_id, self, self._service)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit(self.customer_id)

    def export_data(self) -> None:
        operations.export_customer_data(parent=self, customer_id=self.customer_id,
                                        service=self._service)

    def anonymise(self) -> None:
        if operations.anonymise_customer(parent=self, customer_id=self.customer_id,
                                         context=self.context, service=self._service):
            self.reload()
            self.changed.emit(self.customer_id)

    def delete(self) -> None:
        if operations.delete_customer(parent=self, customer_id=self.customer_id,
                                      context=self.context, service=self._service):
            self.changed.emit(self.customer_id)
            self.done(QDialog.DialogCode.Rejected)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
