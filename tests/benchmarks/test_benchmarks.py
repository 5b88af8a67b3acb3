"""Speed and quality measurements (run with `python3 dev.py bench`). Targets live here, not in tests."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

import pytest

from roadmap_app.domain.planner import Capacity, make_plan
from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.formats.loader import check_bytes, load_roadmap
from tests.benchmarks.generators import random_roadmap_yaml
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
