"""Layered layout: direction, no overlaps, determinism, crossing reduction, caching."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import pytest

from roadmap_app.domain.layout import LayoutSpec, layered_layout
from roadmap_app.services.layout_cache import cached_layout, compute_layout, graph_of
from tests.benchmarks.generators import random_layered_dag


def test_every_prerequisite_is_left_of_what_it_unlocks(ml_layout) -> None:
    roadmap, layout = ml_layout
    for node in roadmap.nodes:
        for required in node.requires:
            assert layout.positions[required][0] < layout.positions[node.id][0], (required, node.id)
            route = layout.routes[(required, node.id)]
            xs = [x for x, _ in route]
            assert xs == sorted(xs)


def test_nodes_never_overlap(ml_layout) -> None:
    _, layout = ml_layout
    spec = LayoutSpec()
    columns = defaultdict(list)
    for x, y in layout.positions.values():
        columns[x].append(y)
    for ys in columns.values():
        ys.sort()
        assert all(b - a >= spec.node_height + spec.node_gap - 1e-6 for a, b in pairwise(ys))


def test_layout_is_deterministic(ml_layout) -> None:
    roadmap, layout = ml_layout
    again = compute_layout(roadmap)
    assert again.positions == layout.positions and again.routes == layout.routes


def test_crossing_reduction_beats_the_initial_order() -> None:
    names, edges = random_layered_dag(300, 520, 10, seed=5)
    from roadmap_app.domain import layout as module

    graph = module._Graph(names, edges, {})
    graph.assign_layers()
    graph.insert_dummies()
    initial = graph.crossings()
    result = layered_layout(names, edges)
    assert result.crossings < initial * 0.5


def test_crossing_count_is_exact_on_a_tiny_graph() -> None:
    from roadmap_app.domain import layout as module

    graph = module._Graph(["a", "b", "c", "d"], [("a", "d"), ("b", "c")], {})
    graph.assign_layers()
    graph.insert_dummies()
    graph.layers = [[0, 1], [2, 3]]  # a, b above c, d: a-d and b-c cross once
    graph._renumber()
    assert graph.crossings() == 1
    assert layered_layout(["a", "b", "c", "d"], [("a", "d"), ("b", "c")]).crossings == 0


def test_categories_cluster_within_layers(ml_layout) -> None:
    roadmap, layout = ml_layout
    category = {node.id: node.category for node in roadmap.nodes}
    columns = defaultdict(list)
    for node_id, (x, y) in layout.positions.items():
        columns[x].append((y, category[node_id]))
    runs = sum(1 for col in columns.values() for (_, a), (_, b) in pairwise(sorted(col)) if a != b)
    worst = sum(len(col) - 1 for col in columns.values())
    assert runs < worst * 0.7


def test_cycles_are_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        layered_layout(["a", "b"], [("a", "b"), ("b", "a")])


def test_cache_returns_the_same_layout_and_survives_damage(ml_layout, tmp_path) -> None:
    roadmap, layout = ml_layout
    first = cached_layout(roadmap, tmp_path)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    assert cached_layout(roadmap, tmp_path).positions == first.positions == layout.positions
    files[0].write_text("{ damaged")
    assert cached_layout(roadmap, tmp_path).positions == layout.positions


def test_graph_of_uses_requires_edges_only(ml_layout) -> None:
    roadmap, _ = ml_layout
    nodes, edges, groups = graph_of(roadmap)
    assert len(edges) == sum(len(n.requires) for n in roadmap.nodes)
    assert set(groups) == set(nodes)


def test_a_separate_part_is_packed_under_what_its_columns_hold() -> None:
    """A part left far away by the sweeps (an empty band across the map) moves just below its column's cards."""
    from roadmap_app.domain.packing import pack_components

    layer_of = [0, 1, 1, 1, 0, 1]
    succ: list[list[int]] = [[1, 2, 3], [], [], [], [5], []]
    coords = [20.0, 0.0, 20.0, 40.0, -300.0, -300.0]  # the pair 4 -> 5 far above the rest
    packed = pack_components(layer_of, succ, [10.0] * 6, coords, gap=4.0)
    assert packed[:4] == [25.0, 5.0, 25.0, 45.0]  # the biggest part keeps its shape, moved to the top
    assert packed[4] == packed[5] == 45.0 + 5 + 4 + 5  # under the lowest card of the columns it spans


def test_the_bundled_map_has_no_empty_band(ml_layout) -> None:
    _, layout = ml_layout
    ys = sorted(y for _, y in layout.positions.values())
    assert max(b - a for a, b in pairwise(ys)) < 2 * LayoutSpec().node_height


def test_the_crossing_count_is_the_drawn_one_when_parts_are_packed() -> None:
    """Packing moves separate parts past each other in a column: the count reported is the drawing's."""
    from tests.benchmarks.test_layout_bench import layout_crossings

    names, edges = random_layered_dag(300, 420, 12, seed=4)  # a sparse graph: several separate parts
    result = layered_layout(names, edges)
    assert result.crossings == layout_crossings(result)


def test_a_skill_without_lines_goes_to_the_shortest_column() -> None:
    from roadmap_app.domain.packing import pack_components

    layer_of = [0, 0, 0, 1, 0]  # three linked cards fill column 0; card 4 has no line at all
    succ: list[list[int]] = [[3], [3], [3], [], []]
    packed = pack_components(layer_of, succ, [10.0] * 5, [0.0, 14.0, 28.0, 14.0, 42.0], gap=4.0,
                             loose=frozenset({4}))
    assert layer_of[4] == 1 and packed[4] == packed[3] + 5 + 4 + 5  # under the one card of column 1
