"""The period box of the figure pages: the presets of core.periods, then dates typed by hand."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from rcdesk.core.periods import PRESETS, Period, preset_period
from rcdesk.ui.forms import date_edit, from_qdate, to_qdate

CUSTOM = "custom"  # the dates were typed, no preset applies


class PeriodBox(QWidget):
    """« Période : [preset] du [date] au [date] ».

    A preset sets both dates (core.periods.preset_period: "12 derniers mois" means there what
    it means everywhere) and emits preset_chosen; typing a date switches the preset to
    « Personnalisée » and emits dates_edited."""

    preset_chosen = Signal()
    dates_edited = Signal()

    def __init__(self, preset: str = "year", parent=None):
        super().__init__(parent)
        self.preset = QComboBox(self)
        self.preset.setObjectName("periodPreset")
        for key, label in PRESETS:
            self.preset.addItem(self.tr(label), key)
        self.preset.addItem(self.tr("Personnalisée"), CUSTOM)
        self.start = date_edit(parent=self)
        self.end = date_edit(parent=self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Période :"), self), self.preset,
                       QLabel(self.tr("du"), self), self.start, QLabel(self.tr("au"), self),
                       self.end):
            layout.addWidget(widget)
        self._show_preset(preset, date.today())
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def period(self) -> Period:
        return Period(from_qdate(self.start.date()), from_qdate(self.end.date()))

    def preset_key(self) -> str:
        return self.preset.currentData()

    def choose(self, key: str, today: date | None = None) -> None:
        """Apply a preset of PRESETS as of today (the real today unless given)."""
        self._show_preset(key, today or date.today())
        self.preset_chosen.emit()

    def _show_preset(self, key: str, today: date) -> None:
        period = preset_period(key, today)
        for widget in (self.preset, self.start, self.end):
            widget.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(key))
        self.start.setDate(to_qdate(period.start))
        self.end.setDate(to_qdate(period.end))
        for widget in (self.preset, self.start, self.end):
            widget.blockSignals(False)

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        if key != CUSTOM:
            self.choose(key)

    def _dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(CUSTOM))
        self.preset.blockSignals(False)
        self.dates_edited.emit()
