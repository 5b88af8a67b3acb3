"""The numbers behind the progress charts, from a known history written through the real store."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from roadmap_app.domain.calibration import calibrated_pace, calibration
from roadmap_app.domain.forecast import forecast
from roadmap_app.domain.history import WeekHours, streak
from roadmap_app.domain.planner import Capacity, make_plan, suggest_pace
from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import EventRecord, NodeRecord, SessionRecord
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.stats import StreakSettings, load_stats
from roadmap_app.services.workspace import open_roadmap, open_store
from tests.conftest import ML_ROADMAP

TODAY = date(2026, 3, 18)  # a Wednesday


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def finish(store: ProgressStore, node: str, day: date, category_hours: None = None) -> None:
    """Mark a skill done on a day, with the status log entry the app writes."""
    with store.writing() as transaction:
        transaction.put(None, NodeRecord("ml-engineer", node, Status.DONE, at(day), at(day), "", at(day)))
        transaction.put(None, EventRecord(str(uuid.uuid4()), "ml-engineer", node, Status.TODO, Status.DONE, at(day)))


def log(store: ProgressStore, node: str, day: date, minutes: int) -> None:
    with store.writing() as transaction:
        transaction.put(None, SessionRecord(str(uuid.uuid4()), "ml-engineer", node, day, minutes, "", at(day)))


@pytest.fixture
def roadmap():
    return open_roadmap(ML_ROADMAP)


@pytest.fixture
def store():
    opened = open_store()
    yield opened
    opened.close()


def hours(roadmap, node: str) -> float:
    return roadmap.node(node).hours


def test_burnup_counts_estimated_hours_of_done_skills_per_category_by_week(roadmap, store) -> None:
    finish(store, "algebra-functions", date(2026, 3, 3))  # mathematics, week ending Sunday 8 March
    finish(store, "python-basics", date(2026, 3, 10))  # programming, week ending 15 March
    with store.writing() as transaction:  # skipped: in neither the done hours nor the total
        transaction.put(None, NodeRecord("ml-engineer", "linear-algebra", Status.SKIPPED, None, None, "",
                                         at(date(2026, 3, 11))))
    stats = load_stats(store, roadmap, TODAY)
    burn = stats.burnup
    assert burn.days == (date(2026, 3, 8), date(2026, 3, 15), TODAY)
    assert burn.done_by_category["mathematics"] == (10.0, 10.0, 10.0)
    assert burn.done_by_category["programming"] == (0.0, hours(roadmap, "python-basics"),
                                                    hours(roadmap, "python-basics"))
    assert burn.done == (10.0, 10.0 + hours(roadmap, "python-basics"), 10.0 + hours(roadmap, "python-basics"))
    assert burn.total_hours == roadmap.total_hours - hours(roadmap, "linear-algebra")
    assert burn.plan == ()


def test_undone_skill_leaves_the_burnup_on_the_day_it_was_reopened(roadmap, store) -> None:
    finish(store, "algebra-functions", date(2026, 3, 3))
    with store.writing() as transaction:
        row = transaction.node("ml-engineer", "algebra-functions")
        transaction.put(row, NodeRecord("ml-engineer", "algebra-functions", Status.LEARNING, row.started_at, None,
                                        "", at(date(2026, 3, 12))))
        transaction.put(None, EventRecord("reopen", "ml-engineer", "algebra-functions", Status.DONE,
                                          Status.LEARNING, at(date(2026, 3, 12))))
    assert load_stats(store, roadmap, TODAY).burnup.done_by_category["mathematics"] == (10.0, 0.0, 0.0)


def test_plan_line_starts_today_at_the_hours_done_and_ends_at_the_plan_total(roadmap, store) -> None:
    finish(store, "algebra-functions", date(2026, 3, 3))
    snapshot = store.snapshot(roadmap)
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(5), start=TODAY, goals=["derivatives"])
    stats = load_stats(store, roadmap, TODAY, plan)
    points = stats.burnup.plan
    planned_hours = sum(roadmap.node(n).hours for n in plan.remaining_minutes)
    assert points[0].day == TODAY and points[0].done_hours == 10.0
    assert points[-1].day == plan.finish and points[-1].done_hours == pytest.approx(10.0 + planned_hours)
    assert [p.day for p in points[1:-1]] == [w.start + timedelta(days=6) for w in plan.weeks[:-1]]
    assert stats.forecast.promised == plan.finish


def test_weekly_hours_and_this_weeks_remaining(roadmap, store) -> None:
    log(store, "numpy", date(2026, 3, 2), 90)
    log(store, "numpy", date(2026, 3, 4), 30)
    log(store, "python-basics", date(2026, 3, 17), 45)  # this week (Monday 16 March)
    plan = make_plan(roadmap, store.snapshot(roadmap), capacity=Capacity.weekly(6), start=TODAY)
    weekly = load_stats(store, roadmap, TODAY, plan).weekly
    assert [(w.start, w.minutes) for w in weekly.weeks] == [(date(2026, 3, 2), 120), (date(2026, 3, 9), 0),
                                                           (date(2026, 3, 16), 45)]
    assert weekly.planned_hours_per_week == 6.0
    assert weekly.this_week_minutes == 45 and weekly.this_week_remaining_minutes == 6 * 60 - 45
    assert load_stats(store, roadmap, TODAY).weekly.this_week_remaining_minutes is None


def test_calendar_levels_follow_the_persons_own_quartiles_and_planned_days_are_listed(roadmap, store) -> None:
    for offset, minutes in enumerate((10, 20, 30, 40)):
        log(store, "numpy", TODAY - timedelta(days=offset + 1), minutes)
    log(store, "numpy", TODAY - timedelta(days=400), 500)  # older than a year: not on the calendar
    plan = make_plan(roadmap, store.snapshot(roadmap), capacity=Capacity.per_weekday({"sat": 2}), start=TODAY)
    calendar = load_stats(store, roadmap, TODAY, plan).calendar
    assert len(calendar.days) == 365 and calendar.days[-1].day == TODAY
    assert calendar.thresholds == (10, 20, 30)
    levels = {d.day: (d.minutes, d.level) for d in calendar.days if d.minutes}
    assert levels == {TODAY - timedelta(days=1): (10, 1), TODAY - timedelta(days=2): (20, 2),
                      TODAY - timedelta(days=3): (30, 3), TODAY - timedelta(days=4): (40, 4)}
    assert calendar.planned[:2] == (date(2026, 3, 21), date(2026, 3, 28))  # Saturdays only
    assert all(d.weekday() == 5 for d in calendar.planned) and calendar.planned[-1] <= TODAY + timedelta(days=56)


def test_minutes_per_category_per_week_and_a_neglected_category(roadmap, store) -> None:
    log(store, "algebra-functions", date(2026, 1, 5), 60)  # mathematics, then nothing for 10 weeks
    log(store, "python-basics", date(2026, 3, 10), 40)
    log(store, "a-removed-skill", date(2026, 3, 10), 15)
    weeks = load_stats(store, roadmap, TODAY).category_weeks
    assert weeks.weeks[0] == date(2026, 1, 5) and weeks.weeks[-1] == date(2026, 3, 16) and len(weeks.weeks) == 11
    assert weeks.minutes["mathematics"][0] == 60 and sum(weeks.minutes["mathematics"]) == 60
    assert weeks.minutes["programming"][9] == 40 and weeks.minutes[""][9] == 15
    assert weeks.neglected == ("mathematics",)


def test_streak_is_forgiving_about_rest_days_and_needs_minimum_minutes(roadmap, store) -> None:
    for day, minutes in ((10, 30), (11, 30), (13, 30), (14, 5), (16, 30), (17, 30)):
        log(store, "numpy", date(2026, 3, day), minutes)
    sessions = [s for s in store.study_sessions("ml-engineer")]
    one_rest = streak(sessions, TODAY, min_minutes=15, rest_days=1)
    assert (one_rest.days, one_rest.study_days, one_rest.best_days) == (2, 2, 4)  # 14 March had 5 minutes only
    two_rest = streak(sessions, TODAY, min_minutes=15, rest_days=2)
    assert (two_rest.days, two_rest.study_days, two_rest.best_days) == (8, 5, 8)
    assert streak(sessions, TODAY, min_minutes=5, rest_days=0).days == 2  # 16-17 March
    assert streak(sessions, TODAY + timedelta(days=5), 15, 1).days == 0
    assert load_stats(store, roadmap, TODAY).streak is None  # opt-in
    assert load_stats(store, roadmap, TODAY, streak=StreakSettings(15, 2)).streak == two_rest


def test_calibration_per_category_and_overall(roadmap, store) -> None:
    finish(store, "algebra-functions", date(2026, 3, 1))  # 10 h estimated
    log(store, "algebra-functions", date(2026, 3, 1), 14 * 60)
    finish(store, "python-basics", date(2026, 3, 2))
    log(store, "python-basics", date(2026, 3, 2), 60)
    finish(store, "numpy", date(2026, 3, 3))  # done without logged time: not counted
    found = load_stats(store, roadmap, TODAY).calibration
    assert found.overall.skills == 2
    by = {c.category: c for c in found.by_category}
    assert set(by) == {"mathematics", "programming"}
    assert by["mathematics"].ratio == pytest.approx(1.4) and by["mathematics"].skills == 1
    assert by["programming"].logged_hours == 1.0
    assert found.overall.estimated_hours == 10 + hours(roadmap, "python-basics")


def _finished(roadmap, store, pairs: list[tuple[str, float]]):
    for i, (node, factor) in enumerate(pairs):
        finish(store, node, date(2026, 3, 1 + i))
        log(store, node, date(2026, 3, 1 + i), round(hours(roadmap, node) * factor * 60))
    snapshot = store.snapshot(roadmap)
    return calibrated_pace(roadmap, calibration(roadmap, snapshot)), snapshot


def test_no_pace_suggestion_under_three_skills_and_it_says_why(roadmap, store) -> None:
    suggestion, snapshot = _finished(roadmap, store, [("algebra-functions", 0.25)])  # one quick skill set ×0.25
    assert suggestion.pace is None and suggest_pace(roadmap, snapshot) is None
    assert "needs 3 finished skills with logged time; you have 1" in suggestion.explanation


def test_pace_is_drawn_towards_one_with_few_skills_and_names_the_biggest_category(roadmap, store) -> None:
    suggestion, snapshot = _finished(roadmap, store, [("algebra-functions", 1.4), ("linear-algebra", 1.4),
                                                      ("derivatives", 1.4), ("python-basics", 1.0)])
    math_hours = sum(hours(roadmap, n) for n in ("algebra-functions", "linear-algebra", "derivatives"))
    measured = (1.4 * math_hours + hours(roadmap, "python-basics")) / (math_hours + hours(roadmap, "python-basics"))
    assert suggestion.measured == pytest.approx(measured, abs=1e-3)
    assert suggestion.pace == round(measured ** (4 / 9), 2) and 1 < suggestion.pace < measured
    assert "you took 1.4× the estimate on 3 Mathematics skills" in suggestion.explanation
    assert suggest_pace(roadmap, snapshot) == suggestion.pace


def test_pace_is_clamped_to_the_pace_range(roadmap, store) -> None:
    suggestion, _ = _finished(roadmap, store, [(n, 0.01) for n in ("algebra-functions", "linear-algebra",
                                                                    "derivatives", "python-basics", "numpy")] * 1)
    assert suggestion.pace == 0.25


def test_forecast_dates_from_a_constructed_weekly_pattern() -> None:
    weeks = tuple(WeekHours(date(2026, 2, 2) + timedelta(days=7 * i), m) for i, m in enumerate((240, 360, 480, 0)))
    found = forecast(weeks, 30.0, date(2026, 2, 25))  # the last week is this week: not a full one
    assert found.weeks_measured == 3 and found.mean_hours_per_week == 6.0 and found.spread_hours_per_week == 2.0
    assert found.likely == date(2026, 2, 25) + timedelta(days=35)  # 30 h at 6 h a week: 5 weeks
    # P80: 6N − 0.8416·2·√N = 30 → √N = 2.3800… → N = 5.6646 weeks → 39.65 days, rounded up
    assert found.pessimistic == date(2026, 2, 25) + timedelta(days=40)
    assert "6.0 h a week of your last 3 full weeks" in found.note


def test_forecast_says_plainly_when_there_is_too_little_history() -> None:
    weeks = (WeekHours(date(2026, 2, 16), 300), WeekHours(date(2026, 2, 23), 100))
    found = forecast(weeks, 30.0, date(2026, 2, 25))
    assert found.likely is None and found.pessimistic is None
    assert "needs 3 full weeks" in found.note and "there is 1" in found.note
