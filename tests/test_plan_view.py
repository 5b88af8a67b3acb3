"""The Plan view: same plan as the CLI, follows progress, exports, highlights this week's skills."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate

from roadmap_app.cli import main
from roadmap_app.domain.progress import Status
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from tests.conftest import ML_ROADMAP


@pytest.fixture
def window(qtbot, data_dir):
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    ops.set_status(store, "ml-engineer", "python-basics", "done")
    ops.set_status(store, "ml-engineer", "algebra-functions", "learning")
    ops.log_study(store, "ml-engineer", "algebra-functions", 120)
    win = MainWindow(store, data_dir)
    qtbot.addWidget(win)
    win.show()
    assert win.open_roadmap(ML_ROADMAP)
    qtbot.waitUntil(lambda: win.scene is not None)
    yield win
    win.close()
    store.close()


def set_inputs(window, hours: float, start: date) -> None:
    panel = window.plan_panel
    panel.hours.setValue(hours)
    panel.start.setDate(QDate(start.year, start.month, start.day))
    panel.recompute()


def cli_plan_json(capsys, *args) -> dict:
    assert main(["plan", str(ML_ROADMAP), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_and_plan_view_give_the_same_plan(window, capsys) -> None:
    window.plan_up_to("scikit-learn")
    set_inputs(window, 6, date(2026, 12, 1))
    from_view = json.loads(window.plan_panel.render_export("json"))
    from_cli = cli_plan_json(capsys, "--hours-per-week", "6", "--goal", "scikit-learn", "--start", "2026-12-01")
    assert from_view == from_cli
    assert from_cli["critical_path"][-1] == "scikit-learn"
    assert window.plan_dock.isVisible()


def test_whole_roadmap_plan_matches_cli_too(window, capsys) -> None:
    window.plan_panel.set_goals([])
    set_inputs(window, 10, date(2027, 1, 4))
    from_view = json.loads(window.plan_panel.render_export("json"))
    assert from_view == cli_plan_json(capsys, "--hours-per-week", "10", "--start", "2027-01-04")


def test_plan_follows_progress(window, qtbot) -> None:
    window.plan_up_to("numpy")
    set_inputs(window, 8, date.today())
    before = window.plan_panel.plan
    assert "algebra-functions" in before.remaining_minutes
    window.document.set_status("algebra-functions", Status.DONE)
    qtbot.waitUntil(lambda: window.plan_panel.plan is not before, timeout=3000)
    after = window.plan_panel.plan
    assert "algebra-functions" not in after.remaining_minutes
    assert after.total_minutes < before.total_minutes and after.finish <= before.finish


def test_plan_recomputes_by_itself_after_a_change(window, qtbot) -> None:
    window.plan_up_to("numpy")
    window.document.set_status("algebra-functions", Status.DONE)
    qtbot.waitUntil(lambda: "algebra-functions" not in window.plan_panel.plan.remaining_minutes, timeout=2000)


def test_this_weeks_skills_are_highlighted_on_the_graph(window) -> None:
    window.plan_up_to("numpy")
    set_inputs(window, 8, date.today())
    this_week = window.plan_panel.current_week_nodes()
    assert this_week
    window.scene.clearSelection()
    for node_id in this_week:
        assert window.scene.nodes[node_id].emphasis == "plan"


def test_plan_exports_from_the_window(window, tmp_path) -> None:
    window.plan_up_to("pandas")
    set_inputs(window, 8, date(2026, 12, 7))
    for fmt in ("md", "json", "ics"):
        assert window.files.export_plan_to(tmp_path / f"plan.{fmt}", fmt)
        assert window.statusBar().currentMessage() == f"Saved the plan to {tmp_path / f'plan.{fmt}'}"
    assert (tmp_path / "plan.md").read_text().startswith("# Study plan: Machine Learning Engineer")
    assert json.loads((tmp_path / "plan.json").read_text())["roadmap"] == "ml-engineer"
    calendar = Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(window.plan_panel.plan.weeks)
    assert "Pandas" in str(events[-1]["SUMMARY"])


def test_table_and_chart_show_the_plan(window) -> None:
    window.plan_up_to("numpy")
    set_inputs(window, 8, date(2026, 12, 7))
    plan = window.plan_panel.plan
    assert window.plan_panel.table.topLevelItemCount() == len(plan.weeks)
    assert window.plan_panel.chart.rows != len(plan.order())  # drawn only once its tab is shown
    window.plan_panel.tabs.setCurrentIndex(1)
    assert window.plan_panel.chart.rows == len(plan.order())
    assert "Finish" in window.plan_panel.summary.text()


def test_a_hidden_plan_only_marks_itself_stale(window, qtbot, monkeypatch) -> None:
    panel = window.plan_panel
    assert not window.plan_dock.isVisible()
    computed = []
    original = panel.recompute
    monkeypatch.setattr(panel, "recompute", lambda: (computed.append(1), original()))
    window.document.set_status("python-basics", Status.TODO)
    qtbot.waitUntil(lambda: not window.document.busy, timeout=3000)
    qtbot.wait(100)  # longer than the plan's follow delay
    assert computed == [] and panel._stale
    window.plan_dock.show()
    qtbot.waitUntil(lambda: computed and panel.plan is not None, timeout=3000)
    assert "python-basics" in panel.plan.remaining_minutes


def test_the_hidden_panel_is_made_when_first_shown_with_what_it_would_have_had(qtbot, data_dir) -> None:
    from tests.conftest import start_window

    first, store = start_window(qtbot, data_dir, file=None)
    first.plan_panel.set_goals(["scikit-learn"])
    first.plan_panel.hours.setValue(12)
    first.close()
    store.close()
    for closed_unseen in (True, False):  # a window that never showed its plan keeps the goals and inputs too
        again, store = start_window(qtbot, data_dir, file=None)
        assert again._plan_panel is None and not again.plan_dock.isVisible()  # not made before the first frame
        if not closed_unseen:
            again.plan_dock.show()
            qtbot.waitUntil(lambda w=again: w._plan_panel is not None and w._plan_panel.plan is not None)
            panel = again.plan_panel
            assert again.plan_dock.widget() is panel and panel.isVisible() and panel.document is again.document
            assert panel.goals == ["scikit-learn"] and panel.hours.value() == 12
            assert set(panel.plan.remaining_minutes) <= set(again.document.roadmap.nodes_by_id)
        again.close()
        store.close()
