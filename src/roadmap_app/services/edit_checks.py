"""Checks of the values an edit puts into a roadmap file, with messages that say how to put them right."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from roadmap_app.domain.roadmap import Resource
from roadmap_app.formats import tree_values as values
from roadmap_app.formats.schema import (
    COLOR_PATTERN,
    MAX_HOURS,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    RESOURCE_KINDS,
    SLUG_PATTERN,
    URL_PATTERN,
)
from roadmap_app.services.errors import UserError

SLUG_RULE = "lowercase letters and digits, words joined by single hyphens (e.g. linear-algebra)"


class EditRefused(UserError):  # noqa: N818 - the name the editor's callers know it by
    """An edit that would make the file invalid; nothing was changed."""

    def __init__(self, message: str, cycle: Sequence[str] = ()):
        super().__init__(message)
        self.cycle: tuple[str, ...] = tuple(cycle)


def check_slug(value: str, what: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(SLUG_PATTERN, value) or len(value) > MAX_ID_CHARS:
        shown = value if len(value) <= 60 else value[:50] + "…"
        raise EditRefused(f"'{shown}' is not a valid {what}: use {SLUG_RULE}, at most {MAX_ID_CHARS} characters")
    return value


def check_title(value: str, what: str = "title") -> str:
    value = value.strip()
    if not value:
        raise EditRefused(f"the {what} is empty; write a few words")
    if len(value) > MAX_TITLE_CHARS:
        raise EditRefused(f"the {what} is {len(value):,} characters long; shorten it to at most {MAX_TITLE_CHARS}")
    return value


def check_long_text(value: str, what: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        raise EditRefused(f"the {what} is {len(value):,} characters long; shorten it to at most {MAX_TEXT_CHARS:,}")
    return value


def check_hours(value: float, what: str = "hours") -> int | float:
    try:
        hours = float(value)
    except (TypeError, ValueError):
        raise EditRefused(f"{what} must be a number, such as 2 or 1.5") from None
    if not math.isfinite(hours) or hours <= 0 or hours > MAX_HOURS:
        raise EditRefused(f"{what} must be more than 0 and at most {MAX_HOURS:,} (got {value})")
    return values.number(hours)


def check_color(value: str | None) -> str | None:
    if value and not re.fullmatch(COLOR_PATTERN, value):
        raise EditRefused(f"'{value}' is not a colour; write it as #rrggbb, e.g. #4e79a7")
    return value or None


def check_resource(resource: Resource) -> Resource:
    if resource.kind not in RESOURCE_KINDS:
        raise EditRefused(f"'{resource.kind}' is not a kind of resource; use one of {', '.join(RESOURCE_KINDS)}")
    check_title(resource.title, "resource's title")
    if resource.url and (len(resource.url) > MAX_URL_CHARS or not re.match(URL_PATTERN, resource.url)):
        raise EditRefused(f"'{resource.url[:80]}' is not a web link; write an address that starts with "
                          "http:// or https://, or leave it empty")
    if resource.hours is not None:
        check_hours(resource.hours, "a resource's hours")
    if resource.note:
        check_long_text(resource.note, "note")
    return resource


def slug_for(title: str, taken: set[str]) -> str:
    """A valid id made from a title, not in taken: "Linear algebra" -> linear-algebra (then -2, -3 …)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    base = "-".join(words)[: MAX_ID_CHARS - 4].strip("-") or "skill"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def resource_pairs(resource: Resource, is_json: bool) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [("kind", resource.kind), ("title", values.text(resource.title.strip(),
                                                                                     is_json=is_json))]
    if resource.url:
        pairs.append(("url", resource.url))
    if resource.hours is not None:
        pairs.append(("hours", values.number(resource.hours)))
    if resource.note:
        pairs.append(("note", values.text(resource.note, is_json=is_json)))
    return pairs
