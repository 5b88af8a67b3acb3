"""Progress operations shared by the CLI and the window: one transaction each, returning the exact change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

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
from roadmap_app.domain.tracking import merged_record
from roadmap_app.persistence.progress_file import MAX_NOTE_CHARS
from roadmap_app.persistence.store import MAX_MINUTES_PER_SESSION, ProgressStore, Transaction
from roadmap_app.services.errors import UserError
from roadmap_app.services.output import write_output

if TYPE_CHECKING:  # the progress file transfer loads when progress is imported or exported, not with the window
    from roadmap_app.persistence.transfer import ImportReport

STATUS_WORDS = {Status.DONE: "done", Status.LEARNING: "learning", Status.SKIPPED: "skipped",
                Status.TODO: "not started"}


def _name(node_id: str, title: str | None) -> str:
    return f"‘{title or node_id}’"


EARLIEST_DAY = date(1970, 1, 1)


def check_day(day: date) -> date:
    """A study day from 1970 up to tomorrow (time zones), never a typo far in the future."""
    latest = date.today() + timedelta(days=1)
    if not EARLIEST_DAY <= day <= latest:
        raise UserError(f"the day {day.isoformat()} is not possible for a study session; give a day from "
                        f"{EARLIEST_DAY.isoformat()} to {latest.isoformat()}")
    return day


def check_minutes(minutes: object) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES_PER_SESSION:
        raise UserError(f"minutes must be a whole number from 1 to {MAX_MINUTES_PER_SESSION}, not {minutes!r}")
    return minutes


def check_note(text: str, what: str = "a note") -> str:
    """Notes as long as a progress export can carry back (so every export imports again)."""
    if len(text) > MAX_NOTE_CHARS:
        raise UserError(f"{what} of {len(text):,} characters is longer than the limit of {MAX_NOTE_CHARS:,}; "
                        "shorten it (nothing was saved)")
    return text


def _merged_node(transaction: Transaction, roadmap_id: str, node_id: str,
                 former_ids: tuple[str, ...]) -> tuple[NodeRecord | None, NodeRecord | None, list[NodeRecord]]:
    """The row under the current id, the row a person sees (merged with rows under former ids), and those rows."""
    current = transaction.node(roadmap_id, node_id)
    formers = [row for row in (transaction.node(roadmap_id, f) for f in former_ids if f != node_id) if row]
    if not formers:
        return current, current, []
    shown = merged_record(roadmap_id, node_id, [r for r in (current, *formers) if r is not None])
    return current, shown, formers


def _write_node(transaction: Transaction, current: NodeRecord | None, after: NodeRecord,
                formers: list[NodeRecord]) -> None:
    """Write the row under the current id; rows under former ids fold into it (undo brings them back)."""
    for row in formers:
        transaction.put(row, None)
    transaction.put(current, after)


def set_status(store: ProgressStore, roadmap_id: str, node_id: str, status: Status | str, *,
               title: str | None = None, former_ids: tuple[str, ...] = ()) -> Change:
    """Set a skill's status; records start and finish times and one status-log entry."""
    import uuid  # (it imports platform) when an entry is recorded, not with the window

    try:
        new = Status.parse(status) if isinstance(status, str) else status
    except ValueError as exc:
        raise UserError(str(exc)) from None
    label = f"Mark {_name(node_id, title)} as {STATUS_WORDS[new]}"
    with store.writing() as transaction:
        current, shown, formers = _merged_node(transaction, roadmap_id, node_id, former_ids)
        old = shown.status if shown else Status.TODO
        if old is new:
            return make_change(label, [])
        stamp = utc_now()
        base = shown or NodeRecord(roadmap_id, node_id)
        started, finished = base.started_at, base.finished_at
        if new is Status.TODO:
            started = finished = None
        elif new is Status.LEARNING:
            started, finished = started or stamp, None
        elif new is Status.DONE:
            started, finished = started or stamp, stamp
        _write_node(transaction, current, replace(base, status=new, started_at=started, finished_at=finished,
                                                  updated_at=stamp), formers)
        transaction.put(None, EventRecord(str(uuid.uuid4()), roadmap_id, node_id, old, new, stamp))
    return make_change(label, transaction.applied)


def set_resource_done(store: ProgressStore, roadmap_id: str, node_id: str, resource_key: str, done: bool, *,
                      resource_title: str | None = None, former_ids: tuple[str, ...] = ()) -> Change:
    """Tick or untick one resource of a skill (unticking clears it under former ids too)."""
    label = f"{'Tick' if done else 'Untick'} ‘{resource_title or resource_key}’"
    with store.writing() as transaction:
        ticked = [row for row in (transaction.get(("resource", roadmap_id, stored, resource_key))
                                  for stored in (node_id, *former_ids)) if row is not None]
        if bool(ticked) == done:
            return make_change(label, [])
        if done:
            transaction.put(None, ResourceRecord(roadmap_id, node_id, resource_key, utc_now()))
        for row in ticked if not done else []:
            transaction.put(row, None)
    return make_change(label, transaction.applied)


def set_notes(store: ProgressStore, roadmap_id: str, node_id: str, text: str, *, title: str | None = None,
              former_ids: tuple[str, ...] = ()) -> Change:
    """Replace a skill's notes."""
    check_note(text, "the notes")
    label = f"Edit notes on {_name(node_id, title)}"
    with store.writing() as transaction:
        current, shown, formers = _merged_node(transaction, roadmap_id, node_id, former_ids)
        if (shown.notes if shown else "") == text:
            return make_change(label, [])
        base = shown or NodeRecord(roadmap_id, node_id)
        _write_node(transaction, current, replace(base, notes=text, updated_at=utc_now()), formers)
    return make_change(label, transaction.applied)


def log_study(store: ProgressStore, roadmap_id: str, node_id: str, minutes: int, day: date | None = None,
              note: str = "", *, title: str | None = None) -> Change:
    """Record a study session."""
    import uuid  # (it imports platform) when an entry is recorded, not with the window

    minutes = check_minutes(minutes)
    session = SessionRecord(str(uuid.uuid4()), roadmap_id, node_id, check_day(day or date.today()), minutes,
                            check_note(note), utc_now())
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
                        day=before.day if day is None else check_day(day),
                        note=before.note if note is None else check_note(note))
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
    from roadmap_app.persistence.transfer import ProgressFileError, merge_progress_file

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


def export_progress(store: ProgressStore, out: str | Path, roadmap_id: str | None = None,
                    inputs: tuple[Path, ...] = ()) -> dict[str, int]:
    """Write progress (of one roadmap, or all) to a JSON file; never over an input, never half-written."""
    from roadmap_app.persistence.transfer import progress_document

    data, counts = progress_document(store, roadmap_id)
    write_output(out, data, [*inputs, store.path])
    return counts
