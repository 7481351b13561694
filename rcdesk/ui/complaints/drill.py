"""What the Réclamations tab shows behind its indicators in the pilotage: the register on the
late complaints, the quality action plan on the overdue actions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rcdesk.core.periods import Period


def show_indicator(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    if key == "paq_overdue":
        from rcdesk.ui.complaints.actions import ActionPlanView

        view = ActionPlanView(None, parent)
        view.overdue_only.setChecked(True)  # refreshes the model on the overdue actions
        return view
    from rcdesk.ui.complaints.register import RegisterView
    from rcdesk.ui.forms import to_qdate

    register = RegisterView(parent)
    if period.start is not None and period.end is not None:  # received in the period
        register.start.setDate(to_qdate(period.start))
        register.end.setDate(to_qdate(period.end))
        register.period.setChecked(True)
    register.late.setChecked(True)
    register.apply_filters()
    return register
