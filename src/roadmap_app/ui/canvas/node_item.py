"""One skill on the canvas: category stripe, title, status symbol, resources done; fewer details when far."""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Node
from roadmap_app.ui.canvas.card_text import (
    INFO_PX,
    INFO_ROW,
    LABEL_PAD,
    MAX_LINES,
    PAD,
    READY_BAR,
    STRIPE,
    TITLE_PX,
    full_detail,
    label_for,
    line_height,
    text_width,
    title_font,
    wrap,
)
from roadmap_app.ui.canvas.status_glyph import STATUS_LABELS, draw_status_glyph
from roadmap_app.ui.text import CARD_CHARS, TOOLTIP_CHARS, elide
from roadmap_app.ui.theme import Theme

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
        # Each card is kept as a picture at the view's resolution: panning then copies it instead of drawing
        # text and rounded corners again (5,000 skills at 100 %: about 26 -> 8 ms a frame).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_state(self, status: Status, resources: tuple[int, int]) -> None:
        if (status, resources) != (self.status, self.resources):
            self.status, self.resources = status, resources
            self.look_changed()

    def set_ready(self, ready: bool) -> None:
        if ready != self.ready:
            self.ready = ready
            self.look_changed()

    def set_emphasis(self, emphasis: str | None) -> None:
        if emphasis != self.emphasis:
            self.emphasis = emphasis
            self.look_changed()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.look_changed()

    def tooltip_text(self) -> str:
        """The whole title and the card's state; set when the pointer comes over the card (not for every card
        at open: 5,000 of them cost 20 ms and 1.5 MB)."""
        done, total = self.resources
        return (f"<b>{html.escape(elide(self.node.title, TOOLTIP_CHARS))}</b><br>{STATUS_LABELS[self.status]}"
                f"{' · ready to learn' if self.ready else ''} · {self.node.hours:g} h · {done}/{total} resources")

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    def look_changed(self) -> None:
        """Repaint; and tell the scene, whose batches for far-away drawing are then made again."""
        scene = self.scene()
        if scene is not None and hasattr(scene, "visual_version"):
            scene.visual_version += 1
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        m = OUTLINE_MARGIN
        return QRectF(-self.width / 2 - m, -self.height / 2 - m, self.width + 2 * m, self.height + 2 * m)

    def box(self) -> QRectF:
        return QRectF(-self.width / 2, -self.height / 2, self.width, self.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        box = self.box()
        label = None if full_detail(lod) else label_for(self.title, self.width, self.height, lod)
        if label is not None and not label.lines:  # too far for even one line: a block that tells the status
            self._paint_block(painter, box)
            return
        theme = self.theme
        status_color = theme.status_color(self.status)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.5)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        border = QPen(status_color if self.status is Status.DONE else theme.color("border"),
                      2.0 if self.status is Status.DONE else 1.0)
        if self.status is Status.SKIPPED:
            border.setStyle(Qt.PenStyle.DashLine)
        border.setCosmetic(label is not None)
        painter.setPen(border)
        background = self._background()
        painter.setBrush(background)
        painter.drawRoundedRect(box, 6, 6)
        stripe = QRectF(box.left(), box.top(), STRIPE, box.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.category_color)
        painter.drawRoundedRect(stripe, 3, 3)
        painter.drawRect(stripe.adjusted(3, 0, 0, 0))
        if self.ready:
            self._mark_ready(painter, box)
        if label is None:
            self._paint_title(painter, box, TITLE_PX, self.lines(), line_height(TITLE_PX), PAD, bold=True)
            self._paint_info(painter, box, status_color, background)
        else:
            self._paint_title(painter, box, label.pixels, label.lines, label.line_height, LABEL_PAD, bold=False)
        if self.isSelected() or self.emphasis:
            pen = QPen(self._outline_color(), 3.0 if self.isSelected() else 2.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-2.5, -2.5, 2.5, 2.5), 8, 8)

    def lines(self) -> tuple[str, ...]:
        """The title's lines close up (the card's height was made for them)."""
        return wrap(self.title, round(TITLE_PX), text_width(self.width), MAX_LINES)

    def _background(self) -> QColor:
        """Far away the status symbol is gone: a finished or started card is tinted with its status colour."""
        theme = self.theme
        base = theme.color("surface_alt" if self.status is Status.SKIPPED else "surface")
        if self.status not in (Status.DONE, Status.LEARNING):
            return base
        tint = theme.status_color(self.status)
        share = 0.16 if self.status is Status.DONE else 0.12
        mix = lambda a, b: a * (1 - share) + b * share  # noqa: E731
        return QColor.fromRgbF(mix(base.redF(), tint.redF()), mix(base.greenF(), tint.greenF()),
                               mix(base.blueF(), tint.blueF()))

    def _paint_block(self, painter: QPainter, box: QRectF) -> None:
        """A block whose fill tells the status, also in greyscale; skipped is crossed out."""
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

    def _paint_title(self, painter: QPainter, box: QRectF, pixels: float, lines: tuple[str, ...], step: float,
                     pad: float, bold: bool) -> None:
        skipped = self.status is Status.SKIPPED
        painter.setFont(title_font(pixels, strike=skipped, bold=bold))  # a skipped title is struck through
        painter.setPen(self.theme.color("text_muted" if skipped else "text"))
        left, width = box.left() + STRIPE + pad, self.width - STRIPE - 2 * pad
        top = box.top() + pad if bold else box.center().y() - len(lines) * step / 2  # far away: centred
        for i, line in enumerate(lines):
            painter.drawText(QRectF(left, top + i * step, width, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)

    def _paint_info(self, painter: QPainter, box: QRectF, status_color: QColor, background: QColor) -> None:
        radius = 6.5
        row_top = box.bottom() - READY_BAR - INFO_ROW
        center = QPointF(box.left() + STRIPE + PAD + radius, row_top + INFO_ROW / 2)
        draw_status_glyph(painter, center, radius, self.status, status_color, background)
        info_font = QFont()
        info_font.setPixelSize(round(INFO_PX))
        painter.setFont(info_font)
        painter.setPen(self.theme.color("text_muted"))
        done, total = self.resources
        left = center.x() + radius + 6
        painter.drawText(QRectF(left, row_top, box.right() - PAD - left, INFO_ROW),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{self.node.hours:g} h  ·  {done}/{total} resources")
