"""What the Satisfaction tab shows behind its criteria indicators in the pilotage: the zone 2
criteria (important and not satisfying) of the campaigns answered in the period."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from rcdesk.core.formatting import format_number
from rcdesk.core.periods import Period
from rcdesk.services.surveys.results import zone2_criteria
from rcdesk.ui.forms import read_only_rows

COLUMNS = ("Campagne", "Critère", "Satisfaction", "Importance", "Satisfaits", "Réponses")


def _number(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else format_number(round(value, 1), 1) + suffix


def show_indicator(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    rows = zone2_criteria(period.start, period.end)
    page = QWidget(parent)
    table = QTableWidget(len(rows), len(COLUMNS), page)
    table.setObjectName("zone2Table")
    table.setHorizontalHeaderLabels([page.tr(c) for c in COLUMNS])
    read_only_rows(table)
    for index, (campaign, criterion) in enumerate(rows):
        texts = (campaign.title, criterion.label, _number(criterion.satisfaction),
                 _number(criterion.importance), _number(criterion.satisfied_pct, "\u00a0%"),
                 format_number(criterion.answers, 0))
        for column, text in enumerate(texts):
            table.setItem(index, column, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    note = QLabel(page.tr("Aucun critère en zone 2 sur la période.") if not rows else
                  page.tr("%1 critère(s) important(s) mais peu satisfaisant(s), à améliorer "
                          "en priorité.").replace("%1", str(len(rows))), page)
    note.setObjectName("drillNote")
    note.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(note)
    layout.addWidget(table, 1)
    return page
