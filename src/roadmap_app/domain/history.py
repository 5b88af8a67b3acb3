"""Progress over time as the numbers charts draw: burn-up, hours per week, a year of days, time per category."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from roadmap_app.domain.planner import Plan
from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.records import EventRecord, SessionRecord
from roadmap_app.domain.roadmap import Roadmap

CALENDAR_DAYS = 365
CALENDAR_PLANNED_DAYS = 56  # the calendar shows planned days this far ahead
OTHER = ""  # the category of time logged on a skill the roadmap no longer has


def week_start(day: date) -> date:
    """The Monday of the ISO week of a day."""
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime) -> date:
    """The day, in this computer's time zone, of a stored moment (stored in UTC; a naive one is read as UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


# --------------------------------------------------------------------------- burn-up
@dataclass(frozen=True)
class PlanPoint:
    day: date
    done_hours: float  # estimated hours done by the end of that day if the plan is kept


@dataclass(frozen=True)
class Burnup:
    """Estimated hours done at the end of each week (the last point is today), per category."""

    days: tuple[date, ...]
    done_by_category: dict[str, tuple[float, ...]]  # category id -> one value per day
    total_hours: float  # estimated hours of every skill not skipped: the top of the chart
    plan: tuple[PlanPoint, ...]  # from today to the plan's finish, empty without a plan

    @property
    def done(self) -> tuple[float, ...]:
        return tuple(round(sum(values), 4) for values in zip(*self.done_by_category.values(), strict=True)) \
            if self.done_by_category else tuple(0.0 for _ in self.days)


def status_timelines(roadmap: Roadmap, snapshot: ProgressSnapshot,
                     events: Iterable[EventRecord]) -> dict[str, list[tuple[date, Status]]]:
    """For each current skill, the days its status changed and what to, from the status log.

    A status the log does not explain (progress imported from a file, say) is dated by the skill's finish or
    last change, so the chart ends at what the map shows.
    """
    timelines: dict[str, list[tuple[date, Status]]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.at):
        current = roadmap.resolve(event.node_id)
        if current is not None:
            timelines[current].append((local_day(event.at), event.new_status))
    for node_id, state in snapshot.states.items():
        logged = timelines[node_id][-1][1] if timelines.get(node_id) else Status.TODO
        if logged is not state.status:
            stamp = state.finished_at or state.updated_at or state.started_at
            day = local_day(stamp) if stamp is not None else None
            timelines[node_id].append((day or date.min, state.status))
            timelines[node_id].sort(key=lambda change: change[0])
    return dict(timelines)


def _status_on(timeline: list[tuple[date, Status]], day: date) -> Status:
    index = bisect_right([d for d, _ in timeline], day)
    return timeline[index - 1][1] if index else Status.TODO


def burnup(roadmap: Roadmap, snapshot: ProgressSnapshot, events: Iterable[EventRecord],
           sessions: Iterable[SessionRecord], today: date, plan: Plan | None = None) -> Burnup:
    """Weighted like percent complete: a done skill adds its estimated hours; skipped ones count as neither."""
    timelines = status_timelines(roadmap, snapshot, events)
    first = _first_day([d for timeline in timelines.values() for d, _ in timeline if d != date.min]
                       + [s.day for s in sessions], today)
    days = tuple(d for d in _week_ends(first, today))
    done = {c.id: [0.0] * len(days) for c in roadmap.categories}
    for node in roadmap.nodes:
        timeline = timelines.get(node.id)
        if not timeline or node.category not in done:
            continue
        for i, day in enumerate(days):
            if _status_on(timeline, day) is Status.DONE:
                done[node.category][i] += node.hours
    total = sum(n.hours for n in roadmap.nodes if snapshot.status(n.id) is not Status.SKIPPED)
    done_today = sum(n.hours for n in roadmap.nodes if snapshot.status(n.id) is Status.DONE)
    return Burnup(days, {c: tuple(round(v, 4) for v in values) for c, values in done.items()}, round(total, 4),
                  plan_points(roadmap, plan, done_today, today))


