"""The progress store: rows in and out as frozen records; every write is one transaction of exact row changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.records import EventRecord, NodeRecord, Record, ResourceRecord, RowChange, SessionRecord
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress
from roadmap_app.persistence.backups import list_backups
from roadmap_app.persistence.database import make_engine, prepare_database, writer
from roadmap_app.persistence.plain_read import read_records

if TYPE_CHECKING:  # SQLAlchemy loads when the engine is first used, not with this module (the window starts sooner)
    from sqlalchemy import Connection, Engine, Table

MAX_MINUTES_PER_SESSION = 24 * 60
UNKNOWN_VERSION = -1  # data_version() before anything was read through the engine
TABLE_NAMES = {"NODE": "node", "RESOURCE": "resource", "SESSION": "session", "EVENT": "event"}


@cache
def table(kind: str) -> Table:
    """The table of one kind of row: node, resource, session or event."""
    from roadmap_app.persistence.models import NodeProgress, ResourceDone, StatusEvent, StudySession

    model = {"node": NodeProgress, "resource": ResourceDone, "session": StudySession, "event": StatusEvent}[kind]
    # SQLAlchemy types `__table__` as a FromClause; a declarative class with columns always maps a Table.
    return cast("Table", model.__table__)


def __getattr__(name: str) -> Table:
    """NODE, RESOURCE, SESSION and EVENT: the tables, made when first asked for."""
    if name in TABLE_NAMES:
        return table(TABLE_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ConflictError(Exception):
    """A row is no longer what the change expected: someone else changed it in the meantime."""

    def __init__(self, key: tuple, expected: Record | None, found: Record | None):
        self.key, self.expected, self.found = key, expected, found
        super().__init__(f"{key} changed elsewhere (expected {expected!r}, found {found!r})")


class DatabaseMovedError(Exception):
    """The database file was replaced or moved away since it was opened (a restore, say)."""


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


class Transaction:
    """Reads rows by key and applies row changes, each checked against what is stored now."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.applied: list[RowChange] = []

    def get(self, key: tuple) -> Record | None:
        from sqlalchemy import select

        rows, where = _locate(key)
        row = self.connection.execute(select(rows).where(*where)).mappings().first()
        return None if row is None else _record(key[0], row)

    def node(self, roadmap_id: str, node_id: str) -> NodeRecord | None:
        found = self.get(("node", roadmap_id, node_id))
        assert found is None or isinstance(found, NodeRecord)
        return found

    def apply(self, change: RowChange) -> None:
        """Write `change.after` where `change.before` is stored now; ConflictError (and nothing written) otherwise."""
        from sqlalchemy import delete, insert, update

        current = self.get(change.key)
        if current != change.before:
            raise ConflictError(change.key, change.before, current)
        rows, where = _locate(change.key)
        if change.after is None:
            self.connection.execute(delete(rows).where(*where))
        elif current is None:
            self.connection.execute(insert(rows).values(**_columns(change.after)))
        else:
            self.connection.execute(update(rows).where(*where).values(**_columns(change.after)))
        self.applied.append(change)

    def put(self, before: Record | None, after: Record | None) -> None:
        """Apply one row change, skipping it when nothing differs."""
        if before != after:
            self.apply(RowChange(before, after))


