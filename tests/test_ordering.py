"""Crossing reduction: crossing matrices, counts and swaps agree with brute force; batching changes nothing."""

from __future__ import annotations

import itertools
from copy import deepcopy

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain import layout as layout_module
from roadmap_app.domain import ordering
from roadmap_app.domain.layer_batches import LayerBatch
from roadmap_app.domain.layout import LayoutSpec, layered_layout
from roadmap_app.domain.ordering import Orderer, count_crossings, order_layers
from roadmap_app.domain.spectral_order import smooth_positions
from tests.benchmarks.generators import layout_shape


def brute_force_crossings(graph) -> int:
    total = 0
    for i in range(len(graph.layers) - 1):
        segments = [(graph.pos[u], graph.pos[w]) for u in graph.layers[i] for w in graph.succ[u]]
        total += sum(1 for (a, b), (c, d) in itertools.combinations(segments, 2) if (a - c) * (b - d) < 0)
    return total


def laid_out_graph(names, edges, groups=None):
    graph = layout_module._Graph(names, edges, groups or {})
    graph.assign_layers()
    graph.insert_dummies()
    return graph


@st.composite
def layered_graphs(draw):
    count = draw(st.integers(2, 24))
    layer_of = [draw(st.integers(0, 4)) for _ in range(count)]
    pairs = [(u, v) for u in range(count) for v in range(count) if layer_of[u] < layer_of[v]]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * count)) if pairs else []
    names = [f"n{i}" for i in range(count)]
    groups = {name: draw(st.integers(0, 2)) for name in names}
    graph = laid_out_graph(names, [(names[u], names[v]) for u, v in edges], groups)
    for rank in graph.layers:  # any start order
        rank[:] = draw(st.permutations(rank))
    graph._renumber()
    return graph


@settings(max_examples=150, deadline=None)
@given(layered_graphs())
def test_crossing_matrix_counts_each_pair_of_nodes(graph) -> None:
    orderer = Orderer(graph)
    for batches in orderer.parities:
        for batch in batches:
            matrix = batch.matrix(orderer.pos).reshape(batch.rows, batch.width, batch.width)
            for r, i in enumerate(batch.layer_ids):
                rank = graph.layers[i]
                assert matrix[r, :, len(rank):].sum() == matrix[r, len(rank):, :].sum() == 0  # padding
                for a, b in itertools.permutations(range(len(rank)), 2):
                    left, right = rank[a], rank[b]  # local id = slot when the batch was made
                    expected = 0
                    for neighbours in (graph.pred, graph.succ):
                        expected += sum(1 for p in neighbours[left] for q in neighbours[right]
                                        if graph.pos[p] > graph.pos[q])
                    assert matrix[r, a, b] == expected


@settings(max_examples=150, deadline=None)
@given(layered_graphs())
def test_counts_and_swaps_agree_with_brute_force(graph) -> None:
    assert count_crossings(graph) == brute_force_crossings(graph)
    orderer = Orderer(graph)
    assert orderer.count() == brute_force_crossings(graph)
    for parity in (0, 1, 1 - orderer.counting):
        before = orderer.count()
        removed = 0
        for batch, matrix in zip(orderer.parities[parity], orderer.matrices(parity), strict=True):
            removed += batch.swap_neighbours(matrix, max_passes=8)
            batch.write_positions(orderer.pos)
        assert removed >= 0
        orderer.write_back()
        assert orderer.count() == before - removed == brute_force_crossings(graph)
        assert all(graph.pos[v] == j for rank in graph.layers for j, v in enumerate(rank))


@settings(max_examples=80, deadline=None)
@given(layered_graphs())
def test_ordering_returns_the_true_count_and_never_worsens_the_start(graph) -> None:
    start = count_crossings(graph)
    members = [sorted(rank) for rank in graph.layers]
    found = order_layers(graph, max_sweeps=8, median_patience=2, min_gain=0.0)
    assert found == brute_force_crossings(graph) <= start
    assert [sorted(rank) for rank in graph.layers] == members
    assert all(graph.pos[v] == j for rank in graph.layers for j, v in enumerate(rank))


