"""Turn JSON Schema errors into messages that say what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.formats.schema import COLOR_PATTERN, FORMAT_VERSION, SLUG_PATTERN, URL_PATTERN
from roadmap_app.formats.tree import Tree, shorten

if TYPE_CHECKING:  # jsonschema loads when a file is first checked, not with this module
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "empty",
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    if len(word) > 100:
        return ""  # nothing that long is a typo of an id, and comparing it with thousands of ids is slow
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def describe_type(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def where(path: tuple, data: Any) -> str:
    """Human name of the place a path points to, e.g. "resource 2 of node 'numpy'"."""
    path = tuple(path)
    if len(path) >= 2 and path[0] in ("nodes", "categories") and isinstance(path[1], int):
        kind = "node" if path[0] == "nodes" else "category"
        item = _get(data, path[:2])
        ident = item.get("id") if isinstance(item, dict) else None
        name = f"{kind} '{shorten(ident)}'" if isinstance(ident, str) else f"{kind} {path[1] + 1}"
        if len(path) >= 4 and path[2] == "resources" and isinstance(path[3], int):
            return f"resource {path[3] + 1} of {name}"
        return name
    return "the roadmap"


def non_finite_message(path: tuple, value: float | int, text: str | None, data: Any) -> str:
    """What to write instead of a number that is nan, infinite or out of range, given as text in the file."""
    place = where(path, data)
    if text is None:
        text = _number_literal(value)
    shown = text if len(text) <= 20 else f"{text[:12]}... ({len(text)} characters)"
    spelled_infinite = isinstance(value, float) and (math.isnan(value) or "inf" in text.lower())
    reason = "" if spelled_infinite else ", which is out of range"
    if tuple(path) == ("format",):
        return f"{place}: 'format' must be {FORMAT_VERSION}, not {shown}{reason}; write 'format: {FORMAT_VERSION}'"
    return f"{place}: '{_field(path)}' must be a finite number such as 12 or 1.5, not {shown}{reason}"


def _number_literal(value: float | int) -> str:
    """How YAML writes a number, for values that carry no source text."""
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    if isinstance(value, float) and math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return f"a number of about {int(int(value).bit_length() * math.log10(2)) + 1} digits"


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "value"


def translate(error: ValidationError, tree: Tree) -> list[Diagnostic]:
    """Diagnostics for one schema error, positioned at the offending key or value."""
    path = tuple(error.absolute_path)
    place = where(path, tree.data)
    value = error.instance
    kind = error.validator
    line, col = tree.pos(path)

    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        found = []
        for key in sorted(set(value) - allowed, key=lambda k: tree.pos((*path, k), key=True)):
            kline, kcol = tree.pos((*path, key), key=True)
            hint = did_you_mean(key, allowed) or f"; allowed keys: {', '.join(sorted(allowed))}"
            if value.get(key) is None and " " in key:
                hint += " (if this text belongs to the value before it, put that value in quotes: a comma ends it)"
            found.append(Diagnostic(kline, kcol, "error", f"{place}: unknown key '{shorten(key)}'{hint}"))
        return found
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        return [Diagnostic(line, col, "error", f"{place}: missing required key '{missing}'; add '{missing}: ...'")]
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        return [
            Diagnostic(line, col, "error", f"{place}: '{_field(path)}' must be {want}, not {describe_type(value)}")
        ]
    if kind == "pattern":
        return [Diagnostic(line, col, "error", _pattern_message(place, path, value, error.validator_value))]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        text = str(value)
        hint = did_you_mean(text, [str(o) for o in error.validator_value])
        message = f"{place}: unknown {_field(path)} '{shorten(text)}'; allowed values: {options}{hint}"
        return [Diagnostic(line, col, "error", message)]
    if kind == "exclusiveMinimum":
        return [
            Diagnostic(
                line, col, "error",
                f"{place}: '{_field(path)}' must be greater than 0 (got {value}); give an estimate in hours, e.g. 4",
            )
        ]
    if kind == "maxLength":
        return [Diagnostic(line, col, "error", f"{place}: {_entry(path)} is {len(value):,} characters long; "
                           f"shorten it to at most {error.validator_value:,} characters")]
    if kind == "maximum":
        limit = error.validator_value
        if _field(path) == "hours":
            return [Diagnostic(line, col, "error", f"{place}: 'hours' is {_number(value)}, more than the {limit:,} "
                               "hours an estimate may be; give a realistic estimate, or split so big a skill into "
                               "smaller ones")]
        return [Diagnostic(line, col, "error", f"{place}: {_entry(path)} is {_number(value)}; it must be at most "
                           f"{limit:,}")]
    if kind == "minLength":
        return [Diagnostic(line, col, "error", f"{place}: '{_field(path)}' is empty; write one")]
    if kind == "minItems":
        return [Diagnostic(line, col, "error", f"{place}: '{_field(path)}' is empty; add at least one entry")]
    return [Diagnostic(line, col, "error", f"{place}: {error.message}")]


def _entry(path: tuple) -> str:
    """'title', or "entry 3 of 'requires'" for an item of a list."""
    if path and isinstance(path[-1], int):
        return f"entry {path[-1] + 1} of '{_field(path)}'"
    return f"'{_field(path)}'"


def _number(value: Any) -> str:
    return f"{value:,g}" if isinstance(value, float) else f"{value:,}"


def _pattern_message(place: str, path: tuple, value: str, pattern: str) -> str:
    field_name = _field(path)
    value = shorten(value)
    if pattern == SLUG_PATTERN:
        return (
            f"{place}: '{value}' is not a valid id in '{field_name}'; use lowercase letters, digits and "
            "single hyphens, e.g. 'linear-algebra'"
        )
    if pattern == URL_PATTERN:
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        other_web_scheme = "://" in value and scheme not in ("http", "https")
        if scheme and (other_web_scheme or scheme in ("javascript", "file", "data", "mailto")):
            return f"{place}: link '{value}' uses '{scheme}:'; only http and https links are allowed"
        return f"{place}: '{value}' is not a valid web link; write a full address such as https://example.org/page"
    if pattern == COLOR_PATTERN:
        return f"{place}: colour '{value}' is not of the form #rrggbb, e.g. #1f77b4"
    return f"{place}: '{value}' does not match {pattern}"
