"""The library: every roadmap file in the bundled folder and the user's roadmaps folder, with what each holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats.loader import find_roadmap_files
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.roadmap_cache import cached_check


@dataclass(frozen=True)
class LibraryEntry:
    """One roadmap file of the library: its roadmap, or the first reason it cannot be opened."""

    path: Path
    bundled: bool
    roadmap: Roadmap | None
    problem: str | None = None

    @property
    def title(self) -> str:
        return self.roadmap.title if self.roadmap is not None else self.path.name


def read_entry(path: Path, bundled: bool, cache_dir: Path | None) -> LibraryEntry:
    """A file checked as File ▸ Open checks it (from the cache when it was found valid before); never raises."""
    try:
        result = cached_check(path, cache_dir)
    except OSError as exc:
        return LibraryEntry(path, bundled, None, f"cannot be read: {exc.strerror or exc}")
    if result.ok and result.roadmap is not None:
        return LibraryEntry(path, bundled, result.roadmap)
    first = result.errors[0] if result.errors else None
    problem = f"line {first.line}: {first.message}" if first is not None else "it is not a valid roadmap"
    return LibraryEntry(path, bundled, None, problem)


def read_library(bundled_dir: Path, user_dir: Path, cache_dir: Path | None) -> list[LibraryEntry]:
    """The bundled roadmaps, then the user's, each sorted by file name. A missing folder lists nothing."""
    return [read_entry(path, bundled, cache_dir)
            for folder, bundled in ((bundled_dir, True), (user_dir, False))
            for path in _files_in(folder)]


def _files_in(folder: Path) -> list[Path]:
    try:
        return find_roadmap_files(folder)
    except OSError:  # unreadable folder: the page says it holds nothing
        return []


def percents_complete(store: ProgressStore, roadmaps: Iterable[Roadmap]) -> dict[str, float]:
    """Your percent complete of each roadmap, by id, from the progress database (run on the database thread)."""
    return {roadmap.id: store.tracked(roadmap).totals.percent_complete() for roadmap in roadmaps}
