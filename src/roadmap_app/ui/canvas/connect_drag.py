"""Drag from one skill's card to another to connect them: a line follows the pointer, the card under it lights up."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsView

from roadmap_app.ui.canvas.cycle_highlight import overlay_line
from roadmap_app.ui.canvas.edge_item import arrow_head, smooth_path
from roadmap_app.ui.canvas.node_item import NodeItem

LINE_Z = 5  # above cards (2) and lines (0 to 1.5)


def card_at(view: QGraphicsView, pos: QPoint) -> NodeItem | None:
    """The skill card under a viewport position, if any (hidden cards of a collapsed category do not count)."""
    for item in view.items(pos):
        if isinstance(item, NodeItem) and item.isVisible():
            return item
    return None


class ConnectDrag(QObject):
    """Watches the graph view while it is active: press on a card, drag, release on another card.

    Emits connectRequested(prerequisite, dependent, soft): releasing on a card means "that skill needs the one the
    drag started from" (the graph's arrows point that way); Shift held at release makes it a recommendation.
    Releasing elsewhere, or Esc, cancels. A press and release without moving stays a plain click (selection).
    """

    connectRequested = Signal(str, str, bool)
    dragStarted = Signal(str)
    dragEnded = Signal()

    def __init__(self, view: QGraphicsView, accent: Callable[[], QColor], parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.accent = accent  # the theme's, asked for at each drag: the theme may change between two
        self.active = False
        self._source: NodeItem | None = None
        self._press: QPoint | None = None
        self._line: QGraphicsPathItem | None = None
        self._ring: QGraphicsPathItem | None = None
        self._target: NodeItem | None = None
        self._target_opacity = 1.0
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)

    def set_active(self, active: bool) -> None:
        self.active = active
        if not active:
            self.cancel()

    @property
    def dragging(self) -> bool:
        return self._line is not None

    @property
    def target(self) -> str | None:
        return self._target.node.id if self._target is not None else None

    # ------------------------------------------------------------------ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.active:
            return False
        kind = event.type()
        if watched is self.view:
            if kind == QEvent.Type.KeyPress and self.dragging and isinstance(event, QKeyEvent) \
                    and event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            if kind == QEvent.Type.FocusOut:
                self.cancel()
            return False
        if not isinstance(event, QMouseEvent):
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self.cancel()
            self._source = card_at(self.view, event.position().toPoint())
            self._press = event.position().toPoint() if self._source is not None else None
            return False  # the click still selects the card
        if kind == QEvent.Type.MouseMove and self._press is not None:
            if not event.buttons() & Qt.MouseButton.LeftButton:
                self.cancel()
                return False
            pos = event.position().toPoint()
            if not self.dragging and (pos - self._press).manhattanLength() < QApplication.startDragDistance():
                return False
            self._follow(pos)
            return False  # the view does nothing with it: the card it grabbed does not move
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton and self.dragging:
            source, target = self._source, card_at(self.view, event.position().toPoint())
            soft = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.cancel()
            if source is not None and target is not None and target is not source:
                ids = source.node.id, target.node.id
                # after this release is handled: the edit draws a new scene, which must not receive its end
                QTimer.singleShot(0, lambda: self.connectRequested.emit(*ids, soft))
            return False  # the scene still needs it: the card pressed lets go of the mouse
        if kind == QEvent.Type.MouseButtonRelease:
            self._press, self._source = None, None
        return False

    # ------------------------------------------------------------------ drawing
    def _follow(self, pos: QPoint) -> None:
        source = self._source
        scene = self.view.scene()
        if source is None or scene is None or not shiboken6.isValid(source) or source.scene() is not scene:
            self.cancel()
            return
        if self._line is None:
            self._line = self._new_item(scene, dashed=True)
            self._ring = self._new_item(scene, dashed=False)
            self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
            self.dragStarted.emit(source.node.id)
        target = card_at(self.view, pos)
        self._set_target(target if target is not source else None)
        start = source.scenePos() + QPointF(source.width / 2, 0)
        if self._target is not None:
            end = self._target.scenePos() - QPointF(self._target.width / 2, 0)
        else:
            end = self.view.mapToScene(pos)
        path = smooth_path([(start.x(), start.y()), (end.x(), end.y())])
        if self._target is not None:
            path.addPolygon(arrow_head((start.x(), start.y()), (end.x(), end.y())))
        assert self._line is not None and self._ring is not None
        self._line.setPath(path)
        ring = QPainterPath()
        if self._target is not None:
            box = self._target.box().adjusted(-5, -5, 5, 5).translated(self._target.scenePos())
            ring.addRoundedRect(QRectF(box), 9, 9)
        self._ring.setPath(ring)

    def _set_target(self, target: NodeItem | None) -> None:
        """The card under the pointer is shown at full strength (a selection may have dimmed it)."""
        if target is self._target:
            return
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.setOpacity(self._target_opacity)
        self._target = target
        if target is not None:
            self._target_opacity = target.opacity()
            target.setOpacity(1.0)

    def _new_item(self, scene, *, dashed: bool) -> QGraphicsPathItem:
        return overlay_line(scene, self.accent(), 2.5 if dashed else 3.5, LINE_Z, dashed=dashed)

    def cancel(self) -> None:
        """Forget the drag and take its line away (the scene may already be gone: a new map was drawn)."""
        was_dragging = self.dragging
        for item in (self._line, self._ring):
            if item is not None and shiboken6.isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)
        self._line = self._ring = None
        self._set_target(None)
        self._source, self._press = None, None
        if was_dragging:
            self.view.viewport().unsetCursor()
            self.dragEnded.emit()
