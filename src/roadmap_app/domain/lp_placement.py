"""Coordinates along each layer as a linear program (HiGHS), for drawings with category lanes.

Minimise the sum over edges of weight × |y[u] - y[v]| plus a small price on the total height,
subject to each layer's order and spacing (and, with lanes, every node inside its category's band,
the bands stacked in category order). This is the formulation Graphviz dot solves with network
simplex. Used where each category keeps to a band; otherwise the sweeps of sweep_placement.py
come within 2 % of its optimum in a fraction of the time (0.2 s against 13 ms for 500 skills).
Weights as in dot: an edge between two dummies (the middle of a long edge) 8, a dummy and a node 2,
two nodes 1, so long edges run straight. Deterministic: one thread, a fixed seed, the model built in the same order.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

HEIGHT_PRICE = 2.0  # per unit of total height, against edge weights of 1 to 8 per unit of slope
LARGEST_MODEL = 4_000  # nodes plus dummies (about 2,000 skills); the LP takes seconds above it


def lp_coordinates(layers: list[list[int]], succ: list[list[int]], real_count: int, size: list[float],
                   gap: float, lanes: dict[int, int] | None = None, lane_gap: float = 0.0,
                   dummy_gap: float | None = None) -> list[float] | None:
    """y for every node (centres), or None when HiGHS is missing or finds no optimum.

    lanes maps a real node to its band (bands stacked in increasing number).
    """
    try:
        import highspy  # imported here: only laying out a graph needs it
    except ImportError:
        return None
    count = len(size)
    edges = [(u, v) for u in range(count) for v in succ[u]]
    weight = [8.0 if u >= real_count and v >= real_count else 2.0 if u >= real_count or v >= real_count else 1.0
              for u, v in edges]
    bands = sorted(set(lanes.values())) if lanes else []
    band_index = {band: i for i, band in enumerate(bands)}
    top, bottom = count + len(edges), count + len(edges) + 1
    band_top = bottom + 1  # then each band's top and bottom
    columns = band_top + 2 * len(bands)
    cost = np.zeros(columns)
    cost[count:count + len(edges)] = weight
    cost[top], cost[bottom] = HEIGHT_PRICE, -HEIGHT_PRICE  # top is above every node, bottom below: their distance
    starts, indices, values, lower = [0], [], [], []

    def row(columns_: list[int], coefficients: list[float], at_least: float) -> None:
        indices.extend(columns_)
        values.extend(coefficients)
        starts.append(len(indices))
        lower.append(at_least)

    for layer in layers:
        for a, b in pairwise(layer):
            spacing = gap if a < real_count or b < real_count or dummy_gap is None else dummy_gap
            row([b, a], [1.0, -1.0], (size[a] + size[b]) / 2 + spacing)
        if layer:
            row([top, layer[-1]], [1.0, -1.0], size[layer[-1]] / 2)
            row([layer[0], bottom], [1.0, -1.0], size[layer[0]] / 2)
    for k, (u, v) in enumerate(edges):
        row([count + k, u, v], [1.0, -1.0, 1.0], 0.0)
        row([count + k, u, v], [1.0, 1.0, -1.0], 0.0)
    if lanes:
        for v, band in lanes.items():
            first = band_top + 2 * band_index[band]
            row([v, first], [1.0, -1.0], size[v] / 2)  # below the band's top edge
            row([first + 1, v], [1.0, -1.0], size[v] / 2)  # above its bottom edge
        for i in range(len(bands) - 1):
            row([band_top + 2 * (i + 1), band_top + 2 * i + 1], [1.0, -1.0], lane_gap)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, len(lower)
    lp.col_cost_ = cost
    lp.col_lower_, lp.col_upper_ = np.full(columns, -highspy.kHighsInf), np.full(columns, highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = np.asarray(lower, dtype=float), np.full(len(lower), highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(values, dtype=float)
    solver = highspy.Highs()
    for option, value in (("output_flag", False), ("threads", 1), ("random_seed", 0)):
        solver.setOptionValue(option, value)
    solver.passModel(lp)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = np.asarray(solver.getSolution().col_value[:count])
    return np.round(solution - solution.min(), 3).tolist()