def plan_points(roadmap: Roadmap, plan: Plan | None, done_now: float, today: date) -> tuple[PlanPoint, ...]:
    """The plan from today on: each planned week adds each skill's estimate in proportion to the minutes it gets."""
    if plan is None or not plan.weeks:
        return ()
    points = [PlanPoint(today, round(done_now, 4))]
    total = done_now
    for week in plan.weeks:
        for item in week.items:
            share = item.minutes / plan.remaining_minutes[item.node] if plan.remaining_minutes[item.node] else 0
            total += roadmap.node(item.node).hours * share
        end = max(today, week.start + timedelta(days=6))
        if plan.finish is not None and week is plan.weeks[-1]:
            end = max(today, plan.finish)
        points.append(PlanPoint(end, round(total, 4)))
    return tuple(points)


def _first_day(days: list[date], today: date) -> date:
    return min([d for d in days if d <= today], default=today)


def _week_ends(first: date, today: date) -> list[date]:
    """The Sunday of every week from the one of `first`, then today."""
    ends, day = [], week_start(first) + timedelta(days=6)
    while day < today:
        ends.append(day)
        day += timedelta(days=7)
    return [*ends, today]


# --------------------------------------------------------------------------- weeks
@dataclass(frozen=True)
class WeekHours:
    start: date  # Monday
    minutes: int


@dataclass(frozen=True)
class WeeklyHours:
    """Minutes logged per ISO week, from the first week with logged time to this week."""

    weeks: tuple[WeekHours, ...]
    planned_hours_per_week: float | None  # None without a plan
    this_week_minutes: int
    this_week_remaining_minutes: int | None  # planned minutes this week not logged yet; None without a plan


def minutes_by_week(sessions: Iterable[SessionRecord], today: date) -> tuple[WeekHours, ...]:
    totals: dict[date, int] = defaultdict(int)
    for session in sessions:
        if session.day <= today:
            totals[week_start(session.day)] += session.minutes
    if not totals:
        return ()
    weeks, start = [], min(totals)
    while start <= week_start(today):
        weeks.append(WeekHours(start, totals.get(start, 0)))
        start += timedelta(days=7)
    return tuple(weeks)


def weekly_hours(sessions: Iterable[SessionRecord], today: date, plan: Plan | None = None) -> WeeklyHours:
    weeks = minutes_by_week(sessions, today)
    this_week = weeks[-1].minutes if weeks and weeks[-1].start == week_start(today) else 0
    if plan is None:
        return WeeklyHours(weeks, None, this_week, None)
    planned = plan.capacity.week_minutes
    return WeeklyHours(weeks, round(planned / 60, 4), this_week, max(0, planned - this_week))


@dataclass(frozen=True)
class CategoryWeeks:
    """Minutes per category per ISO week; `neglected`: categories studied before, with work left, and with no
    time in the last NEGLECT_WEEKS weeks."""

    weeks: tuple[date, ...]
    minutes: dict[str, tuple[int, ...]]  # category id (OTHER for skills no longer in the roadmap) -> per week
    neglected: tuple[str, ...]


NEGLECT_WEEKS = 4


def category_minutes_by_week(roadmap: Roadmap, snapshot: ProgressSnapshot, sessions: Iterable[SessionRecord],
                             today: date) -> CategoryWeeks:
    listed = [s for s in sessions if s.day <= today]
    weeks = tuple(w.start for w in minutes_by_week(listed, today))
    index = {w: i for i, w in enumerate(weeks)}
    minutes = {c.id: [0] * len(weeks) for c in roadmap.categories}
    for session in listed:
        current = roadmap.resolve(session.node_id)
        category = roadmap.node(current).category if current is not None else OTHER
        minutes.setdefault(category, [0] * len(weeks))[index[week_start(session.day)]] += session.minutes
    open_categories = {n.category for n in roadmap.nodes if not snapshot.closed(n.id)}
    recent = slice(max(0, len(weeks) - NEGLECT_WEEKS), len(weeks))
    neglected = tuple(c.id for c in roadmap.categories if c.id in open_categories and any(minutes[c.id])
                      and not any(minutes[c.id][recent]))
    return CategoryWeeks(weeks, {c: tuple(v) for c, v in minutes.items()}, neglected)


