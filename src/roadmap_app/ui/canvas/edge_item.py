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


class EdgeItem(QGraphicsItem):
    def __init__(
        self, source: str, target: str, points: list[tuple[float, float]], theme: Theme, *, soft: bool = False
    ):
        super().__init__()
        self.source, self.target, self.soft = source, target, soft
        self.theme = theme
        self.path = smooth_path(points)
        self.end = QPointF(*points[-1])
        self.emphasis = False
        self.setZValue(0 if soft else 1)
        self._bounds = self.path.boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW)
        self._arrow = self._arrow_head()

    def _arrow_head(self) -> QPolygonF:
        angle = math.radians(self.path.angleAtPercent(1.0))
        tip = self.end
        back = QPointF(tip.x() - ARROW * math.cos(angle), tip.y() + ARROW * math.sin(angle))
        normal = QPointF(math.sin(angle) * ARROW * 0.45, math.cos(angle) * ARROW * 0.45)
        return QPolygonF([tip, back + normal, back - normal])

    def set_emphasis(self, emphasis: bool) -> None:
        if emphasis != self.emphasis:
            self.emphasis = emphasis
            self.setZValue(1.5 if emphasis else (0 if self.soft else 1))
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.5)
        color = self.theme.color("accent" if self.emphasis else ("edge_soft" if self.soft else "edge"))
        pen = QPen(color, 2.4 if self.emphasis else (1.1 if self.soft else 1.4))
        if self.soft:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCosmetic(lod < 0.35)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if lod < 0.3:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self._arrow)
