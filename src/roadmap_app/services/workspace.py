"""Open roadmaps and the progress store with clear messages, and resolve node ids typed by people."""

from __future__ import annotations

from pathlib import Path

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats.loader import check_file
from roadmap_app.paths import data_dir as default_data_dir
from roadmap_app.persistence.errors import (
    DatabaseAccessError,
    DatabaseMissingError,
    DatabaseTooNewError,
    DatabaseUnusableError,
)
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.errors import UserError


def open_roadmap(path: str | Path) -> Roadmap:
    """The roadmap in a file, or a UserError listing every problem (exit code 1 for an invalid file)."""
    try:
        result = check_file(path)
    except IsADirectoryError:
        raise UserError(f"{path} is a folder; give a roadmap file such as {path}/NAME.roadmap.yaml") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not result.ok or result.roadmap is None:
        lines = "\n".join(d.format(str(path)) for d in result.errors)
        raise UserError(f"{path} is not a valid roadmap:\n{lines}", code=1)
    return result.roadmap


def resolve_node(roadmap: Roadmap, text: str) -> str:
    """The current id for a node id or former id (alias); a UserError with a suggestion otherwise."""
    current = roadmap.resolve(text.strip())
    if current is None:
        from roadmap_app.formats.messages import did_you_mean  # with the YAML parser: not before the window

        known = set(roadmap.nodes_by_id) | set(roadmap.alias_map)
        hint = did_you_mean(text, known) or "; list the ids with 'roadmap-app progress FILE'"
        raise UserError(f"unknown node '{text}' in roadmap '{roadmap.id}'{hint}")
    return current


def open_store(data_dir: str | Path | None = None) -> ProgressStore:
    """The progress store in the data folder; every reason it cannot be opened becomes a UserError."""
    try:
        return ProgressStore(default_data_dir(data_dir))
    except (DatabaseUnusableError, DatabaseMissingError, DatabaseTooNewError, DatabaseAccessError) as exc:
        raise UserError(str(exc)) from None
