"""Brandes-Koepf horizontal coordinate assignment for a layered graph with dummy nodes.

Works on the layout's internal graph: layers (lists of node indices in order), pred/succ
adjacency, pos (index within layer) and real_count (indices from there on are dummies).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Protocol


class LayeredGraph(Protocol):
    """What coordinate assignment reads from the layout's graph."""

    names: list[str]
    real_count: int
    layers: list[list[int]]
    pred: list[list[int]]
    succ: list[list[int]]
    pos: list[int]


def assign_coordinates(graph: LayeredGraph, node_size: float, dummy_size: float, gap: float) -> list[float]:
    """Coordinates along each layer: four Brandes-Koepf alignments, aligned and balanced."""
    size = [node_size if v < graph.real_count else dummy_size for v in range(len(graph.names))]
    inner = _inner_conflicts(graph)
    layouts = []
    for vertical in ("up", "down"):
        for horizontal in ("left", "right"):
            layouts.append(_brandes_koepf(graph, vertical, horizontal, size, gap, inner))
    widths = [max(x) - min(x) if x else 0 for x in layouts]
    smallest = layouts[widths.index(min(widths))]
    low, high = min(smallest, default=0), max(smallest, default=0)
    aligned = []
    for k, coords in enumerate(layouts):
        shift = low - min(coords) if k % 2 == 0 else high - max(coords)
        aligned.append([c + shift for c in coords])
    final = []
    for v in range(len(graph.names)):
        values = sorted(layout[v] for layout in aligned)
        final.append((values[1] + values[2]) / 2)
    _separate(graph, final, size, gap)
    return final


def _inner_conflicts(graph: LayeredGraph) -> set[tuple[int, int]]:
    """Type 1 conflicts: non-inner segments crossing an inner (dummy-dummy) segment."""
    marked: set[tuple[int, int]] = set()
    dummy = lambda v: v >= graph.real_count  # noqa: E731
    for i in range(1, len(graph.layers) - 1):
        upper, lower = graph.layers[i], graph.layers[i + 1]
        k0 = 0
        scan = 0
        for l1, v in enumerate(lower):
            inner_upper = next((u for u in graph.pred[v] if dummy(u) and dummy(v)), None)
            if l1 == len(lower) - 1 or inner_upper is not None:
                k1 = graph.pos[inner_upper] if inner_upper is not None else len(upper) - 1
                while scan <= l1:
                    w = lower[scan]
                    for u in graph.pred[w]:
                        if not (dummy(u) and dummy(w)) and (graph.pos[u] < k0 or graph.pos[u] > k1):
                            marked.add((u, w))
                    scan += 1
                k0 = k1
    return marked


def _brandes_koepf(graph: LayeredGraph, vertical: str, horizontal: str, size: list[float], gap: float,
                   marked: set[tuple[int, int]]) -> list[float]:
    layers = graph.layers if vertical == "up" else graph.layers[::-1]
    neighbours = graph.pred if vertical == "up" else graph.succ
    if horizontal == "right":
        layers = [rank[::-1] for rank in layers]
    pos = [0] * len(graph.names)
    for rank in layers:
        for i, v in enumerate(rank):
            pos[v] = i
    count = len(graph.names)
    root = list(range(count))
    align = list(range(count))
    for rank in layers:
        r = -1
        for v in rank:
            upper = sorted(neighbours[v], key=lambda u: pos[u])
            d = len(upper)
            if not d:
                continue
            for m in sorted({(d - 1) // 2, d // 2}):
                if align[v] != v:
                    break
                u = upper[m]
                is_marked = (u, v) in marked or (v, u) in marked
                if not is_marked and r < pos[u]:
                    align[u] = v
                    root[v] = root[u]
                    align[v] = root[v]
                    r = pos[u]
    left_of = [-1] * count
    for rank in layers:
        for a, b in pairwise(rank):
            left_of[b] = a
    sink = list(range(count))
    shift = [float("inf")] * count
    x = [0.0] * count
    placed = [False] * count  # x[v] holds v's coordinate once placed

    def separation(a: int, b: int) -> float:
        return (size[a] + size[b]) / 2 + gap

    for rank in layers:
        for start in rank:
            if root[start] != start or placed[start]:
                continue
            placed[start] = True
            stack = [[start, start, False]]
            while stack:
                frame = stack[-1]
                v, w, resumed = frame
                if not resumed:
                    frame[2] = True
                    if left_of[w] >= 0:
                        u = root[left_of[w]]
                        if not placed[u]:
                            placed[u] = True
                            stack.append([u, u, False])
                    continue
                if left_of[w] >= 0:
                    u = root[left_of[w]]
                    if sink[v] == v:
                        sink[v] = sink[u]
                    if sink[v] != sink[u]:
                        shift[sink[u]] = min(shift[sink[u]], x[v] - x[u] - separation(left_of[w], w))
                    else:
                        x[v] = max(x[v], x[u] + separation(left_of[w], w))
                w = align[w]
                if w == v:
                    stack.pop()
                else:
                    frame[1], frame[2] = w, False
    result = [0.0] * count
    for v in range(count):
        r = root[v]
        value = x[r]
        s = shift[sink[r]]
        if s < float("inf"):
            value += s
        result[v] = value
    if horizontal == "right":
        result = [-c for c in result]
    return result


def _separate(graph: LayeredGraph, coords: list[float], size: list[float], gap: float) -> None:
    """Guarantee the minimum distance inside every layer (a safety net after balancing)."""
    for rank in graph.layers:
        for a, b in pairwise(rank):
            need = coords[a] + (size[a] + size[b]) / 2 + gap
            if coords[b] < need:
                coords[b] = need
