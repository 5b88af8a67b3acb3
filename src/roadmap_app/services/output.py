"""Write what a command produces: never over a file it reads, never half-written."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap_app.services.errors import UserError

ROADMAP_SUFFIXES = (".roadmap.yaml", ".roadmap.yml", ".roadmap.json")


def check_output_path(path: str | os.PathLike[str], inputs: list[Path]) -> Path:
    """The output path, or a UserError when writing there would destroy an input or a roadmap file."""
    out = Path(path)
    if out.exists() and not out.is_file():
        raise UserError(f"{out} is {'a folder' if out.is_dir() else 'not a regular file'}; give a file name to "
                        "write to")
    for source in inputs:
        if out.exists() and Path(source).exists() and os.path.samefile(out, source):
            raise UserError(f"{out} is a file this command reads ({Path(source).name}); writing there would destroy "
                            "it, so nothing was written. Choose another name.")
    if out.name.lower().endswith(ROADMAP_SUFFIXES):
        raise UserError(f"{out.name} is a roadmap file name; nothing was written. Choose another name for the "
                        "output, such as plan.md or graph.png")
    return out


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` (same suffix) that replaces it only once the block finished."""
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
