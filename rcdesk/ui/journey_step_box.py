"""The customer journey step of a complaint or an interaction: a list of the company's steps
(Pilotage ▸ Parcours client, or the default journey while none is set)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from rcdesk.services.pilotage.journey import offered_step_names


def journey_step_box(current: str = "", parent: QWidget | None = None) -> QComboBox:
    """"" (not given) first, then the steps in the journey's order; a step no longer in the
    journey that the record still carries stays offered, so that saving keeps it."""
    box = QComboBox(parent)
    box.setObjectName("journeyStep")
    box.addItem(QCoreApplication.translate("journey", "(non renseignée)"), "")
    for name in offered_step_names():
        box.addItem(name, name)
    set_journey_step(box, current)
    return box


def set_journey_step(box: QComboBox, current: str) -> None:
    if current and box.findData(current) < 0:
        box.addItem(current, current)
    box.setCurrentIndex(max(0, box.findData(current or "")))
