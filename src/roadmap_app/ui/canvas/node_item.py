"""One skill on the canvas: category stripe, title, status glyph, resources done."""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Node
from roadmap_app.ui.canvas.status_glyph import STATUS_LABELS, draw_status_glyph
from roadmap_app.ui.text import CARD_CHARS, TOOLTIP_CHARS, elide
from roadmap_app.ui.theme import Theme

STRIPE = 7.0
OUTLINE_MARGIN = 5.0


class NodeItem(QGraphicsItem):
    """Drawn from plain state the scene sets; it never touches the model itself."""

    def __init__(self, node: Node, width: float, height: float, category_color: QColor, theme: Theme):
        super().__init__()
        self.node = node
        self.title = elide(node.title, CARD_CHARS)
        self.width, self.height = width, height
        self.category_color = category_color
        self.theme = theme
        self.status = Status.TODO
        self.resources = (0, len(node.resources))
        self.emphasis: str | None = None  # "match", "related", "plan"
        self.ready = False  # not finished, and every prerequisite done or skipped: a place to start
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        self._update_tooltip()

    def set_state(self, status: Status, resources: tuple[int, int]) -> None:
        if (status, resources) != (self.status, self.resources):
            self.status, self.resources = status, resources
            self._update_tooltip()
            self.update()

    def set_ready(self, ready: bool) -> None:
        if ready != self.ready:
            self.ready = ready
            self._update_tooltip()
            self.update()

    def set_emphasis(self, emphasis: str | None) -> None:
        if emphasis != self.emphasis:
            self.emphasis = emphasis
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def _update_tooltip(self) -> None:
        done, total = self.resources
        self.setToolTip(f"<b>{html.escape(elide(self.node.title, TOOLTIP_CHARS))}</b><br>{STATUS_LABELS[self.status]}"
                        f"{' · ready to learn' if self.ready else ''} · {self.node.hours:g} h · "
                        f"{done}/{total} resources")

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        m = OUTLINE_MARGIN
        return QRectF(-self.width / 2 - m, -self.height / 2 - m, self.width + 2 * m, self.height + 2 * m)

    def box(self) -> QRectF:
        return QRectF(-self.width / 2, -self.height / 2, self.width, self.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        theme = self.theme
        box = self.box()
        status_color = theme.status_color(self.status)
        if lod < 0.35:  # far away: a block whose fill tells the status, also in greyscale
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(self.category_color)
            if self.status is not Status.DONE:
                fill.setAlpha(110 if self.status is Status.LEARNING else 55)
            painter.setBrush(fill)
            painter.drawRect(box)
            if self.status is Status.SKIPPED:  # crossed out, where not started stays plain
                self._cross_out(painter, box)
            if self.ready:
                self._mark_ready(painter, box)
            if self.isSelected() or self.emphasis:
                painter.setPen(QPen(self._outline_color(), 6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.5)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        border = QPen(status_color if self.status is Status.DONE else theme.color("border"),
                      2.0 if self.status is Status.DONE else 1.0)
        if self.status is Status.SKIPPED:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        background = theme.color("surface_alt" if self.status is Status.SKIPPED else "surface")
        painter.setBrush(QBrush(background))
        painter.drawRoundedRect(box, 6, 6)
        stripe = QRectF(box.left(), box.top(), STRIPE, box.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.category_color)
        painter.drawRoundedRect(stripe, 3, 3)
        painter.drawRect(stripe.adjusted(3, 0, 0, 0))
        radius = 8.0
        glyph_center = QPointF(box.right() - radius - 8, box.top() + radius + 8)
        draw_status_glyph(painter, glyph_center, radius, self.status, status_color, background)
        if self.ready:
            self._mark_ready(painter, box)
        if lod >= 0.6:
            self._paint_text(painter, box, radius)  # a skipped title is struck through
        elif self.status is Status.SKIPPED:
            self._cross_out(painter, box)
        if self.isSelected() or self.emphasis:
            pen = QPen(self._outline_color(), 3.0 if self.isSelected() else 2.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-2.5, -2.5, 2.5, 2.5), 8, 8)

    def _mark_ready(self, painter: QPainter, box: QRectF) -> None:
        """A bar in the accent colour along the bottom: where a newcomer can start now."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.theme.color("accent"))
        painter.drawRect(QRectF(box.left() + STRIPE, box.bottom() - 4, box.width() - STRIPE, 4))

    def _cross_out(self, painter: QPainter, box: QRectF) -> None:
        painter.setPen(QPen(self.theme.color("text_muted"), 0))  # cosmetic: one pixel at any zoom
        painter.drawLine(box.topLeft(), box.bottomRight())
        painter.drawLine(box.bottomLeft(), box.topRight())

    def _outline_color(self) -> QColor:
        if self.isSelected():
            return self.theme.color("accent")
        if self.emphasis == "match":
            return self.theme.color("match")
        if self.emphasis == "plan":
            return self.theme.status_color(Status.LEARNING)
        return self.theme.color("accent").lighter(130) if self.theme.name == "dark" else \
            self.theme.color("accent").darker(105)

    def _paint_text(self, painter: QPainter, box: QRectF, radius: float) -> None:
        theme = self.theme
        title_font = QFont(painter.font())
        title_font.setPointSizeF(9.5)
        title_font.setBold(True)
        title_font.setStrikeOut(self.status is Status.SKIPPED)
        painter.setFont(title_font)
        painter.setPen(theme.color("text_muted" if self.status is Status.SKIPPED else "text"))
        text_rect = QRectF(box.left() + STRIPE + 7, box.top() + 5, box.width() - STRIPE - 2 * radius - 24,
                           box.height() - 22)
        metrics = QFontMetricsF(title_font)
        title = self.title
        if metrics.horizontalAdvance(title) > text_rect.width() * 2 - 10:
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width() * 2 - 10)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
        painter.drawText(text_rect, title, wrap)
        info_font = QFont(painter.font())
        info_font.setPointSizeF(8)
        info_font.setBold(False)
        info_font.setStrikeOut(False)
        painter.setFont(info_font)
        painter.setPen(theme.color("text_muted"))
        done, total = self.resources
        info = f"{self.node.hours:g} h   ·   {done}/{total} resources"
        painter.drawText(QRectF(box.left() + STRIPE + 7, box.bottom() - 19, box.width() - STRIPE - 12, 16),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, info)
