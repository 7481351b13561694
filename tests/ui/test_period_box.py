"""The period box: core.periods' presets (one « 12 derniers mois »), typed dates, both pages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from rcdesk.core.periods import PRESETS, Period
from rcdesk.ui.complaints.indicators import IndicatorsView
from rcdesk.ui.context import AppContext
from rcdesk.ui.customers.figures import FiguresPanel
from rcdesk.ui.period_box import PeriodBox


def test_presets_follow_core_periods_with_real_dates(qtbot):
    box = PeriodBox("year")
    qtbot.addWidget(box)
    texts = [box.preset.itemText(i) for i in range(box.preset.count())]
    assert texts == [label for _, label in PRESETS] + ["Personnalisée"]
    with qtbot.waitSignal(box.preset_chosen):
        box.choose("12m", today=date(2026, 11, 29))
    assert box.period() == Period(date(2025, 11, 30), date(2026, 11, 29))
    assert box.preset.currentText() == "12 derniers mois"
    box.choose("12m", today=date(2024, 3, 1))  # across 29 February: 366 days
    assert box.period() == Period(date(2023, 3, 2), date(2024, 3, 1))
    box.choose("quarter", today=date(2026, 11, 29))
    assert box.period() == Period(date(2026, 10, 1), date(2026, 11, 29))
    box.choose("last_year", today=date(2026, 11, 29))
    assert box.period() == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_typed_date_makes_the_period_custom(qtbot):
    box = PeriodBox("12m")
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.dates_edited):
        box.start.setDate(QDate(2026, 2, 1))
    assert box.preset_key() == "custom"
    assert box.period().start == date(2026, 2, 1)


def test_clients_figures_and_complaint_indicators_mean_the_same_12_months(qtbot,
                                                                          sqlite_database):
    context = AppContext(sqlite_database.target)
    figures = FiguresPanel(context)
    indicators = IndicatorsView(context)
    qtbot.addWidget(figures)
    qtbot.addWidget(indicators)
    assert figures.period_box.preset_key() == "12m"  # the figures open on 12 months
    for page in (figures, indicators):
        page.period_box.choose("12m", today=date(2024, 3, 1))
    assert figures.period() == indicators.period() == Period(date(2023, 3, 2), date(2024, 3, 1))
    assert indicators.values["received"].text() == "0"  # choosing a preset computes
