"""A read-only view of a file's text around one line, with line numbers, that line highlighted and the cursor on it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPaintEvent, QPalette, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

CONTEXT_LINES = 200  # shown before and after the line; a 20 MB file is never put in the view whole
MAX_LINE_CHARS = 1000  # longer lines (minified JSON) are cut; the highlighted one around its column
GUTTER_PADDING = 6


def split_lines(content: bytes) -> list[str]:
    """The lines of a file as the validator counts them, decoded leniently (the file may not be valid UTF-8)."""
    text = content.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return [line.removesuffix("\r").replace("\x00", "\u2400") for line in text.split("\n")]


def _clip(line: str, column: int | None) -> tuple[str, int]:
    """A line short enough to show, and where the 0-based `column` falls in it (0 when no column is asked)."""
    if len(line) <= MAX_LINE_CHARS:
        return line, column or 0
    start = 0 if column is None else max(0, min(column - MAX_LINE_CHARS // 2, len(line) - MAX_LINE_CHARS))
    shown = ("…" if start else "") + line[start:start + MAX_LINE_CHARS] + ("…" if start + MAX_LINE_CHARS < len(line)
                                                                          else "")
    return shown, (column or 0) - start + (1 if start else 0)


class LineNumbers(QWidget):
    """The gutter of a SourceView: file line numbers, the highlighted one in bold."""

    def __init__(self, view: SourceView):
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self.view.paint_gutter(self, event)


class SourceView(QPlainTextEdit):
    """Shows lines of a file; `show_line` puts a given (1-based) line and column in the middle of the view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setAccessibleName("File text")
        self.first_line = 1  # the file's line number of the view's first line
        self.current_line: int | None = None  # the file's line number highlighted
        self.gutter = LineNumbers(self)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    # ------------------------------------------------------------------ content
    def show_line(self, lines: list[str], line: int, column: int) -> None:
        """Show the lines around `line` of `lines` (a whole file's), that line highlighted, the cursor at `column`."""
        line = max(1, min(line, len(lines)))
        first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
        shown = [_clip(text, None)[0] for text in lines[first - 1:last]]
        shown[line - first], cursor_column = _clip(lines[line - 1], max(0, column - 1))
        self.first_line, self.current_line = first, line
        self.setPlainText("\n".join(shown))
        block = self.document().findBlockByNumber(line - first)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=min(cursor_column, block.length() - 1))
        self.setTextCursor(cursor)
        self._highlight()
        self.centerCursor()
        self._fit_gutter()

    def clear_text(self) -> None:
        self.first_line, self.current_line = 1, None
        self.clear()
        self.setExtraSelections([])

    def current_line_text(self) -> str:
        return self.textCursor().block().text() if self.current_line is not None else ""

    def _highlight(self) -> None:
        if self.current_line is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        color.setAlpha(70)
        selection.format.setBackground(color)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = QTextCursor(self.document().findBlockByNumber(self.current_line - self.first_line))
        selection.cursor = cursor
        self.setExtraSelections([selection])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: the highlight follows
            self._highlight()

    # ------------------------------------------------------------------ gutter
    def gutter_width(self) -> int:
        digits = len(str(self.first_line + max(1, self.blockCount()) - 1))
        return 2 * GUTTER_PADDING + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _fit_gutter(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))
        if self.current_line is not None:
            self.centerCursor()  # the panel was shown, or resized, after the line was chosen: keep it in view

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        font = painter.font()
        while block.isValid() and top <= event.rect().bottom():
            number = self.first_line + block.blockNumber()
            current = number == self.current_line
            font.setBold(current)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text if current else QPalette.ColorRole.PlaceholderText))
            painter.drawText(0, top, gutter.width() - GUTTER_PADDING, height, Qt.AlignmentFlag.AlignRight, str(number))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()
