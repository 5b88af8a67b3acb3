"""Progress operations shared by the CLI and the window: one transaction each, returning the exact change."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import (
    Change,
    EventRecord,
    NodeRecord,
    ResourceRecord,
    SessionRecord,
    make_change,
    utc_now,
)
from roadmap_app.persistence.store import MAX_MINUTES_PER_SESSION, ProgressStore
from roadmap_app.persistence.transfer import ImportReport, ProgressFileError, merge_progress_file
from roadmap_app.services.errors import UserError

STATUS_WORDS = {Status.DONE: "done", Status.LEARNING: "learning", Status.SKIPPED: "skipped",
                Status.TODO: "not started"}


def _name(node_id: str, title: str | None) -> str:
    return f"‘{title or node_id}’"


def check_minutes(minutes: object) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES_PER_SESSION:
        raise UserError(f"minutes must be a whole number from 1 to {MAX_MINUTES_PER_SESSION}, not {minutes!r}")
    return minutes


def set_status(store: ProgressStore, roadmap_id: str, node_id: str, status: Status | str, *,
               title: str | None = None, at: datetime | None = None) -> Change:
    """Set a skill's status; records start and finish times and one status-log entry."""
    try:
        new = Status.parse(status) if isinstance(status, str) else status
    except ValueError as exc:
        raise UserError(str(exc)) from None
    label = f"Mark {_name(node_id, title)} as {STATUS_WORDS[new]}"
    with store.writing() as transaction:
        before = transaction.node(roadmap_id, node_id)
        old = before.status if before else Status.TODO
        if old is new:
            return make_change(label, [])
        stamp = at or utc_now()
        base = before or NodeRecord(roadmap_id, node_id)
        started, finished = base.started_at, base.finished_at
        if new is Status.TODO:
            started = finished = None
        elif new is Status.LEARNING:
            started, finished = started or stamp, None
        elif new is Status.DONE:
            started, finished = started or stamp, stamp
        transaction.put(before, replace(base, status=new, started_at=started, finished_at=finished,
                                        updated_at=stamp))
        transaction.put(None, EventRecord(str(uuid.uuid4()), roadmap_id, node_id, old, new, stamp))
    return make_change(label, transaction.applied)


def set_resource_done(store: ProgressStore, roadmap_id: str, node_id: str, resource_key: str, done: bool, *,
                      resource_title: str | None = None) -> Change:
    """Tick or untick one resource of a skill."""
    label = f"{'Tick' if done else 'Untick'} ‘{resource_title or resource_key}’"
    with store.writing() as transaction:
        before = transaction.get(("resource", roadmap_id, node_id, resource_key))
        if (before is not None) == done:
            return make_change(label, [])
        transaction.put(before, ResourceRecord(roadmap_id, node_id, resource_key, utc_now()) if done else None)
    return make_change(label, transaction.applied)


def set_notes(store: ProgressStore, roadmap_id: str, node_id: str, text: str, *, title: str | None = None) -> Change:
    """Replace a skill's notes."""
    label = f"Edit notes on {_name(node_id, title)}"
    with store.writing() as transaction:
        before = transaction.node(roadmap_id, node_id)
        if (before.notes if before else "") == text:
            return make_change(label, [])
        base = before or NodeRecord(roadmap_id, node_id)
        transaction.put(before, replace(base, notes=text, updated_at=utc_now()))
    return make_change(label, transaction.applied)


def log_study(store: ProgressStore, roadmap_id: str, node_id: str, minutes: int, day: date | None = None,
              note: str = "", *, title: str | None = None) -> Change:
    """Record a study session."""
    minutes = check_minutes(minutes)
    session = SessionRecord(str(uuid.uuid4()), roadmap_id, node_id, day or date.today(), minutes, note, utc_now())
    with store.writing() as transaction:
        transaction.put(None, session)
    return make_change(f"Log {minutes} min on {_name(node_id, title)}", transaction.applied)


def _session(transaction, uid: str) -> SessionRecord:
    found = transaction.get(("session", uid))
    if not isinstance(found, SessionRecord):
        raise UserError(f"there is no study session {uid}; list them with 'roadmap-app sessions FILE'")
    return found


def edit_study_session(store: ProgressStore, uid: str, *, minutes: int | None = None, day: date | None = None,
                       note: str | None = None, title: str | None = None) -> Change:
    """Change a study session's minutes, day or note."""
    with store.writing() as transaction:
        before = _session(transaction, uid)
        after = replace(before, minutes=before.minutes if minutes is None else check_minutes(minutes),
                        day=before.day if day is None else day, note=before.note if note is None else note)
        transaction.put(before, after)
    return make_change(f"Edit study session on {_name(before.node_id, title)}", transaction.applied)


def delete_study_session(store: ProgressStore, uid: str, *, title: str | None = None) -> Change:
    """Remove a study session."""
    with store.writing() as transaction:
        before = _session(transaction, uid)
        transaction.put(before, None)
    return make_change(f"Delete {before.minutes} min on {_name(before.node_id, title)} ({before.day.isoformat()})",
                       transaction.applied)


def import_progress(store: ProgressStore, path: Path, roadmap_id: str | None = None) -> tuple[Change, ImportReport]:
    """Merge an exported progress file in one transaction; importing it twice changes nothing."""
    try:
        with store.writing() as transaction:
            report = merge_progress_file(transaction, Path(path), roadmap_id)
    except ProgressFileError as exc:
        raise UserError(str(exc)) from None
    except FileNotFoundError:
        raise UserError(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    return make_change(f"Import progress from {Path(path).name}", transaction.applied), report
