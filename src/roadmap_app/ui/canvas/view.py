"""The graph view: zoom with the wheel or Ctrl +/-, pan by dragging (or Shift+arrows), arrows move the selection."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from roadmap_app.ui.canvas.minimap import SceneShapes, draw_lines_and_blocks

MIN_SCALE, MAX_SCALE = 0.04, 4.0
BATCHED_BELOW = 0.19  # zoom below which every card is a block (no title fits): drawn in a few batches
ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}


class GraphView(QGraphicsView):
    zoomChanged = Signal(float)
    nodeContextMenuRequested = Signal(str, QPoint)
    navigateRequested = Signal(str)  # "left", "right", "up" or "down"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._shapes: SceneShapes | None = None
        self._batched = False
        self.zoomChanged.connect(self._batch_when_far)

    def setScene(self, scene: QGraphicsScene | None) -> None:  # noqa: N802 - Qt API
        super().setScene(scene)
        self._shapes, self._batched = None, False
        self._batch_when_far()

    def batched(self) -> bool:
        return self._batched

    def _batch_when_far(self, *_: object) -> None:
        """Far away the cards and lines are drawn by the view in a few batched calls, not one by one (2,000
        skills at fit: about 60 ms a frame in thousands of paint() calls); they are then items without contents,
        still there to be clicked, hovered and selected."""
        scene = self.scene()
        far = scene is not None and self.scale_factor() < BATCHED_BELOW and hasattr(scene, "theme")
        if far == self._batched:
            return
        self._batched = far
        if scene is None:
            return
        if self._shapes is None:
            self._shapes = SceneShapes(scene)
        for item, _shape in [*self._shapes.cards, *self._shapes.lines]:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, far)
        if hasattr(scene, "batched"):
            scene.batched = far  # the scene then repaints the area itself on a change: its items cannot
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802 - Qt API
        super().drawBackground(painter, rect)
        scene = self.scene()
        if self._batched and self._shapes is not None and scene is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # 3 to 5 times the cost at this scale
            draw_lines_and_blocks(painter, self._shapes, scene.theme, routed=True)  # type: ignore[attr-defined]

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.scale_factor()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)
        self.zoomChanged.emit(self.scale_factor())

    def zoom_in(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(1.25)
        self.setTransformationAnchor(anchor)

    def zoom_out(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(0.8)
        self.setTransformationAnchor(anchor)

    def reset_zoom(self) -> None:
        self.zoom_by(1.0 / self.scale_factor())

    def graph_rect(self) -> QRectF:
        """The bounds of every item with a margin. The scene keeps them as its rect; itemsBoundingRect() would
        ask each item again (13,750 Python calls at 5,000 skills, 13-30 ms). Its items do not move once built."""
        return self.scene().sceneRect().adjusted(-30, -30, 30, 30)

    def fit_all(self) -> None:
        if self.scene() is None:
            return
        self.fit_rect(self.graph_rect())

    def show_start(self, readable: float = 0.7, start: QRectF | None = None) -> None:
        """Fit the whole graph if it stays legible; else, at a readable zoom, show where to start.

        `start` is the area of the skills ready to learn: it is centred (its top shown when it is taller
        than the view); without it, the beginning (left) of the graph.
        """
        if self.scene() is None:
            return
        rect = self.graph_rect()
        self.fit_rect(rect)
        if self.scale_factor() >= readable:
            return
        self.zoom_by(readable / self.scale_factor())
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if start is None or start.isNull():
            self.centerOn(rect.left() + visible.width() / 2, rect.top() + visible.height() / 2)
            return
        x = max(rect.left() + visible.width() / 2, start.left() - 40 + visible.width() / 2)
        y = start.center().y() if start.height() <= visible.height() - 80 else start.top() - 40 + visible.height() / 2
        self.centerOn(x, y)

    def fit_rect(self, rect: QRectF, max_scale: float = 1.5) -> None:
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > max_scale:
            self.zoom_by(max_scale / self.scale_factor())
        self.zoomChanged.emit(self.scale_factor())

    def zoom_to_selection(self) -> None:
        if self.scene() is None or not self.scene().selectedItems():
            return
        rect = QRectF()
        for item in self.scene().selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        self.fit_rect(rect.adjusted(-220, -160, 220, 160), max_scale=1.2)

    def center_on_item(self, item) -> None:
        if self.scale_factor() < 0.6:
            self.zoom_by(0.9 / self.scale_factor())
        self.centerOn(item)

    def keep_at(self, scene_point: QPointF, screen_point: QPoint) -> None:
        """Scroll so that `scene_point` shows at `screen_point` of the viewport (as far as the scroll bars go)."""
        offset = QPointF(self.viewport().rect().center() - screen_point) / self.scale_factor()
        self.centerOn(scene_point + offset)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        from roadmap_app.ui.canvas.node_item import NodeItem

        item = self.itemAt(event.pos())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if item is None:
            return super().contextMenuEvent(event)
        self.scene().clearSelection()
        item.setSelected(True)
        self.nodeContextMenuRequested.emit(item.node.id, event.globalPos())
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.place_overlays()

    def place_overlays(self) -> None:
        """Keep overlays (the overview map) in the bottom-right corner of the visible area.

        Overlays are children of the viewport, not of the view: a widget of the view lying over the viewport
        stops Qt from scrolling by moving pixels, and every scroll step then repaints the whole graph
        (a 5,000-skill map: about 45 ms a step instead of 10).
        """
        area = self.viewport().rect()
        for child in self.viewport().findChildren(QWidget, "overlay", Qt.FindChildOption.FindDirectChildrenOnly):
            child.move(area.right() - child.width() - 12, area.bottom() - child.height() - 12)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt API
        super().scrollContentsBy(dx, dy)  # moves the viewport's pixels, and its children with them
        self.place_overlays()  # back to the corner; only the map's old and new places are painted again

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        direction = ARROWS.get(Qt.Key(event.key()))
        if direction is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                           Qt.KeyboardModifier.KeypadModifier):
            self.navigateRequested.emit(direction)
            event.accept()
            return
        if direction is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar() if direction in ("left", "right") else self.verticalScrollBar()
            bar.setValue(bar.value() + (bar.singleStep() * 4) * (1 if direction in ("right", "down") else -1))
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return super().wheelEvent(event)  # shift+wheel scrolls sideways
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(1.0015 ** delta)
        event.accept()
