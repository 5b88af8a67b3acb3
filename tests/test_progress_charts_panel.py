"""The Progress Charts dock: numbers read off the UI thread only while it shows, the tab in view drawn, themes."""

from __future__ import annotations

import re
import threading

from roadmap_app.domain.progress import Status
from tests.conftest import saved


def _shown(qtbot, window):
    charts = window.charts
    charts.dock.show()
    charts.dock.raise_()
    qtbot.waitUntil(lambda: charts.stats is not None and charts.panel.current_kind in charts.panel.drawn,
                    timeout=10_000)
    return charts


def test_the_charts_are_read_on_the_database_thread_and_follow_progress_while_shown(window, qtbot) -> None:
    threads: list[str] = []
    real = window.store.history

    def history(roadmap_id):
        threads.append(threading.current_thread().name)
        return real(roadmap_id)

    window.store.history = history
    charts = _shown(qtbot, window)
    assert threads and threading.main_thread().name not in threads
    before = charts.stats
    window.document.set_status("algebra-functions", Status.DONE)
    saved(qtbot, window)
    qtbot.waitUntil(lambda: charts.stats is not before, timeout=10_000)
    assert charts.stats.percent_complete > before.percent_complete
    assert charts.panel.current_kind in charts.panel.drawn


def test_a_hidden_dock_only_marks_itself_stale(window, qtbot) -> None:
    charts = _shown(qtbot, window)
    charts.dock.hide()
    stats = charts.stats
    window.document.set_status("algebra-functions", Status.DONE)
    saved(qtbot, window)
    qtbot.wait(800)
    assert charts.stats is stats and charts._stale
    charts.dock.show()
    qtbot.waitUntil(lambda: charts.stats is not stats, timeout=10_000)


def test_each_tab_is_drawn_when_shown_and_hiding_numbers_hides_them_in_the_summary(window, qtbot) -> None:
    charts = _shown(qtbot, window)
    panel = charts.panel
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: panel.current_kind in panel.drawn, timeout=5000)
        assert panel.canvas(panel.current_kind).figure.axes
    assert re.search(r"\d", panel.summary.text())
    panel.hide_numbers.setChecked(True)
    qtbot.waitUntil(lambda: "hidden" in panel.summary.text(), timeout=10_000)
    assert not re.search(r"\d", panel.summary.text())
    assert str(window.settings.value("charts_hide_numbers")).lower() == "true"


def test_switching_the_theme_draws_the_chart_again_in_its_colours(window, qtbot) -> None:
    charts = _shown(qtbot, window)
    figure = charts.panel.canvas(charts.panel.current_kind).figure
    window.set_theme_choice("light")
    light = figure.get_facecolor()
    window.set_theme_choice("dark")
    qtbot.waitUntil(lambda: figure.get_facecolor() != light, timeout=5000)
