"""Where each roadmap was left: zoom, centre, selection, goals, collapsed categories; kept in settings.ini by id."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QSettings


@dataclass(frozen=True)
class ViewState:
    zoom: float
    center: tuple[float, float]
    selected: str | None
    goals: tuple[str, ...]


def _group(roadmap_id: str) -> str:
    return f"roadmaps/{roadmap_id}"


def save_view_state(settings: QSettings, roadmap_id: str, state: ViewState) -> None:
    group = _group(roadmap_id)
    settings.setValue(f"{group}/zoom", state.zoom)
    settings.setValue(f"{group}/center_x", state.center[0])
    settings.setValue(f"{group}/center_y", state.center[1])
    settings.setValue(f"{group}/selected", state.selected or "")
    settings.setValue(f"{group}/goals", " ".join(state.goals))  # ids are slugs: no spaces in them


def setting_number(value: object) -> float | None:
    """A finite number read from settings.ini (text there, or a number not stored yet); None when damaged."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def load_view_state(settings: QSettings, roadmap_id: str) -> ViewState | None:
    """The state saved for this roadmap; None when there is none or it is damaged (the caller starts afresh)."""
    group = _group(roadmap_id)
    zoom, x, y = (setting_number(settings.value(f"{group}/{key}")) for key in ("zoom", "center_x", "center_y"))
    if zoom is None or x is None or y is None or zoom <= 0:
        return None
    selected, goals = settings.value(f"{group}/selected"), settings.value(f"{group}/goals")
    return ViewState(zoom, (x, y), selected if isinstance(selected, str) and selected else None,
                     tuple(goals.split()) if isinstance(goals, str) else ())


def save_collapsed(settings: QSettings, roadmap_id: str, category_ids: frozenset[str]) -> None:
    settings.setValue(f"{_group(roadmap_id)}/collapsed", " ".join(sorted(category_ids)))


def load_collapsed(settings: QSettings, roadmap_id: str) -> frozenset[str]:
    """The categories collapsed on this roadmap (ids are slugs: no spaces); unknown ids are dropped later."""
    value = settings.value(f"{_group(roadmap_id)}/collapsed")
    return frozenset(value.split()) if isinstance(value, str) else frozenset()
