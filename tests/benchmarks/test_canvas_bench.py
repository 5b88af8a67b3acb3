"""The graph canvas on generated roadmaps: open to painted graph, frame times, peak memory (`python3 dev.py bench`).

Measured with the real main window (1600×1000, offscreen), each figure next to a reference from the same run:
- open with an empty layout cache, from `open_roadmap()` to the first painted graph; reference: a bare
  QGraphicsView given the same number of plain rectangles (built, shown and painted);
- frames: the whole viewport repainted (`viewport().repaint()`), whole graph in view (fit) and panning at
  100 % (the view scrolled by a fixed step, then repainted); reference: a bare QGraphicsView of the same size
  and transform showing plain QGraphicsRectItems (and one with a straight line per edge as well);
- peak memory (VmHWM) of a fresh process that opens the 5,000-skill roadmap in the window, progress
  loaded; reference: a fresh process showing a bare QGraphicsView with 5,000 plain rectangles.

Targets (the issue): open 2,000 skills < 1 s, 5,000 < 2.5 s; fit frame at 2,000 < 16 ms; panning frame at
5,000 < 8 ms; peak memory at 5,000 < 250 MB. No timing is asserted: figures are printed.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from tests.benchmarks.generators import LAYOUT_SHAPES, layout_shape, random_roadmap_yaml
from tests.benchmarks.test_benchmarks import report
from tests.benchmarks.test_interaction import PaintWaiter

pytestmark = pytest.mark.benchmark
REPO = Path(__file__).resolve().parents[2]
WINDOW = (1600, 1000)
FRAMES = 30
WARMUP = 3
PAN_STEP = 40  # pixels per frame
OPEN_TARGET = {2000: 1.0, 5000: 2.5}  # seconds
FIT_TARGET, PAN_TARGET, MEMORY_TARGET = 16.0, 8.0, 250.0  # ms (fit, 2,000 skills), ms (pan, 5,000), MB (5,000)
DEEP = next(shape for shape in LAYOUT_SHAPES if shape[1] == 50)  # 50 layers, edges skip up to 4 layers
SHAPES = ["random", "deep"]


# ---------------------------------------------------------------------------------------------- roadmaps
def shaped_roadmap_yaml(nodes: int, layers: int, max_span: int, seed: int = 7, categories: int = 8) -> str:
    """A roadmap file of layout_shape()'s graph: 1.75 prerequisites per skill, `layers` layers deep."""
    rng = random.Random(seed)
    names, edges = layout_shape(nodes, layers, max_span, seed=seed)
    requires: dict[str, list[str]] = {name: [] for name in names}
    for source, target in edges:
        requires[target].append(source)
    lines = ["format: 1", "id: generated-deep", "title: Generated (deep)", "categories:"]
    lines += [f"  - {{id: c{i}, title: Category {i}}}" for i in range(categories)]
    lines.append("nodes:")
    for i, name in enumerate(names):
        lines.append(f"  - {{id: {name}, title: Node {i}, category: c{rng.randrange(categories)}, summary: s, "
                     f"hours: {rng.randint(1, 20)}, requires: [{', '.join(sorted(requires[name]))}], "
                     f"resources: [{{kind: reading, title: R{i}}}]}}")
    return "\n".join(lines) + "\n"


def roadmap_text(shape: str, nodes: int) -> str:
    if shape == "random":
        return random_roadmap_yaml(nodes, seed=5)
    _, layers, span = DEEP
    return shaped_roadmap_yaml(nodes, layers, span)


