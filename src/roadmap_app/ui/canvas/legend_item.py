"""The legend drawn above the graph: category colours and status symbols (also in exports)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from roadmap_app.domain.progress import Status
from roadmap_app.ui.canvas.status_glyph import STATUS_LABELS, draw_status_glyph
from roadmap_app.ui.text import elide
from roadmap_app.ui.theme import Theme

ROW = 26.0
TITLE_CHARS = 120
CATEGORY_CHARS = 60

# One entry of the legend: a category (its title and colour), a status, or READY.
LegendEntry = tuple[str, QColor] | Status | str


READY = "ready"  # the legend entry for the bar that marks skills ready to learn


def _label(entry: LegendEntry) -> str:
    if entry == READY:
        return "Ready to learn now"
    return STATUS_LABELS[entry] if isinstance(entry, Status) else entry[0]


class LegendItem(QGraphicsItem):
    def __init__(self, title: str, categories: list[tuple[str, QColor]], theme: Theme, max_width: float):
        super().__init__()
        self.title = elide(title, TITLE_CHARS)
        self.categories = [(elide(name, CATEGORY_CHARS), color) for name, color in categories]
        self.theme = theme
        self.font = QFont()
        self.font.setPointSizeF(10)
        self.rows = self._wrap(max(max_width, 600))
        self.width = max_width

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def _wrap(self, max_width: float) -> list[list[LegendEntry]]:
        metrics = QFontMetricsF(self.font)
        entries: list[LegendEntry] = [*self.categories, *Status, READY]
        rows: list[list[LegendEntry]] = []
        row: list[LegendEntry] = []
        used = 0.0
        for entry in entries:
            width = 28 + metrics.horizontalAdvance(_label(entry)) + 22
            # statuses start on a row of their own
            if row and (used + width > max_width or (isinstance(entry, Status) and not isinstance(row[-1], Status))):
                rows.append(row)
                row, used = [], 0.0
            row.append(entry)
            used += width
        if row:
            rows.append(row)
        return rows

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF(0, 0, self.width, 34 + ROW * len(self.rows))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        title_font = QFont(self.font)
        title_font.setPointSizeF(15)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.theme.color("text"))
        painter.drawText(QRectF(0, 0, self.width, 28), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        painter.setFont(self.font)
        metrics = QFontMetricsF(self.font)
        for r, row in enumerate(self.rows):
            x, y = 0.0, 34 + r * ROW
            for entry in row:
                label = _label(entry)
                if isinstance(entry, Status):
                    draw_status_glyph(painter, QPointF(x + 9, y + 12), 7.5, entry, self.theme.status_color(entry),
                                      self.theme.color("canvas"))
                elif entry == READY:  # a tiny card with the accent bar along its bottom
                    painter.setPen(self.theme.color("border"))
                    painter.setBrush(self.theme.color("surface"))
                    painter.drawRect(QRectF(x, y + 5, 18, 14))
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(self.theme.color("accent"))
                    painter.drawRect(QRectF(x, y + 16, 18, 3))
                elif isinstance(entry, tuple):
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(entry[1])
                    painter.drawRoundedRect(QRectF(x, y + 5, 18, 14), 3, 3)
                painter.setPen(self.theme.color("text_muted"))
                painter.drawText(QRectF(x + 26, y, 400, 24), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 label)
                x += 28 + metrics.horizontalAdvance(label) + 22
