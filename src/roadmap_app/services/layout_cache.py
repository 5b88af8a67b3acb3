"""Lay out a roadmap's graph, cached on disk per file content and layout version."""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from roadmap_app.domain.layout import LAYOUT_VERSION, LayoutResult, LayoutSpec, layered_layout
from roadmap_app.domain.roadmap import Roadmap

LARGE_GRAPH_NODES = 400  # skills plus prerequisites; above this the GUI lays out in a worker thread
MAX_COORDINATE = 1e7  # far beyond any real layout; a cached number above it is damage


@dataclass(frozen=True)
class LayoutOptions:
    """How the window wants the graph drawn: card heights (measured by the UI), lanes, collapsed categories."""

    heights: tuple[tuple[str, float], ...] = ()  # (node id, card height); others get the spec's height
    lanes: bool = False
    collapsed: frozenset[str] = frozenset()  # category ids


def graph_of(roadmap: Roadmap) -> tuple[list[str], list[tuple[str, str]], dict[str, int]]:
    """Node ids, requires-edges (prerequisite -> dependent) and category ranks."""
    rank = {category.id: i for i, category in enumerate(roadmap.categories)}
    nodes = [node.id for node in roadmap.nodes]
    edges = [(required, node.id) for node in roadmap.nodes for required in node.requires]
    return nodes, edges, {node.id: rank.get(node.category, 0) for node in roadmap.nodes}


def soft_edges_of(roadmap: Roadmap) -> list[tuple[str, str]]:
    """Recommendation edges (recommended -> the skill that recommends it)."""
    return [(recommended, node.id) for node in roadmap.nodes for recommended in node.recommends]


def collapsed_groups(roadmap: Roadmap, options: LayoutOptions) -> frozenset[int]:
    return frozenset(i for i, category in enumerate(roadmap.categories) if category.id in options.collapsed)


def cache_key(roadmap: Roadmap, spec: LayoutSpec, options: LayoutOptions = LayoutOptions()) -> str:
    nodes, edges, groups = graph_of(roadmap)
    described = [nodes, edges, soft_edges_of(roadmap), groups, asdict(spec), LAYOUT_VERSION,
                 options.heights, options.lanes, sorted(options.collapsed)]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()[:32]


def compute_layout(roadmap: Roadmap, spec: LayoutSpec = LayoutSpec(),
                   options: LayoutOptions = LayoutOptions()) -> LayoutResult:
    nodes, edges, groups = graph_of(roadmap)
    return layered_layout(nodes, edges, groups=groups, soft_edges=soft_edges_of(roadmap),
                          heights=dict(options.heights), lanes=options.lanes,
                          collapsed=collapsed_groups(roadmap, options), spec=spec)


def _is_point(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2
            and all(isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
                    and abs(c) <= MAX_COORDINATE for c in value))


def _is_size(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            and 0 <= value <= MAX_COORDINATE)


def layout_from_cache(data: object, roadmap: Roadmap, options: LayoutOptions = LayoutOptions()) -> LayoutResult | None:
    """The cached layout if it is one of this roadmap's graph, else None (the entry is then computed again).

    A cache entry is named by a hash of the graph, but the file may still have been damaged, edited or
    written by another version: every node and drawn edge must be there, and nothing else, with
    finite coordinates of the right shape.
    """
    if not isinstance(data, dict) or data.get("version") != LAYOUT_VERSION:
        return None
    nodes, edges, groups = graph_of(roadmap)
    collapsed = collapsed_groups(roadmap, options)

    def drawn(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:  # a line inside a collapsed category is not
        return {(u, v) for u, v in pairs if not (groups[u] == groups[v] and groups[u] in collapsed)}

    positions, layers = data.get("positions"), data.get("layers")
    if not (isinstance(positions, dict) and set(positions) == set(nodes) and all(map(_is_point, positions.values()))):
        return None
    if not (isinstance(layers, dict) and set(layers) == set(nodes)
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= len(nodes) for v in layers.values())):
        return None
    if not (_routes_are(data.get("routes"), drawn(edges)) and _routes_are(data.get("soft_routes"),
                                                                         drawn(soft_edges_of(roadmap)))):
        return None
    summaries = data.get("summaries")
    if not (isinstance(summaries, list) and all(isinstance(entry, list) and len(entry) == 2 and _is_point(entry[1])
                                                for entry in summaries)
            and {entry[0] for entry in summaries} == {groups[n] for n in nodes if groups[n] in collapsed}):
        return None
    if not all(_is_size(data.get(key)) for key in ("width", "height")):
        return None
    if not isinstance(data.get("crossings"), int) or isinstance(data.get("crossings"), bool):
        return None
    return LayoutResult.from_json(data)


def _routes_are(routes: object, expected: set[tuple[str, str]]) -> bool:
    if not (isinstance(routes, list) and len(routes) == len(expected)):
        return False
    seen = set()
    for route in routes:
        if not (isinstance(route, list) and len(route) == 3 and isinstance(route[0], str)
                and isinstance(route[1], str) and isinstance(route[2], list) and len(route[2]) >= 2
                and all(map(_is_point, route[2]))):
            return False
        seen.add((route[0], route[1]))
    return seen == expected


def cached_layout(roadmap: Roadmap, cache_dir: Path | None, spec: LayoutSpec = LayoutSpec(),
                  options: LayoutOptions = LayoutOptions()) -> LayoutResult:
    """The layout from the cache when the graph is unchanged and the entry sound, else computed and stored."""
    if cache_dir is None:
        return compute_layout(roadmap, spec, options)
    path = Path(cache_dir) / f"{cache_key(roadmap, spec, options)}.json"
    try:
        cached = layout_from_cache(json.loads(path.read_text(encoding="utf-8")), roadmap, options)
    except (OSError, ValueError, RecursionError):
        cached = None  # missing, unreadable or not JSON
    if cached is not None:
        return cached
    result = compute_layout(roadmap, spec, options)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(result.to_json()), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data folder only costs speed
    return result
