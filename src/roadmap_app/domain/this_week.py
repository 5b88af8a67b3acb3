"""The calendar week a person is in: hours done against the hours they have, what the plan puts in the rest of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from roadmap_app.domain.planner import Capacity, Plan

GRACE_MINUTES = 15  # a week this close to what the days so far held is on track
NEXT_UP = 3  # skills named as coming after this week


@dataclass(frozen=True)
class WeekSkill:
    node_id: str
    done_minutes: int  # logged this week
    planned_minutes: int  # what the plan gives it in the rest of the week


@dataclass(frozen=True)
class ThisWeek:
    monday: date
    today: date
    capacity_minutes: int  # the hours the person has for the whole week
    done_minutes: int  # logged on this roadmap from Monday to today
    expected_minutes: int  # what the days before today held of those hours
    skills: tuple[WeekSkill, ...]  # studied this week or planned for the rest of it: the plan's order, then the rest
    next_up: tuple[str, ...]  # the first skills the plan has after this week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def remaining_minutes(self) -> int:
        return max(0, self.capacity_minutes - self.done_minutes)

    @property
    def behind_minutes(self) -> int:
        """How far the week is behind what its days so far held; 0 when on track."""
        gap = self.expected_minutes - self.done_minutes
        return gap if gap > GRACE_MINUTES else 0

    @property
    def on_track(self) -> bool:
        return self.behind_minutes == 0


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def expected_by(capacity: Capacity, monday: date, today: date) -> int:
    """The minutes of the week's hours that fall on the days before `today`."""
    days_before = (today - monday).days
    if not capacity.by_weekday:
        return capacity.week_minutes * days_before // 7
    return sum(minutes for day, minutes in capacity.slots(monday) if day < today)


def this_week(plan: Plan | None, capacity: Capacity, logged: Iterable[tuple[str, date, int]], today: date) -> ThisWeek:
    """The week of `today`. `logged`: (current node id, day, minutes) of every study session on the roadmap;
    `plan`: a plan made from today, whose first items fill what is left of the week's hours."""
    monday = monday_of(today)
    done: dict[str, int] = {}
    for node_id, day, minutes in logged:
        if monday <= day <= today:
            done[node_id] = done.get(node_id, 0) + minutes
    done_total = sum(done.values())
    left = max(0, capacity.week_minutes - done_total)
    planned: dict[str, int] = {}
    after: list[str] = []
    for week in plan.weeks if plan is not None else ():
        for item in week.items:
            share = min(item.minutes, left)
            if share > 0:
                planned[item.node] = planned.get(item.node, 0) + share
                left -= share
            elif item.node not in planned and item.node not in after and len(after) < NEXT_UP:
                after.append(item.node)  # starts after this week
        if len(after) >= NEXT_UP:
            break
    order = list(dict.fromkeys([*planned, *sorted(done, key=lambda node: -done[node])]))
    skills = tuple(WeekSkill(node, done.get(node, 0), planned.get(node, 0)) for node in order)
    return ThisWeek(monday, today, capacity.week_minutes, done_total, expected_by(capacity, monday, today), skills,
                    tuple(after))
