"""Key press to repainted window, and store operations: p50 and p99 (run with `python3 dev.py bench`).

The reference is a bare PySide6 window measured the same way in the same run: a label whose text
changes on a key press. Targets: key to repaint p99 < 16 ms (plan hidden); store operation p99 < 5 ms.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from roadmap_app.persistence.store import ProgressStore
from tests.benchmarks.generators import random_roadmap_yaml
from tests.benchmarks.test_benchmarks import report
from tests.conftest import ML_ROADMAP

pytestmark = pytest.mark.benchmark
PRESSES = 120
KEY_TARGET_MS = 16
STORE_TARGET_MS = 5


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


class PaintWaiter(QObject):
    """Ends a local event loop at the first paint of a widget once `armed` says the change is in."""

    def __init__(self, widget, armed):
        super().__init__()
        self.widget, self.armed = widget, armed
        self.loop = QEventLoop()
        self.timeout = QTimer(singleShot=True)
        self.timeout.timeout.connect(self.loop.quit)
        self.painted_at = 0.0
        self.pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.painted_at and not self.pending and self.armed():
            self.pending = True  # the paint runs after this filter; stop the clock once it is done
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self.pending = False
        self.painted_at = time.perf_counter()
        self.loop.quit()

    def wait(self, timeout_ms: int = 5000) -> float:
        if not self.painted_at:
            self.timeout.start(timeout_ms)
            self.loop.exec()
            self.timeout.stop()
        painted, self.painted_at = self.painted_at, 0.0
        return painted


def key_to_paint(press, target_widget, armed) -> list[float]:
    waiter = PaintWaiter(target_widget, armed)
    samples = []
    for i in range(PRESSES):
        began = time.perf_counter()
        press(i)
        painted = waiter.wait()
        assert painted, f"no repaint after key press {i}"
        samples.append((painted - began) * 1000)
    target_widget.removeEventFilter(waiter)
    return samples[5:]  # the first presses warm caches


def bare_window_reference(qtbot) -> tuple[float, float]:
    label = QLabel("○ not started")
    label.resize(400, 100)
    label.show()
    qtbot.waitExposed(label)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    texts = ["✔ done", "○ not started"]
    state = {"wanted": ""}

    class Keys(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.KeyPress:
                label.setText(state["wanted"])
            return False

    keys = Keys()
    label.installEventFilter(keys)

    def press(i: int) -> None:
        state["wanted"] = texts[i % 2]
        QTest.keyClick(label, Qt.Key.Key_D)

    samples = key_to_paint(press, label, lambda: label.text() == state["wanted"])
    label.close()
    return percentiles(samples)


def open_window(qtbot, data_dir: Path, roadmap_path: Path):
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.open_roadmap(roadmap_path)
    qtbot.waitUntil(lambda: window.scene is not None, timeout=60_000)
    return window, store


def measure_window(qtbot, window, node_id: str) -> list[float]:
    from roadmap_app.domain.progress import Status

    window.scene.select_node(node_id)
    window.view.centerOn(window.scene.nodes[node_id])
    window.view.setFocus()
    item = window.scene.nodes[node_id]
    keys = [(Qt.Key.Key_D, Status.DONE), (Qt.Key.Key_R, Status.TODO)]
    state = {"wanted": Status.TODO}

    def press(i: int) -> None:
        key, state["wanted"] = keys[i % 2]
        QTest.keyClick(window.view, key)

    return key_to_paint(press, window.view.viewport(), lambda: item.status is state["wanted"])


@pytest.mark.parametrize("which", ["bundled", "generated-2000"])
def test_key_press_to_repainted_window(qtbot, tmp_path, which) -> None:
    ref50, ref99 = bare_window_reference(qtbot)
    if which == "bundled":
        path, node = ML_ROADMAP, "pandas"
    else:
        path = tmp_path / "generated.roadmap.yaml"
        path.write_text(random_roadmap_yaml(2000, seed=5))
        node = "n1000"
    window, store = open_window(qtbot, tmp_path / "data", path)
    hidden50, hidden99 = percentiles(measure_window(qtbot, window, node))
    report(f"key press to repaint, {which}, plan hidden: p50 {hidden50:.1f} ms, p99 {hidden99:.1f} ms "
           f"(target p99 < {KEY_TARGET_MS} ms); bare PySide6 window p50 {ref50:.1f} ms, p99 {ref99:.1f} ms; "
           f"ratio p99 {hidden99 / ref99:.1f}x")
    window.plan_dock.show()
    qtbot.waitUntil(lambda: window.plan_panel.plan is not None, timeout=10_000)
    visible50, visible99 = percentiles(measure_window(qtbot, window, node))
    follow = []
    for _ in range(20):
        before = window.plan_panel.plan
        began = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_D if window.scene.nodes[node].status.value == "todo" else Qt.Key.Key_R)
        qtbot.waitUntil(lambda b=before: window.plan_panel.plan is not b, timeout=10_000)
        follow.append((time.perf_counter() - began) * 1000)
    follow50, follow99 = percentiles(follow)
    report(f"key press to repaint, {which}, plan visible: status p50 {visible50:.1f} ms, p99 {visible99:.1f} ms; "
           f"plan follows in p50 {follow50:.0f} ms, p99 {follow99:.0f} ms")
    window.close()
    store.close()
    assert hidden99 < 1000


def test_store_operations(tmp_path) -> None:
    from roadmap_app.services import progress_ops as ops
    from roadmap_app.services.progress_session import ProgressSession

    store = ProgressStore(tmp_path)
    for i in range(2000):  # a database that has seen some use
        ops.set_status(store, "generated", f"n{i}", "done" if i % 3 else "learning")
    session = ProgressSession(store)
    roadmap_id = "generated"

    def timed_runs(name: str, run, count: int = 200) -> None:
        samples = []
        for i in range(count):
            began = time.perf_counter()
            run(i)
            samples.append((time.perf_counter() - began) * 1000)
        p50, p99 = percentiles(samples)
        report(f"store operation {name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms (target p99 < {STORE_TARGET_MS} ms)")

    timed_runs("set status", lambda i: session.perform(roadmap_id, lambda s: ops.set_status(
        s, roadmap_id, "n5", "done" if i % 2 else "todo")))
    timed_runs("undo", lambda i: session.undo(roadmap_id) if i % 2 == 0 else session.redo(roadmap_id))
    timed_runs("tick resource", lambda i: session.perform(roadmap_id, lambda s: ops.set_resource_done(
        s, roadmap_id, "n5", "title:R5", i % 2 == 0)))
    timed_runs("set notes", lambda i: session.perform(roadmap_id, lambda s: ops.set_notes(
        s, roadmap_id, "n5", f"notes {i}")))
    uids = []
    timed_runs("log study", lambda i: uids.append(session.perform(roadmap_id, lambda s: ops.log_study(
        s, roadmap_id, "n5", 30, date(2026, 11, 2))).change.rows[0].after.uid))
    timed_runs("edit session", lambda i: session.perform(roadmap_id, lambda s: ops.edit_study_session(
        s, uids[i], minutes=45)), count=100)
    timed_runs("delete session", lambda i: session.perform(roadmap_id, lambda s: ops.delete_study_session(
        s, uids[100 + i])), count=100)
    began = time.perf_counter()
    store.records(roadmap_id)
    report(f"store read of all progress rows (2,000 skills): {(time.perf_counter() - began) * 1000:.1f} ms")
    store.close()
