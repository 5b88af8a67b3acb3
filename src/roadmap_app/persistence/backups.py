"""Daily backups of the progress database with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import quote

KEEP_BACKUPS = 7


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"), reverse=True)


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens `path` read-only, whatever characters (#, ?, %) its name has."""
    return f"file:{quote(str(Path(path).absolute()))}?mode=ro"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through the backup API, even while another process writes; nothing half-written."""
    import uuid  # (it imports platform) when a file is written, not with the window

    target.parent.mkdir(parents=True, exist_ok=True)
    # its own name per copy: two instances starting on the same day may both make the day's backup
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def backup_if_due(db_path: Path, *, today: date | None = None, force_suffix: str = "") -> Path | None:
    """Back up at most once a day (or always with a suffix, e.g. before a migration); keep the last few."""
    if not db_path.exists():
        return None
    stamp = (today or date.today()).isoformat()
    target = backup_dir(db_path) / f"{db_path.stem}-{stamp}{force_suffix}.sqlite3"
    if target.exists():
        return None
    copy_database(db_path, target)
    for old in list_backups(db_path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target
