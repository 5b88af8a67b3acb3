"""Export progress to a JSON file and merge it back in, for moving to another machine."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from roadmap_app.domain.progress import Status
from roadmap_app.persistence.models import NodeProgress, ResourceDone, StatusEvent, StudySession
from roadmap_app.persistence.store import ProgressStore

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


def export_progress(store: ProgressStore, out: Path, roadmap_id: str | None = None) -> dict[str, int]:
    """Write progress (of one roadmap, or all) to a JSON file atomically; returns counts."""
    def scoped(table):
        query = select(table)
        return query.where(table.roadmap_id == roadmap_id) if roadmap_id else query

    with store._transaction() as session:  # noqa: SLF001 - same layer
        progress = [{"roadmap": r.roadmap_id, "node": r.node_id, "status": r.status, "started_at": _when(r.started_at),
                     "finished_at": _when(r.finished_at), "notes": r.notes, "updated_at": _when(r.updated_at)}
                    for r in session.scalars(scoped(NodeProgress).order_by(NodeProgress.id))]
        resources = [{"roadmap": r.roadmap_id, "node": r.node_id, "resource": r.resource_key,
                      "done_at": _when(r.done_at)} for r in session.scalars(scoped(ResourceDone).order_by(ResourceDone.id))]
        sessions = [{"uid": s.uid, "roadmap": s.roadmap_id, "node": s.node_id, "day": _when(s.day),
                     "minutes": s.minutes, "note": s.note, "created_at": _when(s.created_at)}
                    for s in session.scalars(scoped(StudySession).order_by(StudySession.id))]
        events = [{"uid": e.uid, "roadmap": e.roadmap_id, "node": e.node_id, "old": e.old_status,
                   "new": e.new_status, "at": _when(e.at)} for e in session.scalars(scoped(StatusEvent).order_by(StatusEvent.id))]
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": _when(datetime.now()),
                "roadmap": roadmap_id, "progress": progress, "resources": resources, "sessions": sessions,
                "events": events}
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, out)
    return {"progress": len(progress), "resources": len(resources), "sessions": len(sessions), "events": len(events)}


def read_progress_file(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProgressFileError(f"{path} is not a UTF-8 text file; choose a file written by 'export-progress'") from None
    except json.JSONDecodeError as exc:
        raise ProgressFileError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ProgressFileError(f"{path} is not a progress export of this app (expected \"format\": \"{EXPORT_FORMAT}\")")
    if document.get("version") != EXPORT_VERSION:
        raise ProgressFileError(f"{path} has progress-file version {document.get('version')!r}; this app reads "
                                f"version {EXPORT_VERSION}")
    return document


def import_progress(store: ProgressStore, path: Path, roadmap_id: str | None = None) -> ImportReport:
    """Merge a progress file into the store in one transaction; importing twice changes nothing."""
    document = read_progress_file(path)
    report = ImportReport()
    try:
        with store._transaction() as session:  # noqa: SLF001 - same layer
            _merge_document(session, document, roadmap_id, report)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProgressFileError(f"{path} is damaged ({type(exc).__name__}: {exc}); nothing was imported") from None
    return report


def _parse_dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _merge_document(session, document: dict[str, Any], roadmap_id: str | None, report: ImportReport) -> None:
    def wanted(entry: dict[str, Any]) -> bool:
        if roadmap_id is None or entry["roadmap"] == roadmap_id:
            return True
        report.skipped_other_roadmaps += 1
        return False

    for entry in filter(wanted, document.get("progress", [])):
        Status(entry["status"])
        row = session.scalar(select(NodeProgress).where(NodeProgress.roadmap_id == entry["roadmap"],
                                                        NodeProgress.node_id == entry["node"]))
        incoming_time = _parse_dt(entry["updated_at"])
        values = dict(status=entry["status"], started_at=_parse_dt(entry.get("started_at")),
                      finished_at=_parse_dt(entry.get("finished_at")), notes=entry.get("notes") or "",
                      updated_at=incoming_time)
        if row is None:
            session.add(NodeProgress(roadmap_id=entry["roadmap"], node_id=entry["node"], **values))
            report.added_progress += 1
        elif incoming_time and incoming_time > row.updated_at and any(
                getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            report.updated_progress += 1
    for entry in filter(wanted, document.get("resources", [])):
        exists = session.scalar(select(ResourceDone.id).where(
            ResourceDone.roadmap_id == entry["roadmap"], ResourceDone.node_id == entry["node"],
            ResourceDone.resource_key == entry["resource"]))
        if exists is None:
            session.add(ResourceDone(roadmap_id=entry["roadmap"], node_id=entry["node"],
                                     resource_key=entry["resource"], done_at=_parse_dt(entry["done_at"])))
            report.added_resources += 1
    for entry in filter(wanted, document.get("sessions", [])):
        if session.scalar(select(StudySession.id).where(StudySession.uid == entry["uid"])) is None:
            minutes = int(entry["minutes"])
            if minutes <= 0:
                raise ValueError(f"study session {entry['uid']} has {minutes} minutes")
            session.add(StudySession(uid=entry["uid"], roadmap_id=entry["roadmap"], node_id=entry["node"],
                                     day=date.fromisoformat(entry["day"]), minutes=minutes,
                                     note=entry.get("note") or "", created_at=_parse_dt(entry["created_at"])))
            report.added_sessions += 1
    for entry in filter(wanted, document.get("events", [])):
        if session.scalar(select(StatusEvent.id).where(StatusEvent.uid == entry["uid"])) is None:
            Status(entry["old"]), Status(entry["new"])
            session.add(StatusEvent(uid=entry["uid"], roadmap_id=entry["roadmap"], node_id=entry["node"],
                                    old_status=entry["old"], new_status=entry["new"], at=_parse_dt(entry["at"])))
            report.added_events += 1
