"""Network-simplex layering: always valid, never worse than its start, optimal on small graphs."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain.layering import network_simplex_layers
from roadmap_app.domain.lp_layering import optimal_layers


def total_length(layers, edges) -> int:
    return sum(layers[v] - layers[u] for u, v in edges)


def longest_path(count, edges) -> list[int]:
    layers = [0] * count
    for _ in range(count):
        for u, v in edges:
            layers[v] = max(layers[v], layers[u] + 1)
    return layers


@st.composite
def dags(draw, max_nodes: int):
    count = draw(st.integers(2, max_nodes))
    pairs = [(u, v) for u in range(count) for v in range(u + 1, count)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=min(len(pairs), 3 * count)))
    return count, sorted(edges)


def brute_force_optimum(count: int, edges: list[tuple[int, int]]) -> int:
    best: int | None = None
    for layers in itertools.product(range(count), repeat=count):
        if all(layers[v] >= layers[u] + 1 for u, v in edges):
            length = total_length(layers, edges)
            best = length if best is None else min(best, length)
    assert best is not None, "a DAG of n nodes always fits in n layers"
    return best


@settings(max_examples=120, deadline=None)
@given(dags(6))
def test_optimal_on_small_graphs(case) -> None:
    count, edges = case
    layers = network_simplex_layers(count, edges, longest_path(count, edges), work_budget=10**9)
    assert all(layers[v] >= layers[u] + 1 for u, v in edges)
    assert total_length(layers, edges) == brute_force_optimum(count, edges)


@settings(max_examples=60, deadline=None)
@given(dags(60), st.integers(0, 2000))
def test_valid_no_worse_and_deterministic_with_any_budget(case, budget) -> None:
    count, edges = case
    start = longest_path(count, edges)
    layers = network_simplex_layers(count, edges, start, work_budget=budget)
    assert all(layers[v] >= layers[u] + 1 for u, v in edges)
    assert min(layers) == 0
    assert total_length(layers, edges) <= total_length(start, edges)
    assert layers == network_simplex_layers(count, edges, start, work_budget=budget)


@settings(max_examples=120, deadline=None)
@given(dags(6))
def test_linear_program_layering_is_optimal_on_small_graphs(case) -> None:
    count, edges = case
    layers = optimal_layers(count, edges)
    assert layers is not None
    assert all(layers[v] >= layers[u] + 1 for u, v in edges) and min(layers) == 0
    assert total_length(layers, edges) == brute_force_optimum(count, edges)


@settings(max_examples=40, deadline=None)
@given(dags(60))
def test_linear_program_matches_unbounded_network_simplex(case) -> None:
    count, edges = case
    layers = optimal_layers(count, edges)
    assert layers is not None and layers == optimal_layers(count, edges)
    simplex = network_simplex_layers(count, edges, longest_path(count, edges), work_budget=10**9)
    assert total_length(layers, edges) == total_length(simplex, edges)


def test_layering_of_a_generated_roadmap_is_shortest_and_stable() -> None:
    from tests.benchmarks.generators import layout_shape

    names, pairs = layout_shape(1500, 30, 5)
    index = {name: i for i, name in enumerate(names)}
    edges = [(index[u], index[v]) for u, v in pairs]
    layers = optimal_layers(len(names), edges)
    assert layers is not None and layers == optimal_layers(len(names), edges)
    budgeted = network_simplex_layers(len(names), edges, longest_path(len(names), edges))
    assert total_length(layers, edges) <= total_length(budgeted, edges)


@settings(max_examples=40, deadline=None)
@given(dags(60))
def test_warm_started_simplex_and_interior_point_agree(case) -> None:
    from roadmap_app.domain import lp_layering

    count, edges = case
    warm = optimal_layers(count, edges)
    saved = lp_layering.WARM_START_EDGES
    lp_layering.WARM_START_EDGES = 0  # interior point with crossover, as for large graphs
    try:
        cold = optimal_layers(count, edges)
    finally:
        lp_layering.WARM_START_EDGES = saved
    assert warm is not None and cold is not None
    assert total_length(warm, edges) == total_length(cold, edges)


@settings(max_examples=60, deadline=None)
@given(dags(40), st.integers(0, 5))
def test_the_warm_start_is_a_feasible_tree_of_tight_edges(case, isolated) -> None:
    import numpy as np

    from roadmap_app.domain.lp_layering import feasible_tree

    count, edges = case
    count += isolated  # nodes without edges too
    pairs = np.array(edges)
    tree = feasible_tree(count, pairs)
    assert tree is not None
    layers, in_tree, roots = tree
    assert all(layers[v] >= layers[u] + 1 for u, v in edges) and layers.min() == 0
    assert all(layers[v] == layers[u] + 1 for u, v in pairs[in_tree])
    parent = list(range(count))

    def top(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    for u, v in pairs[in_tree].tolist():
        assert top(u) != top(v), "no cycle"
        parent[top(u)] = top(v)
    components = {top(v) for v in range(count)}
    assert all(layers[roots] == 0) and sorted(top(v) for v in np.flatnonzero(roots)) == sorted(components)
    assert in_tree.sum() + roots.sum() == count  # so the basis is square
