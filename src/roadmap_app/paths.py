"""Where personal data and the bundled roadmaps live."""

from __future__ import annotations

import os
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
    """The folder of roadmaps shipped with the app, inside the package (a checkout, a wheel or a frozen build)."""
    return Path(__file__).resolve().parent / "roadmaps"


def resources_dir() -> Path:
    """The app's icon, desktop entry, metainfo, file-type definition and format guide, inside the package."""
    return Path(__file__).resolve().parent / "resources"


def format_guide() -> Path:
    """The roadmap file format's guide (Markdown), shown by Help ▸ Roadmap File Format."""
    return resources_dir() / "roadmap-format.md"


def default_roadmap_path() -> Path:
    return bundled_roadmaps_dir() / DEFAULT_ROADMAP


def user_roadmaps_dir(data_folder: Path) -> Path:
    """The user's own roadmaps, listed in the library (the folder is made when first needed)."""
    return Path(data_folder) / "roadmaps"
