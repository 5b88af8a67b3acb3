"""Export progress to a JSON file and merge it back in, for moving to another machine."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import EventRecord, NodeRecord, ResourceRecord, SessionRecord, utc_now
from roadmap_app.persistence.store import (
    EVENT,
    MAX_MINUTES_PER_SESSION,
    NODE,
    RESOURCE,
    SESSION,
    ProgressStore,
    Transaction,
)

EXPORT_FORMAT = "roadmap-app-progress"
EXPORT_VERSION = 1


class ProgressFileError(Exception):
    """The progress file is not one this app wrote, or is damaged."""


@dataclass
class ImportReport:
    added_progress: int = 0
    updated_progress: int = 0
    added_resources: int = 0
    added_sessions: int = 0
    added_events: int = 0
    skipped_other_roadmaps: int = 0

    @property
    def changed(self) -> int:
        return (self.added_progress + self.updated_progress + self.added_resources + self.added_sessions
                + self.added_events)


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def progress_document(store: ProgressStore, roadmap_id: str | None = None) -> tuple[bytes, dict[str, int]]:
    """Progress (of one roadmap, or all) as the bytes of an export file, and how many rows of each kind."""
    def scoped(table):
        query = select(table)
        return query.where(table.c.roadmap_id == roadmap_id) if roadmap_id else query

    with store.reading() as connection:
        def rows(table):
            return connection.execute(scoped(table).order_by(table.c.id)).mappings().all()

        progress = [{"roadmap": r["roadmap_id"], "node": r["node_id"], "status": r["status"],
                     "started_at": _when(r["started_at"]), "finished_at": _when(r["finished_at"]),
                     "notes": r["notes"], "updated_at": _when(r["updated_at"])} for r in rows(NODE)]
        resources = [{"roadmap": r["roadmap_id"], "node": r["node_id"], "resource": r["resource_key"],
                      "done_at": _when(r["done_at"])} for r in rows(RESOURCE)]
        sessions = [{"uid": s["uid"], "roadmap": s["roadmap_id"], "node": s["node_id"], "day": _when(s["day"]),
                     "minutes": s["minutes"], "note": s["note"], "created_at": _when(s["created_at"])}
                    for s in rows(SESSION)]
        events = [{"uid": e["uid"], "roadmap": e["roadmap_id"], "node": e["node_id"], "old": e["old_status"],
                   "new": e["new_status"], "at": _when(e["at"])} for e in rows(EVENT)]
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": _when(utc_now()),
                "roadmap": roadmap_id, "progress": progress, "resources": resources, "sessions": sessions,
                "events": events}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    counts = {"progress": len(progress), "resources": len(resources), "sessions": len(sessions), "events": len(events)}
    return text.encode("utf-8"), counts


def read_progress_file(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProgressFileError(
            f"{path} is not a UTF-8 text file; choose a file written by 'export-progress'"
        ) from None
    except json.JSONDecodeError as exc:
        raise ProgressFileError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ProgressFileError(
            f"{path} is not a progress export of this app (expected \"format\": \"{EXPORT_FORMAT}\")"
        )
    if document.get("version") != EXPORT_VERSION:
        raise ProgressFileError(f"{path} has progress-file version {document.get('version')!r}; this app reads "
                                f"version {EXPORT_VERSION}")
    return document


def merge_progress_file(transaction: Transaction, path: Path, roadmap_id: str | None = None) -> ImportReport:
    """Merge a progress file inside the caller's transaction; importing twice changes nothing."""
    document = read_progress_file(path)
    report = ImportReport()
    try:
        _merge_document(transaction, document, roadmap_id, report)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ProgressFileError(f"{path} is damaged ({type(exc).__name__}: {exc}); nothing was imported") from None
    return report


def _parse_dt(text: str | None) -> datetime | None:
    """A time from the file; one without an offset (older exports) is local time."""
    if not text:
        return None
    parsed = datetime.fromisoformat(text)
    return (parsed.astimezone() if parsed.tzinfo is None else parsed).astimezone(UTC)


def _required_dt(text: str | None, what: str) -> datetime:
    parsed = _parse_dt(text)
    if parsed is None:
        raise ValueError(f"{what} has no time")
    return parsed


def _merge_document(transaction: Transaction, document: dict[str, Any], roadmap_id: str | None,
                    report: ImportReport) -> None:
    def wanted(entry: dict[str, Any]) -> bool:
        if roadmap_id is None or entry["roadmap"] == roadmap_id:
            return True
        report.skipped_other_roadmaps += 1
        return False

    for entry in filter(wanted, document.get("progress", [])):
        incoming = NodeRecord(str(entry["roadmap"]), str(entry["node"]), Status(entry["status"]),
                              _parse_dt(entry.get("started_at")), _parse_dt(entry.get("finished_at")),
                              str(entry.get("notes") or ""), _required_dt(entry["updated_at"], "a status"))
        row = transaction.node(incoming.roadmap_id, incoming.node_id)
        if row is None:
            transaction.put(None, incoming)
            report.added_progress += 1
        elif incoming.updated_at and row.updated_at and incoming.updated_at > row.updated_at and row != incoming:
            transaction.put(row, incoming)
            report.updated_progress += 1
    for entry in filter(wanted, document.get("resources", [])):
        resource = ResourceRecord(str(entry["roadmap"]), str(entry["node"]), str(entry["resource"]),
                                  _required_dt(entry["done_at"], "a resource"))
        if transaction.get(resource.key) is None:
            transaction.put(None, resource)
            report.added_resources += 1
    for entry in filter(wanted, document.get("sessions", [])):
        if transaction.get(("session", str(entry["uid"]))) is None:
            minutes = entry["minutes"]
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES_PER_SESSION:
                raise ValueError(f"study session {entry['uid']} has {minutes!r} minutes; each session must be "
                                 f"a whole number from 1 to {MAX_MINUTES_PER_SESSION}")
            transaction.put(None, SessionRecord(str(entry["uid"]), str(entry["roadmap"]), str(entry["node"]),
                                                date.fromisoformat(entry["day"]), minutes, str(entry.get("note") or ""),
                                                _required_dt(entry["created_at"], "a study session")))
            report.added_sessions += 1
    for entry in filter(wanted, document.get("events", [])):
        if transaction.get(("event", str(entry["uid"]))) is None:
            transaction.put(None, EventRecord(str(entry["uid"]), str(entry["roadmap"]), str(entry["node"]),
                                              Status(entry["old"]), Status(entry["new"]),
                                              _required_dt(entry["at"], "a status change")))
            report.added_events += 1
