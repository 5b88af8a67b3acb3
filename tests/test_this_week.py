"""This Week: the hours of the calendar week against the person's, the plan's skills for the rest of it, the timer."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from roadmap_app.domain.graph import prerequisite_closure
from roadmap_app.domain.planner import Capacity, Plan, PlanItem, PlanWeek
from roadmap_app.domain.this_week import GRACE_MINUTES, expected_by, monday_of, this_week
from tests.conftest import saved

THURSDAY = date(2026, 11, 19)
MONDAY = date(2026, 11, 16)


def _plan(*weeks: list[tuple[str, int]]) -> Plan:
    capacity = Capacity.weekly(8)
    return Plan("r", THURSDAY, capacity, [], 1.0, {}, [
        PlanWeek(i, THURSDAY + timedelta(days=7 * i), [PlanItem(node, minutes) for node, minutes in items])
        for i, items in enumerate(weeks)], [], None)


def test_the_week_is_the_calendar_week_and_counts_what_was_logged_in_it() -> None:
    logged = [("a", MONDAY - timedelta(days=1), 600),  # last Sunday: another week
              ("a", MONDAY, 60), ("b", THURSDAY, 30), ("a", THURSDAY + timedelta(days=1), 45)]  # Friday: not yet
    week = this_week(None, Capacity.weekly(8), logged, THURSDAY)
    assert (week.monday, week.sunday) == (MONDAY, date(2026, 11, 22))
    assert week.done_minutes == 90 and week.remaining_minutes == 8 * 60 - 90
    assert [(s.node_id, s.done_minutes, s.planned_minutes) for s in week.skills] == [("a", 60, 0), ("b", 30, 0)]


def test_the_plan_fills_what_is_left_of_the_week_in_its_order_and_names_what_comes_next() -> None:
    plan = _plan([("x", 200), ("y", 200), ("z", 100)], [("z", 50), ("w", 300), ("v", 60), ("u", 60)])
    week = this_week(plan, Capacity.weekly(8), [("y", MONDAY, 120)], THURSDAY)
    left = 8 * 60 - 120
    assert [(s.node_id, s.done_minutes, s.planned_minutes) for s in week.skills] == [
        ("x", 0, 200), ("y", 120, left - 200), ]
    assert sum(s.planned_minutes for s in week.skills) == left
    assert week.next_up == ("z", "w", "v")


def test_on_track_compares_with_the_hours_of_the_days_gone_by() -> None:
    weekly = Capacity.weekly(7)  # 60 minutes a day, studied whenever suits
    assert expected_by(weekly, MONDAY, THURSDAY) == 180
    behind = this_week(None, weekly, [("a", MONDAY, 100)], THURSDAY)
    assert behind.behind_minutes == 80 and not behind.on_track
    close = this_week(None, weekly, [("a", MONDAY, 180 - GRACE_MINUTES)], THURSDAY)
    assert close.on_track
    weekdays = Capacity.per_weekday({"mon": 0, "tue": 0, "wed": 2, "thu": 1, "sat": 4})
    assert expected_by(weekdays, MONDAY, THURSDAY) == 120  # Wednesday's two hours; Thursday is today
    assert monday_of(date(2026, 11, 22)) == MONDAY


def test_the_panel_lists_the_weeks_skills_and_the_timer_logs_the_minutes(window, qtbot, monkeypatch) -> None:
    from roadmap_app.ui import this_week_controller as controller_module

    clock = [1000.0]
    monkeypatch.setattr(controller_module, "now", lambda: clock[0])
    window.plan_panel.set_goals(["pandas"])
    controller = window.this_week
    controller.dock.show()
    qtbot.waitUntil(lambda: controller._panel is not None and bool(controller.panel.timer_buttons), timeout=5000)
    panel = controller.panel
    assert "This week" in panel.heading.text()
    needed = prerequisite_closure(window.document.roadmap, ["pandas"])
    assert set(panel.timer_buttons) <= needed, "this week: the goal and what it still needs"
    first = next(iter(panel.timer_buttons))

    panel.timer_buttons[first].click()
    assert controller.timing is not None and controller.timing[0] == first
    clock[0] += 25 * 60 + 40
    controller._show_clock()
    assert panel.timer_buttons[first].text() == "■ 25:40"
    panel.timer_buttons[first].click()
    saved(qtbot, window)
    assert controller.timing is None
    assert [(s.minutes, s.day) for s in window.document.sessions(first)] == [(25, date.today())]
    qtbot.waitUntil(lambda: "25 min" in panel.status.text(), timeout=5000)


def test_a_timer_under_a_minute_logs_nothing_and_closing_the_window_logs_a_running_one(window, qtbot,
                                                                                    monkeypatch) -> None:
    from roadmap_app.ui import this_week_controller as controller_module

    clock = [0.0]
    monkeypatch.setattr(controller_module, "now", lambda: clock[0])
    controller = window.this_week
    controller.toggle_timer("numpy")
    clock[0] += 59
    controller.toggle_timer("numpy")
    saved(qtbot, window)
    assert window.document.sessions("numpy") == []
    controller.toggle_timer("numpy")
    clock[0] += 3 * 60
    store, roadmap = window.store, window.document.roadmap
    window.close()
    assert store.snapshot(roadmap).state("numpy").minutes == 3


def test_this_week_shows_at_start_when_the_roadmap_has_plan_goals(qtbot, data_dir) -> None:
    from tests.conftest import start_window

    window, store = start_window(qtbot, data_dir, size=(1024, 700))
    window.plan_up_to("pandas")  # the plan, tall at the bottom, then closed: its size stays with the dock area
    qtbot.waitUntil(lambda: window.plan_dock.isVisible())
    window.resizeDocks([window.plan_dock], [window.height() // 2], Qt.Orientation.Vertical)
    window.plan_dock.hide()
    window.close()
    store.close()
    window, store = start_window(qtbot, data_dir, size=(1024, 700))
    try:
        qtbot.waitUntil(lambda: window.this_week.dock.isVisible(), timeout=5000)
        qtbot.waitUntil(lambda: bool(window.this_week.panel.timer_buttons), timeout=5000)
        qtbot.wait(50)
        # shown unasked: as tall as the week needs (at most 2/5 of the window), the map keeps the rest
        assert window.this_week.dock.height() <= window.height() * 2 // 5
    finally:
        window.close()
        store.close()


def test_without_plan_goals_the_start_shows_no_week(window, qtbot) -> None:
    qtbot.wait(100)
    assert not window.this_week.dock.isVisible()


def test_a_week_left_shown_never_says_no_roadmap_is_open_while_one_opens(qtbot, data_dir, monkeypatch) -> None:
    from roadmap_app.ui.panels.this_week import ThisWeekPanel
    from tests.conftest import start_window

    window, store = start_window(qtbot, data_dir, size=(1024, 700))
    window.this_week.toggle.trigger()
    qtbot.waitUntil(lambda: window.this_week.dock.isVisible())
    window.close()  # the dock is remembered as shown
    store.close()
    messages: list[str] = []
    shown = ThisWeekPanel.show_message
    monkeypatch.setattr(ThisWeekPanel, "show_message", lambda panel, text: (messages.append(text),
                                                                             shown(panel, text)))
    window, store = start_window(qtbot, data_dir, size=(1024, 700))
    try:
        assert window.this_week.dock.isVisible()
        week = window.this_week
        qtbot.waitUntil(lambda: bool(messages) or (week._panel is not None and bool(week.panel.timer_buttons)),
                        timeout=5000)
        assert not [text for text in messages if "Open a roadmap" in text]
    finally:
        window.close()
        store.close()
