"""Regenerate the README screenshots: the bundled roadmap in both themes, full view and zoomed in.

Run with `python3 dev.py screenshots`. Uses a throwaway data folder with demo progress, so
your own progress is never touched. Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
            window = MainWindow(store, folder)
            window.set_theme_choice(theme)
            window.resize(1600, 1000)
            window.show()
            window.open_roadmap(default_roadmap_path())
            wait_for(app, lambda w=window: w.scene is not None)
            window.view.fit_all()
            app.processEvents()
            window.grab().save(str(OUT / f"overview-{theme}.png"))
            window.select_and_show("numpy")
            window.view.reset_zoom()
            window.view.centerOn(window.scene.nodes["numpy"])
            app.processEvents()
            window.grab().save(str(OUT / f"detail-{theme}.png"))
            window.plan_up_to("scikit-learn")
            window.plan_panel.tabs.setCurrentIndex(1)
            app.processEvents()
            window.grab().save(str(OUT / f"plan-{theme}.png"))
            window.close()
        store.close()
    print(f"wrote screenshots to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
