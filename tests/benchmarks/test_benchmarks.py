"""Speed and quality measurements (run with `python3 dev.py bench`). Targets live here, not in tests."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import time
from datetime import date

import pytest

from roadmap_app.domain import layout as layout_module
from roadmap_app.domain.layout import layered_layout
from roadmap_app.domain.planner import Capacity, make_plan
from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.formats.loader import check_bytes, load_roadmap
from tests.benchmarks.generators import random_layered_dag, random_roadmap_yaml
from tests.conftest import ML_ROADMAP

pytestmark = pytest.mark.benchmark
RESULTS: list[str] = []


def timed(function, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def report(line: str) -> None:
    RESULTS.append(line)
    print(line)


def barycenter_baseline(names, edges, sweeps: int = 8) -> int:
    graph = layout_module._Graph(names, edges, {})
    graph.assign_layers()
    graph.insert_dummies()
    best = graph.crossings()
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        indices = range(1, len(graph.layers)) if down else range(len(graph.layers) - 2, -1, -1)
        for i in indices:
            neighbours = graph.pred if down else graph.succ
            rank = graph.layers[i]
            key = {v: (sum(graph.pos[u] for u in neighbours[v]) / len(neighbours[v]) if neighbours[v] else graph.pos[v])
                   for v in rank}
            rank.sort(key=lambda v: key[v])
            for j, v in enumerate(rank):
                graph.pos[v] = j
        best = min(best, graph.crossings())
    return best


@pytest.mark.parametrize("nodes, edges, layers", [(2000, 3500, 20), (5000, 8750, 40)])
def test_layout_speed_and_crossings(nodes, edges, layers) -> None:
    names, pairs = random_layered_dag(nodes, edges, layers, seed=7)
    seconds, result = timed(lambda: layered_layout(names, pairs))
    baseline = barycenter_baseline(names, pairs)
    report(f"layout {nodes} nodes/{len(pairs)} edges: {seconds:.2f} s, {result.crossings:,} crossings "
           f"(plain barycenter on the same layering: {baseline:,}; ratio {result.crossings / baseline:.2f})")
    assert result.crossings < baseline
    if nodes == 2000:
        assert seconds < 2.5, "slower than Graphviz dot measured on these machines"


def _inversions(values: list[float]) -> int:
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = sorted(values[:middle]), values[middle:]
    count = _inversions(values[:middle]) + _inversions(right)
    right_sorted = sorted(right)
    import bisect

    for value in right_sorted:
        count += len(left) - bisect.bisect_right(left, value)
    return count


def dot_crossings(plain: str) -> int:
    """Adjacent-rank crossings of a `dot -Tplain` drawing.

    Each edge is placed at its end nodes' centres on their ranks, and at the ranks in between
    where its spline passes (dot routes long edges through virtual nodes on those ranks).
    """
    nodes: dict[str, tuple[float, float]] = {}
    edges: list[tuple[str, str, list[tuple[float, float]]]] = []
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            nodes[parts[1]] = (float(parts[2]), float(parts[3]))
        elif parts and parts[0] == "edge":
            count = int(parts[3])
            coords = [float(v) for v in parts[4:4 + 2 * count]]
            edges.append((parts[1], parts[2], list(zip(coords[::2], coords[1::2], strict=True))))
    levels = sorted({y for _, y in nodes.values()}, reverse=True)
    index = {y: i for i, y in enumerate(levels)}
    segments: dict[int, list[tuple[float, float]]] = {}
    for tail, head, points in edges:
        (tx, ty), (hx, hy) = nodes[tail], nodes[head]
        top, bottom = index[ty], index[hy]
        xs = {top: tx, bottom: hx}
        for rank in range(top + 1, bottom):
            y = levels[rank]
            best = min(itertools.pairwise(points), key=lambda seg: 0 if min(seg[0][1], seg[1][1]) <= y <= max(
                seg[0][1], seg[1][1]) else min(abs(seg[0][1] - y), abs(seg[1][1] - y)))
            (x0, y0), (x1, y1) = best
            xs[rank] = x0 if y0 == y1 else x0 + (x1 - x0) * (y - y0) / (y1 - y0)
        for rank in range(top, bottom):
            segments.setdefault(rank, []).append((xs[rank], xs[rank + 1]))
    total = 0
    for pairs in segments.values():
        pairs.sort()
        total += _inversions([b for _, b in pairs])
    return total


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_graphviz_dot_reference() -> None:
    _names, pairs = random_layered_dag(2000, 3500, 20, seed=7)
    source = "digraph G {\n" + "\n".join(f"{u} -> {v};" for u, v in pairs) + "\n}\n"
    began = time.perf_counter()
    plain = subprocess.run(["dot", "-Tplain"], input=source, capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - began
    report(f"graphviz dot on the same 2000-node graph: {seconds:.2f} s, about {dot_crossings(plain):,} "
           "adjacent-rank crossings (edges sampled at each rank)")


def test_plan_bundled_and_generated_roadmaps() -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    seconds, plan = timed(lambda: make_plan(roadmap, ProgressSnapshot(roadmap), capacity=Capacity.weekly(8),
                                            start=date(2026, 11, 23)), repeat=5)
    report(f"plan bundled roadmap ({len(roadmap.nodes)} skills, {len(plan.weeks)} weeks): {seconds * 1000:.0f} ms")
    assert seconds < 0.5
    big = check_bytes(random_roadmap_yaml(5000).encode(), "generated").roadmap
    seconds, plan = timed(lambda: make_plan(big, ProgressSnapshot(big), capacity=Capacity.weekly(10),
                                            start=date(2026, 11, 23)), repeat=3)
    report(f"plan generated roadmap (5000 skills, {len(plan.weeks)} weeks): {seconds * 1000:.0f} ms")
    assert seconds < 1.0


_VALIDATE_AND_MEASURE = """
import gc, json, resource, sys, time
from pathlib import Path
from roadmap_app.formats.loader import check_bytes
from tests.benchmarks.generators import random_roadmap_yaml

