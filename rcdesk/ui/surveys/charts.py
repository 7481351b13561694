"""The tab's charts, drawn with pyqtgraph: NPS distribution, the importance × satisfaction
mapping (zones, cut lines, labelled points), the trend with 95 % intervals, the staff mirror."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from rcdesk.core.satisfaction import CUTS, ZONES, nps_category

PROMOTER, PASSIVE, DETRACTOR = "#1E8449", "#9AA5B1", "#C0392B"
_COLOURS = {"promoter": PROMOTER, "passive": PASSIVE, "detractor": DETRACTOR}
ZONE_COLOURS = {1: "#1E8449", 2: "#C0392B", 3: "#1F77B4", 4: "#E08A00"}
ZONE_FILLS = {1: (30, 132, 73, 28), 2: (192, 57, 43, 28), 3: (31, 119, 180, 28),
              4: (224, 138, 0, 28)}

pg.setConfigOptions(antialias=True, background="w", foreground="k")


def _plot(parent, title: str = "") -> pg.PlotWidget:
    plot = pg.PlotWidget(parent)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if title:
        plot.setTitle(title, color="#1F4E79", size="10pt")
    return plot


class NpsBars(pg.PlotWidget):
    """Answers per score 0–10, coloured by category."""

    def __init__(self, parent=None):
        super().__init__(parent)
        for item in (self,):
            item.setMenuEnabled(False)
            item.setMouseEnabled(x=False, y=False)
            item.hideButtons()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTitle("Répartition des notes (0–10)", color="#1F4E79", size="10pt")
        self.getAxis("bottom").setTicks([[(i, str(i)) for i in range(11)]])
        self.setMinimumHeight(160)

    def show_distribution(self, distribution: dict[int, int]) -> None:
        self.clear()
        colours = [_COLOURS[nps_category(s)] for s in range(11)]
        heights = [distribution.get(s, 0) for s in range(11)]
        self.addItem(pg.BarGraphItem(x=list(range(11)), height=heights, width=0.7,
                                     brushes=colours, pen=None))
        self.setYRange(0, max(heights + [1]) * 1.15)
        self.setXRange(-0.6, 10.6)


class MappingPlot(pg.PlotWidget):
    """x = satisfaction, y = importance; the four zones cut where the mapping says; a
    criterion on a cut counts as important / satisfied."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setLabel("bottom", "Satisfaction")
        self.setLabel("left", "Importance")
        self.labels: list[pg.TextItem] = []
        self.points: pg.ScatterPlotItem | None = None

    def show_mapping(self, m) -> None:
        self.clear()
        self.labels = []
        low, high = m.scale
        cut_s = m.cut_satisfaction if m.cut_satisfaction is not None else (low + high) / 2
        cut_i = m.cut_importance if m.cut_importance is not None else (low + high) / 2
        for zone, (x0, y0, x1, y1) in {2: (low, cut_i, cut_s, high),
                                       1: (cut_s, cut_i, high, high),
                                       4: (low, low, cut_s, cut_i),
                                       3: (cut_s, low, high, cut_i)}.items():
            box = pg.QtWidgets.QGraphicsRectItem(x0, y0, x1 - x0, y1 - y0)
            box.setBrush(pg.mkBrush(*ZONE_FILLS[zone]))
            box.setPen(pg.mkPen(None))
            box.setZValue(-10)
            self.addItem(box)
            name = f"Zone {zone} — {ZONES[zone][0]}"
            anchor = (0, 0) if zone in (1, 2) else (0, 1)
            anchor = (anchor[0] if zone in (2, 4) else 1, anchor[1])
            text = pg.TextItem(name, color=ZONE_COLOURS[zone], anchor=anchor)
            text.setPos(x0 if zone in (2, 4) else x1, y1 if zone in (1, 2) else y0)
            self.addItem(text)
        dash = pg.mkPen("#777777", width=1, style=Qt.PenStyle.DashLine)
        self.addItem(pg.InfiniteLine(cut_s, angle=90, pen=dash))
        self.addItem(pg.InfiniteLine(cut_i, angle=0, pen=dash))
        shown = [c for c in m.criteria if c.zone is not None]
        self.points = pg.ScatterPlotItem(
            [c.satisfaction for c in shown], [c.importance for c in shown], size=11,
            brush=[pg.mkBrush(ZONE_COLOURS[c.zone]) for c in shown],
            pen=pg.mkPen("w", width=1))
        self.addItem(self.points)
        placed: list[tuple[float, float]] = []
        step = (high - low) * 0.045
        for c in sorted(shown, key=lambda c: (-c.importance, c.satisfaction)):
            y = c.importance
            while any(abs(y - py) < step and abs(c.satisfaction - px) < (high - low) * 0.25
                      for px, py in placed):
                y -= step
            placed.append((c.satisfaction, y))
            right = c.satisfaction > low + (high - low) * 0.7
            label = pg.TextItem(f"Q{c.number} {c.label}", color="#222222",
                                anchor=(1.05, 0.5) if right else (-0.05, 0.5))
            label.setPos(c.satisfaction, y)
            self.addItem(label)
            self.labels.append(label)
        self.setXRange(low, high, padding=0.02)
        self.setYRange(low, high, padding=0.02)
        self.setTitle(f"Coupure : {CUTS[m.cut]}", color="#1F4E79", size="10pt")


