"""Read a progress export safely: a regular file of sane size, valid JSON, every entry checked before use."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

EXPORT_FORMAT = "roadmap-app-progress"
EXPORT_VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MINUTES = 24 * 60
MAX_INT_DIGITS = 30  # far more than any count or minute value; longer ones are damage (and slow to convert)
MAX_NOTE_CHARS = 100_000
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)

_ID = {"type": "string", "minLength": 1, "maxLength": 200}
_TIME = {"type": "string", "maxLength": 40}
_TEXT = {"type": "string", "maxLength": MAX_NOTE_CHARS}
_STATUS = {"enum": ["todo", "learning", "done", "skipped"]}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "version"],
    "properties": {
        "format": {"const": EXPORT_FORMAT},
        "version": {"const": EXPORT_VERSION},
        "exported_at": {"type": ["string", "null"]},
        "roadmap": {"type": ["string", "null"]},
        "progress": {"type": "array", "items": {
            "type": "object", "required": ["roadmap", "node", "status", "updated_at"],
            "properties": {"roadmap": _ID, "node": _ID, "status": _STATUS, "notes": {"type": ["string", "null"],
                                                                                      "maxLength": MAX_NOTE_CHARS},
                           "started_at": {"type": ["string", "null"], "maxLength": 40},
                           "finished_at": {"type": ["string", "null"], "maxLength": 40}, "updated_at": _TIME}}},
        "resources": {"type": "array", "items": {
            "type": "object", "required": ["roadmap", "node", "resource", "done_at"],
            "properties": {"roadmap": _ID, "node": _ID, "resource": _TEXT, "done_at": _TIME}}},
        "sessions": {"type": "array", "items": {
            "type": "object", "required": ["uid", "roadmap", "node", "day", "minutes", "created_at"],
            "properties": {"uid": _ID, "roadmap": _ID, "node": _ID, "day": {"type": "string", "maxLength": 10},
                           "minutes": {"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
                           "note": {"type": ["string", "null"], "maxLength": MAX_NOTE_CHARS}, "created_at": _TIME}}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["uid", "roadmap", "node", "old", "new", "at"],
            "properties": {"uid": _ID, "roadmap": _ID, "node": _ID, "old": _STATUS, "new": _STATUS, "at": _TIME}}},
    },
}


@cache
def _validator() -> Any:
    """The schema's validator, made when a file is first read (jsonschema need not load with the window)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(SCHEMA)


class ProgressFileError(Exception):
    """The progress file is not one this app wrote, or is damaged; nothing was imported."""


def _describe(error) -> str:
    """jsonschema's message, without quoting a huge value whole."""
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return f"a text of {len(error.instance):,} characters, longer than the limit of {error.validator_value:,}"
    message = str(error.message)
    return message if len(message) <= 300 else message[:297] + "…"


def _where(error) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "the top level"


class _NumberTooLongError(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberTooLongError(text)
    return int(text)


def read_document(path: Path) -> dict[str, Any]:
    """The checked contents of a progress file, or ProgressFileError saying what is wrong."""
    data = _read_bytes(Path(path))
    try:
        document = json.loads(data.decode("utf-8"), parse_int=_bounded_int)
    except UnicodeDecodeError:
        raise ProgressFileError(f"{path} is not a UTF-8 text file; choose a file written by 'export-progress'") \
            from None
    except json.JSONDecodeError as exc:
        raise ProgressFileError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except _NumberTooLongError as exc:
        raise ProgressFileError(f"{path} holds a number {len(str(exc))} digits long; no value in a progress "
                                "export has more than a few, so this file is damaged; nothing was imported") from None
    except RecursionError:
        raise ProgressFileError(f"{path} is nested too deeply to be a progress export") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ProgressFileError(f"{path} is not a progress export of this app (expected \"format\": "
                                f"\"{EXPORT_FORMAT}\")")
    if document.get("version") != EXPORT_VERSION:
        raise ProgressFileError(f"{path} has progress-file version {document.get('version')!r}; this app reads "
                                f"version {EXPORT_VERSION}")
    error = next(iter(sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        raise ProgressFileError(f"{path} is damaged at {_where(error)}: {_describe(error)}; nothing was imported")
    _check_values(path, document)
    return document


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except OSError as exc:
        raise ProgressFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise ProgressFileError(f"{path} is {what}; choose a file written by 'export-progress'")
    if info.st_size > MAX_FILE_BYTES:
        raise ProgressFileError(f"{path} is {info.st_size / 1e6:.0f} MB; a progress export is far smaller "
                                f"(at most {MAX_FILE_BYTES // (1024 * 1024)} MB), so this is not one")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ProgressFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ProgressFileError(f"{path} is larger than a progress export can be; nothing was imported")
    return data


def parse_time(text: str | None, what: str) -> datetime | None:
    """A time from the file, in UTC; one without an offset (older exports) is local time."""
    if not text:
        return None
    too_far = f"{what} has the time {text}, before 1970 or in the future; a real export never does"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} has the time '{text}', which is not a date and time like "
                         "2026-03-14T18:30:00+00:00") from None
    try:
        aware = (parsed.astimezone() if parsed.tzinfo is None else parsed).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(too_far) from None
    latest = datetime.now(UTC) + timedelta(days=1)
    if not EARLIEST <= aware <= latest:
        raise ValueError(too_far)
    return aware


def parse_day(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} has the day '{text}', which is not a date like 2026-03-14") from None
    if not EARLIEST.date() <= day <= date.today() + timedelta(days=1):
        raise ValueError(f"{what} has the day {text}, before 1970 or in the future; a real export never does")
    return day


def _check_values(path: Path, document: dict[str, Any]) -> None:
    """Times and days are real and not in the future, so a bad entry never wins a later "newer wins" merge."""
    try:
        for i, entry in enumerate(document.get("progress", [])):
            for key in ("started_at", "finished_at", "updated_at"):
                parse_time(entry.get(key), f"progress entry {i + 1} ({key})")
        for i, entry in enumerate(document.get("resources", [])):
            parse_time(entry["done_at"], f"resource entry {i + 1}")
        for i, entry in enumerate(document.get("sessions", [])):
            parse_day(entry["day"], f"study session {i + 1}")
            parse_time(entry["created_at"], f"study session {i + 1}")
        for i, entry in enumerate(document.get("events", [])):
            parse_time(entry["at"], f"status change {i + 1}")
    except ValueError as exc:
        raise ProgressFileError(f"{path} is damaged: {exc}; nothing was imported") from None
