"""Lay out a roadmap's graph, cached on disk per file content and layout version."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from roadmap_app.domain.layout import LAYOUT_VERSION, LayoutResult, LayoutSpec, layered_layout
from roadmap_app.domain.roadmap import Roadmap

LARGE_GRAPH_NODES = 300  # above this the GUI lays out in a worker thread


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


def cached_layout(roadmap: Roadmap, cache_dir: Path | None, spec: LayoutSpec = LayoutSpec()) -> LayoutResult:
    """The layout from the cache when the graph is unchanged, else computed and stored."""
    if cache_dir is None:
        return compute_layout(roadmap, spec)
    path = Path(cache_dir) / f"{cache_key(roadmap, spec)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") == LAYOUT_VERSION:
            return LayoutResult.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or damaged cache entry: compute it again
    result = compute_layout(roadmap, spec)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(result.to_json()), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data folder only costs speed
    return result
