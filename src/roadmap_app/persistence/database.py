"""Open the progress database safely: check it, back it up, migrate it, configure SQLite."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_app.persistence.backups import backup_if_due, list_backups, read_only_uri
from roadmap_app.persistence.errors import (
    DatabaseAccessError,
    DatabaseMissingError,
    DatabaseTooNewError,
    DatabaseUnusableError,
    is_corruption,
)

if TYPE_CHECKING:  # SQLAlchemy is loaded when a database is opened, not with this module
    from sqlalchemy import Engine

__all__ = ["DB_FILENAME", "DatabaseAccessError", "DatabaseMissingError", "DatabaseTooNewError",
           "DatabaseUnusableError", "open_database"]
RESTORING_SUFFIX = ".restoring"

DB_FILENAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "roadmap_write"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0002"  # the newest migration; bump it with every new one (a test compares it with Alembic's head)


def make_engine(db_path: Path) -> Engine:
    """An engine with one connection per thread (so `PRAGMA data_version` sees only other writers).

    Plain transactions are deferred, so reads never take the write lock; an engine made with
    `writer(engine)` begins with BEGIN IMMEDIATE, so two writers queue on the busy timeout
    instead of failing with "database is locked" when a reader upgrades.
    """
    from sqlalchemy import URL, create_engine, event
    from sqlalchemy.pool import SingletonThreadPool

    # URL.create keeps the path whole: a folder named "a#b?c%d" is not read as a query or fragment.
    engine = create_engine(URL.create("sqlite", database=str(db_path)), poolclass=SingletonThreadPool,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        configure(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def configure(connection: sqlite3.Connection) -> None:
    """The settings of every connection to the database: WAL, foreign keys, the busy timeout, full sync."""
    connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def connect(db_path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection set up as the engine's are (for reads before SQLAlchemy has loaded)."""
    connection = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        configure(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def check_readable(db_path: Path) -> str | None:
    """None when the file is a healthy SQLite database (or absent), else why it is corrupt.

    Only corruption is reported here; a file that cannot be read now (permissions, a disk error)
    raises DatabaseAccessError instead, so it is never mistaken for a damaged one and moved aside.
    """
    if not db_path.exists():
        return None
    try:
        connection = sqlite3.connect(read_only_uri(db_path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return str(exc)
        raise DatabaseAccessError(db_path, exc) from exc
    if rows != [("ok",)]:
        return "integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def move_aside(db_path: Path, reason: str = "unusable") -> Path | None:
    """Rename the database (and its WAL files) to a dated name; never overwrite anything."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.{reason}-{stamp}")
    counter = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.name}.{reason}-{stamp}-{counter}")
        counter += 1
    try:
        db_path.rename(target)
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _upgrade_to_head(connection) -> None:
    # Alembic is imported only here: a database already at HEAD_REVISION (every start but the first
    # after an update) opens without loading it, which keeps the window's start quick.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def head_revision() -> str:
    """The newest schema this version knows (a test checks it is the migrations' head)."""
    return HEAD_REVISION


def stored_revision(db_path: Path) -> str | None:
    """current_revision() through a plain sqlite3 connection: SQLAlchemy need not load to learn it."""
    connection = connect(db_path)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
        row = None if has_table is None else connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database; None for a database without one (new or pre-Alembic)."""
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").first()
        if has_table is None:
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return None if row is None else str(row[0])


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def finish_interrupted_restore(db_path: Path) -> None:
    """A restore copies the backup next to the database, then renames it into place; finish a half-done one."""
    staged = db_path.with_name(db_path.name + RESTORING_SUFFIX)
    if staged.exists() and not db_path.exists():
        staged.replace(db_path)


def open_database(data_dir: Path, *, allow_new: bool = False) -> tuple[Engine, Path]:
    """A ready-to-use engine at the newest schema; raises as prepare_database."""
    engine, db_path = prepare_database(data_dir, allow_new=allow_new)
    return engine or make_engine(db_path), db_path


def prepare_database(data_dir: Path, *, allow_new: bool = False) -> tuple[Engine | None, Path]:
    """Check, back up and migrate the database; the engine when one was needed (a migration), else None.

    A database already at the newest schema (every start but the first after an update) is checked with
    plain sqlite3, so SQLAlchemy and Alembic load only when the database is first used through the engine.
    Raises DatabaseUnusableError for a corrupt file (moved aside), DatabaseAccessError when the disk
    or folder refuses (nothing changed), DatabaseTooNewError for a newer app's schema, and
    DatabaseMissingError when the file is gone or empty while backups exist (unless `allow_new`).
    """
    db_path = data_dir / DB_FILENAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        finish_interrupted_restore(db_path)
        empty_file = db_path.exists() and db_path.stat().st_size == 0
    except OSError as exc:
        raise DatabaseAccessError(db_path, exc) from exc
    if not db_path.exists() or empty_file:
        backups = list_backups(db_path)
        if backups and not allow_new:
            raise DatabaseMissingError(db_path, backups, empty_file)
        if empty_file:
            move_aside(db_path)  # kept, never deleted
    reason = check_readable(db_path)
    if reason:
        moved = move_aside(db_path)
        raise DatabaseUnusableError(db_path, moved, reason, list_backups(db_path))
    existed = db_path.exists()
    engine = None
    try:
        revision = stored_revision(db_path) if existed else None
        if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
            raise DatabaseTooNewError(db_path, revision)
        if existed and revision != head_revision():
            backup_if_due(db_path, force_suffix=f"-before-migration-{revision or 'none'}")
        if revision != head_revision():
            engine = make_engine(db_path)
            with writer(engine).begin() as connection:
                _upgrade_to_head(connection)
        if existed:
            backup_if_due(db_path)
    except DatabaseTooNewError:
        raise
    except Exception as exc:
        if engine is not None:
            engine.dispose()
        if not _is_database_error(exc):
            raise
        if is_corruption(exc):  # another process damaged it while we were opening it
            raise DatabaseUnusableError(db_path, None, str(exc), list_backups(db_path)) from exc
        raise DatabaseAccessError(db_path, exc) from exc
    return engine, db_path


def _is_database_error(error: Exception) -> bool:
    """sqlite3's, the disk's, or SQLAlchemy's (which raised none if it was never loaded) database errors."""
    if isinstance(error, sqlite3.DatabaseError | OSError):
        return True
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_errors is not None and isinstance(error, sqlalchemy_errors.DatabaseError)
