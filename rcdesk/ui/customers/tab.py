"""The Clients tab: the customer file searched as you type, filters, and the actions on it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_number
from rcdesk.services import customers as customers_service
from rcdesk.ui.customers import operations
from rcdesk.ui.customers.choices import KINDS, STATUSES
from rcdesk.ui.customers.empty_state import EmptyFilePanel
from rcdesk.ui.customers.list_view import CustomerListView
from rcdesk.ui.customers.model import CustomerTableModel


def count_text(total: int) -> str:
    """"1 client", "2 000 clients" (numbers grouped the French way)."""
    number = format_number(total, 0)
    if total <= 1:
        return QCoreApplication.translate("customers", "%1 client").replace("%1", number)
    return QCoreApplication.translate("customers", "%1 clients").replace("%1", number)


class CustomersTab(QWidget):
    """The whole file in a paged model; Ctrl+N new, Ctrl+F search, Enter opens."""

    SEARCH_DELAY_MS = 150  # debounce: one query per pause in typing, not per key

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(parent)
        self.context = context
        self._service = service
        self._figures = None
        self._purge = None
        self._follow_ups = None
        company = context.company() if context is not None else None
        currency = company.currency if company is not None else "EUR"
        self.model = CustomerTableModel(service, currency, self,
                                        country=company.country if company else "FR")
        self._timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_query)
        self._build()
        self.model.total_changed.connect(self._show_total)
        self.apply_query()
        if context is not None:
            context.data_changed.connect(self._on_data_changed)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr(
            "Rechercher : nom, société, e-mail, téléphone, ville, code postal, identifiant…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self._search_return)
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 000 clients"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.kind_filter = self._combo(self.tr("Tous types"), KINDS)
        self.status_filter = self._combo(self.tr("Tous statuts"), STATUSES)
        self.consent_filter = QComboBox()
        self.consent_filter.addItem(self.tr("Consentement : tous"), None)
        self.consent_filter.addItem(self.tr("Consentement : oui"), True)
        self.consent_filter.addItem(self.tr("Consentement : non"), False)
        self.consent_filter.currentIndexChanged.connect(self.apply_query)
        self.segment_filter = QLineEdit()
        self.segment_filter.setPlaceholderText(self.tr("Segment"))
        self.segment_filter.textChanged.connect(self._schedule)
        self.place_filter = QLineEdit()
        self.place_filter.setPlaceholderText(self.tr("Ville ou région"))
        self.place_filter.textChanged.connect(self._schedule)
        clear = QToolButton()
        clear.setText(self.tr("Effacer les filtres"))
        clear.clicked.connect(self.clear_filters)

        self.new_button = self._tool(self.tr("&Nouveau client"), self.new_customer,
                                     self.tr("Ctrl+N"))
        self.open_button = self._tool(self.tr("&Ouvrir"), self.open_selected, self.tr("Entrée"))
        self.delete_button = self._tool(self.tr("&Supprimer…"), self.delete_selected)
        self.anonymise_button = self._tool(self.tr("Anon&ymiser…"), self.anonymise_selected)
        self.import_button = QPushButton(self.tr("&Importer"))
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("Des clients (CSV, Excel)…"), self.import_customers)
        menu.addAction(self.tr("Des achats (CSV, Excel)…"), self.import_purchases)
        self.import_button.setMenu(menu)
        self.export_button = self._tool(self.tr("E&xporter la liste…"), self.export_list)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        for widget in (self.kind_filter, self.status_filter, self.segment_filter,
                       self.place_filter, self.consent_filter, clear):
            filters.addWidget(widget)
        filters.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.new_button, self.open_button, self.delete_button,
                       self.anonymise_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)

        self.table = CustomerListView(self.model)
        self.table.sig_open.connect(self.open_selected)
        self.table.sig_delete.connect(self.delete_selected)
        self.table.sig_menu.connect(self._context_menu)
        if self.context is not None:
            self.table.restore_state(self.context.settings)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)  # the list comes back after the pause

        file_page = QWidget()
        page = QVBoxLayout(file_page)
        page.setContentsMargins(0, 4, 0, 0)
        page.addLayout(filters)
        page.addLayout(actions)
        self.empty_panel = EmptyFilePanel()
        self.empty_panel.create_requested.connect(self.new_customer)
        self.empty_panel.import_requested.connect(self.import_customers)
        if self.context is not None:
            self.empty_panel.demo_requested.connect(self.context.demo_requested.emit)
        self.list_stack = QStackedWidget()  # the table, or how to start when the file is empty
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_panel)
        page.addWidget(self.list_stack, 1)

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        # Fusion draws unselected tabs 2 px lower: room so the accent of « À purger » shows.
        self.pages.tabBar().setStyleSheet("QTabBar::tab { padding: 5px 12px 3px 12px; }")
        self.pages.addTab(file_page, self.tr("Fichier"))
        self.pages.addTab(QWidget(), self.tr("Chiffres"))
        self.pages.addTab(QWidget(), self.tr("Relances"))
        self.pages.addTab(QWidget(), self.tr("À purger"))
        self.pages.currentChanged.connect(self._on_page_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self._shortcut(QKeySequence.StandardKey.New, self.new_customer)
        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        QWidget.setTabOrder(self.search, self.kind_filter)
        QWidget.setTabOrder(self.kind_filter, self.status_filter)
        QWidget.setTabOrder(self.status_filter, self.segment_filter)
        QWidget.setTabOrder(self.segment_filter, self.place_filter)
        QWidget.setTabOrder(self.place_filter, self.consent_filter)
        QWidget.setTabOrder(self.consent_filter, self.table)
        self.setFocusProxy(self.search)

    def showEvent(self, event) -> None:
        """Typing works at once: the search box takes the focus unless one of ours has it."""
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event) -> None:
        if self.context is not None:
            self.table.save_state(self.context.settings)
        super().hideEvent(event)

    def _combo(self, everything: str, values) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.currentIndexChanged.connect(self.apply_query)
        return combo

    def _tool(self, text: str, slot, key_hint: str = "") -> QToolButton:
        button = QToolButton()
        action = QAction(text, self)
        if key_hint:
            action.setToolTip(f"{text.replace('&', '')} ({key_hint})")
        action.triggered.connect(slot)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _shortcut(self, key, slot) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # --- query -------------------------------------------------------------------------

    def current_query(self):
        """The query the widgets describe, keeping the model's sort."""
        current = self.model.query()
        return self._service.CustomerQuery(
            text=self.search.text().strip(),
            kind=self.kind_filter.currentData(),
            status=self.status_filter.currentData(),
            segment=self.segment_filter.text().strip() or None,
            place=self.place_filter.text().strip() or None,
            consent=self.consent_filter.currentData(),
            sort=current.sort, descending=current.descending)

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def apply_query(self) -> None:
        self._timer.stop()
        query = self.current_query()
        self.model.set_query(query)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _search_return(self) -> None:
        if self._timer.isActive():
            self.apply_query()
        self.open_selected()

    def _show_total(self, total: int) -> None:
        self.count_label.setText(count_text(total))
        query = self.current_query()
        empty_file = total == 0 and not (query.text or query.kind or query.status
                                         or query.segment or query.place
                                         or query.consent is not None)
        self.list_stack.setCurrentWidget(self.empty_panel if empty_file else self.table)

    def clear_filters(self) -> None:
        for combo in (self.kind_filter, self.status_filter, self.consent_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.segment_filter, self.place_filter):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.apply_query()

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_id(self) -> int | None:
        return self.model.customer_id(self.table.selected_row())

    def select_customer(self, customer_id: int) -> None:
        row = self.model.row_of(customer_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_data_changed(self, area: str) -> None:
        if area == "customers":
            keep = self.selected_id()
            self.model.refresh()
            if keep is not None:
                self.select_customer(keep)
            for panel in (self._figures, self._purge, self._follow_ups):
                if panel is not None:
                    panel.mark_stale()

    # --- pages -------------------------------------------------------------------------

    def _on_page_changed(self, index: int) -> None:
        if index == 1 and self._figures is None:
            from rcdesk.ui.customers.figures import FiguresPanel

            self._figures = FiguresPanel(self.context, service=self._service)
            self._figures.open_customer.connect(self.open_customer)
            self._replace_page(1, self._figures, self.tr("Chiffres"))
        elif index == 2 and self._follow_ups is None:
            from rcdesk.ui.customers.follow_ups import FollowUpsPanel

            self._follow_ups = FollowUpsPanel(self.context, service=self._service)
            self._follow_ups.open_customer.connect(self.open_customer)
            self._replace_page(2, self._follow_ups, self.tr("Relances"))
        elif index == 3 and self._purge is None:
            from rcdesk.ui.customers.purge import PurgePanel

            self._purge = PurgePanel(self.context, service=self._service)
            self._purge.open_customer.connect(self.open_customer)
            self._replace_page(3, self._purge, self.tr("À purger"))
        panel = {1: self._figures, 2: self._follow_ups, 3: self._purge}.get(index)
        if panel is not None:
            panel.refresh_if_stale()

    def _replace_page(self, index: int, widget: QWidget, title: str) -> None:
        # In a scroll area: a panel taller than a 1366×768 screen scrolls, the window never
        # grows beyond the screen (Chiffres did, to 789 px).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(widget)
        self.pages.blockSignals(True)
        old = self.pages.widget(index)
        self.pages.removeTab(index)
        self.pages.insertTab(index, scroll, title)
        self.pages.setCurrentIndex(index)
        self.pages.blockSignals(False)
        old.deleteLater()

    # --- actions -----------------------------------------------------------------------

    def new_customer(self) -> None:
        from rcdesk.ui.customers.form import CustomerFormDialog

        dialog = CustomerFormDialog(self.context, None, self, self._service)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            if self.context is None:
                self.model.refresh()
            self.select_customer(dialog.saved_id)
        elif dialog.existing_id is not None:
            self.open_customer(dialog.existing_id)

    def _context_menu(self, global_pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Ouvrir la fiche"), self.open_selected)
        menu.addAction(self.tr("Modifier…"), self.edit_selected)
        menu.addAction(self.tr("Exporter ses données (RGPD)…"), self.export_selected_data)
        menu.addSeparator()
        menu.addAction(self.tr("Anonymiser…"), self.anonymise_selected)
        menu.addAction(self.tr("Supprimer…"), self.delete_selected)
        menu.exec(global_pos)

    def edit_selected(self) -> None:
        from rcdesk.ui.customers.form import CustomerFormDialog

        customer_id = self.selected_id()
        if customer_id is not None:
            CustomerFormDialog(self.context, customer_id, self, self._service).exec()

    def export_selected_data(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None:
            operations.export_customer_data(parent=self, customer_id=customer_id,
                                            service=self._service)

    def open_selected(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None:
            self.open_customer(customer_id)

    def open_customer(self, customer_id: int) -> None:
        from rcdesk.ui.customers.detail import CustomerDetailDialog

        dialog = CustomerDetailDialog(self.context, customer_id, self, self._service)
        if self.context is None:
            dialog.changed.connect(lambda _id: self.model.refresh())
        dialog.exec()

    def delete_selected(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None and operations.delete_customer(
                parent=self, customer_id=customer_id, context=self.context,
                service=self._service) and self.context is None:
            self.model.refresh()

    def anonymise_selected(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None and operations.anonymise_customer(
                parent=self, customer_id=customer_id, context=self.context,
                service=self._service) and self.context is None:
            self.model.refresh()

    def import_customers(self) -> None:
        self._import("customers")

    def import_purchases(self) -> None:
        self._import("purchases")

    def _import(self, what: str) -> None:
        from rcdesk.ui.customers.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, what, self)
        dialog.exec()
        if dialog.result_counts is not None:
            if self.context is not None:
                self.context.data_changed.emit("customers")
            else:
                self.model.refresh()

    def export_list(self) -> None:
        from rcdesk.ui.customers.export import export_list

        export_list(parent=self, query=self.model.query(), total=self.model.total())
