"""Turn goals, progress and weekly hours into a dated, prerequisite-respecting study plan.

Which skills are planned and how long each takes is decided here; how they are ordered and
fitted into weeks (a critical-path track and an intended-order track, pieces of at least half
an hour) in plan_schedule. Work is counted in whole minutes, so the planned hours add up
exactly and no week holds more than its capacity. Deterministic: ties fall back to file order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from roadmap_app.domain.graph import prerequisite_closure
from roadmap_app.domain.plan_schedule import MIN_PIECE_MINUTES, PlanItem, PlanWeek, chain_priorities, schedule
from roadmap_app.domain.progress import NodeState, ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MIN_REMAINING_MINUTES = 30  # a skill in progress always keeps at least this much
MAX_PLAN_YEARS = 100  # a plan that would take longer is refused with a message, not computed
MAX_PLAN_DAYS = round(MAX_PLAN_YEARS * 365.25)

__all__ = ["MAX_PLAN_YEARS", "MIN_PIECE_MINUTES", "MIN_REMAINING_MINUTES", "WEEKDAYS", "Capacity", "Plan", "PlanError",
           "PlanItem", "PlanWeek", "make_plan", "suggest_pace"]


class PlanError(ValueError):
    """Bad planning input; the message says what is wrong."""


@dataclass(frozen=True)
class Capacity:
    """Study hours per week, optionally split per weekday (Monday first)."""

    weekday_minutes: tuple[int, ...]
    by_weekday: bool = False  # False: the week is one budget, studied whenever suits

    @classmethod
    def weekly(cls, hours: float) -> Capacity:
        if not math.isfinite(hours):
            raise PlanError(f"hours per week must be a number, not {hours:g}")
        if hours <= 0:
            raise PlanError(f"hours per week must be more than 0, not {hours:g}")
        if hours > 7 * 24:
            raise PlanError(f"a week has 168 hours; {hours:g} hours per week is not possible")
        total = round(hours * 60)
        if total == 0:
            raise PlanError(f"{hours:g} hours per week is less than a minute; give at least 1 minute a week")
        base, extra = divmod(total, 7)
        return cls(tuple(base + (1 if i < extra else 0) for i in range(7)))

    @classmethod
    def per_weekday(cls, hours: dict[str, float]) -> Capacity:
        minutes = []
        for day in WEEKDAYS:
            value = float(hours.get(day, 0))
            if not 0 <= value <= 24:  # NaN too
                raise PlanError(f"hours on {day} must be between 0 and 24, not {value:g}")
            minutes.append(round(value * 60))
        unknown = set(hours) - set(WEEKDAYS)
        if unknown:
            raise PlanError(f"unknown weekday {sorted(unknown)[0]!r}; use {', '.join(WEEKDAYS)}")
        if sum(minutes) == 0:
            raise PlanError("give at least one weekday some study hours")
        return cls(tuple(minutes), by_weekday=True)

    def slots(self, week_start: date) -> list[tuple[date, int]]:
        """(day, minutes) budgets of one week: seven days, or the whole week at once."""
        if not self.by_weekday:
            return [(week_start, self.week_minutes)]
        first = week_start.weekday()
        return [(week_start + timedelta(days=i), self.weekday_minutes[(first + i) % 7]) for i in range(7)]

    @property
    def week_minutes(self) -> int:
        return sum(self.weekday_minutes)

    @property
    def hours_per_week(self) -> float:
        return self.week_minutes / 60


@dataclass
class Plan:
    roadmap_id: str
    start: date
    capacity: Capacity
    goals: list[str]
    pace: float
    remaining_minutes: dict[str, int]
    weeks: list[PlanWeek]
    critical_path: list[str]
    finish: date | None
    already_done_goals: list[str] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(self.remaining_minutes.values())

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 2)

    def week_of(self, day: date) -> PlanWeek | None:
        for week in self.weeks:
            if week.start <= day < week.start + timedelta(days=7):
                return week
        return None

    def order(self) -> list[str]:
        """Nodes in the order they are first studied."""
        seen: dict[str, None] = {}
        for week in self.weeks:
            for item in week.items:
                seen.setdefault(item.node)
        return list(seen)


def suggest_pace(roadmap: Roadmap, snapshot: ProgressSnapshot) -> float | None:
    """The calibrated pace (domain/calibration.py): None until three finished skills have logged time."""
    from roadmap_app.domain.calibration import calibrated_pace, calibration

    return calibrated_pace(roadmap, calibration(roadmap, snapshot)).pace


def make_plan(roadmap: Roadmap, snapshot: ProgressSnapshot, *, capacity: Capacity, start: date,
              goals: list[str] | None = None, pace: float = 1.0) -> Plan:
    """Plan the goals (default: every skill) and the open prerequisites they still need.

    Prerequisites are followed through open skills only: once a skill is done or skipped,
    what it needed is no longer needed for the goal.
    """
    if not 0.1 <= pace <= 10:
        raise PlanError(f"pace must be between 0.1 and 10, not {pace:g}")
    goals = list(dict.fromkeys(goals)) if goals else [node.id for node in roadmap.nodes]
    for goal in goals:
        if goal not in roadmap.nodes_by_id:
            raise PlanError(f"unknown goal '{goal}'")
    needed = prerequisite_closure(roadmap, goals, settled=snapshot.closed)  # a done skill needs nothing more
    open_nodes = [node for node in roadmap.nodes if node.id in needed and not snapshot.closed(node.id)]
    remaining = {node.id: _remaining_minutes(node.hours, snapshot.state(node.id), pace) for node in open_nodes}
    done_goals = [goal for goal in goals if snapshot.closed(goal)]
    _check_length(sum(remaining.values()), capacity, start)
    tail, rank = chain_priorities(roadmap, remaining)
    weeks, finish = schedule(roadmap, remaining, capacity, start, (tail, rank))
    return Plan(roadmap.id, start, capacity, goals, pace, remaining, weeks, _critical_path(roadmap, remaining, tail),
                finish, done_goals)


def _check_length(total_minutes: int, capacity: Capacity, start: date) -> None:
    """Refuse a plan longer than MAX_PLAN_YEARS, or one running past the last day a calendar has."""
    if not total_minutes:
        return
    weeks = -(-total_minutes // capacity.week_minutes)  # every week's hours are used until the end
    hours, per_week = round(total_minutes / 60), capacity.hours_per_week
    if weeks * 7 > MAX_PLAN_DAYS:
        raise PlanError(f"this plan would take about {weeks * 7 / 365.25:,.0f} years ({hours:,} h at {per_week:g} h "
                        f"per week); a plan must finish within {MAX_PLAN_YEARS} years: give more hours per week, "
                        "fewer goals or a lower pace")
    try:
        start + timedelta(days=7 * weeks)
    except OverflowError:
        raise PlanError(f"this plan would end after the year 9999 (it takes {weeks:,} weeks from "
                        f"{start.isoformat()}); choose an earlier start date") from None


def _remaining_minutes(hours: float, state: NodeState, pace: float) -> int:
    estimate = max(1, round(hours * pace * 60))
    if state.status is Status.LEARNING:
        return max(min(MIN_REMAINING_MINUTES, estimate), estimate - state.minutes)
    return estimate


def _critical_path(roadmap: Roadmap, remaining: dict[str, int], tail: dict[str, int]) -> list[str]:
    if not remaining:
        return []
    position = {node.id: i for i, node in enumerate(roadmap.nodes)}
    roots = [n for n in remaining if not any(r in remaining for r in roadmap.node(n).requires)]
    current = min(roots, key=lambda n: (-tail[n], position[n]))
    path = [current]
    while True:
        nexts = [n for n in roadmap.unlocks[current] if n in remaining]
        if not nexts:
            return path
        current = min(nexts, key=lambda n: (-tail[n], position[n]))
        path.append(current)
