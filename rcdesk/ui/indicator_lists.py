"""The list behind an indicator (its IndicatorDef.drill_down), shown by the area that owns it.

Each line maps an area key to that area's own `show_indicator(key, period, parent)`, imported
explicitly and lazily like the tabs of main_window: the pilotage's detail asks this module, and
never names another area's UI. Adding a drill-down to an area adds one line here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period

# (indicator key, period, parent) -> the list widget
IndicatorList = Callable[[str, Period, QWidget | None], QWidget]


def _complaints(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    from rcdesk.ui.complaints.drill import show_indicator

    return show_indicator(key, period, parent)


def _surveys(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    from rcdesk.ui.surveys.drill import show_indicator

    return show_indicator(key, period, parent)


def _loyalty(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    from rcdesk.ui.loyalty.drill import show_indicator

    return show_indicator(key, period, parent)


# Area key -> its lists. The PAQ ("actions") has its screens in the Réclamations tab.
INDICATOR_LISTS: dict[str, IndicatorList] = {
    "complaints": _complaints,
    "actions": _complaints,
    "satisfaction": _surveys,
    "loyalty": _loyalty,
}


def indicator_list(definition: IndicatorDef, period: Period,
                   parent: QWidget | None = None) -> QWidget | None:
    """The list the indicator's area shows for it, or None when it names none."""
    show = INDICATOR_LISTS.get(definition.area)
    if not definition.drill_down or show is None:
        return None
    return show(definition.key, period, parent)