class TrendPlot(pg.PlotWidget):
    """Each campaign's NPS with its 95 % interval (error bars), −100 to +100."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTitle("NPS par campagne (barres : intervalle à 95 %)", color="#1F4E79",
                      size="10pt")

    def show_trend(self, points: list[tuple[str, object]]) -> None:
        self.clear()
        xs, ys, lows, highs, ticks = [], [], [], [], []
        for i, (label, nps) in enumerate(points):
            ticks.append((i, label if len(label) <= 22 else label[:21] + "…"))
            if nps is None:
                continue
            xs.append(i)
            ys.append(nps.score)
            lows.append(nps.score - max(-100.0, nps.low))
            highs.append(min(100.0, nps.high) - nps.score)
        self.getAxis("bottom").setTicks([ticks])
        self.addItem(pg.InfiniteLine(0, angle=0, pen=pg.mkPen("#BBBBBB")))
        if xs:
            import numpy as np

            self.addItem(pg.ErrorBarItem(x=np.array(xs, float), y=np.array(ys, float),
                                         bottom=np.array(lows, float),
                                         top=np.array(highs, float), beam=0.15,
                                         pen=pg.mkPen("#1F4E79", width=1.5)))
            self.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen("#1F4E79", width=1),
                                         symbol="s", symbolBrush="#1F4E79", symbolSize=9))
        self.setYRange(-100, 100)
        self.setXRange(-0.5, max(0, len(points) - 1) + 0.5)


class MirrorPlot(pg.PlotWidget):
    """Per criterion, two bars: the first campaign's satisfaction and the second's."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addLegend(offset=(-10, 10))

    def show_gaps(self, gaps, name_a: str, name_b: str, scale: tuple[int, int]) -> None:
        self.clear()
        if self.plotItem.legend is not None:
            self.plotItem.legend.clear()
        ticks = [(i, g.label if len(g.label) <= 16 else g.label[:15] + "…")
                 for i, g in enumerate(gaps)]
        a = [g.a_satisfaction or 0 for g in gaps]
        b = [g.b_satisfaction or 0 for g in gaps]
        self.addItem(pg.BarGraphItem(x=[i - 0.18 for i in range(len(gaps))], height=a,
                                     width=0.34, brush="#1F77B4", pen=None, name=name_a))
        self.addItem(pg.BarGraphItem(x=[i + 0.18 for i in range(len(gaps))], height=b,
                                     width=0.34, brush="#E08A00", pen=None, name=name_b))
        self.getAxis("bottom").setTicks([ticks])
        self.setYRange(scale[0], scale[1])
        self.setXRange(-0.6, max(0, len(gaps) - 1) + 0.6)
