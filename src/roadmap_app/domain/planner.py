"""Turn goals, progress and weekly hours into a dated, prerequisite-respecting study plan.

Two interleaved tracks share each day's hours: one always works on the ready skill with the
longest remaining chain of prerequisites after it (the critical path), the other on a ready
skill of a different category, so a week is not all one subject. Every skill starts only
after all its prerequisites are finished; weeks never exceed their capacity; a skill may run
on into the following weeks. No hour is left idle, so the finish date is the earliest possible.
Work is counted in whole minutes, so the planned hours add up exactly. Deterministic: ties fall
back to file order.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from roadmap_app.domain.graph import prerequisite_closure
from roadmap_app.domain.progress import NodeState, ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MIN_REMAINING_MINUTES = 30  # a skill in progress always keeps at least this much
NEAR_CRITICAL = 0.9
CANDIDATES = 6
MAX_PLAN_YEARS = 100  # a plan that would take longer is refused with a message, not computed
MAX_PLAN_DAYS = round(MAX_PLAN_YEARS * 365.25)

ReadyEntry = tuple[int, int, str]  # (-minutes on the longest chain from the node, file position, node id)


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


@dataclass(frozen=True)
class PlanItem:
    node: str
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass
class PlanWeek:
    index: int
    start: date
    items: list[PlanItem] = field(default_factory=list)
    sessions: list[tuple[date, str, int]] = field(default_factory=list)  # (day, node, minutes)

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    def add(self, node: str, minutes: int) -> None:
        """Add study time; items stay in the order each node was first studied this week."""
        for i, item in enumerate(self.items):
            if item.node == node:
                self.items[i] = PlanItem(node, item.minutes + minutes)
                return
        self.items.append(PlanItem(node, minutes))


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
    tail = _tail_lengths(roadmap, remaining)
    weeks, finish = _schedule(roadmap, remaining, tail, capacity, start)
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


def _tail_lengths(roadmap: Roadmap, remaining: dict[str, int]) -> dict[str, int]:
    """Minutes on the longest chain starting at each node and running through what it unlocks."""
    tail: dict[str, int] = {}
    order = [node.id for node in roadmap.nodes if node.id in remaining]
    # process dependents before prerequisites: reverse topological order restricted to planned nodes
    indegree = {n: sum(1 for r in roadmap.node(n).requires if r in remaining) for n in order}
    queue = [n for n in order if indegree[n] == 0]
    topo = []
    while queue:
        current = queue.pop()
        topo.append(current)
        for nxt in roadmap.unlocks[current]:
            if nxt in remaining:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    queue.append(nxt)
    for node_id in reversed(topo):
        best = max((tail[n] for n in roadmap.unlocks[node_id] if n in remaining), default=0)
        tail[node_id] = remaining[node_id] + best
    return tail


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


def _schedule(roadmap: Roadmap, remaining: dict[str, int], tail: dict[str, int], capacity: Capacity,
              start: date) -> tuple[list[PlanWeek], date | None]:
    """Two interleaved tracks: the most critical ready skill, and a ready skill of another category."""
    if not remaining:
        return [], None
    position = {node.id: i for i, node in enumerate(roadmap.nodes)}
    category = {n: roadmap.node(n).category for n in remaining}
    waiting = {n: sum(1 for r in roadmap.node(n).requires if r in remaining) for n in remaining}
    ready = [(-tail[n], position[n], n) for n in remaining if waiting[n] == 0]
    heapq.heapify(ready)
    left = dict(remaining)
    tracks: list[str | None] = [None, None]
    weeks: list[PlanWeek] = []
    finish: date | None = None
    while left:
        week = PlanWeek(len(weeks) + 1, start + timedelta(days=7 * len(weeks)))
        for day, budget in capacity.slots(week.start):
            free = budget
            while free > 0 and left:
                for t in range(len(tracks)):
                    if tracks[t] is None and ready:
                        busy = {category[n] for n in tracks if n is not None}
                        tracks[t] = _pick(ready, category, busy | _week_categories(week, category), busy)
                active = [(t, node) for t, node in enumerate(tracks) if node is not None]
                share = max(1, free // len(active))
                for t, node in active:
                    take = min(share, free, left[node])
                    if take <= 0:
                        continue
                    week.add(node, take)
                    week.sessions.append((day, node, take))
                    free -= take
                    left[node] -= take
                    if left[node] == 0:
                        del left[node]
                        finish = day if capacity.by_weekday else _day_in_week(week, capacity)
                        tracks[t] = None
                        for nxt in roadmap.unlocks[node]:
                            if nxt in waiting:
                                waiting[nxt] -= 1
                                if waiting[nxt] == 0:
                                    heapq.heappush(ready, (-tail[nxt], position[nxt], nxt))
        weeks.append(week)
    return weeks, finish


def _day_in_week(week: PlanWeek, capacity: Capacity) -> date:
    """With a weekly budget, the day by which the week's work so far is done, spread evenly."""
    days = max(1, -(-7 * week.minutes // capacity.week_minutes))
    return week.start + timedelta(days=min(7, days) - 1)


def _week_categories(week: PlanWeek, category: dict[str, str]) -> set[str]:
    return {category[item.node] for item in week.items}


def _pick(ready: list[ReadyEntry], category: dict[str, str], avoid: set[str], forbid: set[str]) -> str:
    """The most critical ready node; among near-critical ones, prefer a category not in avoid.

    A category in forbid (the other track's) is taken only when nothing else is ready.
    """
    top = [heapq.heappop(ready)]
    threshold = -top[0][0] * NEAR_CRITICAL
    while ready and len(top) < CANDIDATES and (-ready[0][0] >= threshold or all(category[e[2]] in forbid for e in top)):
        top.append(heapq.heappop(ready))
    chosen = (next((e for e in top if category[e[2]] not in avoid), None)
              or next((e for e in top if category[e[2]] not in forbid), None) or top[0])
    for entry in top:
        if entry is not chosen:
            heapq.heappush(ready, entry)
    return chosen[2]
