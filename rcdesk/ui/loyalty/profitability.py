"""Rentabilité (M303 VI): the programme's extra revenue against its costs over a period, a
table and a chart, and the retention of card holders against the other customers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_money, format_percent
from rcdesk.core.periods import last_12_months
from rcdesk.services.loyalty.figures import Profitability, profitability
from rcdesk.ui.forms import action_button, date_edit, from_qdate, read_only_rows


class BarChart(QWidget):
    """Horizontal bars: (label, value in cents, colour); negative values go left."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: list[tuple[str, int, str]] = []
        self.currency = "EUR"
        self.setMinimumHeight(220)

    def set_bars(self, bars, currency: str) -> None:
        self.bars, self.currency = bars, currency
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        label_w, value_w = 210, 120
        span = max(abs(v) for _, v, _ in self.bars) or 1
        has_negative = any(v < 0 for _, v, _ in self.bars)
        plot = width - label_w - value_w - 20
        zero = label_w + (plot / 2 if has_negative else 0)
        scale = (plot / 2 if has_negative else plot) / span
        row = min(34, (height - 10) / len(self.bars))
        for i, (label, value, colour) in enumerate(self.bars):
            y = 5 + i * row
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y, label_w - 8, row), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, label)
            length = value * scale
            rect = QRectF(zero + min(0, length), y + row * 0.2, abs(length), row * 0.6)
            painter.fillRect(rect, QColor(colour))
            painter.drawText(QRectF(width - value_w, y, value_w, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             format_money(value, self.currency))
        painter.setPen(QColor("#888888"))
        painter.drawLine(int(zero), 0, int(zero), height)
        painter.end()


class ProfitabilityView(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        window = last_12_months(date.today())
        self.start = date_edit(window.start, self)
        self.end = date_edit(window.end, self)
        self.table = read_only_rows(QTableWidget(0, 3, self))
        self.table.setObjectName("profitabilityTable")
        self.table.setHorizontalHeaderLabels([self.tr("Poste"), self.tr("Montant"),
                                              self.tr("Détail")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = BarChart(self)
        self.chart.setObjectName("profitabilityChart")
        self.result: Profitability | None = None
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Du"), self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("au"), self))
        bar.addWidget(self.end)
        bar.addWidget(action_button(self.tr("&Calculer"), self.refresh, self, "profitabilityRun"))
        bar.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(body, 1)

    def refresh(self) -> None:
        from rcdesk.core.periods import Period

        r = profitability(Period(from_qdate(self.start.date()), from_qdate(self.end.date())))
        self.result = r
        cur = self.context.company().currency
        rows = [
            (self.tr("CA des porteurs de carte"), format_money(r.holders_revenue_cents, cur),
             self.tr("%1 client(s), %2 chacun").replace("%1", str(r.holders))
             .replace("%2", format_money(r.holder_average_cents, cur))),
            (self.tr("CA des autres clients"), format_money(r.others_revenue_cents, cur),
             self.tr("%1 client(s), %2 chacun").replace("%1", str(r.others))
             .replace("%2", format_money(r.other_average_cents, cur))),
            (self.tr("CA supplémentaire"), format_money(r.extra_revenue_cents, cur),
             self.tr("écart de CA moyen × porteurs")),
            (self.tr("Bons utilisés"), format_money(r.vouchers_cost_cents, cur), ""),
            (self.tr("Remises des paliers"), format_money(r.discounts_cents, cur), ""),
            (self.tr("Ristournes accordées"), format_money(r.rebates_cents, cur), ""),
            (self.tr("Prix des cartes (recette)"), format_money(r.cards_income_cents, cur), ""),
            (self.tr("Différentiel"), format_money(r.balance_cents, cur),
             self.tr("CA supplémentaire − coût net")),
            (self.tr("Rétention porteurs / autres"),
             f"{format_percent(r.holders_retention_pct)} / "
             f"{format_percent(r.others_retention_pct)}", ""),
            (self.tr("Attrition porteurs / autres"),
             f"{format_percent(r.holders_attrition_pct)} / "
             f"{format_percent(r.others_attrition_pct)}", ""),
        ]
        self.table.setRowCount(len(rows))
        for i, values in enumerate(rows):
            for col, text in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart.set_bars([
            (self.tr("CA supplémentaire"), r.extra_revenue_cents, "#1F4E79"),
            (self.tr("Bons utilisés"), -r.vouchers_cost_cents, "#b26a00"),
            (self.tr("Remises"), -r.discounts_cents, "#b26a00"),
            (self.tr("Ristournes"), -r.rebates_cents, "#b26a00"),
            (self.tr("Prix des cartes"), r.cards_income_cents, "#1b5e20"),
            (self.tr("Différentiel"), r.balance_cents,
             "#1b5e20" if r.balance_cents >= 0 else "#b00020"),
        ], cur)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.result is None:
            self.refresh()
