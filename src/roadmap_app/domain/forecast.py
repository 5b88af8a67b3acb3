"""When the work left will be done at the pace actually achieved: a likely date and a pessimistic one."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from roadmap_app.domain.history import WeekHours, week_start

FORECAST_WEEKS = 12  # the recent full weeks the pace is measured over
MIN_FORECAST_WEEKS = 3
LIKELY_Z = 0.0  # P50: the work left at the mean weekly hours
PESSIMISTIC_Z = 0.8416  # P80: the normal quantile with 80% below it
LIKELY, PESSIMISTIC = "P50", "P80"


@dataclass(frozen=True)
class Forecast:
    """Finish dates from the weekly hours of recent full weeks; `note` says why there is no date when there is none."""

    remaining_hours: float  # hours of study left (estimates times the pace)
    weeks_measured: int
    mean_hours_per_week: float | None
    spread_hours_per_week: float | None  # standard deviation of the weekly hours
    likely: date | None  # P50
    pessimistic: date | None  # P80
    promised: date | None  # the plan's finish, None without a plan
    note: str


def forecast(weeks: tuple[WeekHours, ...], remaining_hours: float, today: date,
             promised: date | None = None) -> Forecast:
    """Weeks needed N with sum over N weeks ≥ the hours left with 50% / 80% chance, the weeks being independent
    draws of the measured mean and spread: N·mean − z·spread·√N = left, solved for √N. Deterministic."""
    full = [w for w in weeks if w.start < week_start(today)][-FORECAST_WEEKS:]
    hours = [w.minutes / 60 for w in full]
    remaining_hours = round(max(0.0, remaining_hours), 4)
    if remaining_hours <= 0:
        return Forecast(0.0, len(hours), None, None, None, None, promised, "Nothing is left to do.")
    if len(hours) < MIN_FORECAST_WEEKS:
        return Forecast(remaining_hours, len(hours), None, None, None, None, promised,
                        f"Too little history to forecast: it needs {MIN_FORECAST_WEEKS} full weeks since you "
                        f"first logged time; there {'is' if len(hours) == 1 else 'are'} {len(hours)}.")
    mean = sum(hours) / len(hours)
    spread = math.sqrt(sum((h - mean) ** 2 for h in hours) / (len(hours) - 1))
    if mean <= 0:
        return Forecast(remaining_hours, len(hours), 0.0, round(spread, 4), None, None, promised,
                        f"No time was logged in the last {len(hours)} full weeks, so no finish date can be "
                        "forecast.")
    likely, pessimistic = (today + timedelta(days=_days_needed(remaining_hours, mean, spread, z))
                           for z in (LIKELY_Z, PESSIMISTIC_Z))
    return Forecast(remaining_hours, len(hours), round(mean, 4), round(spread, 4), likely, pessimistic, promised,
                    f"At the {mean:.1f} h a week of your last {len(hours)} full weeks.")


def _days_needed(left: float, mean: float, spread: float, z: float) -> int:
    root = (z * spread + math.sqrt((z * spread) ** 2 + 4 * mean * left)) / (2 * mean)
    return math.ceil(round(7 * root * root, 6))  # rounded first: 5 weeks computed as 5.0000000001 are 35 days
