"""Categories as lanes, and collapsed into one card showing their progress: layout, window, memory."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, pairwise

import pytest
from PySide6.QtCore import Qt

from roadmap_app.domain.layout import LayoutSpec
from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.services.layout_cache import LayoutOptions, cached_layout, compute_layout, graph_of
from tests.conftest import ML_ROADMAP, saved, start_window
from tests.test_readability import lines_crossing_cards

SPEC = LayoutSpec()


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(ML_ROADMAP)


def card_spans(roadmap, layout) -> dict[str, tuple[float, float]]:
    """Each category's vertical extent (top, bottom), from its cards' centres and the default card height."""
    spans: dict[str, list[float]] = defaultdict(list)
    for node in roadmap.nodes:
        y = layout.positions[node.id][1]
        spans[node.category] += [y - SPEC.node_height / 2, y + SPEC.node_height / 2]
    return {category: (min(ys), max(ys)) for category, ys in spans.items()}


def test_lanes_stack_the_categories_in_order(roadmap) -> None:
    layout = compute_layout(roadmap, options=LayoutOptions(lanes=True))
    spans = card_spans(roadmap, layout)
    order = [category.id for category in roadmap.categories if category.id in spans]
    for upper, lower in pairwise(order):
        assert spans[upper][1] + SPEC.lane_gap <= spans[lower][0] + 1e-6, (upper, lower)


def test_a_collapsed_category_is_one_card_with_every_outside_line(roadmap) -> None:
    options = LayoutOptions(collapsed=frozenset({"ml-core"}))
    layout = compute_layout(roadmap, options=options)
    members = {node.id for node in roadmap.nodes if node.category == "ml-core"}
    rank = [category.id for category in roadmap.categories].index("ml-core")
    assert set(layout.summaries) == {rank}
    assert {layout.positions[node_id] for node_id in members} == {layout.summaries[rank]}
    _, edges, _ = graph_of(roadmap)
    inside = {(u, v) for u, v in edges if u in members and v in members}
    assert inside and set(layout.routes) == set(edges) - inside
    # ML core needs deep-learning skills and is needed by others: merged, that is a cycle, drawn backwards
    backwards = [route for route in layout.routes.values() if route[0][0] > route[-1][0]]
    assert backwards
    others = [p for node, p in layout.positions.items() if node not in members]
    assert len(set(others)) == len(others)  # nobody else moved onto one spot


def test_recommendations_have_routes_and_the_cache_knows_the_options(roadmap, tmp_path) -> None:
    options = LayoutOptions(lanes=True, collapsed=frozenset({"mathematics"}))
    layout = cached_layout(roadmap, tmp_path, options=options)
    maths = {node.id for node in roadmap.nodes if node.category == "mathematics"}
    soft = {(r, n.id) for n in roadmap.nodes for r in n.recommends}
    assert set(layout.soft_routes) == {(u, v) for u, v in soft if not (u in maths and v in maths)} != soft
    assert cached_layout(roadmap, tmp_path, options=options) == layout  # read back from the file
    assert cached_layout(roadmap, tmp_path) != layout  # other options, another entry
    assert len(list(tmp_path.glob("*.json"))) == 2


def rearranged(qtbot, window, action) -> None:
    old = window.scene
    action()
    qtbot.waitUntil(lambda: window.scene is not old)


def test_lanes_in_the_window_keep_the_document_and_the_selection(qtbot, window) -> None:
    document = window.document
    window.select_and_show("numpy")
    rearranged(qtbot, window, window.commands.lanes.trigger)
    scene = window.scene
    assert window.document is document and scene.selected_node() == "numpy"
    assert [lane.category.id for lane in scene.lanes] == [c.id for c in document.roadmap.categories]
    for a, b in combinations(scene.lanes, 2):
        assert not a.rect.intersects(b.rect), (a.category.id, b.category.id)
    lane_of = {lane.category.id: lane.rect for lane in scene.lanes}
    for item in scene.nodes.values():
        assert lane_of[item.node.category].contains(item.box().translated(item.pos())), item.node.id
    assert lines_crossing_cards(scene) == []
    assert window.settings.value("category_lanes") in (True, "true")
    rearranged(qtbot, window, window.commands.lanes.trigger)
    assert window.scene.lanes == []


def test_collapse_shows_progress_follows_changes_and_expands(qtbot, window, data_dir) -> None:
    window.document.set_status("derivatives", Status.DONE)
    saved(qtbot, window)
    rearranged(qtbot, window, lambda: window.collapse_category("mathematics"))
    scene = window.scene
    summary = scene.summaries["mathematics"]
    members = [n.id for n in window.document.roadmap.nodes if n.category == "mathematics"]
    assert summary.members == members and all(not scene.nodes[m].isVisible() for m in members)
    assert (summary.done, summary.total) == (1, len(members)) and "1/" in summary.progress_text()
    assert lines_crossing_cards(scene) == []
    window.document.set_status("algebra-functions", Status.DONE)
    saved(qtbot, window)
    assert summary.done == 2  # follows a change without a new layout
    window.close()  # remembered for the next start
    again, store = start_window(qtbot, data_dir, ML_ROADMAP)
    try:
        assert "mathematics" in again.scene.summaries
        again.select_and_show("derivatives")  # a hidden skill: its category opens, then it is selected
        qtbot.waitUntil(lambda: "mathematics" not in again.scene.summaries)
        assert again.scene.selected_node() == "derivatives" and again.scene.nodes["derivatives"].isVisible()
        rearranged(qtbot, again, again.collapse_all_categories)
        assert len(again.scene.summaries) == len(again.document.roadmap.categories)
        card = again.scene.summaries["programming"]
        view = again.view
        view.centerOn(card)
        position = view.mapFromScene(card.scenePos())
        old = again.scene
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
        qtbot.waitUntil(lambda: again.scene is not old)
        assert "programming" not in again.scene.summaries
    finally:
        again.close()
        store.close()


def test_arrow_keys_pass_over_a_collapsed_category(qtbot, window) -> None:
    from roadmap_app.domain.navigation import neighbour

    rearranged(qtbot, window, lambda: window.collapse_category("mathematics"))
    scene, roadmap = window.scene, window.document.roadmap
    visible = [node_id for node_id, item in scene.nodes.items() if item.isVisible()]
    would_hide = [node_id for node_id in visible
                  if not scene.nodes[neighbour(roadmap, scene.layout, node_id, "left") or node_id].isVisible()]
    assert would_hide  # without passing over, the left arrow would land inside the collapsed category
    for node_id in would_hide:
        scene.select_node(node_id)
        qtbot.keyClick(window.view, Qt.Key.Key_Left)
        selected = scene.selected_node()
        assert selected is not None and scene.nodes[selected].isVisible(), (node_id, selected)