def peak_kb():
    # VmHWM: this process's own peak. ru_maxrss on Linux keeps the peak of the process that exec'd us (pytest).
    status = Path("/proc/self/status")
    if status.exists():
        return int(next(line for line in status.read_text().splitlines() if line.startswith("VmHWM")).split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

raw = random_roadmap_yaml(int(sys.argv[1])).encode()
before = peak_kb()
times = []
for _ in range(2):
    began = time.perf_counter()
    result = check_bytes(raw, "generated")
    times.append(time.perf_counter() - began)
    ok = result.ok
    del result
    gc.collect()
peak = peak_kb()
print(json.dumps({"seconds": min(times), "before_mb": before / 1024, "peak_mb": peak / 1024, "ok": ok,
                  "mb": len(raw) / 1e6}))
"""


@pytest.mark.parametrize("skills", [5000, 20_000])
def test_validate_generated_roadmap(skills: int) -> None:
    """Time and whole-process peak memory (of a fresh interpreter) to validate a generated file."""
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", _VALIDATE_AND_MEASURE, str(skills)], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    figures = json.loads(done.stdout)
    report(f"validate {skills}-skill file ({figures['mb']:.1f} MB): {figures['seconds']:.2f} s, peak memory "
           f"{figures['peak_mb']:.0f} MB for the whole process ({figures['before_mb']:.0f} MB before validating)")
    assert figures["ok"]
    if skills == 20_000:
        assert figures["seconds"] < 2.0 and figures["peak_mb"] < 400, "the issue's targets for 20,000 skills"


def test_scene_build_and_paint(qapp, tmp_path) -> None:
    from PySide6.QtGui import QImage, QPainter

    from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress
    from roadmap_app.services.layout_cache import compute_layout
    from roadmap_app.ui import theme as themes
    from roadmap_app.ui.canvas.scene import GraphScene
    from roadmap_app.ui.document import RoadmapDocument

    roadmap = check_bytes(random_roadmap_yaml(2000, seed=5).encode(), "generated").roadmap
    layout_seconds, layout = timed(lambda: compute_layout(roadmap))
    document = RoadmapDocument(roadmap, None, TrackedProgress(roadmap, ProgressRecords(roadmap.id)))
    seconds, scene = timed(lambda: GraphScene.for_document(document, layout, themes.LIGHT))
    image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    began = time.perf_counter()
    scene.render(painter)
    paint = time.perf_counter() - began
    painter.end()
    report(f"2000-skill roadmap: layout {layout_seconds:.2f} s, scene built in {seconds:.2f} s "
           f"({len(scene.items())} items), whole graph painted in {paint * 1000:.0f} ms")
