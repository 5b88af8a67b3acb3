"""Progress over time for one roadmap: everything the charts draw, read from the store in one go."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from roadmap_app.domain import history
from roadmap_app.domain.calibration import (
    Calibration,
    CategoryCalibration,
    PaceSuggestion,
    calibrated_pace,
    calibration,
)
from roadmap_app.domain.forecast import Forecast, forecast
from roadmap_app.domain.planner import Plan
from roadmap_app.domain.records import EventRecord
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress

if TYPE_CHECKING:
    from roadmap_app.persistence.store import ProgressStore

CHART_KINDS = ("burnup", "weekly", "calendar", "categories", "calibration")


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    title: str
    color: str | None


@dataclass(frozen=True)
class StreakSettings:
    """Streaks are shown only when asked for: a day counts from `min_minutes`; `rest_days` in a row are allowed."""

    min_minutes: int = 15
    rest_days: int = 1


@dataclass(frozen=True)
class Stats:
    roadmap_id: str
    roadmap_title: str
    today: date
    categories: tuple[CategoryInfo, ...]
    percent_complete: float
    burnup: history.Burnup
    weekly: history.WeeklyHours
    calendar: history.DailyMinutes
    category_weeks: history.CategoryWeeks
    calibration: Calibration
    pace: PaceSuggestion
    forecast: Forecast
    streak: history.Streak | None = None

    def category_title(self, category_id: str) -> str:
        return next((c.title for c in self.categories if c.id == category_id), category_id or "No longer in the map")


def make_stats(roadmap: Roadmap, records: ProgressRecords, events: list[EventRecord], today: date,
               plan: Plan | None = None, streak: StreakSettings | None = None) -> Stats:
    """The numbers of every chart from stored rows; the plan (if any) gives the promised date and planned hours."""
    tracked = TrackedProgress(roadmap, records)
    snapshot = tracked.snapshot
    sessions = [s for by_uid in records.sessions.values() for s in by_uid.values()]
    found = calibration(roadmap, snapshot)
    pace = calibrated_pace(roadmap, found)
    weekly = history.weekly_hours(sessions, today, plan)
    if plan is not None:
        remaining = plan.total_minutes / 60
    else:
        remaining = sum(n.hours for n in roadmap.nodes if not snapshot.closed(n.id)) * (pace.pace or 1.0)
    return Stats(
        roadmap.id, roadmap.title, today,
        tuple(CategoryInfo(c.id, c.title, c.color) for c in roadmap.categories),
        round(tracked.totals.percent_complete(), 2),
        history.burnup(roadmap, snapshot, events, sessions, today, plan),
        weekly,
        history.daily_minutes(sessions, today, plan),
        history.category_minutes_by_week(roadmap, snapshot, sessions, today),
        found, pace,
        forecast(weekly.weeks, remaining, today, plan.finish if plan is not None else None),
        None if streak is None else history.streak(sessions, today, streak.min_minutes, streak.rest_days),
    )


def load_stats(store: ProgressStore, roadmap: Roadmap, today: date | None = None, plan: Plan | None = None,
               streak: StreakSettings | None = None) -> Stats:
    """One read of the store (on the database thread in the window), then the numbers."""
    records, events = store.history(roadmap.id)
    return make_stats(roadmap, records, events, today or date.today(), plan, streak)


def to_data(value: Any) -> Any:
    """Plain JSON values: dataclasses as objects, dates as ISO text, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, history.Burnup):
            data["done"] = to_data(value.done)
        if isinstance(value, CategoryCalibration):
            data["ratio"] = None if value.ratio is None else round(value.ratio, 4)
        return data
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    return value


def stats_to_json(stats: Stats) -> str:
    return json.dumps(to_data(stats), indent=2, ensure_ascii=False) + "\n"
