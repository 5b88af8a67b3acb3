"""A refused connection's cycle shown on the map for a few seconds: its cards ringed, its lines drawn over in red."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene

from roadmap_app.ui.canvas.edge_item import EdgeItem, arrow_head, smooth_path
from roadmap_app.ui.canvas.node_item import NodeItem

SHOWN_MS = 6000
HIGHLIGHT_Z = 6  # above the cards and any drag line


class CycleHighlight(QObject):
    """Draws over one scene; removes itself after SHOWN_MS, when cleared, or when a new one is shown."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.items: list[QGraphicsPathItem] = []
        self.node_ids: tuple[str, ...] = ()
        self._lifted: list[tuple[NodeItem, float]] = []
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.clear)

    @property
    def shown(self) -> bool:
        return bool(self.items)

    def show(self, scene: QGraphicsScene, nodes: dict[str, NodeItem], edges: Sequence[EdgeItem],
             cycle: Sequence[str], color: QColor, proposed: tuple[str, str] | None = None) -> None:
        """Ring every card of `cycle` (ids in order, each requiring the next, the first repeated last) and draw
        the line between each two neighbours; `proposed` (prerequisite, dependent) is the refused line, dashed.
        The cycle's cards are shown at full strength meanwhile (a selection may have dimmed them)."""
        self.clear()
        self.node_ids = tuple(dict.fromkeys(cycle))
        for node_id in self.node_ids:
            item = nodes.get(node_id)
            if item is not None and item.isVisible():
                ring = QPainterPath()
                ring.addRoundedRect(item.box().adjusted(-6, -6, 6, 6).translated(item.scenePos()), 10, 10)
                self._add(scene, ring, color, width=3.5)
                self._lifted.append((item, item.opacity()))
                item.setOpacity(1.0)
        drawn = {(edge.source, edge.target): edge for edge in edges if not edge.soft}
        refused = (proposed[1], proposed[0]) if proposed is not None else None
        for a, b in pairwise(cycle):  # a requires b: the line runs from b to a
            if (a, b) == refused:
                refused = None  # drawn below, once
                continue
            edge = drawn.get((b, a)) or drawn.get((a, b))
            if edge is not None:
                self._add(scene, _with_arrow(edge.points), color, width=3.0)
            elif a in nodes and b in nodes:  # a line a longer chain implies, not drawn on the map
                self._add(scene, _straight(nodes[b], nodes[a]), color, width=2.0, dashed=True)
        if proposed is not None and proposed[0] in nodes and proposed[1] in nodes:
            self._add(scene, _straight(nodes[proposed[0]], nodes[proposed[1]]), color, width=3.0, dashed=True)
        self._timer.start()

    def _add(self, scene: QGraphicsScene, path: QPainterPath, color: QColor, *, width: float,
             dashed: bool = False) -> None:
        item = overlay_line(scene, color, width, HIGHLIGHT_Z, dashed=dashed)
        item.setPath(path)
        self.items.append(item)

    def clear(self) -> None:
        self._timer.stop()
        for item in self.items:
            if shiboken6.isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)
        self.items = []
        self.node_ids = ()
        for card, opacity in self._lifted:
            if shiboken6.isValid(card) and card.scene() is not None:
                card.setOpacity(opacity)
        self._lifted = []


def _with_arrow(points: list[tuple[float, float]]) -> QPainterPath:
    path = smooth_path(points)
    path.addPolygon(arrow_head(points[-2], points[-1]))
    return path


def _straight(prerequisite: NodeItem, dependent: NodeItem) -> QPainterPath:
    """From the right edge of the prerequisite's card to the left edge of the card that needs it, with an arrow."""
    start = prerequisite.scenePos() + QPointF(prerequisite.width / 2, 0)
    end = dependent.scenePos() - QPointF(dependent.width / 2, 0)
    points = [(start.x(), start.y()), (end.x(), end.y())]
    return _with_arrow(points)


def overlay_line(scene: QGraphicsScene, color: QColor, width: float, z: float, *,
                 dashed: bool = False) -> QGraphicsPathItem:
    """A line drawn over the map that only shows: never selected, never in the way of the mouse."""
    item = QGraphicsPathItem()
    pen = QPen(color, width)
    pen.setCosmetic(True)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    item.setPen(pen)
    item.setZValue(z)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(item)
    return item
