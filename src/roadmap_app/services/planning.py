"""Build a study plan from user input; the CLI and the Plan view both go through here.

The limits below are the window's (its spin boxes and date field use them), so a plan the
command line accepts is one the window can show, and the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap_app.domain.calibration import MAX_PACE, MIN_PACE  # the range suggest_pace() gives, too
from roadmap_app.domain.planner import WEEKDAYS, Capacity, Plan, PlanError, make_plan, suggest_pace
from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.services.errors import UserError
from roadmap_app.services.workspace import resolve_node

MIN_HOURS_PER_WEEK = 0.5
MAX_HOURS_PER_WEEK = 100.0
MAX_HOURS_PER_DAY = 24.0
EARLIEST_START = date(1970, 1, 1)
LATEST_START = date(2999, 12, 31)
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_EXAMPLE = "mon=1,wed=1.5,sat=4"


@dataclass
class PlanRequest:
    hours_per_week: float | None = None
    weekday_hours: dict[str, float] | None = None
    goals: list[str] = field(default_factory=list)
    start: date | None = None
    pace: float | str = 1.0  # a factor, or "auto" to use the suggestion from logged time


def _weekday(name: str, part: str) -> str:
    """'mon', 'Tues', 'thursday' -> the three-letter key; an unknown name is a UserError."""
    word = name.strip().lower()
    if not word:
        raise UserError(f"'{part}' in weekday hours names no day; write them like {WEEKDAY_EXAMPLE}")
    if len(word) >= 3:
        for key, full in zip(WEEKDAYS, DAY_NAMES, strict=True):
            if full.startswith(word):
                return key
    raise UserError(f"'{word}' in weekday hours ('{part}') is not a day of the week; use "
                    f"{', '.join(WEEKDAYS)} (or the full names), like {WEEKDAY_EXAMPLE}")


def parse_weekday_hours(text: str) -> dict[str, float]:
    """'mon=1,wed=1.5,sat=4' -> {'mon': 1.0, 'wed': 1.5, 'sat': 4.0}; every mistake is a UserError."""
    result: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        if not sep:
            raise UserError(f"cannot read '{part}' in weekday hours; write them like {WEEKDAY_EXAMPLE}")
        day = _weekday(name, part)
        if day in result:
            raise UserError(f"{DAY_NAMES[WEEKDAYS.index(day)].capitalize()} is given twice in the weekday hours; "
                            "give each day once")
        try:
            hours = float(value)
        except ValueError:
            raise UserError(f"cannot read the hours in '{part}'; write a number, like {WEEKDAY_EXAMPLE}") from None
        if not 0 <= hours <= MAX_HOURS_PER_DAY:  # NaN too
            raise UserError(f"hours on {DAY_NAMES[WEEKDAYS.index(day)].capitalize()} must be between 0 and "
                            f"{MAX_HOURS_PER_DAY:g}, not '{value.strip()}'")
        result[day] = hours
    if not result:
        raise UserError(f"give hours for at least one day, like {WEEKDAY_EXAMPLE}")
    return result


def parse_date(text: str, option: str = "--start") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} must be a date like 2026-03-14, not '{text}'") from None


def check_hours_per_week(hours: float) -> float:
    """Hours per week within the window's range (0.5 to 100); a UserError otherwise."""
    if hours <= 0:
        raise UserError(f"hours per week must be more than 0, not {hours:g}: give {MIN_HOURS_PER_WEEK:g} to "
                        f"{MAX_HOURS_PER_WEEK:g} hours")
    if not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:  # also NaN
        raise UserError(f"hours per week must be between {MIN_HOURS_PER_WEEK:g} and {MAX_HOURS_PER_WEEK:g}, "
                        f"not {hours:g}")
    return hours


def check_pace(pace: float) -> float:
    if not MIN_PACE <= pace <= MAX_PACE:  # NaN too
        raise UserError(f"the pace must be between {MIN_PACE:g} and {MAX_PACE:g}, not {pace:g}: it multiplies every "
                        "estimate, e.g. 1.5 if you usually take half as long again")
    return pace


def check_start(start: date) -> date:
    if not EARLIEST_START <= start <= LATEST_START:
        raise UserError(f"the start date must be between {EARLIEST_START.isoformat()} and "
                        f"{LATEST_START.isoformat()}, not {start.isoformat()}")
    return start


def check_request(request: PlanRequest) -> None:
    """Every number and date of a request within the window's limits; a UserError naming the first that is not.

    build_plan() checks this itself; calling it first only reports a mistake before any file is opened.
    """
    if request.start is not None:
        check_start(request.start)
    if request.hours_per_week is not None:
        check_hours_per_week(request.hours_per_week)
    if request.weekday_hours:
        total = sum(request.weekday_hours.values())
        if not MIN_HOURS_PER_WEEK <= total <= MAX_HOURS_PER_WEEK:  # NaN too
            raise UserError(f"the weekday hours add up to {total:g} h per week; together they must come to "
                            f"{MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK:g} hours")
        if request.hours_per_week is not None and abs(total - request.hours_per_week) > 0.01:
            raise UserError(f"--hours-per-week {request.hours_per_week:g} does not match the weekday hours, "
                            f"which add up to {total:g}; give one or make them agree")
    elif request.hours_per_week is None:
        raise UserError("say how much time you have: --hours-per-week H (or weekday hours)")
    if request.pace != "auto":
        check_pace(float(request.pace))


def build_plan(roadmap: Roadmap, snapshot: ProgressSnapshot, request: PlanRequest) -> Plan:
    check_request(request)
    goals = [resolve_node(roadmap, goal) for goal in request.goals]
    try:
        if request.weekday_hours:
            capacity = Capacity.per_weekday(request.weekday_hours)
        else:
            assert request.hours_per_week is not None  # check_request() saw to it
            capacity = Capacity.weekly(request.hours_per_week)
        pace = request.pace
        if pace == "auto":
            pace = suggest_pace(roadmap, snapshot) or 1.0
        return make_plan(roadmap, snapshot, capacity=capacity, start=request.start or date.today(),
                         goals=goals or None, pace=check_pace(float(pace)))
    except PlanError as exc:
        raise UserError(str(exc)) from None
