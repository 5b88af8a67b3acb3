"""The JSON Schema of roadmap files: what `roadmap-app schema` prints and the validator checks."""

from __future__ import annotations

from typing import Any

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The host, then optionally a path, query or fragment: written so a regular expression never backtracks.
URL_PATTERN = r"^https?://[^\s/?#]+(?:[/?#][^\s]*)?$"
RESOURCE_KINDS = ("reading", "exercise", "course", "video", "practice", "project")
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"

# Limits: generous for any real roadmap, small enough that nothing absurd reaches the window or the planner.
MAX_ID_CHARS = 100
MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 20_000  # descriptions, summaries and notes
MAX_URL_CHARS = 2_000
MAX_SHORT_CHARS = 200  # authors, license, version
MAX_HOURS = 10_000  # about five years of full-time study: a skill that big should be split

_slug = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_CHARS}
_text = {"type": "string", "minLength": 1, "maxLength": MAX_TITLE_CHARS}
_long_text = {"type": "string", "maxLength": MAX_TEXT_CHARS}
_short_text = {"type": "string", "maxLength": MAX_SHORT_CHARS}
_slug_list = {"type": "array", "items": _slug}
_hours = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_HOURS}

RESOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A piece of reading or an exercise that teaches the skill.",
    "required": ["kind", "title"],
    "additionalProperties": False,
    "properties": {
        "kind": {"enum": list(RESOURCE_KINDS), "description": "What sort of resource this is."},
        "title": {**_text, "description": "Title as a person would cite it."},
        "url": {"type": "string", "pattern": URL_PATTERN, "maxLength": MAX_URL_CHARS,
                "description": "An http or https link."},
        "hours": {**_hours, "description": "Estimated hours to work through it."},
        "note": {**_long_text, "description": "Which chapters, or why it is worth the time."},
    },
}

NODE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "One skill: a node of the prerequisite graph.",
    "required": ["id", "title", "category", "hours"],
    "additionalProperties": False,
    "properties": {
        "id": {**_slug, "description": "Unique slug, e.g. linear-algebra."},
        "title": _text,
        "category": {**_slug, "description": "The id of one of the file's categories."},
        "summary": {**_long_text, "description": "What the skill is and why it matters (Markdown); optional."},
        "hours": {**_hours, "description": "Estimated study hours."},
        "requires": {**_slug_list, "description": "Ids of hard prerequisites."},
        "recommends": {**_slug_list, "description": "Ids of soft prerequisites (shown, not enforced)."},
        "aliases": {**_slug_list, "description": "Former ids of this node; progress under them carries over."},
        "resources": {"type": "array", "items": RESOURCE_SCHEMA},
    },
}

CATEGORY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title"],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "title": _text,
        "color": {"type": "string", "pattern": COLOR_PATTERN, "description": "#rrggbb"},
    },
}

ROADMAP_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Roadmap file (format 1)",
    "description": "A field's skills as a prerequisite graph. Holds no personal progress.",
    "type": "object",
    "required": ["format", "id", "title", "categories", "nodes"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT_VERSION, "description": "The format version; this app reads 1."},
        "id": {**_slug, "description": "Stable id; progress is stored under it."},
        "title": _text,
        "description": {**_long_text, "description": "Markdown."},
        "version": {"type": ["string", "number"], "maxLength": MAX_SHORT_CHARS},
        "authors": {"type": "array", "items": _text},
        "license": _short_text,
        "categories": {"type": "array", "items": CATEGORY_SCHEMA, "minItems": 1},
        "nodes": {"type": "array", "items": NODE_SCHEMA, "minItems": 1},
    },
}
