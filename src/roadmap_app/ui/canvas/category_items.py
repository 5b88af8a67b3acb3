"""Categories on the canvas: a lane behind each category's cards, and the card of a collapsed category."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Category
from roadmap_app.ui.canvas.card_text import LABEL_MIN_PX, LABEL_PAD, PAD, STRIPE, line_height, title_font, wrap
from roadmap_app.ui.text import elide
from roadmap_app.ui.theme import Theme

LANE_LABEL_PX = 17.0  # a lane's name at 100 %; zoomed out it keeps LABEL_MIN_PX + 2 on screen
LANE_MARGIN = 14.0


class LaneItem(QGraphicsItem):
    """A tinted band behind one category's cards, its name at the top left (readable at any zoom)."""

    def __init__(self, category: Category, color: QColor, rect: QRectF, theme: Theme):
        super().__init__()
        self.category, self.color, self.rect, self.theme = category, color, rect, theme
        self.title = elide(category.title, 60)
        self.setZValue(-2)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self.rect

    def label_pixels(self, lod: float) -> float:
        return max(LANE_LABEL_PX, (LABEL_MIN_PX + 2) / max(lod, 1e-6))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        fill = QColor(self.color)
        fill.setAlpha(34 if self.theme.name == "dark" else 22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(self.rect)
        edge = QColor(self.color)
        edge.setAlpha(150)
        painter.setBrush(edge)
        painter.drawRect(QRectF(self.rect.left(), self.rect.top(), 4, self.rect.height()))
        if lod < 0.1:  # the overview map: the bands alone
            return
        pixels = self.label_pixels(lod)
        font = QFont()
        font.setPixelSize(round(pixels))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.theme.color("text"))
        painter.drawText(QRectF(self.rect.left() + 12, self.rect.top() + 4, self.rect.width() - 24, pixels * 1.4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)


class SummaryItem(QGraphicsItem):
    """A collapsed category as one card: its name, how much of it is done, and the hours left."""

    def __init__(self, category: Category, members: list[str], color: QColor, width: float, height: float,
                 theme: Theme):
        super().__init__()
        self.category, self.members, self.color, self.theme = category, members, color, theme
        self.title = elide(category.title, 80)
        self.width, self.height = width, height
        self.done = self.total = 0
        self.hours_left = 0.0
        self.setZValue(2)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_progress(self, done: int, total: int, hours_left: float) -> None:
        if (done, total, hours_left) != (self.done, self.total, self.hours_left):
            self.done, self.total, self.hours_left = done, total, hours_left
            self.setToolTip(f"{self.title}: {len(self.members)} skills collapsed, {done} of {total} finished, "
                            f"{hours_left:g} h left. Double-click to expand.")
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        scene = self.scene()
        if scene is not None and hasattr(scene, "expandRequested"):
            scene.expandRequested.emit(self.category.id)
        event.accept()

    def box(self) -> QRectF:
        return QRectF(-self.width / 2, -self.height / 2, self.width, self.height)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self.box().adjusted(-2, -6, 6, 2)

    def progress_text(self, short: bool = False) -> str:
        if short:  # zoomed out, in the larger letters
            return f"{self.done}/{self.total} · {self.hours_left:.0f} h"
        return f"{self.done}/{self.total} done · {self.hours_left:g} h left"

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        theme, box = self.theme, self.box()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.5)
        painter.setPen(QPen(theme.color("border"), 1.0))
        painter.setBrush(theme.color("surface_alt"))
        painter.drawRoundedRect(box.translated(4, -4), 6, 6)  # a stack of cards
        painter.setPen(QPen(self.color, 2.0))
        painter.setBrush(theme.color("surface"))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawRect(QRectF(box.left(), box.top(), STRIPE, box.height()))
        share = self.done / self.total if self.total else 0.0
        bar = QRectF(box.left() + STRIPE + PAD, box.bottom() - 10, box.width() - STRIPE - 2 * PAD, 5)
        painter.setBrush(theme.color("surface_alt"))
        painter.drawRect(bar)
        painter.setBrush(theme.status_color(Status.DONE))
        painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()))
        pixels = max(13.0, LABEL_MIN_PX / max(lod, 1e-6))
        width = box.width() - STRIPE - 2 * LABEL_PAD
        step = line_height(pixels)
        room = int((box.height() - 16) // step) - 1  # a line is kept for the figures
        if room < 1:
            return  # the overview map: the card and its bar
        lines = wrap(self.title, round(pixels), width, min(room, 2))
        painter.setFont(title_font(pixels))
        painter.setPen(theme.color("text"))
        top = box.top() + LABEL_PAD
        for i, line in enumerate(lines):
            painter.drawText(QRectF(box.left() + STRIPE + LABEL_PAD, top + i * step, width, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        if lines:  # the figures under the name, as legible as it
            font = QFont()
            font.setPixelSize(round(max(11.0, LABEL_MIN_PX / max(lod, 1e-6))))
            painter.setFont(font)
            painter.setPen(theme.color("text_muted"))
            painter.drawText(QRectF(box.left() + STRIPE + LABEL_PAD, top + len(lines) * step, width, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.progress_text(short=font.pixelSize() > 11))
