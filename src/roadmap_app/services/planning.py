"""Build a study plan from user input; the CLI and the Plan view both go through here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap_app.domain.planner import Capacity, Plan, PlanError, make_plan, suggest_pace
from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.services.errors import UserError
from roadmap_app.services.workspace import resolve_node


@dataclass
class PlanRequest:
    hours_per_week: float | None = None
    weekday_hours: dict[str, float] | None = None
    goals: list[str] = field(default_factory=list)
    start: date | None = None
    pace: float | str = 1.0  # a factor, or "auto" to use the suggestion from logged time


def parse_weekday_hours(text: str) -> dict[str, float]:
    """'mon=1,wed=1.5,sat=4' -> {'mon': 1.0, 'wed': 1.5, 'sat': 4.0}."""
    result: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        day, sep, value = part.partition("=")
        try:
            if not sep:
                raise ValueError
            result[day.strip().lower()[:3]] = float(value)
        except ValueError:
            raise UserError(f"cannot read '{part}' in weekday hours; write them like mon=1,wed=1.5,sat=4") from None
    return result


def parse_date(text: str, option: str = "--start") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} must be a date like 2026-03-14, not '{text}'") from None


def build_plan(roadmap: Roadmap, snapshot: ProgressSnapshot, request: PlanRequest) -> Plan:
    goals = [resolve_node(roadmap, goal) for goal in request.goals]
    try:
        if request.weekday_hours:
            capacity = Capacity.per_weekday(request.weekday_hours)
            if request.hours_per_week is not None and abs(capacity.hours_per_week - request.hours_per_week) > 0.01:
                raise UserError(f"--hours-per-week {request.hours_per_week:g} does not match the weekday hours, "
                                f"which add up to {capacity.hours_per_week:g}; give one or make them agree")
        elif request.hours_per_week is not None:
            capacity = Capacity.weekly(request.hours_per_week)
        else:
            raise UserError("say how much time you have: --hours-per-week H (or weekday hours)")
        pace = request.pace
        if pace == "auto":
            pace = suggest_pace(roadmap, snapshot) or 1.0
        return make_plan(roadmap, snapshot, capacity=capacity, start=request.start or date.today(),
                         goals=goals or None, pace=float(pace))
    except PlanError as exc:
        raise UserError(str(exc)) from None
