"""The whole map is readable: titles legible at Fit to Window and never overlapping, no line across a card,
cards as tall as their titles, implied lines hidden; on the bundled roadmap and on a generated one."""

from __future__ import annotations

import html
import random
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from roadmap_app.domain.graph import implied_requirements
from roadmap_app.ui.canvas.card_text import (
    LABEL_PAD,
    PAD,
    STRIPE,
    full_detail,
    label_for,
    line_height,
    text_width,
    wrap,
)
from tests.benchmarks.generators import random_layered_dag
from tests.conftest import ML_ROADMAP, start_window

WORDS = ["data", "models", "training", "linear", "probability", "vectors", "python", "deep", "learning", "systems",
         "design", "testing", "statistics", "graphs", "networks", "optimisation", "calculus", "pipelines", "serving",
         "features", "evaluation", "cloud", "experiments", "inference", "regression", "clustering", "embeddings"]
MIN_SCREEN_PX = 8.0


def generated_roadmap(path: Path, skills: int = 110, layers: int = 10, seed: int = 3) -> Path:
    """A roadmap shaped like a real one: about ten columns, a few prerequisites each, titles of 1 to 7 words."""
    names, edges = random_layered_dag(skills, round(skills * 1.6), layers, seed=seed, max_span=3)
    rng = random.Random(seed)
    requires: dict[str, list[str]] = {name: [] for name in names}
    for source, target in edges:
        requires[target].append(source)
    lines = ["format: 1", "id: generated-readable", "title: Generated", "categories:"]
    lines += [f"  - {{id: c{i}, title: Category {i}}}" for i in range(6)]
    lines.append("nodes:")
    for name in names:
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 7))).capitalize()
        lines.append(f"  - {{id: {name}, title: '{title}', category: c{rng.randrange(6)}, summary: s, hours: 5, "
                     f"requires: [{', '.join(requires[name])}], resources: [{{kind: reading, title: R}}]}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["bundled", "generated"])
def fitted(request, qtbot, data_dir, tmp_path):
    """The window at 1600×1000 with the whole map in view (Fit to Window)."""
    file = ML_ROADMAP if request.param == "bundled" else generated_roadmap(tmp_path / "generated.roadmap.yaml")
    window, store = start_window(qtbot, data_dir, file, size=(1600, 1000))
    window.view.fit_all()
    yield window
    window.close()
    store.close()


def title_rects(window) -> dict[str, QRectF]:
    """Where each card's title is drawn at the view's zoom, in scene coordinates (as NodeItem.paint draws it)."""
    lod = window.view.scale_factor()
    rects = {}
    for node_id, item in window.scene.nodes.items():
        box = item.box().translated(item.pos())
        if full_detail(lod):
            lines, step, pad = item.lines(), line_height(13), PAD
        else:
            label = label_for(item.title, item.width, item.height, lod)
            lines, step, pad = label.lines, label.line_height, LABEL_PAD
        height = len(lines) * step
        rects[node_id] = QRectF(box.left() + STRIPE + pad, box.center().y() - height / 2,
                                item.width - STRIPE - 2 * pad, height)
    return rects


def test_every_title_is_legible_at_fit(fitted) -> None:
    lod = fitted.view.scale_factor()
    assert fitted.view.mapToScene(fitted.view.viewport().rect()).boundingRect().contains(
        fitted.scene.itemsBoundingRect().adjusted(20, 20, -20, -20))  # the whole map is in view
    for item in fitted.scene.nodes.values():
        label = label_for(item.title, item.width, item.height, lod)
        assert label.lines, f"{item.node.id}: no room for its title at {lod:.2f}"
        assert label.pixels * lod >= MIN_SCREEN_PX, (item.node.id, label.pixels * lod)
        shown = " ".join(line.rstrip("…") for line in label.lines)
        assert len(shown) >= min(len(item.title), 12), (item.node.id, label.lines)  # more than a fragment


def test_no_two_titles_overlap_and_each_stays_on_its_card(fitted) -> None:
    rects = title_rects(fitted)
    for node_id, rect in rects.items():
        item = fitted.scene.nodes[node_id]
        assert item.box().translated(item.pos()).contains(rect), node_id
    for (a, ra), (b, rb) in combinations(rects.items(), 2):
        assert not ra.intersects(rb), (a, b)


def lines_crossing_cards(scene) -> list[tuple[str, str]]:
    """Edges whose drawn curve enters a card (skill or collapsed category) anywhere but at its own ends."""
    boxes = [item.box().translated(item.pos()) for item in scene.nodes.values() if item.isVisible()]
    boxes += [item.box().translated(item.pos()) for item in scene.summaries.values()]
    cards = np.array([[r.left() + 1, r.top() + 1, r.right() - 1, r.bottom() - 1] for r in boxes])
    crossing = []
    for edge in scene.edges:
        path = edge.path
        samples = np.array([(p.x(), p.y()) for p in (path.pointAtPercent(t / 400) for t in range(401))])
        inside = ((samples[:, None, 0] > cards[None, :, 0]) & (samples[:, None, 0] < cards[None, :, 2])
                  & (samples[:, None, 1] > cards[None, :, 1]) & (samples[:, None, 1] < cards[None, :, 3]))
        if inside.any():
            crossing.append((edge.source, edge.target))
    return crossing


def test_no_line_crosses_a_card(fitted) -> None:
    assert lines_crossing_cards(fitted.scene) == []


def test_cards_fit_their_titles_close_up(fitted) -> None:
    """Up to three lines a title is shown whole; longer, it ends in an ellipsis and the tooltip has it all."""
    cut = set()
    for item in fitted.scene.nodes.values():
        lines = item.lines()
        assert 1 <= len(lines) <= 3
        if " ".join(lines).split() != item.title.split():
            assert lines[-1].endswith("…") and len(wrap(item.title, 13, text_width(item.width), 10)) > 3
            cut.add(item.node.id)
        assert html.escape(item.title, quote=True) in item.tooltip_text()
    if fitted.document.roadmap.id == "ml-engineer":
        assert not cut  # every bundled title fits its card


def test_implied_lines_are_hidden_and_come_back(fitted) -> None:
    implied = implied_requirements(fitted.document.roadmap)
    drawn = {(e.source, e.target): e for e in fitted.scene.edges if not e.soft}
    assert {key for key, edge in drawn.items() if not edge.isVisible()} == implied
    fitted.commands.all_lines.trigger()
    assert all(edge.isVisible() for edge in drawn.values())


def test_a_cards_tooltip_is_there_when_the_pointer_comes(fitted, qtbot) -> None:
    view = fitted.view
    item = fitted.scene.nodes[next(iter(fitted.scene.nodes))]
    view.reset_zoom()
    view.centerOn(item)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(item.sceneBoundingRect().center()))
    qtbot.waitUntil(lambda: html.escape(item.title, quote=True) in item.toolTip(), timeout=2000)
