"""Text from a roadmap file made safe to draw: cut to a sane length, shown as text and never as markup.

Laying out a 1 MB title froze the window for most of a minute; the validator now refuses such files, and
these limits keep whatever it allows quick to draw. A real title fits whole; a tooltip keeps far more
than any real title has.
"""

from __future__ import annotations

import html
import re

CARD_CHARS = 160  # a card shows two or three lines of it at most
LABEL_CHARS = 80  # a title in a list, a legend or a chart
TOOLTIP_CHARS = 2000


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def elide(text: str, limit: int = LABEL_CHARS) -> str:
    """text on one line (runs of whitespace become one space, control characters go), cut to limit characters
    with an ellipsis. (A control character drawn into an SVG export would make the file invalid XML.)"""
    head = text[: limit * 4]
    flat = " ".join(_CONTROLS.sub("", head).split())
    if len(flat) <= limit and len(head) == len(text):
        return flat
    return flat[: limit - 1].rstrip() + "…"


def plain_tooltip(*lines: str) -> str:
    """A tooltip showing lines of roadmap text as they are: a title like '<img src=x>' is text, not markup.

    (Qt guesses whether a tooltip is rich text; this one always is, with every line escaped and cut.)
    """
    return "<p>" + "<br>".join(html.escape(elide(line, TOOLTIP_CHARS)) for line in lines) + "</p>"
