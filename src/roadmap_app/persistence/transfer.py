"""Export progress to a JSON file and merge it back in, for moving to another machine."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import EventRecord, NodeRecord, ResourceRecord, SessionRecord, utc_now
from roadmap_app.persistence.progress_file import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ProgressFileError,
    parse_day,
    parse_time,
    read_document,
)
from roadmap_app.persistence.store import MAX_MINUTES_PER_SESSION, ProgressStore, Transaction

__all__ = ["EXPORT_FORMAT", "EXPORT_VERSION", "ImportReport", "ProgressFileError", "merge_progress_file",
           "progress_document"]


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
    from sqlalchemy import select  # SQLAlchemy and the tables: only when exporting (the window starts sooner)

    from roadmap_app.persistence.store import EVENT, NODE, RESOURCE, SESSION

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


def merge_progress_file(transaction: Transaction, path: Path, roadmap_id: str | None = None) -> ImportReport:
    """Merge a progress file inside the caller's transaction; importing twice changes nothing."""
    document = read_document(path)
    report = ImportReport()
    try:
        _merge_document(transaction, document, roadmap_id, report)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ProgressFileError(f"{path} is damaged ({type(exc).__name__}: {exc}); nothing was imported") from None
    return report


def _parse_dt(text: str | None) -> datetime | None:
    return parse_time(text, "an entry")


def _required_dt(text: str | None, what: str) -> datetime:
    parsed = parse_time(text, what)
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
                                                parse_day(entry["day"], "a study session"), minutes,
                                                str(entry.get("note") or ""),
                                                _required_dt(entry["created_at"], "a study session")))
            report.added_sessions += 1
    for entry in filter(wanted, document.get("events", [])):
        if transaction.get(("event", str(entry["uid"]))) is None:
            transaction.put(None, EventRecord(str(entry["uid"]), str(entry["roadmap"]), str(entry["node"]),
                                              Status(entry["old"]), Status(entry["new"]),
                                              _required_dt(entry["at"], "a status change")))
            report.added_events += 1
