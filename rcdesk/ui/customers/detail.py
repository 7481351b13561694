"""One customer's file: identity, contact, purchases, interactions, and the actions on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, format_money
from rcdesk.services import customers as customers_service
from rcdesk.services.customers.vocabulary import country_name
from rcdesk.services.settings import format_phone
from rcdesk.ui.customers import operations
from rcdesk.ui.customers.choices import field_label
from rcdesk.ui.customers.contacts import ContactsPage
from rcdesk.ui.customers.entries import InteractionDialog, PurchaseDialog, local_text
from rcdesk.ui.customers.rows_model import RowsModel
from rcdesk.ui.forms import read_only_rows, shortcut
from rcdesk.ui.worker import ServiceWorker

IDENTITY = ("kind", "status", "civility", "last_name", "first_name", "company_name", "legal_id",
            "birth_date", "external_id")
CONTACT = ("email", "email2", "phone", "phone2", "address", "postal_code", "city", "region",
           "country", "preferred_channel")
MARKETING = ("segments", "source", "consent", "consent_date", "consent_how", "referred_by_id",
             "notes")


def _table(model: RowsModel) -> QTableView:
    table = read_only_rows(QTableView())
    table.setModel(model)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


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
        # The persons to ask for at a company (imported from Odoo, SuiteCRM... or typed here).
        self.contacts_page = ContactsPage(customer_id, self)
        self.contacts_page.changed.connect(self._contacts_changed)
        self.tabs.addTab(self.contacts_page, "")
        self.purchase_rows = RowsModel([self.tr("Date"), self.tr("Nature"), self.tr("Montant"),
                                        self.tr("Canal"), self.tr("Référence")], right=(2,),
                                       parent=self)
        self.interaction_rows = RowsModel([self.tr("Date"), self.tr("Canal"), self.tr("Sens"),
                                           self.tr("Étape"), self.tr("Objet"),
                                           self.tr("Suite donnée"), self.tr("Relance"),
                                           self.tr("Par")], parent=self)
        self.history_rows = RowsModel([self.tr("Quand"), self.tr("Par"), self.tr("Quoi")],
                                      parent=self)
        self.purchases = _table(self.purchase_rows)
        self.interactions = _table(self.interaction_rows)
        self.history = _table(self.history_rows)
        self._rfm_text = ""
        self._rfm_worker = None
        self.add_purchase_button = QPushButton(self.tr("Ajouter un &achat…"))
        self.add_interaction_button = QPushButton(self.tr("Ajouter une &interaction…"))
        self.add_purchase_button.clicked.connect(self.add_purchase)
        self.add_interaction_button.clicked.connect(self.add_interaction)
        # Corrections: Entrée or double-click edits the row, Suppr deletes it (confirmed).
        self.edit_purchase_button = QPushButton(self.tr("Corri&ger…"))
        self.delete_purchase_button = QPushButton(self.tr("Supprimer l'achat…"))
        self.edit_interaction_button = QPushButton(self.tr("Corri&ger…"))
        self.delete_interaction_button = QPushButton(self.tr("Supprimer l'interaction…"))
        self.edit_purchase_button.clicked.connect(self.edit_purchase)
        self.delete_purchase_button.clicked.connect(self.delete_purchase)
        self.edit_interaction_button.clicked.connect(self.edit_interaction)
        self.delete_interaction_button.clicked.connect(self.delete_interaction)
        self.purchases.activated.connect(lambda _index: self.edit_purchase())
        self.interactions.activated.connect(lambda _index: self.edit_interaction())
        shortcut(self.purchases, QKeySequence.StandardKey.Delete, self.delete_purchase)
        shortcut(self.interactions, QKeySequence.StandardKey.Delete, self.delete_interaction)
        self.tabs.addTab(self._with_button(self.purchases, self.add_purchase_button,
                                           self.edit_purchase_button,
                                           self.delete_purchase_button),
                         self.tr("Achats et avoirs"))
        self.tabs.addTab(self._with_button(self.interactions, self.add_interaction_button,
                                           self.edit_interaction_button,
                                           self.delete_interaction_button),
                         self.tr("Interactions"))
        self.tabs.addTab(self.history, self.tr("&Historique"))
        self.history.setToolTip(self.tr("Corrections et suppressions d'achats et "
                                        "d'interactions : qui, quand, quoi."))
        # The pages other areas add (context.customer_pages, registered by the main window).
        for make_page in context.customer_pages if context is not None else ():
            page = make_page(context, customer_id, self)
            if page is not None:
                self.tabs.addTab(page[1], page[0])

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
        self.resize(1000, 560)  # every area's page in the tab bar, no scrolling
        self.reload()

    @staticmethod
    def _with_button(table: QTableView, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        for button in buttons:
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
                value = QLabel(self._value_text(field, getattr(data, field)))
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                form.addRow(field_label(field) + " :", value)
        self._contacts_title()
        self._fill_purchases(svc.list_purchases(self.customer_id))
        self._fill_interactions(svc.list_interactions(self.customer_id))
        lines = svc.customer_history(self.customer_id)
        self.history_rows.set_rows([[local_text(h.at), h.who, h.what] for h in lines],
                                   list(range(len(lines))))
        self._fit(self.history)
        self.summary.setText(self._summary_text(data))
        self._start_rfm()

    def _summary_text(self, data) -> str:
        parts = [data.kind, data.status]
        if self._rfm_text:
            parts.append(self.tr("profil d'achat : %1").replace("%1", self._rfm_text))
        count = self._sales_count
        parts.append(self.tr("%n achat(s)", "", count))
        if count:
            parts.append(self.tr("total %1").replace("%1", format_money(self._total_cents,
                                                                        self._currency)))
        return " · ".join(p for p in parts if p)

    def _start_rfm(self) -> None:
        """RFM quintiles rank the whole file (about 0.5 s the first time): off the GUI thread."""
        if self._rfm_worker is not None:
            return
        self._rfm_worker = ServiceWorker(self._service.rfm, self.customer_id,
                                         with_progress=False)
        self._rfm_worker.signals.sig_done.connect(self._rfm_done)
        self._rfm_worker.signals.sig_failed.connect(lambda _message: self._rfm_done(None))
        self._rfm_worker.start()

    def _rfm_done(self, score) -> None:
        self._rfm_worker = None
        self._rfm_text = score.label if score is not None else ""
        self.summary.setToolTip(score.explanation if score is not None else "")
        self.summary.setText(self._summary_text(self.data))

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
        if field == "country":
            return f"{country_name(value)} ({value})"
        if field == "referred_by_id":
            ref = self._service.get_customer(value)
            return self._service.display_name(ref.first_name, ref.last_name, ref.company_name,
                                              ref.kind)
        return str(value)

    def _fill_purchases(self, rows) -> None:
        self._total_cents = sum(row.amount_cents for row in rows)
        self._sales_count = sum(1 for row in rows if not self._service.is_refund(row.amount_cents))
        self.purchase_rows.set_rows(
            [[format_date(r.date),
              self.tr("Avoir") if self._service.is_refund(r.amount_cents) else self.tr("Achat"),
              format_money(r.amount_cents, self._currency), r.channel,
              r.reference] for r in rows], [r.id for r in rows])
        self._fit(self.purchases)

    def _fill_interactions(self, rows) -> None:
        self.interaction_rows.set_rows(
            [[local_text(r.at), r.channel, r.direction, r.step, r.subject, r.outcome,
              format_date(r.follow_up), r.operator] for r in rows], [r.id for r in rows])
        self._fit(self.interactions)

    @staticmethod
    def _fit(table: QTableView) -> None:
        """Columns sized on the first rows (not all of a long history), 260 px at most."""
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        model = table.model()
        for col in range(model.columnCount()):
            texts = [model.headerData(col, Qt.Orientation.Horizontal)]
            texts += [model.text(r, col) for r in range(min(model.rowCount(), 50))]
            width = max(metrics.horizontalAdvance(t or "") for t in texts) + 18
            header.resizeSection(col, min(width, 260))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _contacts_title(self) -> None:
        count = self.contacts_page.rows.rowCount()
        self.tabs.setTabText(self.tabs.indexOf(self.contacts_page),
                             self.tr("Contacts (%1)").replace("%1", str(count)) if count
                             else self.tr("Contacts"))

    def _contacts_changed(self) -> None:
        self._contacts_title()
        self._changed()

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

    @staticmethod
    def _current_id(table: QTableView) -> int | None:
        index = table.currentIndex()
        return table.model().id_at(index.row()) if index.isValid() else None

    def edit_purchase(self) -> None:
        pid = self._current_id(self.purchases)
        if pid is None:
            return
        dialog = PurchaseDialog(self.customer_id, self, self._service,
                                purchase=self._service.get_purchase(pid))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self._changed()

    def delete_purchase(self) -> None:
        pid = self._current_id(self.purchases)
        if pid is not None and operations.delete_purchase(
                parent=self, purchase_id=pid, context=self.context, service=self._service):
            self.reload()
            self.changed.emit(self.customer_id)

    def edit_interaction(self) -> None:
        iid = self._current_id(self.interactions)
        if iid is None:
            return
        dialog = InteractionDialog(self.customer_id, self, self._service,
                                   interaction=self._service.get_interaction(iid))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self._changed()

    def delete_interaction(self) -> None:
        iid = self._current_id(self.interactions)
        if iid is not None and operations.delete_interaction(
                parent=self, interaction_id=iid, context=self.context, service=self._service):
            self.reload()
            self.changed.emit(self.customer_id)

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
