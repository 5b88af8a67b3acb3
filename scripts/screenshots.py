"""Regenerate the README screenshots: the bundled roadmap in both themes at 1600×1000 and 1024×700, at
Fit to Window, 50 % and 100 %, with the study plan, and with category lanes and a collapsed category; and the
progress charts of a few months of demo history.

Run with `python3 dev.py screenshots`. Uses a throwaway data folder with demo progress, so
your own progress is never touched. Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from roadmap_app.paths import default_roadmap_path
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DEMO_PROGRESS = [
    ("algebra-functions", "done"), ("probability-basics", "done"), ("descriptive-statistics", "done"),
    ("linear-algebra", "done"), ("derivatives", "done"), ("python-basics", "done"), ("command-line", "done"),
    ("version-control", "done"), ("complexity-big-o", "done"), ("second-language", "skipped"),
    ("numpy", "learning"), ("conditional-probability-bayes", "learning"), ("multivariable-calculus", "learning"),
    ("ml-landscape", "done"), ("jupyter", "done"),
]


def seed(folder: Path) -> None:
    store = ProgressStore(folder)
    for node, status in DEMO_PROGRESS:
        ops.set_status(store, "ml-engineer", node, status)
    ops.set_resource_done(
        store, "ml-engineer", "numpy", "https://numpy.org/doc/stable/user/absolute_beginners.html", True
    )
    ops.set_notes(
        store, "ml-engineer", "numpy", "Broadcasting rules: align shapes from the right.\n\nNext: the 100 exercises."
    )
    ops.log_study(store, "ml-engineer", "numpy", 90)
    store.close()


def wait_for(app: QApplication, ready: Callable[[], bool], seconds: float = 30) -> None:
    """Progress is read on the window's database thread: let the event loop run until it is shown."""
    deadline = time.monotonic() + seconds
    while not ready() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def grab(app: QApplication, window, name: str) -> None:
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # widgets replaced meanwhile, as the event loop would
    app.processEvents()
    window.grab().save(str(OUT / f"{name}.png"))


def rearrange(app: QApplication, window, change: Callable[[], None]) -> None:
    """Lanes or collapsed categories: wait for the map drawn anew."""
    old = window.scene
    change()
    wait_for(app, lambda: window.scene is not old)


def main() -> int:
    from roadmap_app.ui.app import open_store_with_recovery
    from roadmap_app.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed(folder)
        store = open_store_with_recovery(folder)
        for theme in ("light", "dark"):
            for width, height, suffix in ((1600, 1000, ""), (1024, 700, "-small")):
                window = MainWindow(store, folder)
                window.set_theme_choice(theme)
                window.resize(width, height)
                window.show()
                window.open_roadmap(default_roadmap_path())
                wait_for(app, lambda w=window: w.scene is not None)
                wait_for(app, lambda: False, seconds=1)  # the docks that follow the roadmap (This Week) settle
                window.view.fit_all()
                grab(app, window, f"overview-{theme}{suffix}")
                window.view.reset_zoom()
                window.view.zoom_by(0.5)
                window.view.centerOn(window.scene.nodes["linear-regression"])
                grab(app, window, f"half-{theme}{suffix}")
                window.select_and_show("numpy")
                window.view.reset_zoom()
                window.view.centerOn(window.scene.nodes["numpy"])
                grab(app, window, f"detail-{theme}{suffix}")
                window.plan_up_to("scikit-learn")
                window.plan_panel.tabs.setCurrentIndex(1)
                grab(app, window, f"plan-{theme}{suffix}")
                window.plan_dock.hide()
                if not suffix:
                    window.scene.select_node(None)
                    rearrange(app, window, window.commands.lanes.trigger)
                    rearrange(app, window, lambda w=window: w.collapse_category("mathematics"))
                    window.view.reset_zoom()
                    window.view.zoom_by(0.5)
                    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().minimum())
                    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().minimum())
                    grab(app, window, f"lanes-{theme}")
                    rearrange(app, window, window.commands.lanes.trigger)
                    rearrange(app, window, window.expand_all_categories)
                window.close()
        store.close()
    charts()
    print(f"wrote screenshots to {OUT}")
    return 0


def charts(today: date = date(2026, 11, 18), weeks: int = 16) -> None:
    """The progress charts of a realistic few months (scripts/demo_history.py), drawn as the window draws them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from demo_history import write_history

    from roadmap_app.services.chart_figures import palette_for, render_chart
    from roadmap_app.services.planning import PlanRequest, build_plan
    from roadmap_app.services.stats import CHART_KINDS, load_stats
    from roadmap_app.services.workspace import open_roadmap

    roadmap = open_roadmap(default_roadmap_path())
    with tempfile.TemporaryDirectory() as name:
        store = ProgressStore(Path(name))
        write_history(store, roadmap, today, weeks)
        plan = build_plan(roadmap, store.snapshot(roadmap), PlanRequest(hours_per_week=8, start=today))
        stats = load_stats(store, roadmap, today, plan)
        for kind in CHART_KINDS:
            (OUT / f"chart-{kind}.png").write_bytes(render_chart(kind, stats, palette_for("light", stats)))
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
