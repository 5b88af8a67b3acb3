"""Where personal data and the bundled roadmaps live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "roadmap-app"
DATA_DIR_ENV = "ROADMAP_APP_DATA_DIR"
DEFAULT_ROADMAP = "ml-engineer.roadmap.yaml"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for all personal state: --data-dir, else $ROADMAP_APP_DATA_DIR, else the platform's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if not chosen:
        from platformdirs import user_data_dir  # only when no folder was given

        chosen = user_data_dir(APP_NAME, appauthor=False)
    return Path(chosen).expanduser()


def bundled_roadmaps_dir() -> Path:
    """The folder of roadmaps shipped with the app (source checkout or frozen bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen_root) / "roadmaps"] if frozen_root else []
    here = Path(__file__).resolve().parent
    candidates += [here / "roadmaps", here.parent.parent / "roadmaps"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def default_roadmap_path() -> Path:
    return bundled_roadmaps_dir() / DEFAULT_ROADMAP


def user_roadmaps_dir(data_folder: Path) -> Path:
    """The user's own roadmaps, listed in the library (the folder is made when first needed)."""
    return Path(data_folder) / "roadmaps"
