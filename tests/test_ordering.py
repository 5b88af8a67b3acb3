"""Crossing reduction: crossing matrices and the incremental count agree with counting by brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain import layout as layout_module
from roadmap_app.domain.layout import LayoutSpec, layered_layout
from roadmap_app.domain.ordering import Orderer, count_crossings, order_layers


def brute_force_crossings(graph) -> int:
    total = 0
    for i in range(len(graph.layers) - 1):
        segments = [(graph.pos[u], graph.pos[w]) for u in graph.layers[i] for w in graph.succ[u]]
        total += sum(1 for (a, b), (c, d) in itertools.combinations(segments, 2) if (a - c) * (b - d) < 0)
    return total


@st.composite
def layered_graphs(draw):
    count = draw(st.integers(2, 24))
    layer_of = [draw(st.integers(0, 4)) for _ in range(count)]
    pairs = [(u, v) for u in range(count) for v in range(count) if layer_of[u] < layer_of[v]]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * count)) if pairs else []
    names = [f"n{i}" for i in range(count)]
    graph = layout_module._Graph(names, [(names[u], names[v]) for u, v in edges], {})
    graph.assign_layers()
    graph.insert_dummies()
    for rank in graph.layers:  # any start order
        rank[:] = draw(st.permutations(rank))
    graph._renumber()
    return graph


@settings(max_examples=150, deadline=None)
@given(layered_graphs())
def test_crossing_matrix_counts_each_pair_of_nodes(graph) -> None:
    orderer = Orderer(graph)
    for i, rank in enumerate(graph.layers):
        matrix = orderer.crossing_matrix(i)
        for a, b in itertools.permutations(range(len(rank)), 2):
            left, right = rank[a], rank[b]
            expected = 0
            for neighbours in (graph.pred, graph.succ):
                expected += sum(1 for p in neighbours[left] for q in neighbours[right] if graph.pos[p] > graph.pos[q])
            assert matrix[a, b] == expected


@settings(max_examples=150, deadline=None)
@given(layered_graphs())
def test_sifting_counts_its_own_savings_exactly(graph) -> None:
    assert count_crossings(graph) == brute_force_crossings(graph)
    orderer = Orderer(graph)
    assert orderer.count() == count_crossings(graph)
    before = count_crossings(graph)
    change = orderer.sweep_sifting(downward=True) + orderer.sweep_sifting(downward=False)
    assert change <= 0
    assert count_crossings(graph) == before + change == brute_force_crossings(graph)
    assert all(graph.pos[v] == j for rank in graph.layers for j, v in enumerate(rank))


@settings(max_examples=80, deadline=None)
@given(layered_graphs())
def test_ordering_returns_the_true_count_and_never_worsens_the_start(graph) -> None:
    start = count_crossings(graph)
    members = [sorted(rank) for rank in graph.layers]
    found = order_layers(graph, max_sweeps=8, median_patience=2, min_gain=0.0)
    assert found == brute_force_crossings(graph) <= start
    assert [sorted(rank) for rank in graph.layers] == members


def test_a_median_sweep_leaves_nodes_without_neighbours_in_their_slots() -> None:
    names = ["a", "b", "x", "c", "d", "y"]
    graph = layout_module._Graph(names, [("a", "d"), ("b", "c"), ("x", "y")], {})
    graph.assign_layers()
    graph.insert_dummies()
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
    Orderer(graph).sweep_medians(downward=True)
    assert graph.layers[1] == [lone, index["d"], index["c"], index["y"]]


def test_very_wide_layers_keep_their_median_order_without_dense_matrices(monkeypatch) -> None:
    from roadmap_app.domain import ordering

    monkeypatch.setattr(ordering, "MATRIX_CELLS", 10_000)
    built: list[int] = []
    original = Orderer.crossing_matrix
    monkeypatch.setattr(Orderer, "crossing_matrix", lambda self, i: built.append(len(self.graph.layers[i]))
                        or original(self, i))
    names = ["r0", "r1", "r2", *(f"leaf{i}" for i in range(150)), "b0", "b1", "b2"]
    edges = [(f"r{i % 3}", f"leaf{i}") for i in range(150)] + [(f"leaf{i}", f"b{i // 3 % 3}") for i in range(150)]
    result = layered_layout(names, edges)
    assert result.crossings > 0  # unavoidable: every root reaches every bottom node through the leaves
    assert built and max(built) <= 3  # the 150-wide layer (150 x 151 cells) was never given a matrix
    ys = sorted(y for name, (x, y) in result.positions.items() if name.startswith("leaf"))
    assert all(b - a >= LayoutSpec().node_height for a, b in itertools.pairwise(ys))
