"""Markdown in a QTextBrowser: headings that links can reach, code set apart from the text, the palette's colours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
)
from PySide6.QtWidgets import QTextBrowser

DOCUMENT_MARGIN = 18
CODE_PADDING = 8  # pixels between a code block's panel edge and its text
CODE_TINT = 0.07  # how much of the text colour is mixed into the page colour behind code


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str  # the name a "#anchor" link reaches it by


def anchor_for(title: str) -> str:
    """The anchor a heading gets on code-hosting sites ("What `validate` prints" -> "what-validate-prints"), so the
    links written for them work here too."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def mix(base: QColor, other: QColor, share: float) -> QColor:
    return QColor.fromRgbF(base.redF() * (1 - share) + other.redF() * share,
                           base.greenF() * (1 - share) + other.greenF() * share,
                           base.blueF() * (1 - share) + other.blueF() * share)


def show_markdown(browser: QTextBrowser, text: str) -> list[Heading]:
    """Renders `text` in `browser` in the colours of its palette (call again when the palette changes); returns
    the headings in order, each with the anchor that now leads to it."""
    browser.setMarkdown(text)
    document = browser.document()
    document.setDocumentMargin(DOCUMENT_MARGIN)
    palette = browser.palette()
    code_background = mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), CODE_TINT)
    headings: list[Heading] = []
    taken: set[str] = set()
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            headings.append(_name_heading(block, level, taken))
        _colour_fragments(block, palette, code_background)
        block = block.next()
    _style_tables(browser, palette)
    _panel_code_blocks(document, code_background)
    return headings


def _name_heading(block: QTextBlock, level: int, taken: set[str]) -> Heading:
    title = block.text()
    anchor, n = anchor_for(title), 1
    while anchor in taken:  # the second "Notes" is "notes-1", as on code-hosting sites
        anchor, n = f"{anchor_for(title)}-{n}", n + 1
    taken.add(anchor)
    target = QTextCharFormat()
    target.setAnchor(True)  # a link target only: it has no href, so it is neither drawn nor clicked as a link
    target.setAnchorNames([anchor])
    cursor = QTextCursor(block)  # at the start of the heading
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(target)
    spacing = QTextBlockFormat()
    spacing.setTopMargin(18 if level <= 2 else 12)
    spacing.setBottomMargin(6)
    cursor.mergeBlockFormat(spacing)
    return Heading(level, title, anchor)


def _code_runs(document: QTextDocument) -> list[tuple[int, int]]:
    """(start, end) positions of each fenced code block: the run of its lines."""
    runs: list[tuple[int, int]] = []
    block, start = document.begin(), None
    while block.isValid():
        is_code = block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence)
        if is_code and start is None:
            start = block.position()
        following = block.next()
        ends = not (following.isValid() and following.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence))
        if is_code and ends and start is not None:
            runs.append((start, block.position() + block.length() - 1))
            start = None
        block = following
    return runs


def _panel_code_blocks(document: QTextDocument, background: QColor) -> None:
    """Each fenced block in a tinted panel of its own, its long lines wrapped inside it rather than running out."""
    panel = QTextFrameFormat()
    panel.setBackground(background)
    panel.setPadding(CODE_PADDING)
    panel.setBorder(0)
    panel.setTopMargin(0)
    panel.setBottomMargin(10)
    lines = QTextBlockFormat()
    lines.setNonBreakableLines(False)
    lines.setTopMargin(0)
    lines.setBottomMargin(0)
    for start, end in reversed(_code_runs(document)):  # from the end: a frame moves the text after it
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(lines)
        cursor.insertFrame(panel)  # the selected lines move into the frame


def _colour_fragments(block: QTextBlock, palette: QPalette, code_background: QColor) -> None:
    """Links in the palette's link colour (the importer fixes the colour of the moment); code spans tinted."""
    link = palette.color(QPalette.ColorRole.Link)
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        char_format = fragment.charFormat()
        change = QTextCharFormat()
        if char_format.isAnchor() and char_format.anchorHref():
            change.setForeground(link)
        elif char_format.fontFixedPitch():
            change.setBackground(code_background)
        else:
            continue
        cursor = QTextCursor(block.document())
        cursor.setPosition(fragment.position())
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(change)


def _style_tables(browser: QTextBrowser, palette: QPalette) -> None:
    """Solid rules in the palette's border colour, round the table and every cell (the importer's are grey)."""
    border = palette.color(QPalette.ColorRole.Mid)
    solid = QTextFrameFormat.BorderStyle.BorderStyle_Solid
    for table in browser.document().rootFrame().childFrames():
        if not isinstance(table, QTextTable):
            continue
        table_format = table.format()
        table_format.setBorderBrush(border)
        table_format.setBorderStyle(solid)
        table_format.setCellPadding(6)
        table_format.setTopMargin(6)
        table_format.setBottomMargin(10)
        table.setFormat(table_format)
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                cell_format = cell.format().toTableCellFormat()
                cell_format.setBorder(1)
                cell_format.setBorderBrush(border)
                cell_format.setBorderStyle(solid)
                cell.setFormat(cell_format)
