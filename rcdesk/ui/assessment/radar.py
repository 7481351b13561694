"""The live radar of the 8 theme scores: a polar plot drawn with pyqtgraph PlotCurveItem lines."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from rcdesk.services.assessment.rules import RECOMMENDATION_BELOW, SCORE_MAX, THEMES

CURRENT = QColor("#1F77B4")
PREVIOUS = QColor("#8A96A3")
THRESHOLD = QColor("#E08A00")
GRID = QColor("#C8D1DC")
LABEL_AT = 1.07  # axis labels sit just beyond the 10 ring
RING_LABEL_COS = math.cos(math.radians(67.5))  # ring numbers on the bisector of axes 1 and 2
RING_LABEL_SIN = math.sin(math.radians(67.5))
LABEL_MARGIN = 6  # pixels between a label and the plot's edge


def polar_points(values: Sequence[float], *, close: bool = True) -> tuple[list[float], list[float]]:
    """x, y of each value on its axis (theme 1 at the top, clockwise), back to the first."""
    count = len(values)
    xs, ys = [], []
    for index, value in enumerate(values):
        angle = math.pi / 2 - 2 * math.pi * index / count
        xs.append(value * math.cos(angle))
        ys.append(value * math.sin(angle))
    if close and values:
        xs.append(xs[0])
        ys.append(ys[0])
    return xs, ys


def wrap_label(text: str, width: int = 14) -> str:
    """An axis label on two lines when long, split at the space nearest the middle."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " " and i > 2]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1:]


class RadarPlot(pg.PlotWidget):
    """set_scores(current, previous=None) redraws the current polygon over an optional
    previous one (the before/after overlay of the history)."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setMinimumSize(320, 300)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        plot = self.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setAspectLocked(True)
        plot.setRange(xRange=(-SCORE_MAX * 1.75, SCORE_MAX * 1.75),
                      yRange=(-SCORE_MAX * 1.3, SCORE_MAX * 1.3), padding=0)
        self.axis_labels: list[pg.TextItem] = []
        self._draw_grid()
        plot.getViewBox().sigResized.connect(self._fit_labels)
        self.previous_curve = pg.PlotCurveItem(pen=pg.mkPen(PREVIOUS, width=2,
                                                            style=Qt.PenStyle.DashLine))
        fill = QColor(CURRENT)
        fill.setAlpha(60)
        self.current_curve = pg.PlotCurveItem(pen=pg.mkPen(CURRENT, width=2.5),
                                              brush=pg.mkBrush(fill), fillOutline=True)
        self.addItem(self.previous_curve)
        self.addItem(self.current_curve)
        self.points = pg.ScatterPlotItem(size=7, brush=pg.mkBrush(CURRENT),
                                         pen=pg.mkPen("w", width=1))
        self.addItem(self.points)
        self.scores: tuple[int, ...] = ()
        self.previous: tuple[int, ...] | None = None

    def _draw_grid(self) -> None:
        count = len(THEMES)
        for ring in (2, 4, 6, 8, 10):
            xs, ys = polar_points([ring] * count)
            self.addItem(pg.PlotCurveItem(xs, ys, pen=pg.mkPen(GRID, width=1)))
            # between the axes of themes 1 and 2, under the data: the scores stay readable
            label = pg.TextItem(str(ring), color="#7F8C99", anchor=(0.5, 0.5))
            label.setPos(ring * RING_LABEL_COS, ring * RING_LABEL_SIN)
            label.setZValue(-1)
            self.addItem(label)
        xs, ys = polar_points([RECOMMENDATION_BELOW] * count)
        self.addItem(pg.PlotCurveItem(xs, ys, pen=pg.mkPen(THRESHOLD, width=1.2,
                                                           style=Qt.PenStyle.DotLine)))
        ends_x, ends_y = polar_points([SCORE_MAX] * count, close=False)
        font = QFont()
        font.setPointSize(8)
        for index, theme in enumerate(THEMES):
            self.addItem(pg.PlotCurveItem([0, ends_x[index]], [0, ends_y[index]],
                                          pen=pg.mkPen(GRID, width=1)))
            angle = math.pi / 2 - 2 * math.pi * index / count
            cos, sin = math.cos(angle), math.sin(angle)
            anchor_x = 0.5 if abs(cos) < 0.2 else (0.0 if cos > 0 else 1.0)
            anchor_y = 0.5 if abs(sin) < 0.2 else (1.0 if sin > 0 else 0.0)
            label = pg.TextItem(wrap_label(f"{theme.number}. {theme.short}"),
                                color="#1A1A1A", anchor=(anchor_x, anchor_y))
            label.setFont(font)
            label.setPos(ends_x[index] * LABEL_AT, ends_y[index] * LABEL_AT)
            self.addItem(label)
            self.axis_labels.append(label)

    def _fit_labels(self, *_args) -> None:
        """Zoom so the axis labels (a fixed size in pixels) stay inside the plot however
        narrow or short it is: the radar shrinks instead of the labels being cut."""
        view = self.getPlotItem().getViewBox()
        half_w, half_h = view.width() / 2 - LABEL_MARGIN, view.height() / 2 - LABEL_MARGIN
        if half_w < 10 or half_h < 10:
            return
        scale = min(half_w, half_h) / SCORE_MAX  # pixels per score point: the 10 ring fits
        for label in self.axis_labels:
            x, y = label.pos().x(), label.pos().y()
            size = label.textItem.boundingRect()
            anchor_x, anchor_y = label.anchor.x(), label.anchor.y()
            # each edge of the label, in pixels from the centre, is x*scale + a constant
            for position, extent, limit in ((x, (1 - anchor_x) * size.width(), half_w),
                                            (-x, anchor_x * size.width(), half_w),
                                            (y, anchor_y * size.height(), half_h),
                                            (-y, (1 - anchor_y) * size.height(), half_h)):
                if position > 0:
                    scale = min(scale, (limit - extent) / position)
        scale = max(scale, 1.0)
        view.setRange(xRange=(-view.width() / 2 / scale, view.width() / 2 / scale),
                      yRange=(-view.height() / 2 / scale, view.height() / 2 / scale), padding=0)

    def set_scores(self, scores: Sequence[int], previous: Sequence[int] | None = None) -> None:
        self.scores = tuple(scores)
        self.previous = tuple(previous) if previous is not None else None
        xs, ys = polar_points(list(scores))
        self.current_curve.setData(xs, ys)
        self.points.setData(xs[:-1], ys[:-1])
        if previous is None:
            self.previous_curve.setData([], [])
        else:
            pxs, pys = polar_points(list(previous))
            self.previous_curve.setData(pxs, pys)
