"""The progress store: every user action is one call and one committed transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from roadmap_app.domain.progress import ArchivedEntry, NodeState, ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.persistence.backups import copy_database, list_backups
from roadmap_app.persistence.database import DB_FILENAME, open_database
from roadmap_app.persistence.models import NodeProgress, ResourceDone, StatusEvent, StudySession

MAX_MINUTES_PER_SESSION = 24 * 60


@dataclass(frozen=True)
class Change:
    """What one action changed, so views can update just that."""

    roadmap_id: str
    node_id: str
    what: str  # "status", "resource", "notes", "study"
    old: object = None
    new: object = None


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class ProgressStore:
    """Reads and writes progress in the local SQLite database."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.engine, self.path = open_database(self.data_dir)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # ----------------------------------------------------------------- writes
    def set_status(self, roadmap_id: str, node_id: str, status: Status | str) -> Change:
        status = Status.parse(status) if isinstance(status, str) else status
        with self._transaction() as session:
            row = self._row(session, roadmap_id, node_id)
            old = Status(row.status) if row.status else Status.TODO
            if old is status:
                return Change(roadmap_id, node_id, "status", old, status)
            stamp = now()
            row.status = status.value
            if status is Status.LEARNING and row.started_at is None:
                row.started_at = stamp
            if status is Status.DONE:
                row.started_at = row.started_at or stamp
                row.finished_at = stamp
            elif status is Status.TODO:
                row.started_at = row.finished_at = None
            else:
                row.finished_at = None if status is Status.LEARNING else row.finished_at
            row.updated_at = stamp
            session.add(StatusEvent(uid=str(uuid.uuid4()), roadmap_id=roadmap_id, node_id=node_id,
                                    old_status=old.value, new_status=status.value, at=stamp))
        return Change(roadmap_id, node_id, "status", old, status)

    def set_resource_done(self, roadmap_id: str, node_id: str, resource_key: str, done: bool) -> Change:
        with self._transaction() as session:
            existing = session.scalar(select(ResourceDone).where(
                ResourceDone.roadmap_id == roadmap_id, ResourceDone.node_id == node_id,
                ResourceDone.resource_key == resource_key))
            if done and existing is None:
                session.add(ResourceDone(roadmap_id=roadmap_id, node_id=node_id, resource_key=resource_key,
                                         done_at=now()))
            elif not done and existing is not None:
                session.delete(existing)
        return Change(roadmap_id, node_id, "resource", resource_key, done)

    def set_notes(self, roadmap_id: str, node_id: str, text: str) -> Change:
        with self._transaction() as session:
            row = self._row(session, roadmap_id, node_id)
            old = row.notes
            if old != text:
                row.notes = text
                row.updated_at = now()
        return Change(roadmap_id, node_id, "notes", old, text)

    def log_study(self, roadmap_id: str, node_id: str, minutes: int, day: date | None = None,
                  note: str = "") -> Change:
        if not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES_PER_SESSION:
            raise ValueError(f"minutes must be a whole number from 1 to {MAX_MINUTES_PER_SESSION}, not {minutes!r}")
        with self._transaction() as session:
            session.add(StudySession(uid=str(uuid.uuid4()), roadmap_id=roadmap_id, node_id=node_id,
                                     day=day or date.today(), minutes=minutes, note=note, created_at=now()))
        return Change(roadmap_id, node_id, "study", None, minutes)

    def _row(self, session: Session, roadmap_id: str, node_id: str) -> NodeProgress:
        row = session.scalar(select(NodeProgress).where(NodeProgress.roadmap_id == roadmap_id,
                                                        NodeProgress.node_id == node_id))
        if row is None:
            row = NodeProgress(roadmap_id=roadmap_id, node_id=node_id, status=Status.TODO.value, notes="",
                               updated_at=now())
            session.add(row)
        return row

    # ----------------------------------------------------------------- reads
    def snapshot(self, roadmap: Roadmap) -> ProgressSnapshot:
        """Progress resolved to the roadmap's current ids; unknown ids are listed as archived."""
        with self._transaction() as session:
            rows = session.scalars(select(NodeProgress).where(NodeProgress.roadmap_id == roadmap.id)).all()
            checks = session.execute(select(ResourceDone.node_id, ResourceDone.resource_key).where(
                ResourceDone.roadmap_id == roadmap.id)).all()
            minutes = session.execute(select(StudySession.node_id, func.sum(StudySession.minutes)).where(
                StudySession.roadmap_id == roadmap.id).group_by(StudySession.node_id)).all()
        raw: dict[str, NodeState] = {}
        for row in rows:
            raw[row.node_id] = NodeState(Status(row.status), row.started_at, row.finished_at, row.notes or "",
                                         set(), 0, row.updated_at)
        for node_id, key in checks:
            raw.setdefault(node_id, NodeState()).done_resources.add(key)
        for node_id, total in minutes:
            raw.setdefault(node_id, NodeState()).minutes += int(total or 0)
        return _resolve(roadmap, raw)

    def status_events(self, roadmap_id: str) -> list[StatusEvent]:
        with self._transaction() as session:
            return list(session.scalars(select(StatusEvent).where(StatusEvent.roadmap_id == roadmap_id)
                                        .order_by(StatusEvent.at, StatusEvent.id)))

    def study_sessions(self, roadmap_id: str) -> list[StudySession]:
        with self._transaction() as session:
            return list(session.scalars(select(StudySession).where(StudySession.roadmap_id == roadmap_id)
                                        .order_by(StudySession.day, StudySession.id)))

    # ----------------------------------------------------------------- backups
    def backups(self) -> list[Path]:
        return list_backups(self.path)

    @staticmethod
    def restore_backup(data_dir: Path, backup: Path) -> Path:
        """Put a backup in place of the database; the current file (if any) is kept aside."""
        from roadmap_app.persistence.database import move_aside

        target = Path(data_dir) / DB_FILENAME
        if target.exists():
            move_aside(target)
        copy_database(backup, target)
        return target


def _resolve(roadmap: Roadmap, raw: dict[str, NodeState]) -> ProgressSnapshot:
    snapshot = ProgressSnapshot(roadmap)
    for stored_id, state in sorted(raw.items()):
        current = roadmap.resolve(stored_id)
        if current is None:
            snapshot.archived.append(ArchivedEntry(stored_id, state))
            continue
        existing = snapshot.states.get(current)
        snapshot.states[current] = state if existing is None else _merge(existing, state, stored_id == current)
    return snapshot


def _merge(first: NodeState, second: NodeState, second_is_current: bool) -> NodeState:
    """Combine progress found under a node's current id and under a former id."""
    newer, older = (first, second) if (first.updated_at or datetime.min) >= (second.updated_at or datetime.min) \
        else (second, first)
    notes = newer.notes if not older.notes or older.notes == newer.notes else f"{older.notes}\n\n{newer.notes}".strip()
    return NodeState(
        status=newer.status if newer.updated_at else older.status,
        started_at=min((d for d in (first.started_at, second.started_at) if d), default=None),
        finished_at=newer.finished_at or older.finished_at if newer.status is Status.DONE else newer.finished_at,
        notes=notes,
        done_resources=first.done_resources | second.done_resources,
        minutes=first.minutes + second.minutes,
        updated_at=newer.updated_at or older.updated_at,
    )
