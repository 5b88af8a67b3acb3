"""Strip symbols from copies of the build's shared libraries, leaving alone the ones auditwheel patched.

PyInstaller's own strip option strips every binary, and that breaks the libraries a wheel vendors under
`<name>.libs/` (patchelf moved their segments: "ELF load command address/offset not page-aligned").
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

TocEntry = tuple[str, str, str]
PATCHED_RUN_PATH = re.compile(rb"\$ORIGIN[^\0]*\.libs")  # auditwheel points a module at its vendored libraries


def is_patched_by_auditwheel(name: str, source: str) -> bool:
    """A library vendored into `<name>.libs/`, or a module whose run path leads there: patchelf rewrote both."""
    if any(part.endswith(".libs") for part in Path(name).parts[:-1]):
        return True
    return PATCHED_RUN_PATH.search(Path(source).read_bytes()) is not None


def is_elf(source: str) -> bool:
    with open(source, "rb") as handle:
        return handle.read(4) == b"\x7fELF"


def stripped(binaries: Iterable[TocEntry], folder: Path) -> list[TocEntry]:
    """The entries, each ELF file that is safe to strip replaced by a stripped copy kept in `folder` (made again
    only when its source is newer). Without a `strip` command the entries come back unchanged."""
    strip = shutil.which("strip")
    result = []
    for name, source, kind in binaries:
        if strip is None or kind == "SYMLINK" or not is_elf(source) or is_patched_by_auditwheel(name, source):
            result.append((name, source, kind))
            continue
        copy = folder / name
        if not copy.exists() or copy.stat().st_mtime < os.stat(source).st_mtime:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            copy.chmod(copy.stat().st_mode | 0o200)  # some wheels install their libraries read-only
            done = subprocess.run([strip, str(copy)], capture_output=True, text=True)
            if done.returncode != 0:
                print(f"strip left {name} as it was: {done.stderr.strip()}", flush=True)
                copy.unlink()
                result.append((name, source, kind))
                continue
        result.append((name, str(copy), kind))
    return result
