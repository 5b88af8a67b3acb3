"""Lay out a roadmap's graph, cached on disk per file content and layout version."""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict
from pathlib import Path

from roadmap_app.domain.layout import LAYOUT_VERSION, LayoutResult, LayoutSpec, layered_layout
from roadmap_app.domain.roadmap import Roadmap

LARGE_GRAPH_NODES = 400  # skills plus prerequisites; above this the GUI lays out in a worker thread
MAX_COORDINATE = 1e7  # far beyond any real layout; a cached number above it is damage


def graph_of(roadmap: Roadmap) -> tuple[list[str], list[tuple[str, str]], dict[str, int]]:
    """Node ids, requires-edges (prerequisite -> dependent) and category ranks."""
    rank = {category.id: i for i, category in enumerate(roadmap.categories)}
    nodes = [node.id for node in roadmap.nodes]
    edges = [(required, node.id) for node in roadmap.nodes for required in node.requires]
    return nodes, edges, {node.id: rank.get(node.category, 0) for node in roadmap.nodes}


def cache_key(roadmap: Roadmap, spec: LayoutSpec) -> str:
    nodes, edges, groups = graph_of(roadmap)
    digest = hashlib.sha256(json.dumps([nodes, edges, groups, asdict(spec), LAYOUT_VERSION]).encode()).hexdigest()
    return digest[:32]


def compute_layout(roadmap: Roadmap, spec: LayoutSpec = LayoutSpec()) -> LayoutResult:
    nodes, edges, groups = graph_of(roadmap)
    return layered_layout(nodes, edges, groups=groups, spec=spec)


def _is_point(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2
            and all(isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
                    and abs(c) <= MAX_COORDINATE for c in value))


def _is_size(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            and 0 <= value <= MAX_COORDINATE)


def layout_from_cache(data: object, roadmap: Roadmap) -> LayoutResult | None:
    """The cached layout if it is one of this roadmap's graph, else None (the entry is then computed again).

    A cache entry is named by a hash of the graph, but the file may still have been damaged, edited or
    written by another version: every node and requires-edge must be there, and nothing else, with
    finite coordinates of the right shape.
    """
    if not isinstance(data, dict) or data.get("version") != LAYOUT_VERSION:
        return None
    nodes, edges, _ = graph_of(roadmap)
    positions, routes, layers = data.get("positions"), data.get("routes"), data.get("layers")
    if not (isinstance(positions, dict) and set(positions) == set(nodes) and all(map(_is_point, positions.values()))):
        return None
    if not (isinstance(layers, dict) and set(layers) == set(nodes)
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= len(nodes) for v in layers.values())):
        return None
    if not (isinstance(routes, list) and len(routes) == len(set(edges))):
        return None
    seen = set()
    for route in routes:
        if not (isinstance(route, list) and len(route) == 3 and isinstance(route[0], str)
                and isinstance(route[1], str) and isinstance(route[2], list) and len(route[2]) >= 2
                and all(map(_is_point, route[2]))):
            return None
        seen.add((route[0], route[1]))
    if seen != set(edges) or not all(_is_size(data.get(key)) for key in ("width", "height")):
        return None
    if not isinstance(data.get("crossings"), int) or isinstance(data.get("crossings"), bool):
        return None
    return LayoutResult.from_json(data)


def cached_layout(roadmap: Roadmap, cache_dir: Path | None, spec: LayoutSpec = LayoutSpec()) -> LayoutResult:
    """The layout from the cache when the graph is unchanged and the entry sound, else computed and stored."""
    if cache_dir is None:
        return compute_layout(roadmap, spec)
    path = Path(cache_dir) / f"{cache_key(roadmap, spec)}.json"
    try:
        cached = layout_from_cache(json.loads(path.read_text(encoding="utf-8")), roadmap)
    except (OSError, ValueError, RecursionError):
        cached = None  # missing, unreadable or not JSON
    if cached is not None:
        return cached
    result = compute_layout(roadmap, spec)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(result.to_json()), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data folder only costs speed
    return result
