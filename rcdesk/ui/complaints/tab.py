"""The Réclamations tab: register, indicators and quality action plan, with the intake form."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.detail import ComplaintDetailDialog
from rcdesk.ui.complaints.intake import IntakeDialog
from rcdesk.ui.complaints.register import RegisterView
from rcdesk.ui.forms import shortcut


class ComplaintsTab(QWidget):
    """Réclamations: Ctrl+N opens the intake form; Enter or a double-click opens a complaint."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.new_button = QPushButton(self.tr("&Nouvelle réclamation"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.new_complaint)
        self.open_button = QPushButton(self.tr("&Ouvrir"), self)
        self.open_button.clicked.connect(self.open_current)
        self.action_button = QPushButton(self.tr("Action &PAQ depuis la sélection…"), self)
        self.action_button.setObjectName("actionFromSelection")
        self.action_button.clicked.connect(self.action_from_selection)
        self.categories_button = QPushButton(self.tr("Caté&gories…"), self)
        self.categories_button.setObjectName("editCategories")
        self.categories_button.setToolTip(self.tr("La liste des catégories de l'entreprise"))
        self.categories_button.clicked.connect(self.edit_categories)
        self.badge = QLabel(self)
        self.badge.setObjectName("lateBadge")
        self.badge.setToolTip(self.tr("Cliquer pour ne voir que les réclamations en retard"))
        self.badge.linkActivated.connect(self.show_late)

        self.register = RegisterView(self)
        self.register.open_requested.connect(self.open_complaint)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("complaintPages")
        self.pages.addTab(self.register, self.tr("Registre"))
        from rcdesk.ui.complaints.actions import ActionPlanView
        from rcdesk.ui.complaints.indicators import IndicatorsView

        self.indicators = IndicatorsView(context, self)
        self.indicators.customer_requested.connect(
            lambda customer_id, name: self.register.set_customer(customer_id, name)
            or self.pages.setCurrentWidget(self.register))
        self.action_plan = ActionPlanView(context, self)
        self.pages.addTab(self.indicators, self.tr("Indicateurs"))
        self.pages.addTab(self.action_plan, self.tr("Plan d'actions qualité"))
        self.pages.currentChanged.connect(self._page_shown)

        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.action_button)
        bar.addWidget(self.categories_button)
        bar.addStretch(1)
        bar.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.setFocusProxy(self.register.text)  # shown: the register's search has the focus
        shortcut(self, "Ctrl+N", self.new_complaint)
        shortcut(self, "Ctrl+F", self._focus_search)
        context.data_changed.connect(self._data_changed)
        context.company_changed.connect(self.refresh)
        # the badge counts every open complaint: after the first paint, not before it
        QTimer.singleShot(0, self, self._update_badge)

    # --- actions --------------------------------------------------------------------------

    def new_complaint(self) -> IntakeDialog:
        dialog = IntakeDialog(self.context, self)  # its save emits context.data_changed
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_current(self) -> None:
        complaint_id = self.register.current_id()
        if complaint_id is not None:
            self.open_complaint(complaint_id)

    def open_complaint(self, complaint_id: int) -> ComplaintDetailDialog:
        dialog = ComplaintDetailDialog(complaint_id, self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.create_action_requested.connect(self.create_action)
        dialog.history.show_all_requested.connect(self._show_customer)
        dialog.history.open_requested.connect(self.open_complaint)
        dialog.open()
        return dialog

    def edit_categories(self) -> None:
        from rcdesk.ui.complaints.dialogs import CategoriesDialog

        dialog = CategoriesDialog(self)
        dialog.exec()
        if dialog.changed:
            self.register.reload_categories()
            self.context.data_changed.emit("complaints")

    def show_late(self, *_args) -> None:
        """The register filtered on late complaints (from the badge)."""
        self.register.late.setChecked(True)
        self.pages.setCurrentWidget(self.register)
        self.register.table.setFocus()

    def _show_customer(self, customer_id: int) -> None:
        self.register.set_customer(customer_id, ops.customer_name(customer_id=customer_id))
        self.pages.setCurrentWidget(self.register)

    def action_from_selection(self) -> None:
        self.create_action(self.register.selected_ids())

    def create_action(self, complaint_ids: list) -> None:
        self.action_plan.new_action(list(complaint_ids))

    # --- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.register.reload()
        self._update_badge()

    def _data_changed(self, area: str) -> None:
        if area in ("complaints", "actions", "customers"):
            self.refresh()
            if area in ("complaints", "actions"):
                self.action_plan.refresh()
            if self.pages.currentWidget() is self.indicators:
                self.indicators.refresh()

    def _focus_search(self) -> None:
        self.pages.setCurrentWidget(self.register)
        self.register.text.setFocus()
        self.register.text.selectAll()

    def _page_shown(self, index: int) -> None:
        if self.pages.widget(index) is self.indicators:
            self.indicators.refresh()
        elif self.pages.widget(index) is self.action_plan:
            self.action_plan.refresh()

    def _update_badge(self) -> None:
        counts = ops.open_state_counts()
        late, soon = counts.get("late", 0), counts.get("soon", 0)
        parts = []
        if late:
            parts.append(self.tr("<a href='late' style='color:#b00020; text-decoration:none'>"
                                 "<b>%n en retard</b></a>", "", late))
        if soon:
            parts.append(self.tr("<span style='color:#a05a00'><b>%n bientôt dues</b></span>",
                                 "", soon))
        self.badge.setText(" · ".join(parts))
