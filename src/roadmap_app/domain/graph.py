"""Graph queries over a roadmap: transitive prerequisites, what a node unlocks, study order."""

from __future__ import annotations

import heapq
from collections import deque

from roadmap_app.domain.roadmap import Roadmap


def unlocks_map(roadmap: Roadmap) -> dict[str, tuple[str, ...]]:
    """node id -> ids of the nodes that require it directly (in file order)."""
    return roadmap.unlocks


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
    unlocks = unlocks_map(roadmap)
    return _closure(node_id, lambda n: unlocks[n])


def topological_order(roadmap: Roadmap) -> list[str]:
    """Prerequisites first; ties keep file order."""
    indegree = {node.id: len(node.requires) for node in roadmap.nodes}
    unlocks = unlocks_map(roadmap)
    position = {node.id: i for i, node in enumerate(roadmap.nodes)}
    ready = [(position[n], n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, current = heapq.heappop(ready)
        order.append(current)
        for nxt in unlocks[current]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, (position[nxt], nxt))
    return order
