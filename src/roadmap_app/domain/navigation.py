"""Moving a selection through a drawn roadmap with the arrow keys: to a prerequisite, an unlock, or along a layer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from roadmap_app.domain.layout import LayoutResult
from roadmap_app.domain.roadmap import Roadmap

Direction = Literal["left", "right", "up", "down"]


def _everything(_node_id: str) -> bool:
    return True


def start_node(roadmap: Roadmap, layout: LayoutResult, shown: Callable[[str], bool] = _everything) -> str | None:
    """Where keyboard navigation begins with nothing selected: the top skill of the first layer."""
    nodes = [node for node in roadmap.nodes if shown(node.id)]
    if not nodes:
        return None
    return min(nodes, key=lambda n: (layout.layers[n.id], layout.positions[n.id][1])).id


def neighbour(roadmap: Roadmap, layout: LayoutResult, node_id: str, direction: Direction,
              shown: Callable[[str], bool] = _everything) -> str | None:
    """The skill an arrow key moves to from node_id, or None at an edge of the map.

    Left: the direct prerequisite drawn nearest in height; right: the direct unlock nearest in height;
    up and down: the skill above or below in the same layer. Skills not shown (in a collapsed
    category) are passed over.
    """
    y = layout.positions[node_id][1]
    if direction in ("left", "right"):
        candidates = [n for n in (roadmap.node(node_id).requires if direction == "left" else roadmap.unlocks[node_id])
                      if shown(n)]
        if not candidates:
            return None
        return min(candidates, key=lambda other: (abs(layout.positions[other][1] - y), layout.positions[other][1]))
    layer = layout.layers[node_id]
    column = sorted((layout.positions[n.id][1], n.id) for n in roadmap.nodes
                    if layout.layers[n.id] == layer and (shown(n.id) or n.id == node_id))
    index = column.index((y, node_id)) + (1 if direction == "down" else -1)
    return column[index][1] if 0 <= index < len(column) else None