# --------------------------------------------------------------------------- days
@dataclass(frozen=True)
class DayMinutes:
    day: date
    minutes: int
    level: int  # 0 nothing, 1-4 by the person's own quartiles of days with study time


@dataclass(frozen=True)
class DailyMinutes:
    """The last 365 days (today last) and planned days ahead."""

    days: tuple[DayMinutes, ...]
    thresholds: tuple[int, ...]  # a day with more minutes than the 1st, 2nd, 3rd is at level 2, 3, 4
    planned: tuple[date, ...]  # days after today with planned study


def daily_minutes(sessions: Iterable[SessionRecord], today: date, plan: Plan | None = None) -> DailyMinutes:
    first = today - timedelta(days=CALENDAR_DAYS - 1)
    totals: dict[date, int] = defaultdict(int)
    for session in sessions:
        if first <= session.day <= today:
            totals[session.day] += session.minutes
    thresholds = _quartiles(sorted(m for m in totals.values() if m > 0))
    days = tuple(DayMinutes(first + timedelta(days=i), m := totals.get(first + timedelta(days=i), 0),
                            _level(m, thresholds)) for i in range(CALENDAR_DAYS))
    return DailyMinutes(days, thresholds, planned_days(plan, today))


def _quartiles(values: list[int]) -> tuple[int, ...]:
    """The 25th, 50th and 75th percentile (nearest rank) of the minutes of the days studied."""
    if not values:
        return ()
    return tuple(values[max(0, -(-len(values) * q // 4) - 1)] for q in (1, 2, 3))


def _level(minutes: int, thresholds: tuple[int, ...]) -> int:
    """0 without study; otherwise 1 plus the number of quartiles the day is above."""
    return 0 if minutes <= 0 else 1 + sum(1 for bound in thresholds if minutes > bound)


def planned_days(plan: Plan | None, today: date) -> tuple[date, ...]:
    """Days after today the plan has study on (with one budget for the week, every day of a planned week)."""
    if plan is None:
        return ()
    last = today + timedelta(days=CALENDAR_PLANNED_DAYS)
    found: set[date] = set()
    for week in plan.weeks:
        if plan.capacity.by_weekday:
            found.update(day for day, _, minutes in week.sessions if minutes > 0)
        elif week.minutes:
            found.update(week.start + timedelta(days=i) for i in range(7))
    return tuple(sorted(d for d in found if today < d <= last))


# --------------------------------------------------------------------------- streak
@dataclass(frozen=True)
class Streak:
    """The current run of study days, forgiving: up to `rest_days` days in a row may pass without study."""

    days: int  # calendar days from the first study day of the run to the last
    study_days: int
    best_days: int
    min_minutes: int
    rest_days: int


def streak(sessions: Iterable[SessionRecord], today: date, min_minutes: int = 15, rest_days: int = 1) -> Streak:
    """A day counts with `min_minutes` or more; today not studied yet does not end a run."""
    totals: dict[date, int] = defaultdict(int)
    for session in sessions:
        if session.day <= today:
            totals[session.day] += session.minutes
    counted = sorted(d for d, m in totals.items() if m >= max(1, min_minutes))
    runs: list[list[date]] = []
    for day in counted:
        if runs and (day - runs[-1][-1]).days <= rest_days + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    best = max(((run[-1] - run[0]).days + 1 for run in runs), default=0)
    if runs and (today - runs[-1][-1]).days <= rest_days + 1:
        run = runs[-1]
        return Streak((run[-1] - run[0]).days + 1, len(run), best, min_minutes, rest_days)
    return Streak(0, 0, best, min_minutes, rest_days)
