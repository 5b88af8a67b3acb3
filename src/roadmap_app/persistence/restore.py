"""Put a backup in place of the live progress database: checked first, the current one kept, safe at any kill."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from roadmap_app.persistence.backups import backup_dir, copy_database, read_only_uri
from roadmap_app.persistence.database import (
    DB_FILENAME,
    HEAD_REVISION,
    RESTORING_SUFFIX,
    known_revisions,
    move_aside,
)
from roadmap_app.persistence.errors import DatabaseAccessError, describe
from roadmap_app.persistence.models import Base

REQUIRED_TABLES = {"alembic_version", "node_progress", "resource_done", "study_session", "status_event"}


class RestoreError(Exception):
    """The chosen file cannot be restored; nothing was changed."""


def check_backup(backup: Path, live: Path) -> str:
    """The backup's schema revision; RestoreError when it is not a readable progress database of a known schema."""
    try:
        info = backup.stat()
    except OSError as exc:
        raise RestoreError(f"cannot read {backup}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise RestoreError(f"{backup} is not a regular file; choose a backup listed by 'roadmap-app backups'")
    if live.exists() and os.path.samefile(backup, live):
        raise RestoreError(f"{backup} is the progress database itself; choose one of its backups")
    try:
        connection = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise RestoreError(f"{backup} is damaged (its integrity check fails); choose another backup")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables >= REQUIRED_TABLES:
                raise RestoreError(f"{backup} is an SQLite database, but not a roadmap-app progress database")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is not None and revision[0] == HEAD_REVISION:
                _check_columns(connection, backup)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{backup} is not a progress database ({exc}); choose a backup listed by "
                           "'roadmap-app backups'") from None
    if revision is None or revision[0] not in known_revisions():
        raise RestoreError(f"{backup} was made by a newer version of roadmap-app (schema "
                           f"{revision[0] if revision else 'unknown'}); it cannot be restored by this version")
    return str(revision[0])


def _check_columns(connection: sqlite3.Connection, backup: Path) -> None:
    """A database claiming the current schema has every column this version reads."""
    for table in Base.metadata.sorted_tables:
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table.name})")}
        missing = {column.name for column in table.columns} - present
        if missing:
            raise RestoreError(f"{backup} claims this version's schema, but its table {table.name} lacks "
                               f"{', '.join(sorted(missing))}; it is not a working progress database")


def restore_backup(data_dir: Path, backup: Path) -> Path | None:
    """Restore `backup` as the progress database; returns where a copy of the replaced database was kept.

    Order: check the backup; copy the current database into the backups folder; copy the backup next to
    the database; move the current file aside; rename the copy into place. A kill before the last step
    is finished the next time the database is opened.
    """
    live = Path(data_dir) / DB_FILENAME
    check_backup(Path(backup), live)
    kept: Path | None = None
    staged = live.with_name(live.name + RESTORING_SUFFIX)
    try:
        if live.exists():
            stamp = datetime.now().strftime("%Y-%m-%d-before-restore-%H%M%S")
            kept = backup_dir(live) / f"{live.stem}-{stamp}.sqlite3"
            try:
                copy_database(live, kept)
            except sqlite3.DatabaseError:
                kept = None  # the current file is damaged; it is still moved aside below, untouched
        copy_database(Path(backup), staged)
        if live.exists() and move_aside(live, reason="replaced") is None:
            raise OSError(f"cannot move {live} aside")
        staged.replace(live)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise DatabaseAccessError(live, exc) from exc
    except sqlite3.DatabaseError as exc:
        staged.unlink(missing_ok=True)
        raise RestoreError(f"cannot restore {backup}: {describe(exc)}; nothing was changed") from None
    return kept
