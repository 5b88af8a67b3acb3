"""Write a file in place safely: a temporary file in the same folder, then an atomic rename over the old one."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from roadmap_app.paths import bundled_roadmaps_dir, data_dir, user_roadmaps_dir
from roadmap_app.services.output import DATABASE_MAGIC

NEW_FILE_MODE = 0o644


def is_bundled(path: str | os.PathLike[str]) -> bool:
    """True for a roadmap shipped with the app (the app's updates replace those files)."""
    try:
        return Path(path).resolve().is_relative_to(bundled_roadmaps_dir().resolve())
    except OSError:
        return False


def read_only_reason(path: str | os.PathLike[str], *, new_file_ok: bool = True) -> str | None:
    """Why path cannot be written (a sentence saying what to do instead), or None."""
    target = Path(path)
    if is_bundled(target):
        return (f"bundled roadmaps are read-only; copy it to your roadmaps folder first "
                f"({user_roadmaps_dir(data_dir())}) and edit the copy")
    if target.is_dir():
        return f"{target} is a folder; give a file name such as {target}/NAME.roadmap.yaml"
    if target.exists():
        if _starts_with(target, DATABASE_MAGIC):
            return f"{target} is a database (a progress backup?); writing there would destroy it. Choose another name"
        mode = target.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            return f"{target} is read-only; save a copy with Save As, or make the file writable"
    elif not new_file_ok:
        return f"{target} does not exist"
    folder = target.resolve().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist; create it or choose another"
    if not os.access(folder, os.W_OK):
        return f"cannot write in the folder {folder}; choose another folder"
    return None


def _starts_with(path: Path, heads: tuple[bytes, ...]) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16).startswith(heads)
    except OSError:
        return False


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Replace path's content with text (UTF-8) all at once, keeping its permission bits; OSError on failure.

    Other readers see the old file or the new one, never half of one; a failure leaves the old file as it was.
    A symbolic link stays a link: the file it points to is the one replaced.
    """
    real = Path(path).resolve()
    mode = stat.S_IMODE(real.stat().st_mode) if real.exists() else NEW_FILE_MODE
    import tempfile  # (with shutil, random, bz2, lzma: 6 ms) when a file is saved, not with the window

    handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".saving", dir=real.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
