"""Each progress chart draws to a non-empty image in both themes, shows no figures when hidden, and says when empty."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from roadmap_app.domain.planner import Capacity, make_plan
from roadmap_app.services.chart_figures import chart_figure, palette_for, render_chart
from roadmap_app.services.stats import CHART_KINDS, StreakSettings, load_stats
from roadmap_app.services.workspace import open_roadmap, open_store
from tests.conftest import ML_ROADMAP
from tests.test_history import TODAY, finish, log


@pytest.fixture
def stats():
    roadmap, store = open_roadmap(ML_ROADMAP), open_store()
    for i, node in enumerate(("algebra-functions", "probability-basics", "python-basics", "numpy")):
        finish(store, node, TODAY - timedelta(days=30 - 7 * i))
        log(store, node, TODAY - timedelta(days=31 - 7 * i), 300 + 60 * i)
    for offset in range(0, 60, 3):
        log(store, "linear-algebra", TODAY - timedelta(days=offset), 20 + offset)
    plan = make_plan(roadmap, store.snapshot(roadmap), capacity=Capacity.weekly(6), start=TODAY)
    found = load_stats(store, roadmap, TODAY, plan, StreakSettings())
    store.close()
    return found


@pytest.fixture
def empty():
    roadmap, store = open_roadmap(ML_ROADMAP), open_store()
    found = load_stats(store, roadmap, TODAY)
    store.close()
    return found


def texts(figure) -> list[str]:
    found = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t]


@pytest.mark.parametrize("kind", CHART_KINDS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_chart_renders_a_png_in_both_themes(stats, kind: str, theme: str) -> None:
    png = render_chart(kind, stats, palette_for(theme, stats))
    assert png.startswith(b"\x89PNG") and len(png) > 5000


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_hidden_numbers_leave_no_digit_on_any_chart(stats, kind: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown = chart_figure(kind, stats, palette_for("light", stats))
    FigureCanvasAgg(shown).draw()
    assert any(any(ch.isdigit() for ch in t) for t in texts(shown))
    hidden = chart_figure(kind, stats, palette_for("light", stats), hide_numbers=True)
    FigureCanvasAgg(hidden).draw()
    assert not [t for t in texts(hidden) if any(ch.isdigit() for ch in t)]
    assert render_chart(kind, stats, palette_for("dark", stats), hide_numbers=True).startswith(b"\x89PNG")


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_each_chart_says_when_there_is_nothing_to_draw(empty, kind: str) -> None:
    figure = chart_figure(kind, empty, palette_for("dark", empty))
    messages = [t for t in texts(figure) if "yet" in t]
    assert len(messages) == 1 and len(messages[0]) < 100


def test_svg_and_pdf_too(stats) -> None:
    assert b"<svg" in render_chart("burnup", stats, palette_for("light", stats), image_format="svg")
    assert render_chart("weekly", stats, palette_for("light", stats), image_format="pdf").startswith(b"%PDF")


def test_the_burnup_title_carries_the_forecast_and_the_promised_date(stats) -> None:
    title = chart_figure("burnup", stats, palette_for("light", stats)).axes[0].get_title(loc="left")
    assert stats.forecast.promised is not None and stats.forecast.promised.isoformat() in title
    assert date(2026, 1, 1) < stats.forecast.promised
