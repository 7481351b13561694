"""The Clients tab's figures: count by status, retention, attrition, revenue, top, RFM."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.core.formatting import format_money, format_number, format_percent
from rcdesk.core.periods import Period
from rcdesk.services import customers as customers_service
from rcdesk.ui.customers.lazy_page import LazyPage
from rcdesk.ui.forms import read_only_rows
from rcdesk.ui.period_box import PeriodBox
from rcdesk.ui.worker import ServiceWorker

CHART_BRUSH = "#3a7bd5"
RFM_ORDER = ("Champions", "Fidèles", "Nouveaux", "À développer", "À risque", "Perdus")


def compute_figures(period: Period, service=customers_service) -> tuple:
    """Runs in a pool thread: the figures of period and the RFM label counts."""
    figures = service.customer_figures(period)
    labels = service.rfm_label_counts()
    return figures, labels


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class FiguresPanel(LazyPage):
    """Figures for a chosen period, computed off the GUI thread when shown or asked."""

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(context, parent, service)
        self._currency = context.company().currency if context is not None else "EUR"
        self._worker: ServiceWorker | None = None
        self.figures = None
        self.rfm_counts: Counter = Counter()

        self.period_box = PeriodBox("12m")
        self.period_box.preset_chosen.connect(self.mark_stale)
        self.period_box.dates_edited.connect(self._dates_edited)
        self.compute_button = QPushButton(self.tr("&Calculer"))
        self.compute_button.clicked.connect(self.refresh)
        self.state = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.period_box)
        bar.addWidget(self.compute_button)
        bar.addWidget(self.state, 1)

        self.values: dict[str, QLabel] = {}
        status_box = self._box(self.tr("Fichier"), [
            ("count", self.tr("Fiches")), ("prospect", self.tr("Prospects")),
            ("client", self.tr("Clients")), ("ancien client", self.tr("Anciens clients"))])
        rates_box = self._box(self.tr("Fidélité sur la période"), [
            ("at_start", self.tr("Clients au début")), ("lost", self.tr("Perdus")),
            ("retention", self.tr("Taux de rétention")),
            ("attrition", self.tr("Taux d'attrition"))])
        money_box = self._box(self.tr("Achats sur la période"), [
            ("revenue", self.tr("Chiffre d'affaires")), ("purchases", self.tr("Achats")),
            ("buyers", self.tr("Clients acheteurs")),
            ("per_customer", self.tr("CA par client")),
            ("frequency", self.tr("Fréquence d'achat")),
            ("basket", self.tr("Panier moyen"))])

        self.top = QTableWidget(0, 3)
        self.top.setHorizontalHeaderLabels([self.tr("Client"), self.tr("Chiffre d'affaires"),
                                            self.tr("Achats")])
        self.rfm = QTableWidget(0, 3)
        self.rfm.setHorizontalHeaderLabels([self.tr("Profil d'achat"), self.tr("Clients"),
                                            self.tr("Part")])
        self.rfm.setToolTip(self.tr("Entrée ou double-clic : la liste des clients du profil, "
                                    "à filtrer ou exporter en liste d'envoi."))
        read_only_rows(self.top, self._open_top)
        read_only_rows(self.rfm, self.open_segment)
        for table in (self.top, self.rfm):
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for col in (1, 2):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        top_box = QGroupBox(self.tr("Meilleurs clients de la période"))
        QVBoxLayout(top_box).addWidget(self.top)
        rfm_box = QGroupBox(self.tr("Profils d'achat du fichier (segments RFM)"))
        rfm_box.setToolTip(self.tr(
            "Chaque client acheteur est noté de 1 à 5 sur la récence (R) de son dernier achat, "
            "la fréquence (F) de ses achats et le montant (M) dépensé, 5 pour les 20 % "
            "meilleurs ; son profil découle de ces trois notes. Des clients identiques ont "
            "toujours le même profil."))
        rfm_layout = QVBoxLayout(rfm_box)
        rows_height = self.rfm.verticalHeader().defaultSectionSize() * len(RFM_ORDER)
        self.rfm.setFixedHeight(rows_height + self.rfm.horizontalHeader().sizeHint().height() + 8)
        rfm_layout.addWidget(self.rfm)
        self.chart = self._make_chart()
        rfm_layout.addWidget(self.chart, 1)

        grid = QGridLayout()
        grid.addWidget(status_box, 0, 0)
        grid.addWidget(rates_box, 0, 1)
        grid.addWidget(money_box, 0, 2)
        grid.addWidget(top_box, 1, 0, 1, 2)
        grid.addWidget(rfm_box, 1, 2)
        grid.setRowStretch(1, 1)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)

    def _make_chart(self):
        import pyqtgraph as pg  # loaded with this page only: the tab opens without it

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        chart = pg.PlotWidget(self)
        chart.setMenuEnabled(False)
        chart.setMouseEnabled(x=False, y=False)
        chart.hideButtons()
        chart.getPlotItem().setLabel("bottom", self.tr("Clients"))
        chart.getPlotItem().invertY(True)  # the table's order, top to bottom
        chart.setMinimumHeight(120)  # with the rest of the page, fits 1366×768 unscrolled
        for axis in ("left", "bottom"):  # no empty 0-1 axes while the figures are computed
            chart.getPlotItem().hideAxis(axis)
        return chart

    def _draw_chart(self, labels: list[str], counts: list[int]) -> None:
        import pyqtgraph as pg

        plot = self.chart.getPlotItem()
        plot.clear()
        plot.showAxis("left")
        plot.showAxis("bottom")
        ys = list(range(len(labels)))
        plot.addItem(pg.BarGraphItem(x0=0, y=ys, width=counts, height=0.6, brush=CHART_BRUSH))
        plot.getAxis("left").setTicks([[(y, label) for y, label in zip(ys, labels)]])
        plot.setYRange(-0.6, max(len(labels) - 0.4, 0.6), padding=0)
        plot.setXRange(0, max(counts or [1]) * 1.1, padding=0)

    def _box(self, title: str, rows) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, label in rows:
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setObjectName(f"figure_{key}")
            self.values[key] = value
            form.addRow(label, value)
        return box

    # --- period ------------------------------------------------------------------------

    def _dates_edited(self) -> None:
        self._stale = True  # computed on Calculer, or when the page is shown again

    def period(self) -> Period:
        return self.period_box.period()

    # --- computing ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Starts the computation in the pool; show_figures() fills the panel when done."""
        period = self.period()
        if period.start > period.end:
            self.state.setText(self.tr("La date de début suit la date de fin."))
            return
        if self._worker is not None:
            return
        self._stale = False
        self.state.setText(self.tr("Calcul en cours…"))
        self.compute_button.setEnabled(False)
        worker = ServiceWorker(compute_figures, period, self._service, with_progress=False)
        worker.signals.sig_done.connect(self._done)
        worker.signals.sig_failed.connect(self._failed)
        self._worker = worker
        worker.start()

    def _done(self, result) -> None:
        self._worker = None
        self.compute_button.setEnabled(True)
        self.state.clear()
        self.show_figures(*result)

    def _failed(self, message: str) -> None:
        self._worker = None
        self.compute_button.setEnabled(True)
        self.state.setText(message)

    def show_figures(self, figures, rfm_counts: Counter) -> None:
        self.figures = figures
        self.rfm_counts = rfm_counts
        def money(cents: int | None) -> str:
            return "—" if cents is None else format_money(cents, self._currency)

        v = self.values
        v["count"].setText(format_number(figures.count, 0))
        for status in ("prospect", "client", "ancien client"):
            v[status].setText(format_number(figures.by_status.get(status, 0), 0))
        v["at_start"].setText(format_number(figures.customers_at_start, 0))
        v["lost"].setText(format_number(figures.lost, 0))
        v["retention"].setText(format_percent(figures.retention_rate_pct))
        v["attrition"].setText(format_percent(figures.attrition_rate_pct))
        v["revenue"].setText(money(figures.revenue_cents))
        v["purchases"].setText(format_number(figures.purchases_count, 0))
        v["buyers"].setText(format_number(figures.buyers, 0))
        v["per_customer"].setText(money(figures.revenue_per_customer_cents))
        v["frequency"].setText("—" if figures.purchase_frequency is None else self.tr(
            "%1 achat(s) par client").replace("%1", format_number(figures.purchase_frequency, 2)))
        v["basket"].setText(money(figures.average_basket_cents))

        self.top.setRowCount(len(figures.top_customers))
        for row, top in enumerate(figures.top_customers):
            name = _item(top.name)
            name.setData(Qt.ItemDataRole.UserRole, top.customer_id)
            self.top.setItem(row, 0, name)
            self.top.setItem(row, 1, _item(money(top.revenue_cents), right=True))
            self.top.setItem(row, 2, _item(format_number(top.purchases, 0), right=True))
        total = sum(rfm_counts.values())
        labels = [label for label in RFM_ORDER if label in rfm_counts]
        labels += sorted(set(rfm_counts) - set(labels))
        self.rfm.setRowCount(len(labels))
        for row, label in enumerate(labels):
            count = rfm_counts[label]
            item = _item(label)
            item.setToolTip(self.tr("Clients qui %1.").replace(
                "%1", self._service.SEGMENT_HELP.get(label, "")))
            self.rfm.setItem(row, 0, item)
            self.rfm.setItem(row, 1, _item(format_number(count, 0), right=True))
            self.rfm.setItem(row, 2, _item(format_percent(count * 100 / total if total else None),
                                           right=True))
        self._draw_chart(labels, [rfm_counts[label] for label in labels])

    def open_segment(self) -> None:
        """The customers of the chosen profile (Entrée or double click on its row)."""
        item = self.rfm.item(self.rfm.currentRow(), 0)
        if item is None:
            return
        from rcdesk.ui.customers.segment_dialog import SegmentDialog

        dialog = SegmentDialog(item.text(), self._currency, self, self._service)
        dialog.open_customer.connect(self.open_customer)
        self.segment_dialog = dialog
        dialog.exec()

    def _open_top(self) -> None:
        item = self.top.item(self.top.currentRow(), 0)
        if item is not None:
            self.open_customer.emit(int(item.data(Qt.ItemDataRole.UserRole)))