@settings(max_examples=40, deadline=None)
@given(layered_graphs(), st.integers(1, 60))
def test_batches_of_any_size_give_the_same_order(graph, cells) -> None:
    copy = deepcopy(graph)
    whole = order_layers(graph, max_sweeps=4, median_patience=4, min_gain=0.005)
    saved = ordering.BATCH_CELLS
    ordering.BATCH_CELLS = cells  # every layer in a batch of its own
    try:
        split = order_layers(copy, max_sweeps=4, median_patience=4, min_gain=0.005)
    finally:
        ordering.BATCH_CELLS = saved
    assert split == whole and copy.layers == graph.layers


def test_barycentres_leave_nodes_without_neighbours_in_their_slots() -> None:
    names = ["a", "b", "x", "c", "d", "y"]
    graph = laid_out_graph(names, [("a", "d"), ("b", "c"), ("x", "y")])
    index = {name: i for i, name in enumerate(names)}
    lone = len(graph.names)  # a node on the lower layer with no edge at all
    graph.names.append("lone")
    graph.group.append(7)  # a later category than the others: sorting by category would move it
    graph.pred.append([])
    graph.succ.append([])
    graph.layer.append(1)
    graph.layers = [[index["a"], index["b"], index["x"]], [lone, index["y"], index["c"], index["d"]]]
    graph.pos.append(0)
    graph._renumber()
    orderer = Orderer(graph)
    orderer.barycentres(1)
    orderer.write_back()
    assert graph.layers[1] == [lone, index["d"], index["c"], index["y"]]


def test_smooth_positions_centre_each_layer_and_are_repeatable() -> None:
    names, pairs = layout_shape(300, 12, 4, seed=3)
    graph = laid_out_graph(names, pairs)
    orderer = Orderer(graph)
    start = orderer.pos[:-1].astype(float)
    first = smooth_positions(orderer.layer_of, len(graph.layers), orderer.tails, orderer.heads, start)
    again = smooth_positions(orderer.layer_of, len(graph.layers), orderer.tails, orderer.heads, start)
    assert np.array_equal(first, again)
    means = np.bincount(orderer.layer_of, weights=first) / np.bincount(orderer.layer_of)
    assert np.abs(means).max() < 1e-9 and np.abs(first).max() == 1.0


def test_the_smooth_start_beats_the_breadth_first_one_on_a_deep_graph() -> None:
    names, pairs = layout_shape(500, 50, 5)
    graph = laid_out_graph(names, pairs)
    orderer = Orderer(graph)
    orderer.arrange(ordering.breadth_first_layers(graph, orderer.layer_of.tolist()))
    breadth_first = orderer.count()
    orderer.smooth_start()
    assert orderer.count() < 0.75 * breadth_first


def test_categories_are_grouped_where_it_costs_nothing() -> None:
    # a, b and e all lead to t: any order of them is free of crossings, so categories come together
    names = ["a", "b", "e", "t"]
    groups = {"a": 1, "b": 0, "e": 1, "t": 0}
    result = layered_layout(names, [("a", "t"), ("b", "t"), ("e", "t")], groups=groups)
    first_layer = sorted((result.positions[n][1], groups[n]) for n in ("a", "b", "e"))
    assert [group for _, group in first_layer] in ([0, 1, 1], [1, 1, 0])


def test_very_wide_layers_keep_their_barycentre_order_without_dense_matrices(monkeypatch) -> None:
    monkeypatch.setattr(ordering, "MATRIX_CELLS", 10_000)
    built: list[int] = []
    original = LayerBatch.matrix
    monkeypatch.setattr(LayerBatch, "matrix", lambda self, pos: built.append(int(self.sizes.max()))
                        or original(self, pos))
    names = ["r0", "r1", "r2", *(f"leaf{i}" for i in range(150)), "b0", "b1", "b2"]
    edges = [(f"r{i % 3}", f"leaf{i}") for i in range(150)] + [(f"leaf{i}", f"b{i // 3 % 3}") for i in range(150)]
    result = layered_layout(names, edges)
    assert result.crossings > 0  # unavoidable: every root reaches every bottom node through the leaves
    assert built and max(built) <= 3  # the 150-wide layer (150 x 151 cells) was never given a matrix
    ys = sorted(y for name, (x, y) in result.positions.items() if name.startswith("leaf"))
    assert all(b - a >= LayoutSpec().node_height for a, b in itertools.pairwise(ys))
