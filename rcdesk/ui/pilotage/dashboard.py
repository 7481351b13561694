"""The dashboard page: every indicator with its value, the previous period, the year before, a
12-month sparkline, its target and a status colour. The labels paint at once; the figures come
from a background worker and are cached per period until the database is written to."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rcdesk.core.indicators import AMBER, GREEN, GREY, RED, STATUS_LABELS, format_value
from rcdesk.core.periods import Period
from rcdesk.services import indicators as registry
from rcdesk.services.pilotage.dashboard import (
    DashboardData,
    DashboardRow,
    dashboard,
    data_stamp,
    sparklines,
)
from rcdesk.ui.forms import action_button, read_only_rows
from rcdesk.ui.period_box import PeriodBox
from rcdesk.ui.worker import ServiceWorker, run_report

COLUMNS = ("Indicateur", "Valeur", "Période précédente", "Un an avant", "12 derniers mois",
           "Cible", "État")
COL_SPARK, COL_TARGET, COL_STATE = 4, 5, 6
STATUS_COLOURS = {GREEN: "#1E7B34", AMBER: "#C77700", RED: "#B3261E", GREY: "#8A8A8A"}
WAITING = "…"


class Sparkline(QWidget):
    """A 12-month line drawn with pyqtgraph, no axes; a gap where a month has no data."""

    def __init__(self, values: list[float | None], parent=None):
        super().__init__(parent)
        import pyqtgraph as pg  # loaded with the figures only: the tab opens without it

        plot = pg.PlotWidget(self, background=None)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        xs = [i for i, v in enumerate(values) if v is not None]
        ys = [v for v in values if v is not None]
        if xs:
            plot.plot(xs, ys, pen=pg.mkPen("#1F4E79", width=1.5), symbol="o", symbolSize=3,
                      symbolBrush="#1F4E79", connect="finite")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.addWidget(plot)


class DashboardPage(QWidget):
    """Double click or Entrée on an indicator opens its detail (indicator_opened)."""

    indicator_opened = Signal(str)

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self._cache: dict[Period, tuple[int, DashboardData]] = {}
        self._worker: ServiceWorker | None = None
        self._pending: Period | None = None
        self.data: DashboardData | None = None
        self.period_box = PeriodBox("year", self)
        self.status = QLabel(self)
        self.status.setObjectName("dashboardStatus")
        top = QHBoxLayout()
        top.addWidget(self.period_box)
        top.addWidget(action_button(self.tr("Actualiser"), self.refresh_now, self,
                                    "refreshDashboard"))
        top.addWidget(action_button(self.tr("Revue à imprimer (PDF)…"), self.save_review_pdf,
                                    self, "dashboardReviewPdf"))
        top.addStretch(1)
        top.addWidget(self.status)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("dashboardTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        read_only_rows(self.table, self._open_current)  # Entrée or a double click: detail
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SPARK, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COL_SPARK, 150)
        self.table.verticalHeader().setDefaultSectionSize(30)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.period_box.preset_chosen.connect(self.refresh)
        self.period_box.dates_edited.connect(self.refresh)
        self._paint_labels()
        self.refresh()

    def showEvent(self, event) -> None:
        """Back on the dashboard after records were written elsewhere: figures recomputed."""
        super().showEvent(event)
        if self.data is not None and self._worker is None:
            hit = self._cache.get(self.data.period)
            if hit is None or hit[0] != data_stamp():
                self.refresh()

    def _open_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.table.item(row, 0) is not None:
            self.indicator_opened.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def _paint_labels(self) -> None:
        """First paint: the labels of the registry, the figures waiting."""
        definitions = list(registry.definitions().values())
        self.table.setRowCount(len(definitions))
        for index, definition in enumerate(definitions):
            item = QTableWidgetItem(definition.label)
            item.setData(Qt.ItemDataRole.UserRole, definition.key)
            item.setToolTip(definition.note or definition.label)
            self.table.setItem(index, 0, item)
            for column in range(1, len(COLUMNS)):
                if column != COL_SPARK:
                    self.table.setItem(index, column, QTableWidgetItem(WAITING))

    def refresh(self) -> None:
        """Cached figures of the period show at once; otherwise a worker computes the figures,
        shown as soon as they come, then a second one the 12-month sparklines."""
        period = self.period_box.period()
        hit = self._cache.get(period)
        if hit is not None and hit[0] == data_stamp():
            self._show(hit[1])
            return
        if self._worker is not None:  # one computation at a time; the last period wins
            self._pending = period
            return
        self.status.setText(self.tr("Calcul des indicateurs…"))
        stamp = data_stamp()
        worker = ServiceWorker(dashboard, period, with_progress=False)
        worker.signals.sig_done.connect(lambda rows: self._rows_computed(period, rows, stamp))
        worker.signals.sig_failed.connect(self._failed)
        self._worker = worker
        worker.start()

    def _rows_computed(self, period: Period, rows: list[DashboardRow], stamp: int) -> None:
        if not isValid(self):
            return
        pending, self._pending = self._pending, None
        if pending is not None:  # asked again meanwhile: another period, or data written
            self._worker = None
            self.refresh()
            return
        self._show(DashboardData(period, rows, {}))
        self.status.setText(self.tr("Calcul des courbes des 12 derniers mois…"))
        worker = ServiceWorker(sparklines, [r.indicator for r in rows], period.end,
                               with_progress=False)
        worker.signals.sig_done.connect(
            lambda lines: self._computed(DashboardData(period, rows, lines), stamp))
        worker.signals.sig_failed.connect(self._failed)
        self._worker = worker
        worker.start()

    def _computed(self, data: DashboardData, stamp: int) -> None:
        if not isValid(self):
            return
        self._worker = None
        self._cache[data.period] = (stamp, data)
        pending, self._pending = self._pending, None
        if pending is not None:  # refresh() answers from the cache if nothing was written
            self.refresh()
            return
        self._show(data)

    def _failed(self, message: str) -> None:
        if not isValid(self):
            return
        self._worker = None
        self.status.setText(message)

    def _show(self, data: DashboardData) -> None:
        self.data = data
        self.status.setText(self.tr("Cibles de %1").replace("%1", str(data.period.end.year)))
        self.table.setRowCount(len(data.rows))
        for index, row in enumerate(data.rows):
            label = QTableWidgetItem(row.label)
            label.setData(Qt.ItemDataRole.UserRole, row.indicator)
            label.setToolTip(row.key)
            self.table.setItem(index, 0, label)
            values = (format_value(row.value, row.unit) if row.value is not None
                      else row.reason or "—",
                      format_value(row.previous, row.unit), format_value(row.year_before, row.unit))
            for column, text in enumerate(values, start=1):
                self.table.setItem(index, column, QTableWidgetItem(text))
            if row.indicator in data.sparklines:
                self.table.setCellWidget(index, COL_SPARK,
                                         Sparkline(data.sparklines[row.indicator]))
            else:
                self.table.removeCellWidget(index, COL_SPARK)
                self.table.setItem(index, COL_SPARK, QTableWidgetItem(WAITING))
            self.table.setItem(index, COL_TARGET, QTableWidgetItem(
                format_value(row.target, row.unit) if row.target is not None
                else self.tr("sans cible")))
            state = QTableWidgetItem(STATUS_LABELS[row.status])
            state.setBackground(QBrush(QColor(STATUS_COLOURS[row.status])))
            state.setForeground(QBrush(QColor("white")))
            state.setData(Qt.ItemDataRole.UserRole, row.status)
            self.table.setItem(index, COL_STATE, state)

    def save_review_pdf(self) -> None:
        """The review of the period shown, to print for the team meeting."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from rcdesk.reports.pilotage_review import write_review_report

        period = self.period_box.period()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Revue d'indicateurs"),
                                              str(Path.home() / f"revue-{period.end}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        run_report(self, self.tr("Revue d'indicateurs…"), write_review_report,
                   lambda p: QMessageBox.information(self, self.tr("Revue d'indicateurs"),
                                                     self.tr("Enregistrée : %1")
                                                     .replace("%1", str(p))),
                   lambda m: QMessageBox.warning(self, self.tr("Revue d'indicateurs"), m),
                   path=path, period=period, overwrite=True)

    def invalidate(self) -> None:
        self._cache.clear()

    def refresh_now(self) -> None:
        """Actualiser: the figures read again from the registry, whose cache another PC's
        writes have dropped where they changed something (the rest comes back at once)."""
        self._cache.clear()
        self.refresh()

    def today(self) -> date:
        return date.today()