def write_roadmap(folder: Path, shape: str, nodes: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{shape}-{nodes}.roadmap.yaml"
    path.write_text(roadmap_text(shape, nodes), encoding="utf-8")
    return path


def seed_progress(data_dir: Path, roadmap_id: str, nodes: int) -> None:
    """Some of everything, as after months of use: a third done, some learning and skipped, resources ticked."""
    from roadmap_app.domain.progress import Status
    from roadmap_app.domain.records import NodeRecord, ResourceRecord, RowChange, utc_now
    from roadmap_app.persistence.store import ProgressStore

    now = utc_now()
    statuses = [Status.DONE, Status.DONE, Status.LEARNING, Status.SKIPPED, Status.DONE]
    changes = []
    for i in range(0, nodes // 2):
        status = statuses[i % len(statuses)]
        changes.append(RowChange(None, NodeRecord(roadmap_id, f"n{i}", status, now, now if status is Status.DONE
                                                  else None, "", now)))
        if i % 3 == 0:
            changes.append(RowChange(None, ResourceRecord(roadmap_id, f"n{i}", f"title:R{i}", now)))
    store = ProgressStore(data_dir)
    store.apply(changes)
    store.close()


def roadmap_id_of(shape: str) -> str:
    return "generated" if shape == "random" else "generated-deep"


# ---------------------------------------------------------------------------------------------- helpers
DIALOGS: list[str] = []


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A message box would wait for a click that never comes: note what it said, and let the wait fail."""
    from roadmap_app.ui import main_window

    DIALOGS.clear()
    monkeypatch.setattr(main_window, "tell", lambda _parent, title, text, *_: DIALOGS.append(f"{title}: {text}"))
    monkeypatch.setattr(main_window, "show_problems",
                        lambda _parent, title, text, *_: DIALOGS.append(f"{title}: {text}"))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}" if len(values) > 1 else f"{values[0]:.2f}"


def open_window(qtbot, data_dir: Path):
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    window.resize(*WINDOW)
    window.show()
    qtbot.waitExposed(window)
    return window, store


def close_window(window, store) -> None:
    window.close()
    store.close()
    window.deleteLater()
    QApplication.processEvents()


def open_to_painted(qtbot, data_dir: Path, path: Path) -> tuple[float, dict[str, float], object, object]:
    """Seconds from open_roadmap() to the first paint of the graph, and when each stage was done."""
    window, store = open_window(qtbot, data_dir)
    stages: dict[str, float] = {}
    began = 0.0

    def mark(name: str):
        return lambda *_: stages.setdefault(name, time.perf_counter() - began)

    window.loader.finished.connect(mark("file read (worker process)"))
    window.layout_runner.finished.connect(mark("laid out (+ scene built when ≤ 2,000)"))
    waiter = PaintWaiter(window.view.viewport(), lambda: window.scene is not None)
    began = time.perf_counter()
    assert window.open_roadmap(path)
    painted = waiter.wait(timeout_ms=120_000)
    assert painted and window.scene is not None, f"the graph was never painted; messages: {DIALOGS}"
    window.view.viewport().removeEventFilter(waiter)
    return painted - began, stages, window, store


def frame_times(view: QGraphicsView, step=None, frames: int = FRAMES) -> tuple[list[float], list[float]]:
    """Milliseconds of each whole-viewport repaint, wall clock and this thread's CPU time (the machine is shared).

    `step(i)` runs before each frame, untimed.
    """
    wall, cpu = [], []
    for i in range(frames + WARMUP):
        if step is not None:
            step(i)
        began, began_cpu = time.perf_counter(), time.thread_time()
        view.viewport().repaint()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.thread_time() - began_cpu) * 1000)
    return wall[WARMUP:], cpu[WARMUP:]


def scroll_frame_times(view: QGraphicsView, frames: int = FRAMES) -> tuple[list[float], list[float]]:
    """Milliseconds to scroll by PAN_STEP and paint what that exposed (what a person dragging sees)."""
    bar = view.horizontalScrollBar()
    wall, cpu = [], []
    for _ in range(frames + WARMUP):
        QApplication.processEvents()
        began, began_cpu = time.perf_counter(), time.thread_time()
        bar.setValue(bar.value() + PAN_STEP)
        QApplication.processEvents()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.thread_time() - began_cpu) * 1000)
    return wall[WARMUP:], cpu[WARMUP:]


def pan_step(view: QGraphicsView):
    bar = view.horizontalScrollBar()
    return lambda i: bar.setValue(bar.value() + PAN_STEP)


def start_pan(view: QGraphicsView) -> None:
    """100 %, amid the cards: on the card in the middle from left to right, less half the distance to scroll."""
    view.reset_zoom()
    positions = sorted(view.scene().layout.positions.values())
    x, y = positions[len(positions) // 2]
    view.centerOn(x - (FRAMES + WARMUP) * PAN_STEP / 2, y)
    QApplication.processEvents()


def visible_cards(view: QGraphicsView) -> int:
    from roadmap_app.ui.canvas.node_item import NodeItem

    return sum(isinstance(item, NodeItem) for item in view.items(view.viewport().rect()))


class Reference:
    """A bare QGraphicsView with plain items where the graph has its cards (and, optionally, its edges)."""

    def __init__(self, graph_view: QGraphicsView, with_lines: bool):
        from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsRectItem

        graph_scene = graph_view.scene()
        self.scene = QGraphicsScene()
        spec = graph_scene.spec
        for item in graph_scene.nodes.values():
            rect = QGraphicsRectItem(-spec.node_width / 2, -spec.node_height / 2, spec.node_width, spec.node_height)
            rect.setPos(item.pos())
            self.scene.addItem(rect)
        if with_lines:
            for edge in graph_scene.edges:
                (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
                self.scene.addItem(QGraphicsLineItem(x0, y0, x1, y1))
        self.scene.setSceneRect(graph_scene.sceneRect())
        self.view = QGraphicsView(self.scene)
        self.view.resize(graph_view.viewport().size())
        self.view.setHorizontalScrollBarPolicy(graph_view.horizontalScrollBarPolicy())
        self.view.show()

    def match(self, graph_view: QGraphicsView) -> None:
        self.view.setTransform(graph_view.transform())
        self.view.centerOn(graph_view.mapToScene(graph_view.viewport().rect().center()))
        QApplication.processEvents()

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()


def bare_open_reference(qtbot, nodes: int, size: QRectF) -> float:
    """Seconds to build, show and first paint a bare QGraphicsView with `nodes` plain rectangles."""
    from PySide6.QtWidgets import QGraphicsRectItem

    began = time.perf_counter()
    scene = QGraphicsScene()
    columns = max(1, int(size.width() // 290))
    for i in range(nodes):
        rect = QGraphicsRectItem(-100, -29, 200, 58)
        rect.setPos((i % columns) * 290, (i // columns) * 76)
        scene.addItem(rect)
    view = QGraphicsView(scene)
    view.resize(WINDOW[0] - 340, WINDOW[1] - 80)
    waiter = PaintWaiter(view.viewport(), lambda: True)
    view.show()
    view.fitInView(scene.itemsBoundingRect())
    painted = waiter.wait(timeout_ms=30_000)
    view.viewport().removeEventFilter(waiter)
    view.close()
    view.deleteLater()
    return painted - began


# ---------------------------------------------------------------------------------------------- (a) open
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("nodes", [2000, 5000])
def test_open_to_painted_graph(qtbot, tmp_path, shape: str, nodes: int) -> None:
    path = write_roadmap(tmp_path / "files", shape, nodes)
    totals, breakdowns = [], []
    for repeat in range(3):
        data_dir = tmp_path / f"data-{repeat}"  # a new data folder: an empty layout cache
        seed_progress(data_dir, roadmap_id_of(shape), nodes)
        seconds, stages, window, store = open_to_painted(qtbot, data_dir, path)
        totals.append(seconds)
        breakdowns.append(", ".join(f"{name} {at:.2f} s" for name, at in stages.items()))
        close_window(window, store)
    reference = min(bare_open_reference(qtbot, nodes, QRectF(0, 0, 12_000, 3_000)) for _ in range(3))
    best = min(totals)
    report(f"open {nodes}-skill {shape} roadmap, empty layout cache, to the painted graph: best {best:.2f} s, "
           f"runs {spread(totals)} s (target < {OPEN_TARGET[nodes]} s); bare QGraphicsView with {nodes} rectangles "
           f"{reference:.2f} s, ratio {best / reference:.0f}x; stages of the best run: "
           f"{breakdowns[totals.index(best)]}")


# ---------------------------------------------------------------------------------------------- (b) frames
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("nodes", [2000, 5000])
def test_frame_times(qtbot, tmp_path, shape: str, nodes: int) -> None:
    path = write_roadmap(tmp_path / "files", shape, nodes)
    seed_progress(tmp_path / "data", roadmap_id_of(shape), nodes)
    _, _, window, store = open_to_painted(qtbot, tmp_path / "data", path)
    view = window.view
    rects, lines = Reference(view, with_lines=False), Reference(view, with_lines=True)

    def measure(name: str, target: float | None, prepare, step=None) -> None:
        rounds = []
        for _ in range(3):
            figures = []
            for shown in (view, rects.view, lines.view):
                prepare()
                if shown is not view:
                    rects.match(view)
                    lines.match(view)
                wall, cpu = frame_times(shown, step(shown) if step else None)
                figures.append((*percentiles(wall), percentiles(cpu)[0]))
            rounds.append(figures)
        ours, bare, bare_lines = min(rounds, key=lambda r: r[0][0])
        goal = f" (target < {target:g} ms)" if target is not None else ""
        report(f"frame, {name}, {nodes}-skill {shape} ({visible_cards(view)} cards in view): p50 {ours[0]:.1f} ms, "
               f"p99 {ours[1]:.1f} ms{goal}, CPU p50 {ours[2]:.1f} ms; p50 of 3 rounds "
               f"{spread([r[0][0] for r in rounds])} ms; bare view with rectangles p50 {bare[0]:.1f} ms "
               f"(ratio {ours[0] / bare[0]:.1f}x, CPU {ours[2] / bare[2]:.1f}x), with rectangles and lines p50 "
               f"{bare_lines[0]:.1f} ms (ratio "
               f"{ours[0] / bare_lines[0]:.1f}x, CPU {ours[2] / bare_lines[2]:.1f}x)")

    def fit() -> None:
        view.fit_all()
        QApplication.processEvents()

    measure("whole graph in view (fit)", FIT_TARGET if nodes == 2000 else None, fit)
    measure("panning at 100 %", PAN_TARGET if nodes == 5000 else None, lambda: start_pan(view), pan_step)
    scrolled = []
    for _ in range(3):
        start_pan(view)
        wall, cpu = scroll_frame_times(view)
        scrolled.append((*percentiles(wall), percentiles(cpu)[0]))
    p50, p99, cpu50 = min(scrolled)
    report(f"frame, panning at 100 % as a drag does it (scroll, then paint what scrolled in; events included), "
           f"{nodes}-skill {shape}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, CPU p50 {cpu50:.1f} ms; p50 of 3 rounds "
           f"{spread([r[0] for r in scrolled])} ms")
    for reference in (rects, lines):
        reference.close()
    close_window(window, store)


# ---------------------------------------------------------------------------------------------- (c) memory
_OPEN_AND_MEASURE = """
import faulthandler, json, os, resource, sys, time
from pathlib import Path
faulthandler.dump_traceback_later(150, exit=True)  # a hang shows where it is, instead of a bare timeout

def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss can carry the peak of the process that exec'd us).
    status = Path("/proc/self/status")
    if status.exists():
        return int(next(l for l in status.read_text().splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def rss_mb():
    status = Path("/proc/self/status")
    if status.exists():
        return int(next(l for l in status.read_text().splitlines() if l.startswith("VmRSS")).split()[1]) / 1024
    return 0.0

from PySide6.QtWidgets import QApplication
app = QApplication([])
mode, path, data_dir, nodes = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
figures = {}
def settle(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)

if mode == "window":
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui import main_window as main_window_module
    from roadmap_app.ui.main_window import MainWindow

    def refuse(_parent, title, text, *_):  # a message box would wait for a click that never comes
        print(f"{title}: {text}", file=sys.stderr)
        os._exit(3)

    main_window_module.tell = main_window_module.show_problems = refuse
    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    window.resize(1600, 1000)
    window.show()
    settle(0.2)
    figures["before_open_mb"] = rss_mb()
    window.open_roadmap(path)
    end = time.monotonic() + 120
    while window.scene is None and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    assert window.scene is not None
    settle(1.5)  # the overview map is drawn, the plan and details settle
    figures["items"] = len(window.scene.items())
else:  # a bare QGraphicsView with the same number of plain rectangles
    from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView
    scene = QGraphicsScene()
    for i in range(nodes):
        rect = QGraphicsRectItem(-100, -29, 200, 58)
        rect.setPos((i % 40) * 290, (i // 40) * 76)
        scene.addItem(rect)
    view = QGraphicsView(scene)
    view.resize(1600, 1000)
    view.show()
    settle(1.0)
figures["peak_mb"] = peak_mb()
figures["rss_mb"] = rss_mb()
figures["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""


def measure_process(mode: str, path: Path, data_dir: Path, nodes: int) -> dict:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _OPEN_AND_MEASURE, mode, str(path), str(data_dir), str(nodes)],
                          capture_output=True, text=True, cwd=REPO, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr[-6000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("shape", SHAPES)
def test_peak_memory_5000(tmp_path, shape: str) -> None:
    nodes = 5000
    path = write_roadmap(tmp_path / "files", shape, nodes)
    data_dir = tmp_path / "data"
    seed_progress(data_dir, roadmap_id_of(shape), nodes)
    cold = measure_process("window", path, data_dir, nodes)  # lays the graph out (empty layout cache)
    warm = measure_process("window", path, data_dir, nodes)  # the layout comes from the cache
    bare = measure_process("bare", path, data_dir, nodes)
    report(f"peak memory, {nodes}-skill {shape} roadmap open in the window, progress loaded: empty layout cache "
           f"{cold['peak_mb']:.0f} MB, cached layout {warm['peak_mb']:.0f} MB (target < {MEMORY_TARGET:g} MB; "
           f"{warm['before_open_mb']:.0f} MB before opening, {warm['rss_mb']:.0f} MB after; getrusage maxrss "
           f"{cold['ru_maxrss_mb']:.0f} MB, which counts the parent's peak before exec); bare QGraphicsView with "
           f"{nodes} rectangles {bare['peak_mb']:.0f} MB, "
           f"ratio {cold['peak_mb'] / bare['peak_mb']:.1f}x / {warm['peak_mb'] / bare['peak_mb']:.1f}x")
