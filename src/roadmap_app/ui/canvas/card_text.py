"""How a card's title is laid out: wrapped lines, the card height they need, and their size at any zoom.

Close up a card shows its title in up to three lines at TITLE_PX; zoomed out (semantic zoom) the
title keeps at least LABEL_MIN_PX on screen and the details drop out, so a whole map stays readable.
The same functions size the cards for the layout, draw them, and check them in the tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout

from roadmap_app.ui.text import CARD_CHARS, elide

TITLE_PX = 13.0  # the title's size in scene units: at 100 % zoom, 13 px
INFO_PX = 11.0
LABEL_MIN_PX = 8.5  # zoomed out, a title is never drawn smaller than this on screen
MAX_LINES = 3
STRIPE = 7.0
PAD = 7.0  # inside the card, around the text
LABEL_PAD = 3.5  # zoomed out, the title may use nearly the whole card
MIN_HEIGHT = 62.0  # even a one-line card holds two lines of a zoomed-out title at the usual fit zoom
INFO_ROW = 22.0  # status symbol, hours and resources
READY_BAR = 4.0


@lru_cache(maxsize=512)
def title_font(pixels: float, strike: bool = False, bold: bool = True) -> QFont:
    """Bold close up; zoomed out a regular weight, which fits more of a title on a line."""
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    font.setStrikeOut(strike)
    return font


def text_width(card_width: float) -> float:
    return card_width - STRIPE - 2 * PAD


@lru_cache(maxsize=20_000)
def wrap(text: str, pixels: int, width: float, max_lines: int, bold: bool = True) -> tuple[str, ...]:
    """The title as it is drawn: word-wrapped into at most max_lines lines, the last cut with an ellipsis."""
    if max_lines < 1 or not text:
        return ()
    font = title_font(pixels, bold=bold)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1 and start + length < len(text):  # the last line room allows: cut it
            metrics = QFontMetricsF(font)
            lines.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start:start + length].rstrip())
    layout.endLayout()
    return tuple(lines)


@lru_cache(maxsize=512)
def line_height(pixels: float, bold: bool = True) -> float:
    return QFontMetricsF(title_font(pixels, bold=bold)).lineSpacing()


def card_height(title: str, card_width: float) -> float:
    """Room for the whole title (up to three lines; title as the card shows it), the info row and the ready bar."""
    lines = max(1, len(wrap(title, round(TITLE_PX), text_width(card_width), MAX_LINES)))
    return max(MIN_HEIGHT, round(PAD + lines * line_height(TITLE_PX) + 2 + INFO_ROW + READY_BAR))


@dataclass(frozen=True)
class Label:
    """A zoomed-out card's title: its size in scene units and its lines (none when not even one fits)."""

    pixels: float
    lines: tuple[str, ...]
    line_height: float


def label_for(title: str, card_width: float, card_height_: float, lod: float) -> Label:
    """The title at zoom lod, kept at LABEL_MIN_PX on screen, in as many lines as the card holds."""
    pixels = math.ceil(max(TITLE_PX, LABEL_MIN_PX / max(lod, 1e-6)) - 1e-9)
    step = line_height(pixels, bold=False)
    room = int((card_height_ - 2 * LABEL_PAD) // step)
    width = card_width - STRIPE - 2 * LABEL_PAD
    lines = wrap(title, pixels, width, min(room, MAX_LINES + 1), bold=False) if room >= 1 else ()
    return Label(pixels, lines, step)


def full_detail(lod: float) -> bool:
    """Close enough for the card's full detail: its title at TITLE_PX is at least LABEL_MIN_PX on screen."""
    return TITLE_PX * lod >= LABEL_MIN_PX


def card_heights(titles: dict[str, str], card_width: float) -> tuple[tuple[str, float], ...]:
    """Every card's height by node id, for the layout (it keeps the cards apart by their real size)."""
    return tuple((node_id, card_height(elide(title, CARD_CHARS), card_width)) for node_id, title in titles.items())
