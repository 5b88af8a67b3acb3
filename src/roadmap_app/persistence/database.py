"""Open the progress database safely: check it, back it up, migrate it, configure SQLite."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.pool import SingletonThreadPool

from roadmap_app.persistence.backups import backup_if_due, list_backups, read_only_uri

DB_FILENAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "roadmap_write"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseUnusableError(Exception):
    """The database file is corrupt or unreadable; it was moved aside untouched."""

    def __init__(self, db_path: Path, moved_to: Path | None, reason: str, backups: list[Path]):
        self.db_path = db_path
        self.moved_to = moved_to
        self.reason = reason
        self.backups = backups
        where = f" It was moved to {moved_to} so nothing is lost." if moved_to else ""
        offer = (f" The newest backup is {backups[0].name}; restore it with 'roadmap-app restore-backup'."
                 if backups else " There is no backup to restore; a new, empty database will be created.")
        super().__init__(f"The progress database {db_path} cannot be used ({reason}).{where}{offer}")


def make_engine(db_path: Path) -> Engine:
    """An engine with one connection per thread (so `PRAGMA data_version` sees only other writers).

    Plain transactions are deferred, so reads never take the write lock; an engine made with
    `writer(engine)` begins with BEGIN IMMEDIATE, so two writers queue on the busy timeout
    instead of failing with "database is locked" when a reader upgrades.
    """
    # URL.create keeps the path whole: a folder named "a#b?c%d" is not read as a query or fragment.
    engine = create_engine(URL.create("sqlite", database=str(db_path)), poolclass=SingletonThreadPool,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def check_readable(db_path: Path) -> str | None:
    """None when the file is a healthy SQLite database (or absent), else the reason."""
    if not db_path.exists():
        return None
    try:
        connection = sqlite3.connect(read_only_uri(db_path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows != [("ok",)]:
        return "integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def move_aside(db_path: Path) -> Path | None:
    """Rename the database (and its WAL files) to a dated name; never overwrite anything."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.unusable-{stamp}")
    counter = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.name}.unusable-{stamp}-{counter}")
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


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None, "the app's migrations always have one head revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_database(data_dir: Path) -> tuple[Engine, Path]:
    """A ready-to-use engine at the newest schema. Raises DatabaseUnusableError for a bad file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / DB_FILENAME
    reason = check_readable(db_path)
    if reason:
        moved = move_aside(db_path)
        raise DatabaseUnusableError(db_path, moved, reason, list_backups(db_path))
    existed = db_path.exists()
    engine = make_engine(db_path)
    try:
        revision = current_revision(engine) if existed else None
        if existed and revision != head_revision():
            backup_if_due(db_path, force_suffix=f"-before-migration-{revision or 'none'}")
        if revision != head_revision():
            with writer(engine).begin() as connection:
                command.upgrade(_alembic_config(connection), "head")
        if existed:
            backup_if_due(db_path)
    except (sqlite3.DatabaseError, SQLAlchemyDatabaseError) as exc:  # pragma: no cover - another process
        # corrupted the file while we were opening or migrating it
        engine.dispose()
        raise DatabaseUnusableError(db_path, None, str(exc), list_backups(db_path)) from exc
    return engine, db_path
