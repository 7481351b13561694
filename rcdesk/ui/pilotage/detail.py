"""An indicator's detail: how it is computed, its last 12 months, its target of the year
(editable), for an indicator measured by hand a new reading, and the list behind it (the late
complaints, the zone 2 criteria…) that its own area shows (ui/indicator_lists.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date
from rcdesk.core.indicators import COMPARISONS, format_value
from rcdesk.core.periods import Period, period_label
from rcdesk.services import indicators as registry
from rcdesk.services.pilotage.dashboard import sparkline
from rcdesk.services.pilotage.targets import (
    add_reading,
    delete_target,
    set_target,
    targets_of_year,
)
from rcdesk.ui.forms import ErrorLine, action_button, date_edit, from_qdate
from rcdesk.ui.indicator_lists import indicator_list


class IndicatorDetailDialog(QDialog):
    def __init__(self, key: str, end: date, parent=None, period: Period | None = None):
        super().__init__(parent)
        self.definition = registry.definition(key)
        self.end = end
        self.period = period or Period(date(end.year, 1, 1), end)
        self.changed = False
        self.setWindowTitle(self.definition.label)
        self.resize(560, 560)
        d = self.definition
        unit = d.unit or self.tr("nombre")
        intro = QLabel(f"<b>{d.label}</b><br>{d.note or ''}<br>"
                       + self.tr("Unité : %1 · %2 la cible · clé : %3")
                       .replace("%1", unit).replace("%2", COMPARISONS[d.direction])
                       .replace("%3", d.public_key), self)
        intro.setWordWrap(True)
        self.months = QTableWidget(0, 2, self)
        self.months.setObjectName("detailMonths")
        self.months.setHorizontalHeaderLabels([self.tr("Mois"), self.tr("Valeur")])
        self.months.horizontalHeader().setStretchLastSection(True)
        self.months.verticalHeader().hide()
        self.target = QLineEdit(self)
        self.target.setObjectName("targetValue")
        current = targets_of_year(end.year).get(d.key)
        if current is not None:
            self.target.setText(format_value(current).replace("\u00a0", ""))
        self.error = ErrorLine(self)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.target)
        row.addWidget(action_button(self.tr("Enregistrer la cible"), self.save_target, self,
                                    "saveTarget"))
        form.addRow(self.tr("Cible %1 :").replace("%1", str(end.year)), row)
        if d.manual:
            self.reading_date = date_edit(end, self)
            self.reading_value = QLineEdit(self)
            self.reading_value.setObjectName("readingValue")
            line = QHBoxLayout()
            line.addWidget(self.reading_date)
            line.addWidget(self.reading_value)
            line.addWidget(action_button(self.tr("Ajouter le relevé"), self.save_reading, self,
                                         "saveReading"))
            form.addRow(self.tr("Relevé du :"), line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.list = indicator_list(d, self.period, self)
        if self.list is None:
            layout.addWidget(self.months)
        else:  # the list behind the figure beside the months: the detail opens on it
            self.resize(1240, 640)
            self.list.setObjectName("indicatorList")
            self.months.setMaximumWidth(300)
            title = QLabel(f"<b>{d.drill_down}</b> — {period_label(self.period)}", self)
            title.setObjectName("indicatorListTitle")
            side = QVBoxLayout()
            side.addWidget(title)
            side.addWidget(self.list, 1)
            both = QHBoxLayout()
            both.addWidget(self.months)
            both.addLayout(side, 1)
            layout.addLayout(both, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill()
        self.target.setFocus()

    def _fill(self) -> None:
        rows = sparkline(self.definition.key, self.end)
        self.months.setRowCount(len(rows))
        for index, (month, value) in enumerate(reversed(rows)):
            self.months.setItem(index, 0, QTableWidgetItem(period_label(month)))
            self.months.setItem(index, 1, QTableWidgetItem(
                format_value(value, self.definition.unit) if value is not None
                else self.definition.no_data))

    def save_target(self) -> None:
        """An empty field removes the year's target (the status turns grey)."""
        if not self.target.text().strip():
            delete_target(self.definition.key, self.end.year)
            self.error.show_info(self.tr("Cible %1 retirée.").replace("%1", str(self.end.year)))
            self.changed = True
            return
        try:
            saved = set_target(self.definition.key, self.target.text(), self.end.year)
        except (ValidationError, ServiceError) as exc:
            self.error.show_error(str(exc), self.target)
            return
        self.error.clear_error()
        self.changed = True
        self.target.setText(format_value(saved.value).replace("\u00a0", ""))

    def save_reading(self) -> None:
        day = from_qdate(self.reading_date.date())
        try:
            add_reading(self.definition.key, self.reading_value.text(), day)
        except (ValidationError, ServiceError) as exc:
            self.error.show_error(str(exc), self.reading_value)
            return
        self.error.show_info(self.tr("Relevé du %1 enregistré.").replace("%1", format_date(day)))
        self.reading_value.clear()
        self.changed = True  # the reading's write drops the charter's figures kept in memory
        self._fill()
