"""The history of one organisation's assessments, newest first, with the change of average."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from rcdesk.core.formatting import format_date, format_number, format_signed


class HistoryList(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("history")
        self.setMinimumWidth(250)
        # Suppr or the context menu: the page connects it to "delete the shown assessment"
        self.delete_action = QAction(self.tr("Supprimer l'évaluation…"), self)
        self.delete_action.setObjectName("deleteAssessment")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.addAction(self.delete_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def show_history(self, summaries: Sequence) -> None:
        """summaries: AssessmentSummary oldest first (service.history)."""
        self.blockSignals(True)
        self.clear()
        previous_average = None
        items = []
        for summary in summaries:
            text = (f"{format_date(summary.date)} · {format_number(summary.average, 1)} · "
                    f"{summary.level.label.replace('Relation Client ', '')}")
            if previous_average is not None:
                text += f" ({format_signed(round(summary.average - previous_average, 1), 1)})"
            previous_average = summary.average
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(self.tr("Évaluateur : %1").replace("%1", summary.assessor))
            items.append(item)
        for item in reversed(items):
            self.addItem(item)
        self.blockSignals(False)

    def select_assessment(self, assessment_id: int | None) -> None:
        """Highlights it without emitting (None: no selection, for a new assessment)."""
        self.blockSignals(True)
        self.setCurrentRow(-1)
        self.clearSelection()
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == assessment_id:
                self.setCurrentRow(row)
        self.blockSignals(False)
