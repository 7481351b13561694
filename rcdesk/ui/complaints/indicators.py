"""Suivi: the period's complaint indicators, Pareto and channel charts, repeat complainers."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_money, format_number, format_percent
from rcdesk.core.periods import Period
from rcdesk.services.complaints import pooled_pareto
from rcdesk.services.complaints.indicators import MAX_BARS
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import (
    SERVICE_ERRORS,
    ask_pdf_path,
    error_text,
    parse_amount_cents,
    parse_count,
)
from rcdesk.ui.forms import ErrorLine
from rcdesk.ui.period_box import PeriodBox
from rcdesk.ui.worker import run_report

BAR = "#2f6690"
LINE = "#d1495b"


class IndicatorsView(QWidget):
    """Figures of complaint_indicators(period, transactions, revenue) and their charts.

    Transactions and revenue are optional: empty means « the purchases recorded in the
    period » (the service decides); a typed figure overrides them."""

    FIGURES = (
        ("received", "Reçues"), ("answered_in_time_pct", "Répondues dans le délai"),
        ("mean_answer_working_days", "Délai moyen (j. ouvrés)"),
        ("median_answer_working_days", "Délai médian (j. ouvrés)"), ("open", "En cours"),
        ("late", "En retard"), ("rate_pct", "Taux de réclamation"),
        ("loss_rate_pct", "Taux de perte"), ("resatisfaction_pct", "Re-satisfaction"),
    )
    customer_requested = Signal(int, str)  # a repeat complainer double-clicked

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.result = None
        self.period_box = PeriodBox("year", self)
        self.transactions = QLineEdit(self)
        self.transactions.setObjectName("transactions")
        self.transactions.setPlaceholderText(self.tr("achats enregistrés"))
        self.revenue = QLineEdit(self)
        self.revenue.setObjectName("revenue")
        self.revenue.setPlaceholderText(self.tr("achats enregistrés"))
        compute = QPushButton(self.tr("&Calculer"), self)
        compute.clicked.connect(self.refresh)
        self.report_button = QPushButton(self.tr("Rapport P&DF…"), self)
        self.report_button.setObjectName("registerReport")
        self.report_button.clicked.connect(self.save_report)
        self.error = ErrorLine(self)

        bar = QHBoxLayout()
        bar.addWidget(self.period_box)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Transactions :"), self))
        bar.addWidget(self.transactions)
        bar.addWidget(QLabel(self.tr("CA :"), self))
        bar.addWidget(self.revenue)
        bar.addWidget(compute)
        bar.addStretch(1)
        bar.addWidget(self.report_button)

        figures = QGroupBox(self.tr("Indicateurs"), self)
        grid = QGridLayout(figures)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(self.FIGURES):
            value = QLabel("—", figures)
            value.setObjectName(f"figure:{key}")
            value.setStyleSheet("font-size: 16pt; font-weight: bold;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(self.tr(label), figures)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            grid.addWidget(value, (i // 5) * 2, i % 5)
            grid.addWidget(caption, (i // 5) * 2 + 1, i % 5)
            self.values[key] = value
            self.captions[key] = caption

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.pareto = pg.PlotWidget(self)
        self.pareto.setObjectName("paretoChart")
        self.pareto.setTitle(self.tr("Pareto des catégories (barres : nombre ; courbe : "
                                     "cumul en %)"))
        self.pareto.setMenuEnabled(False)
        self.pareto.setMouseEnabled(False, False)
        self._cumul_vb = self._cumulative_box()
        self.channels = pg.PlotWidget(self)
        self.channels.setObjectName("channelChart")
        self.channels.setTitle(self.tr("Réclamations par canal"))
        self.channels.setMenuEnabled(False)
        self.channels.setMouseEnabled(False, False)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        self._tick_font = small
        for chart in (self.pareto, self.channels):
            chart.getAxis("bottom").setStyle(tickFont=small)
            chart.getAxis("left").setStyle(tickFont=small)
        self.repeat = QListWidget(self)
        self.repeat.setObjectName("repeatComplainers")
        self.repeat.setToolTip(self.tr("Entrée ou double-clic : ses réclamations dans le registre"))
        self.repeat.itemActivated.connect(self._repeat_activated)
        repeat_box = QGroupBox(self.tr("Réclamants répétitifs (3 ou plus en 12 mois)"), self)
        QVBoxLayout(repeat_box).addWidget(self.repeat)
        self.by_product = QListWidget(self)
        self.by_product.setObjectName("byProduct")
        self.by_place = QListWidget(self)
        self.by_place.setObjectName("byPlace")
        product_box = QGroupBox(self.tr("Par produit / service"), self)
        QVBoxLayout(product_box).addWidget(self.by_product)
        place_box = QGroupBox(self.tr("Par lieu"), self)
        QVBoxLayout(place_box).addWidget(self.by_place)

        # Bars carry their rank; the legend names every category whole (never cut).
        self.pareto_legend = QLabel(self)
        self.pareto_legend.setObjectName("paretoLegend")
        self.pareto_legend.setWordWrap(True)
        self.pareto_legend.setFont(small)
        self.pareto_legend.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pareto_column = QVBoxLayout()
        pareto_column.setSpacing(2)
        pareto_column.addWidget(self.pareto, 1)
        pareto_column.addWidget(self.pareto_legend)
        charts = QHBoxLayout()
        charts.addLayout(pareto_column, 3)
        charts.addWidget(self.channels, 2)
        lists = QHBoxLayout()
        lists.addWidget(product_box)
        lists.addWidget(place_box)
        lists.addWidget(repeat_box)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(figures)
        layout.addLayout(charts, 3)
        layout.addLayout(lists, 2)

        self.period_box.preset_chosen.connect(self.refresh)  # typed dates wait for Calculer
        self.transactions.returnPressed.connect(self.refresh)
        self.revenue.returnPressed.connect(self.refresh)

    def period(self) -> Period:
        return self.period_box.period()

    def typed_figures(self) -> tuple[int | None, int | None]:
        """Transactions and revenue (cents) typed by the user; None where left empty."""
        transactions = parse_count(self.transactions.text())
        revenue = parse_amount_cents(self.revenue.text()) if self.revenue.text().strip() \
            else None
        return transactions, revenue

    def _checked_figures(self) -> tuple[int | None, int | None] | None:
        """typed_figures(), or None once the error line says what cannot be read."""
        try:
            return self.typed_figures()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return None

    def refresh(self) -> None:
        figures = self._checked_figures()
        if figures is None:
            return
        transactions, revenue = figures
        try:
            self.result = ops.indicators(period=self.period(), transactions=transactions,
                                         revenue_cents=revenue)
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        self.error.hide()
        self._show(self.result)

    def _show(self, r) -> None:
        for key, label in self.values.items():  # FIGURES: fields of ComplaintIndicators
            value = getattr(r, key)
            if key.endswith("_pct"):
                text = format_percent(value)
            elif key.endswith("_days"):
                text = "—" if value is None else format_number(value, 1)
            else:
                text = "—" if value is None else format_number(value, 0)
            label.setText(text)
        currency = self.context.company().currency if self.context is not None else "EUR"
        self.captions["rate_pct"].setText(self.tr("Taux de réclamation\n(%1 / %2 transactions)")
                                          .replace("%1", format_number(r.received, 0))
                                          .replace("%2", format_number(r.transactions or 0, 0)))
        self.captions["loss_rate_pct"].setText(
            self.tr("Taux de perte\n(%1 / %2 de CA)")
            .replace("%1", format_money(r.cost_cents or 0, currency))
            .replace("%2", format_money(r.revenue_cents or 0, currency)))
        self.values["late"].setStyleSheet(
            "font-size: 16pt; font-weight: bold;" + (" color: #b00020;" if r.late else ""))
        self._draw_pareto(list(r.pareto))
        self._draw_channels(_pairs(r.by_channel))
        self._fill_list(self.by_product, _pairs(r.by_product))
        self._fill_list(self.by_place, _pairs(r.by_place))
        self.repeat.clear()
        for entry in r.repeat_complainers:  # RepeatComplainer
            item = QListWidgetItem(self.tr("%1 — %2 réclamations").replace("%1", entry.name)
                                   .replace("%2", str(entry.count)))
            item.setData(Qt.ItemDataRole.UserRole, (entry.customer_id, entry.name))
            self.repeat.addItem(item)
        if not self.repeat.count():
            self.repeat.addItem(self.tr("Aucun réclamant répétitif."))

    def _repeat_activated(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data and data[0] is not None:
            self.customer_requested.emit(data[0], data[1])

    def _fill_list(self, widget: QListWidget, pairs) -> None:
        widget.clear()
        for name, count in pairs:  # every value: the list scrolls
            widget.addItem(f"{name or self.tr('(non renseigné)')} — {count}")
        if not pairs:
            widget.addItem(self.tr("Aucune réclamation."))

    def _cumulative_box(self) -> pg.ViewBox:
        """The Pareto's second view box: the cumulative % on the right axis, above the bars."""
        plot = self.pareto.getPlotItem()
        box = pg.ViewBox()
        box.setZValue(10)  # above the bars (the plot's own view box is below 0)
        box.setMouseEnabled(False, False)
        plot.scene().addItem(box)
        plot.getAxis("right").linkToView(box)
        box.setXLink(plot)
        plot.vb.sigResized.connect(lambda: box.setGeometry(plot.vb.sceneBoundingRect()))
        return box

    def _draw_pareto(self, rows) -> None:
        plot = self.pareto.getPlotItem()
        plot.clear()  # the bars; the cumulative box is cleared below and stays in the scene
        pooled = len(rows) > MAX_BARS
        all_rows, rows = rows, pooled_pareto(rows)
        names = [str(r[0]) for r in rows]
        counts = [r[1] for r in rows]
        cumul = [r[2] for r in rows]
        xs = list(range(len(rows)))
        if rows:
            plot.addItem(pg.BarGraphItem(x=xs, height=counts, width=0.6, brush=BAR))
        plot.getAxis("bottom").setTicks([[(i, str(i + 1)) for i in range(len(names))]])
        self.pareto_legend.setText(pareto_legend(names, [str(r[0]) for r in all_rows]
                                                 [MAX_BARS - 1:] if pooled else []))
        plot.setLabel("left", self.tr("Réclamations"))
        plot.showAxis("right")
        self._cumul_vb.clear()
        self._cumul_vb.setYRange(0, 100, padding=0.02)
        if rows:
            self._cumul_vb.addItem(pg.PlotCurveItem(xs, cumul, pen=pg.mkPen(LINE, width=2)))
            self._cumul_vb.addItem(pg.ScatterPlotItem(xs, cumul, brush=LINE, size=7,
                                                      pen=None))
            plot.setXRange(-0.6, len(rows) - 0.4, padding=0)
            plot.setYRange(0, max(counts) * 1.1, padding=0)
        self._cumul_vb.setGeometry(plot.vb.sceneBoundingRect())

    def _draw_channels(self, pairs) -> None:
        """Horizontal bars, the largest on top: each channel's whole name on the left axis."""
        plot = self.channels.getPlotItem()
        plot.clear()
        ys = list(range(len(pairs)))[::-1]
        if pairs:
            plot.addItem(pg.BarGraphItem(x0=0, y=ys, width=[c for _, c in pairs], height=0.6,
                                         brush=BAR))
            plot.setYRange(-0.6, len(pairs) - 0.4, padding=0)
            plot.setXRange(0, max(c for _, c in pairs) * 1.1, padding=0)
        labels = [str(n) or self.tr("(non renseigné)") for n, _ in pairs]
        axis = plot.getAxis("left")
        axis.setTicks([list(zip(ys, labels, strict=True))])
        # The axis is as wide as the longest name (pyqtgraph hides a label that overflows).
        metrics = QFontMetrics(self._tick_font)
        axis.setWidth(max([metrics.horizontalAdvance(t) for t in labels], default=20) + 14)

    def save_report(self) -> None:
        start, end = self.period().start, self.period().end
        path = ask_pdf_path(self, f"registre-reclamations-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
        if not path:
            return
        figures = self._checked_figures()
        if figures is None:
            return
        transactions, revenue = figures
        self.report_button.setEnabled(False)
        self.report_worker = run_report(
            self, self.tr("Rédaction du registre en PDF…"), ops.write_register_report,
            self._report_done, self._report_failed, period=self.period(), path=path,
            transactions=transactions, revenue_cents=revenue)

    def _report_done(self, path: str) -> None:
        self.report_button.setEnabled(True)
        ops.open_file(path)

    def _report_failed(self, message: str) -> None:
        self.report_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Rapport PDF"), message)


def _pairs(values: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(label, count) pairs, largest first."""
    return sorted(values, key=lambda p: (-p[1], str(p[0])))


def pareto_legend(names: list[str], pooled: list[str]) -> str:
    """"1 : Livraison · 2 : Accueil …", each name whole, then the pooled categories named."""
    text = " · ".join(f"{i} : {name}" for i, name in enumerate(names, start=1))
    if pooled:
        text += " — Autres : " + ", ".join(pooled)
    return text
