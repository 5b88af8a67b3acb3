"""Status symbols drawn as shapes, so statuses differ by form as well as colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from roadmap_app.domain.progress import Status

STATUS_LABELS = {
    Status.DONE: "Done",
    Status.LEARNING: "Learning",
    Status.SKIPPED: "Skipped",
    Status.TODO: "Not started",
}


def draw_status_glyph(painter: QPainter, center: QPointF, radius: float, status: Status, color: QColor,
                      background: QColor) -> None:
    """Done: filled disc with a check. Learning: half-filled disc. Skipped: ring with an arrow. Todo: ring."""
    rect = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
    pen = QPen(color, max(1.2, radius * 0.22))
    painter.setPen(pen)
    if status is Status.DONE:
        painter.setBrush(color)
        painter.drawEllipse(rect)
        check = QPainterPath(QPointF(center.x() - radius * 0.5, center.y() + radius * 0.02))
        check.lineTo(center.x() - radius * 0.12, center.y() + radius * 0.42)
        check.lineTo(center.x() + radius * 0.55, center.y() - radius * 0.38)
        painter.setPen(QPen(background, max(1.5, radius * 0.28), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(check)
    elif status is Status.LEARNING:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        painter.setBrush(color)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPie(rect, 90 * 16, 180 * 16)
    elif status is Status.SKIPPED:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        arrow = QPainterPath(QPointF(center.x() - radius * 0.5, center.y()))
        arrow.lineTo(center.x() + radius * 0.45, center.y())
        arrow.moveTo(center.x() + radius * 0.1, center.y() - radius * 0.35)
        arrow.lineTo(center.x() + radius * 0.48, center.y())
        arrow.lineTo(center.x() + radius * 0.1, center.y() + radius * 0.35)
        painter.setPen(QPen(color, max(1.2, radius * 0.22), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(arrow)
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(radius * 0.1, radius * 0.1, -radius * 0.1, -radius * 0.1))
