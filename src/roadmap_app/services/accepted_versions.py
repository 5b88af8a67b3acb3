"""The last version of each roadmap a person accepted, kept in the data folder to compare newer copies with.

A copy someone sends has the same roadmap id as the one tracked but lives in another file, so the file on
screen cannot tell what changed; this can, even when the tracked roadmap is not open. Entries are written
and checked like the checked-roadmap cache's (services/roadmap_cache.py): a damaged one is ignored.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats.loader import MAX_FILE_BYTES
from roadmap_app.formats.schema import MAX_ID_CHARS, SLUG_PATTERN
from roadmap_app.services.roadmap_cache import decode_entry, encode_entry, write_entry_file

FOLDER = "accepted"
MAX_ENTRY_BYTES = 4 * MAX_FILE_BYTES  # the JSON of the largest file the validator accepts, with room to spare
_SAFE_ID = re.compile(SLUG_PATTERN)


def entry_path(data_dir: Path, roadmap_id: str) -> Path | None:
    """Where a roadmap id's accepted version is kept; None for an id that is no roadmap file's (not a slug)."""
    if len(roadmap_id) > MAX_ID_CHARS or not _SAFE_ID.match(roadmap_id):
        return None
    return Path(data_dir) / FOLDER / f"{roadmap_id}.json"


def remember(data_dir: Path, roadmap: Roadmap) -> bool:
    """Keep `roadmap` as the version accepted for its id, replacing the one before; False if it was not kept."""
    entry = entry_path(data_dir, roadmap.id)
    text = encode_entry(roadmap, {"kind": FOLDER, "roadmap_id": roadmap.id}) if entry is not None else None
    return text is not None and entry is not None and write_entry_file(entry, text)


def last_accepted(data_dir: Path, roadmap_id: str) -> Roadmap | None:
    """The version of `roadmap_id` accepted last, or None when there is none or its entry is damaged."""
    entry = entry_path(data_dir, roadmap_id)
    if entry is None:
        return None
    try:
        info = os.stat(entry)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        text = entry.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    roadmap = decode_entry(text, {"kind": FOLDER, "roadmap_id": roadmap_id})
    return roadmap if roadmap is not None and roadmap.id == roadmap_id else None
