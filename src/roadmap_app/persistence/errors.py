"""Why a progress database cannot be used, each with a message that says what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
ADVICE = {
    sqlite3.SQLITE_FULL: "the disk is full: free some space and try again",
    sqlite3.SQLITE_READONLY: "the file or its folder is read-only: make it writable and try again",
    sqlite3.SQLITE_CANTOPEN: "the file or its folder cannot be opened: check that the folder exists and that "
                             "you may write to it",
    sqlite3.SQLITE_PERM: "you may not write to the file or its folder: check its permissions",
    sqlite3.SQLITE_IOERR: "the disk reported an error (is it full, removed or read-only?): check it and try again",
    sqlite3.SQLITE_BUSY: "another program is holding the database: close it (another roadmap-app window or "
                         "command?) and try again",
    sqlite3.SQLITE_LOCKED: "another program is holding the database: close it and try again",
}


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code behind an error (also when SQLAlchemy wrapped it), if any."""
    seen: BaseException | None = error
    while seen is not None:
        code = getattr(seen, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def is_corruption(error: BaseException) -> bool:
    return sqlite_code(error) in CORRUPT_CODES


def describe(error: BaseException) -> str:
    """What went wrong with the disk or the database, in words a person can act on."""
    code = sqlite_code(error)
    if code in ADVICE:
        return ADVICE[code]
    if isinstance(error, OSError):
        return f"{error.strerror or error}: check the folder and the disk, then try again"
    if type(error).__name__ == "DatabaseMovedError":
        return str(error)
    return f"{type(error).__name__}: {error}"


class DatabaseUnusableError(Exception):
    """The database file is corrupt; it was moved aside untouched."""

    def __init__(self, db_path: Path, moved_to: Path | None, reason: str, backups: list[Path]):
        self.db_path = db_path
        self.moved_to = moved_to
        self.reason = reason
        self.backups = backups
        where = f" It was moved to {moved_to} so nothing is lost." if moved_to else ""
        offer = (f" The newest backup is {backups[0].name}; restore it with 'roadmap-app restore-backup'."
                 if backups else " There is no backup to restore; a new, empty database will be created.")
        super().__init__(f"The progress database {db_path} cannot be used ({reason}).{where}{offer}")


class DatabaseAccessError(Exception):
    """The database is fine but cannot be read or written now (disk full, read-only); nothing was changed."""

    def __init__(self, db_path: Path, cause: BaseException):
        self.db_path = db_path
        super().__init__(f"Cannot use the progress database {db_path}: {describe(cause)}. Nothing was changed; "
                         "your progress is intact.")


class DatabaseTooNewError(Exception):
    """The database was made by a newer version of the app."""

    def __init__(self, db_path: Path, revision: str):
        self.db_path = db_path
        self.revision = revision
        super().__init__(f"The progress database {db_path} was made by a newer version of roadmap-app (schema "
                         f"{revision}). Install that version or a newer one to use it; nothing was changed.")


class DatabaseMissingError(Exception):
    """There is no database (or an empty file) but there are backups: starting empty would hide them."""

    def __init__(self, db_path: Path, backups: list[Path], empty_file: bool):
        self.db_path = db_path
        self.backups = backups
        what = "is an empty file" if empty_file else "is missing"
        super().__init__(f"The progress database {db_path} {what}, but there are backups; the newest is "
                         f"{backups[0].name}. Restore it with 'roadmap-app restore-backup' (the window offers "
                         "the same), or start with empty progress from the window.")
