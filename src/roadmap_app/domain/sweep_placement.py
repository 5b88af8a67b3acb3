"""Coordinates along each layer by weighted-mean sweeps, each layer fitted exactly by isotonic regression.

For graphs too big for the linear program of lp_placement.py (it takes seconds from about a thousand
nodes and dummies). Each sweep moves every node of a layer towards the weighted mean of its neighbours
in the layer before (then after), and the layer's order and spacing are restored by the pool-adjacent-
violators algorithm: the least-squares closest positions that keep the order and the gaps, in linear
time. A few sweeps give drawings about as compact as the linear program's; Brandes–Köpf (used before)
gives drawings three to six times taller on generated graphs.
"""

from __future__ import annotations

from itertools import accumulate, pairwise

SWEEPS = 3  # more sweeps change the total line length by under 3 %


def sweep_coordinates(layers: list[list[int]], pred: list[list[int]], succ: list[list[int]], real_count: int,
                      size: list[float], gap: float, dummy_gap: float | None = None) -> list[float]:
    """Centres along each layer; gap between neighbours, dummy_gap (default gap) between two dummies."""
    between_dummies = gap if dummy_gap is None else dummy_gap
    offsets = [_offsets(layer, size, gap, between_dummies, real_count) for layer in layers]
    y = [0.0] * len(size)
    for i, layer in enumerate(layers):  # packed, each layer centred on 0
        _fit(layer, [0.0] * len(layer), [1.0] * len(layer), offsets[i], y)
    pulls_before = [[(u, _weight(v, u, real_count)) for u in pred[v]] for v in range(len(size))]
    pulls_after = [[(u, _weight(v, u, real_count)) for u in succ[v]] for v in range(len(size))]
    order = list(range(len(layers)))
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        last = sweep == SWEEPS - 1
        for i in (order[1:] if downward else order[-2::-1]):
            targets, weights = [], []
            for v in layers[i]:
                near = pulls_before[v] if downward else pulls_after[v]
                if last:
                    near = near + (pulls_after[v] if downward else pulls_before[v])
                if near:
                    total = sum(weight for _, weight in near)
                    targets.append(sum(weight * y[u] for u, weight in near) / total)
                    weights.append(total)
                else:
                    targets.append(y[v])
                    weights.append(0.1)  # a node without neighbours here stays roughly where it is
            _fit(layers[i], targets, weights, offsets[i], y)
    low = min(y, default=0.0)
    return [value - low for value in y]


def _weight(v: int, u: int, real_count: int) -> float:
    """As in Graphviz dot: the middle of a long edge pulls hardest, so long edges run straight."""
    return 8.0 if v >= real_count and u >= real_count else 2.0 if v >= real_count or u >= real_count else 1.0


def _offsets(layer: list[int], size: list[float], gap: float, dummy_gap: float, real_count: int) -> list[float]:
    """Each node's least distance from the first of its layer."""
    return [0.0, *accumulate((size[a] + size[b]) / 2 + (gap if a < real_count or b < real_count else dummy_gap)
                             for a, b in pairwise(layer))]


def _fit(layer: list[int], targets: list[float], weights: list[float], offsets: list[float], y: list[float]) -> None:
    """Positions closest (weighted least squares) to the targets that keep the layer's order and spacing."""
    if not layer:
        return
    blocks: list[tuple[float, float, int]] = []  # (weighted sum, weight, count) of each pooled run
    for target, weight, offset in zip(targets, weights, offsets, strict=True):
        blocks.append(((target - offset) * weight, weight, 1))
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total, mass, count = blocks.pop()
            before = blocks.pop()
            blocks.append((before[0] + total, before[1] + mass, before[2] + count))
    k = 0
    for total, mass, count in blocks:
        value = total / mass
        for _ in range(count):
            y[layer[k]] = value + offsets[k]
            k += 1
