"""Disconnected parts of a layered drawing packed tightly: each part as high as the columns it uses allow.

Coordinate assignment places every part of a graph in one pass, and a small part without neighbours
(two skills that need nothing else) can end up far from everything, leaving an empty band across the
whole map. Here the biggest part stays where it is, and each other part moves just below what is
already drawn in the columns it spans, or to the top where those columns are empty.
"""

from __future__ import annotations

from roadmap_app.domain.disjoint_sets import DisjointSets


def pack_components(layer_of: list[int], succ: list[list[int]], size: list[float], coords: list[float],
                    gap: float, loose: frozenset[int] = frozenset()) -> list[float]:
    """New coordinates; a loose node (no line at all) may also change column: it goes to the shortest one,
    and layer_of is updated for it (a generated map with a hundred such skills had them all in column one)."""
    count = len(coords)
    sets = DisjointSets(count)
    for u in range(count):
        for v in succ[u]:
            sets.join(u, v)
    parts: dict[int, list[int]] = {}
    for v in range(count):
        parts.setdefault(sets.find(v), []).append(v)
    if len(parts) < 2:
        return coords
    ordered = sorted(parts.values(), key=lambda part: (-len(part), part[0]))
    packed = list(coords)
    first = ordered[0]
    top = min(coords[v] - size[v] / 2 for v in first)
    bottom: dict[int, float] = {}  # the lowest edge drawn so far in each column
    for v in first:
        packed[v] = coords[v] - top
        bottom[layer_of[v]] = max(bottom.get(layer_of[v], 0.0), packed[v] + size[v] / 2)
    columns = range(max(layer_of, default=0) + 1)
    for part in ordered[1:]:
        if len(part) == 1 and part[0] in loose:
            layer_of[part[0]] = min(columns, key=lambda column: (bottom.get(column, -gap), column))
        shift = max(bottom.get(layer_of[v], -gap) + gap - (coords[v] - size[v] / 2) for v in part)
        for v in part:
            packed[v] = coords[v] + shift
        for v in part:
            bottom[layer_of[v]] = max(bottom.get(layer_of[v], 0.0), packed[v] + size[v] / 2)
    return packed
