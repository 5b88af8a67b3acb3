"""One roadmap's progress rows read with plain sqlite3, so a window's first frame need not wait for SQLAlchemy."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import NodeRecord, Record, ResourceRecord, SessionRecord
from roadmap_app.persistence.database import connect

# The same rows, in the same order, as the store reads through SQLAlchemy (a test compares the two).
NODE_ROWS = ("SELECT roadmap_id, node_id, status, started_at, finished_at, notes, updated_at FROM node_progress "
             "WHERE roadmap_id = ? ORDER BY id")
RESOURCE_ROWS = "SELECT roadmap_id, node_id, resource_key, done_at FROM resource_done WHERE roadmap_id = ? ORDER BY id"
SESSION_ROWS = ("SELECT uid, roadmap_id, node_id, day, minutes, note, created_at FROM study_session "
                "WHERE roadmap_id = ? ORDER BY id")
_DATE = re.compile(r"(\d+)-(\d+)-(\d+)")  # how SQLAlchemy's SQLite Date reads its stored text


def utc_time(value: str | None) -> datetime | None:
    """A stored time as the models' UtcDateTime reads it: ISO 8601 text, in UTC."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _required_time(value: str) -> datetime:
    return cast(datetime, utc_time(value))  # a NOT NULL column of the models


def stored_day(value: str) -> date:
    found = _DATE.match(value)
    if found is None:
        raise ValueError(f"Couldn't parse date string {value!r}")
    return date(*map(int, found.groups()))


def read_records(db_path: Path, roadmap_id: str) -> list[Record]:
    """Every progress row of one roadmap (status log aside), read in one transaction."""
    connection = connect(db_path)
    try:
        connection.execute("BEGIN")  # deferred: a consistent view that never takes the write lock
        nodes = connection.execute(NODE_ROWS, (roadmap_id,)).fetchall()
        resources = connection.execute(RESOURCE_ROWS, (roadmap_id,)).fetchall()
        sessions = connection.execute(SESSION_ROWS, (roadmap_id,)).fetchall()
        connection.execute("COMMIT")
    finally:
        connection.close()
    rows: list[Record] = [
        NodeRecord(roadmap, node, Status(status), utc_time(started), utc_time(finished), notes or "", utc_time(updated))
        for roadmap, node, status, started, finished, notes, updated in nodes]
    rows += [ResourceRecord(roadmap, node, key, _required_time(done)) for roadmap, node, key, done in resources]
    rows += [SessionRecord(uid, roadmap, node, stored_day(day), minutes, note or "", _required_time(created))
             for uid, roadmap, node, day, minutes, note, created in sessions]
    return rows
