"""Write what a command produces: never over a file it reads, never half-written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap_app.services.errors import UserError

ROADMAP_SUFFIXES = (".roadmap.yaml", ".roadmap.yml", ".roadmap.json")
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite keeps committed changes in the -wal file
# No command writes a database, so an existing file that starts like one (SQLite, or its write-ahead log)
# is never an output: writing over it would destroy progress.
DATABASE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def _is_database_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head.startswith(DATABASE_MAGIC)


def _protected(inputs: list[Path]) -> list[Path]:
    """The inputs and the side files SQLite keeps beside each."""
    protected = []
    for source in map(Path, inputs):
        protected.append(source)
        protected += [source.with_name(source.name + side) for side in DATABASE_SIDE_FILES]
    return protected


def check_output_path(path: str | os.PathLike[str], inputs: list[Path]) -> Path:
    """The output path, or a UserError when writing there would destroy an input or a roadmap file."""
    if str(path).endswith(("/", os.sep)):
        raise UserError(f"{path} names a folder; give a file name to write to, such as {path}plan.md")
    out = Path(path)
    if out.exists() and not out.is_file():
        raise UserError(f"{out} is {'a folder' if out.is_dir() else 'not a regular file'}; give a file name to "
                        "write to")
    for source in _protected(inputs):
        if out.exists() and source.exists() and os.path.samefile(out, source):
            raise UserError(f"{out} is a file this command reads ({source.name}); writing there would destroy "
                            "it, so nothing was written. Choose another name.")
        if source.name.endswith(DATABASE_SIDE_FILES) and os.path.abspath(out) == os.path.abspath(source):
            raise UserError(f"{out.name} belongs to the progress database; nothing was written. Choose another name.")
    if out.exists() and _is_database_file(out):
        raise UserError(f"{out} is a database (a progress backup?); writing there would destroy it, so nothing "
                        "was written. Choose another name.")
    if out.name.lower().endswith(ROADMAP_SUFFIXES):
        raise UserError(f"{out.name} is a roadmap file name; nothing was written. Choose another name for the "
                        "output, such as plan.md or graph.png")
    return out


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` (same suffix) that replaces it only once the block finished."""
    import uuid  # (it imports platform) when a file is written, not with the window

    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial{path.suffix}")
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_output(path: str | os.PathLike[str], data: bytes, inputs: list[Path]) -> Path:
    """Write bytes to `path` through a temporary file; a UserError says why it could not be written."""
    out = check_output_path(path, inputs)
    try:
        with atomic_output(out) as temporary:
            temporary.write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}; nothing was written") from None
    return out
