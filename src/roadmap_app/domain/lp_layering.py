"""Optimal layering (shortest total edge length) as a linear program, solved exactly by HiGHS.

Minimise the sum over edges (u, v) of layer[v] - layer[u] subject to layer[v] - layer[u] >= 1.
The constraint matrix is a network matrix, so every vertex of the feasible region is integral;
the interior-point method with crossover ends on such a vertex. Same optimum as network simplex,
found in compiled code (5,000 skills: 0.15 s instead of about 40 s in Python). Deterministic:
one thread, the same model in the same order gives the same vertex.
"""

from __future__ import annotations

import numpy as np


def optimal_layers(count: int, edges: list[tuple[int, int]]) -> list[int] | None:
    """Layers for nodes 0..count-1 with the shortest total edge length, or None if HiGHS cannot give them."""
    if not edges:
        return [0] * count
    try:
        import highspy  # imported here: only laying out a graph needs it
    except ImportError:
        return None
    pairs = np.array(edges, dtype=np.int64)
    net = np.zeros(count)  # each node's coefficient: edges in minus edges out
    np.add.at(net, pairs[:, 1], 1.0)
    np.add.at(net, pairs[:, 0], -1.0)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = count, len(pairs)
    lp.col_cost_ = net
    lp.col_lower_, lp.col_upper_ = np.zeros(count), np.full(count, highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = np.ones(len(pairs)), np.full(len(pairs), highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.arange(0, 2 * len(pairs) + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = pairs[:, ::-1].ravel().astype(np.int32)  # each row: +layer[v] - layer[u]
    lp.a_matrix_.value_ = np.tile([1.0, -1.0], len(pairs))
    solver = highspy.Highs()
    for option, value in (("output_flag", False), ("threads", 1), ("solver", "ipm"), ("run_crossover", "on"),
                          ("random_seed", 0)):
        solver.setOptionValue(option, value)
    solver.passModel(lp)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = np.asarray(solver.getSolution().col_value)
    layers = np.rint(values).astype(np.int64)
    if np.abs(values - layers).max() > 1e-6 or np.any(layers[pairs[:, 1]] - layers[pairs[:, 0]] < 1):
        return None  # not a clean vertex: let network simplex do it
    return (layers - layers.min()).tolist()
