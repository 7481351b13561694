"""The right-hand side of the diagnosis: live radar, its legend, the average and the level."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rcdesk.core.formatting import format_date, format_number
from rcdesk.services.assessment.rules import average, maturity_level
from rcdesk.ui.assessment.radar import RadarPlot

LEVEL_COLOURS = {"consolider": "#C0392B", "maitrisee": "#1F77B4", "excellence": "#1E8449"}


class LevelPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.radar = RadarPlot()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #5B6B7A;")
        self.average_label = QLabel()
        self.average_label.setObjectName("average")
        self.average_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.level_label = QLabel()
        self.level_label.setObjectName("level")
        self.level_text = QLabel()
        self.level_text.setObjectName("levelText")
        self.level_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.radar, 1)
        for widget in (self.legend, self.average_label, self.level_label, self.level_text):
            layout.addWidget(widget)

    def show_scores(self, values: Sequence[int | None], previous) -> None:
        """values: the 8 scores (None: not scored yet); previous: the summary compared with."""
        self.radar.set_scores([v or 0 for v in values], previous.scores if previous else None)
        scored = [v for v in values if v is not None]
        if len(scored) == len(values):
            avg = average(values)
            level = maturity_level(avg)
            self.average_label.setText(self.tr("Moyenne : %1 / 10").replace(
                "%1", format_number(avg, 1)))
            self.level_label.setText(level.label)
            self.level_label.setStyleSheet(f"font-size: 15px; font-weight: bold; "
                                           f"color: {LEVEL_COLOURS[level.key]};")
            self.level_text.setText(level.text)
        else:
            self.average_label.setText(self.tr("Moyenne : — (%1 thème(s) noté(s) sur 8)")
                                       .replace("%1", str(len(scored))))
            self.level_label.setText("")
            self.level_text.setText(self.tr("Notez les 8 thèmes de 0 à 10 pour connaître le "
                                            "niveau de maturité."))
        legend = self.tr("Trait plein : l'évaluation affichée. Pointillés orange : le seuil 7 "
                         "(Relation Client maîtrisée).")
        if previous:
            legend += " " + self.tr("Tirets gris : l'évaluation précédente du %1.").replace(
                "%1", format_date(previous.date))
        self.legend.setText(legend)