class ProgressStore:
    """The progress database of one data folder: one engine, read and write transactions, change detection.

    The database is checked (and migrated if need be) when the store is made; SQLAlchemy's engine is made at
    its first use. Until then progress is read with plain sqlite3, so a window shows its first frame without
    waiting for SQLAlchemy to load.
    """

    def __init__(self, data_dir: Path, *, allow_new: bool = False):
        """Open (or create) the database; `allow_new` starts empty even when only backups are left."""
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._writer_engine: Engine | None = None
        self._version_asked = False
        self._open(allow_new=allow_new)

    def _open(self, allow_new: bool = False) -> None:
        engine, self.path = prepare_database(self.data_dir, allow_new=allow_new)
        with self._lock:
            self._engine, self._writer_engine = engine, None if engine is None else writer(engine)
        self._identity = _file_identity(self.path)

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made at first use."""
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path)
                self._writer_engine = writer(self._engine)
            return self._engine

    @property
    def _writer(self) -> Engine:
        engine = self.engine
        with self._lock:
            return self._writer_engine or writer(engine)

    def close(self) -> None:
        with self._lock:
            engine, self._engine, self._writer_engine = self._engine, None, None
        if engine is not None:
            engine.dispose()

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A deferred transaction: a consistent view that never waits for the write lock."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Transaction]:
        """One write transaction; everything applied in it commits together or not at all."""
        self._check_same_file()
        with self._writer.begin() as connection:
            yield Transaction(connection)

    def apply(self, changes: list[RowChange] | tuple[RowChange, ...]) -> list[RowChange]:
        """Apply row changes in one transaction, each checked against the stored row (used by undo and redo)."""
        with self.writing() as transaction:
            for change in changes:
                transaction.apply(change)
        return transaction.applied

    # ----------------------------------------------------------------- outside changes
    def data_version(self) -> int:
        """Changes whenever another connection (another process, the CLI) commits to the database.

        Asked first before the engine is made (a window's first read), it is UNKNOWN_VERSION, which no real
        version equals: the next look makes the engine and reads the rows again, and so finds any change
        made since the first read.
        """
        with self._lock:
            if self._engine is None and not self._version_asked:
                self._version_asked = True
                return UNKNOWN_VERSION
            self._version_asked = True
        with self.engine.connect() as connection:
            return int(connection.exec_driver_sql("PRAGMA data_version").scalar() or 0)

    def file_replaced(self) -> bool:
        """True when the file at the database's path is no longer the one this store opened."""
        return _file_identity(self.path) != self._identity

    def reopen(self) -> None:
        """Open the file now at the database's path (after a restore put another one there)."""
        self.close()
        self._open()

    def _check_same_file(self) -> None:
        if self.file_replaced():
            raise DatabaseMovedError(f"the progress database {self.path} was replaced or moved away since the app "
                                     "opened it (was a backup restored?); nothing was saved. When a database is "
                                     "back in place the window switches to it within a second; then try again.")

    # ----------------------------------------------------------------- reads
    def records(self, roadmap_id: str) -> ProgressRecords:
        """Every stored row of one roadmap's progress (status log aside)."""
        if self._engine is None:  # SQLAlchemy has not loaded yet: plain sqlite3 reads the same rows
            return ProgressRecords.from_rows(roadmap_id, read_records(self.path, roadmap_id))
        with self.reading() as connection:
            return ProgressRecords.from_rows(roadmap_id, _progress_rows(connection, roadmap_id))

    def tracked(self, roadmap: Roadmap) -> TrackedProgress:
        return TrackedProgress(roadmap, self.records(roadmap.id))

    def snapshot(self, roadmap: Roadmap) -> ProgressSnapshot:
        """Progress resolved to the roadmap's current ids; unknown ids are listed as archived."""
        return self.tracked(roadmap).snapshot

    def status_events(self, roadmap_id: str) -> list[EventRecord]:
        from sqlalchemy import select

        events = table("event")
        with self.reading() as connection:
            rows = connection.execute(select(events).where(events.c.roadmap_id == roadmap_id)
                                      .order_by(events.c.at, events.c.id)).mappings().all()
        return [_event(row) for row in rows]

    def study_sessions(self, roadmap_id: str) -> list[SessionRecord]:
        from sqlalchemy import select

        sessions = table("session")
        with self.reading() as connection:
            rows = connection.execute(select(sessions).where(sessions.c.roadmap_id == roadmap_id)
                                      .order_by(sessions.c.day, sessions.c.created_at, sessions.c.id)).mappings().all()
        return [_session(row) for row in rows]

    def history(self, roadmap_id: str) -> tuple[ProgressRecords, list[EventRecord]]:
        """Every stored row of one roadmap's progress and its status log, read in one transaction."""
        from sqlalchemy import select

        events = table("event")
        with self.reading() as connection:
            rows = _progress_rows(connection, roadmap_id)
            logged = connection.execute(select(events).where(events.c.roadmap_id == roadmap_id)
                                        .order_by(events.c.at, events.c.id)).mappings().all()
        return ProgressRecords.from_rows(roadmap_id, rows), [_event(row) for row in logged]

    def find_sessions(self, roadmap_id: str, uid_prefix: str) -> list[SessionRecord]:
        """Sessions of one roadmap whose id starts with the given characters."""
        from sqlalchemy import select

        sessions = table("session")
        with self.reading() as connection:
            rows = connection.execute(select(sessions).where(sessions.c.roadmap_id == roadmap_id,
                                                             sessions.c.uid.startswith(uid_prefix, autoescape=True))
                                      .limit(20)).mappings().all()
        return [_session(row) for row in rows]

    # ----------------------------------------------------------------- backups
    def backups(self) -> list[Path]:
        return list_backups(self.path)


# --------------------------------------------------------------------- rows <-> records
def _locate(key: tuple) -> tuple[Table, list[Any]]:
    kind = key[0]
    if kind not in ("node", "resource", "session", "event"):
        raise ValueError(f"unknown row kind {kind!r}")
    rows = table(kind)
    if kind == "node":
        return rows, [rows.c.roadmap_id == key[1], rows.c.node_id == key[2]]
    if kind == "resource":
        return rows, [rows.c.roadmap_id == key[1], rows.c.node_id == key[2], rows.c.resource_key == key[3]]
    return rows, [rows.c.uid == key[1]]  # a session or an event


def _record(kind: str, row: Any) -> Record:
    if kind == "node":
        return NodeRecord(row["roadmap_id"], row["node_id"], Status(row["status"]), row["started_at"],
                          row["finished_at"], row["notes"] or "", row["updated_at"])
    if kind == "resource":
        return ResourceRecord(row["roadmap_id"], row["node_id"], row["resource_key"], row["done_at"])
    if kind == "session":
        return _session(row)
    return _event(row)


def _session(row: Any) -> SessionRecord:
    return SessionRecord(row["uid"], row["roadmap_id"], row["node_id"], row["day"], row["minutes"], row["note"] or "",
                         row["created_at"])


def _event(row: Any) -> EventRecord:
    return EventRecord(row["uid"], row["roadmap_id"], row["node_id"], Status(row["old_status"]),
                       Status(row["new_status"]), row["at"])


def _columns(record: Record) -> dict[str, Any]:
    if isinstance(record, NodeRecord):
        return {"roadmap_id": record.roadmap_id, "node_id": record.node_id, "status": record.status.value,
                "started_at": record.started_at, "finished_at": record.finished_at, "notes": record.notes,
                "updated_at": record.updated_at}
    if isinstance(record, ResourceRecord):
        return {"roadmap_id": record.roadmap_id, "node_id": record.node_id, "resource_key": record.resource_key,
                "done_at": record.done_at}
    if isinstance(record, SessionRecord):
        return {"uid": record.uid, "roadmap_id": record.roadmap_id, "node_id": record.node_id, "day": record.day,
                "minutes": record.minutes, "note": record.note, "created_at": record.created_at}
    return {"uid": record.uid, "roadmap_id": record.roadmap_id, "node_id": record.node_id,
            "old_status": record.old_status.value, "new_status": record.new_status.value, "at": record.at}


def _progress_rows(connection, roadmap_id: str) -> list[Record]:
    """The node, resource and session rows of one roadmap, in the order they were stored."""
    from sqlalchemy import select

    rows: list[Record] = []
    for kind in ("node", "resource", "session"):
        kept = table(kind)
        for row in connection.execute(select(kept).where(kept.c.roadmap_id == roadmap_id)
                                      .order_by(kept.c.id)).mappings():
            rows.append(_record(kind, row))
    return rows
