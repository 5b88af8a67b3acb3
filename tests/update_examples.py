"""Versions of roadmaps for the update-preview tests and screenshots: the bundled one and a realistic new copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from roadmap_app.domain.roadmap import Node, Resource, Roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops

REMOVED = "hadoop-ecosystem"
CHANGED = "pandas"  # two more hours
RENAMED = ("numpy", "numpy-arrays")
ADDED = ("polars", "llm-agents")


def newer_copy(old: Roadmap) -> Roadmap:
    """The bundled roadmap as a newer copy someone sent: 2 skills added, NumPy renamed, Hadoop removed,
    pandas estimated longer."""
    old_id, new_id = RENAMED
    nodes: list[Node] = []
    for node in old.nodes:
        if node.id == REMOVED:
            continue
        node = replace(node, requires=tuple(new_id if r == old_id else r for r in node.requires if r != REMOVED),
                       recommends=tuple(new_id if r == old_id else r for r in node.recommends if r != REMOVED))
        if node.id == CHANGED:
            node = replace(node, hours=node.hours + 2)
        if node.id == old_id:
            node = replace(node, id=new_id, title="NumPy arrays and broadcasting", aliases=(*node.aliases, old_id))
        nodes.append(node)
        if node.id == "pandas":
            nodes.append(Node("polars", "Polars data frames", "programming", "Lazy, typed data frames.", 8,
                              requires=("python-basics",), resources=(Resource("reading", "The Polars guide"),)))
        if node.id == "llm-apis":
            nodes.append(Node("llm-agents", "LLM agents and tool use", "llm", "Agents that call tools.", 12,
                              requires=("llm-apis",), resources=(Resource("reading", "Agent patterns"),)))
    return replace(old, version="2.1", nodes=tuple(nodes))


def record_progress(store: ProgressStore, roadmap_id: str) -> None:
    """Progress a person might have: Hadoop finished with study time, NumPy under way, Python done."""
    ops.set_status(store, roadmap_id, REMOVED, "done")
    ops.log_study(store, roadmap_id, REMOVED, 120, date(2026, 1, 10))
    ops.log_study(store, roadmap_id, REMOVED, 60, date(2026, 1, 11))
    ops.set_status(store, roadmap_id, RENAMED[0], "learning")
    ops.set_status(store, roadmap_id, "python-basics", "done")
