"""Graph queries over a roadmap: transitive prerequisites, what a node unlocks, study order."""

from __future__ import annotations

from collections import deque

from roadmap_app.domain.roadmap import Roadmap


def _closure(start: str, step) -> set[str]:
    seen: set[str] = set()
    queue = deque(step(start))
    while queue:
        current = queue.popleft()
        if current not in seen:
            seen.add(current)
            queue.extend(step(current))
    return seen


def all_prerequisites(roadmap: Roadmap, node_id: str) -> set[str]:
    """Every node that node_id needs, directly or transitively (hard prerequisites)."""
    return _closure(node_id, lambda n: roadmap.node(n).requires)


def prerequisite_closure(roadmap: Roadmap, node_ids: list[str], settled=lambda node_id: False) -> set[str]:
    """The given nodes and everything they need, in one pass; a settled node's own needs are not followed."""
    seen: set[str] = set()
    queue = deque(node_ids)
    while queue:
        current = queue.popleft()
        if current not in seen:
            seen.add(current)
            if not settled(current):
                queue.extend(roadmap.node(current).requires)
    return seen


def all_unlocks(roadmap: Roadmap, node_id: str) -> set[str]:
    """Every node that needs node_id, directly or transitively."""
    return _closure(node_id, lambda n: roadmap.unlocks[n])
