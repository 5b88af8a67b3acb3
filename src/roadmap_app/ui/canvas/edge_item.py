"""A prerequisite edge: a smooth curve with an arrowhead; recommendations are dashed and lighter."""

from __future__ import annotations

import math
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from roadmap_app.ui.theme import Theme

ARROW = 8.0


def smooth_path(points: list[tuple[float, float]]) -> QPainterPath:
    """Horizontal-tangent cubic segments through the route points."""
    path = QPainterPath(QPointF(*points[0]))
    for (x0, y0), (x1, y1) in pairwise(points):
        dx = (x1 - x0) * 0.5
        path.cubicTo(QPointF(x0 + dx, y0), QPointF(x1 - dx, y1), QPointF(x1, y1))
    return path


def arrow_head(before: tuple[float, float], tip: tuple[float, float]) -> QPolygonF:
    """The arrow at the end of smooth_path(): its last segment arrives horizontally (vertically if straight down)."""
    (x0, y0), (x1, y1) = before, tip
    dx, dy = (math.copysign(1.0, x1 - x0), 0.0) if x1 != x0 else (0.0, math.copysign(1.0, y1 - y0))
    back_x, back_y = x1 - ARROW * dx, y1 - ARROW * dy
    nx, ny = -dy * ARROW * 0.45, dx * ARROW * 0.45
    return QPolygonF([QPointF(x1, y1), QPointF(back_x + nx, back_y + ny), QPointF(back_x - nx, back_y - ny)])


class EdgeItem(QGraphicsItem):
    def __init__(
        self, source: str, target: str, points: list[tuple[float, float]], theme: Theme, *, soft: bool = False
    ):
        super().__init__()
        self.source, self.target, self.soft = source, target, soft
        self.theme = theme
        self.points = points
        self.emphasis = False
        self.implied = False  # a longer chain of prerequisites implies this one (hidden unless asked for)
        self.setZValue(0 if soft else 1)
        # Each cubic segment stays inside the box of its two end points (its control points share their
        # x range and y values), so the bounds need no path; the path and arrow are built when first drawn.
        # A 20,000-skill map has 30,000 edges, mostly off screen.
        xs, ys = [x for x, _ in points], [y for _, y in points]
        self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(
            -ARROW, -ARROW, ARROW, ARROW)
        self._path: QPainterPath | None = None
        self._arrow: QPolygonF | None = None

    @property
    def path(self) -> QPainterPath:
        if self._path is None:
            self._path = smooth_path(self.points)
        return self._path

    @property
    def arrow(self) -> QPolygonF:
        if self._arrow is None:
            self._arrow = arrow_head(self.points[-2], self.points[-1])
        return self._arrow

    def set_emphasis(self, emphasis: bool) -> None:
        if emphasis != self.emphasis:
            self.emphasis = emphasis
            self.setZValue(1.5 if emphasis else (0 if self.soft else 1))
            self.look_changed()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.look_changed()

    def look_changed(self) -> None:
        """Repaint; and tell the scene, whose batches for far-away drawing are then made again."""
        scene = self.scene()
        if scene is not None and hasattr(scene, "visual_version"):
            scene.visual_version += 1
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.5)
        color = self.theme.color("accent" if self.emphasis else ("edge_soft" if self.soft else "edge"))
        # One pixel wide at every zoom (cosmetic): a scaled pen costs about twice as much to draw when panning.
        pen = QPen(color, 2.4 if self.emphasis else 1.0)
        if self.soft:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCosmetic(lod < 0.35 or not self.emphasis)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod < 0.15:  # an overview: a straight line, and no curve built just for it
            painter.drawLine(QPointF(*self.points[0]), QPointF(*self.points[-1]))
            return
        painter.drawPath(self.path)
        if lod < 0.3:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self.arrow)
