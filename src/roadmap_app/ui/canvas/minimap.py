"""The overview map: the whole graph in a corner of the view, with the visible part outlined; click to go there."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem

from roadmap_app.domain.progress import Status
from roadmap_app.ui.canvas.edge_item import EdgeItem
from roadmap_app.ui.canvas.node_item import NodeItem
from roadmap_app.ui.theme import Theme

SIZE = (220, 140)
REDRAW_DELAY_MS = 600  # changes are gathered before the picture is drawn again
BLOCK_ALPHA = {Status.DONE: 255, Status.LEARNING: 110}  # other statuses 55: the cards' look from far away
OTHER_ALPHA = 55


def _corners(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A route without the points inside a straight horizontal run (a long line passing columns at one height)."""
    kept = [points[0]]
    for here, after in pairwise(points[1:]):
        if not (kept[-1][1] == here[1] == after[1]):
            kept.append(here)
    if len(points) > 1:
        kept.append(points[-1])
    return kept


class SceneShapes:
    """What the map draws of one scene, sorted once: its cards' boxes, its lines' ends, and every other item.

    A scene's items are fixed once it is built (lanes or collapsed categories draw a new scene).
    """

    def __init__(self, scene: QGraphicsScene):
        self.scene = scene
        self.cards: list[tuple[NodeItem, QRectF]] = []
        self.lines: list[tuple[EdgeItem, QLineF]] = []
        self.routes: list[tuple[EdgeItem, list[QLineF]]] = []  # each line's segments through its route
        self.batches: list[Batch] = []  # what was drawn last, and for which look of the scene
        self.batched_key: object = None
        self.others: list[QGraphicsItem] = []  # lanes, the legend, collapsed categories: they paint themselves
        for item in scene.items():
            if isinstance(item, NodeItem):
                self.cards.append((item, item.box().translated(item.pos())))
            elif isinstance(item, EdgeItem):
                (x0, y0), (x1, y1) = item.points[0], item.points[-1]
                self.lines.append((item, QLineF(x0, y0, x1, y1)))
                self.routes.append((item, [QLineF(*a, *b) for a, b in pairwise(_corners(item.points))]))
            else:
                self.others.append(item)
        self.others.sort(key=lambda item: item.zValue())


def draw_overview(painter: QPainter, shapes: SceneShapes, target: QRectF, source: QRectF, theme: Theme) -> None:
    """The scene at the map's scale in a few batched calls: cards as blocks of their category's colour (paler
    unless done), lines straight; other items paint themselves. scene.render() asked every item to paint
    itself, which took about 60 ms at 2,000 skills and 250 ms at 5,000; this takes a tenth of that.
    """
    if source.isEmpty():
        return
    scale = target.width() / source.width()
    base = QTransform().translate(target.left(), target.top()).scale(scale, scale).translate(
        -source.left(), -source.top())
    option = QStyleOptionGraphicsItem()

    def paint_others(in_front: bool) -> None:
        for item in shapes.others:
            if (item.zValue() > 0) == in_front and item.isVisible():
                painter.save()
                painter.setTransform(item.sceneTransform() * base)
                painter.setOpacity(item.effectiveOpacity())
                item.paint(painter, option, None)
                painter.restore()

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    paint_others(in_front=False)  # the lanes behind everything
    painter.setTransform(base)
    draw_lines_and_blocks(painter, shapes, theme)
    paint_others(in_front=True)  # collapsed categories' cards


# What draw_lines_and_blocks paints, grouped: (pen or None, brush or None, lines, rectangles) in order.
Batch = tuple[QPen | None, QColor | None, list[QLineF], list[QRectF]]


def draw_lines_and_blocks(painter: QPainter, shapes: SceneShapes, theme: Theme, routed: bool = False) -> None:
    """The lines and the cards (blocks) of a far-away scene, a batch per colour, in the painter's coordinates:
    the overview map draws with it (lines straight), and so does the graph view below the blocks' zoom (lines
    along their routes, so that none crosses a card). The batches are kept until the scene's look changes
    (its visual_version): sorting 5,000 items into them took more than drawing them."""
    version = getattr(shapes.scene, "visual_version", None)
    key = (version, routed, theme.name)
    if version is None or shapes.batched_key != key:
        shapes.batches, shapes.batched_key = _batches(shapes, theme, routed), key
    for pen, brush, lines, rects in shapes.batches:
        painter.setPen(pen if pen is not None else Qt.PenStyle.NoPen)
        painter.setBrush(brush if brush is not None else Qt.BrushStyle.NoBrush)
        if lines:
            painter.drawLines(lines)
        if rects:
            painter.drawRects(rects)


def _batches(shapes: SceneShapes, theme: Theme, routed: bool) -> list[Batch]:
    batches: list[Batch] = []
    lines: dict[tuple[bool, bool, float], list[QLineF]] = {}
    for edge, segments in (shapes.routes if routed else ((edge, [line]) for edge, line in shapes.lines)):
        if edge.isVisible():
            lines.setdefault((edge.soft, edge.emphasis, edge.opacity()), []).extend(segments)
    for (soft, on_path, opacity), group in sorted(lines.items(), key=lambda entry: entry[0][1]):
        color = theme.color("accent" if on_path else ("edge_soft" if soft else "edge"))
        color.setAlphaF(opacity)
        pen = QPen(color, 2 if on_path else 1)  # whole pixels: a fractional width takes Qt's slow stroking path
        pen.setCosmetic(True)
        if soft:
            pen.setStyle(Qt.PenStyle.DashLine)
        batches.append((pen, None, group, []))
    blocks: dict[tuple[int, int], list[QRectF]] = {}
    crossed: list[QLineF] = []  # skipped: crossed out, as far away on the graph
    outlined: dict[str, list[QRectF]] = {}  # selected, related, matches, this week's plan
    for card, box in shapes.cards:
        if card.isVisible():
            alpha = round(BLOCK_ALPHA.get(card.status, OTHER_ALPHA) * card.opacity())
            blocks.setdefault((card.category_color.rgb(), alpha), []).append(box)
            if card.status is Status.SKIPPED:
                crossed += [QLineF(box.topLeft(), box.bottomRight()), QLineF(box.bottomLeft(), box.topRight())]
            mark = "selected" if card.isSelected() else card.emphasis
            if mark is not None:
                outlined.setdefault(mark, []).append(box)
    for (rgb, alpha), boxes in blocks.items():
        fill = QColor.fromRgb(rgb)
        fill.setAlpha(alpha)
        batches.append((None, fill, [], boxes))
    batches.append((QPen(theme.color("text_muted"), 0), None, crossed, []))
    outline = {"match": theme.color("match"), "plan": theme.status_color(Status.LEARNING)}
    for mark, boxes in outlined.items():
        color = outline.get(mark, theme.color("accent"))
        color.setAlpha(255 if mark == "selected" else 140)  # a hairline at this scale: lighter, as the cards' is
        batches.append((QPen(color, 0), None, [], boxes))
    return batches

class Minimap(QFrame):
    """A picture of the scene, drawn again only after it changed, so scrolling the view costs nothing here."""

    def __init__(self, view: QGraphicsView, theme: Theme):
        super().__init__(view.viewport())  # over the viewport, inside it: scrolling the view stays cheap
        self.view = view
        self.theme = theme
        self.setObjectName("overlay")  # the view keeps it in its bottom-right corner
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints every pixel: no graph below it
        self.setFixedSize(*SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the view")
        self._picture = QPixmap()
        self._source = QRectF()  # the scene area the picture shows
        self._scene: QGraphicsScene | None = None
        self._shapes: SceneShapes | None = None
        self._after_paint = False  # a picture is to be drawn after the graph's next paint
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self._draw_picture)
        self._draw_next = QTimer(self, singleShot=True, interval=0)
        self._draw_next.timeout.connect(self._draw_picture)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)

    def set_scene(self, scene: QGraphicsScene | None) -> None:
        if self._scene is not None:
            self._scene.changed.disconnect(self._schedule)
        self._scene = scene
        self._shapes = None
        self._picture = QPixmap()  # not the last graph's picture meanwhile
        if scene is not None:
            scene.changed.connect(self._schedule)
        self._draw_soon()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._draw_picture()

    def _schedule(self, *_: object) -> None:
        if self.isVisible():  # a hidden map is drawn when it is shown again
            self._redraw.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._draw_soon()

    def _draw_soon(self) -> None:
        """Draw once the graph itself has been painted: a map just opened shows its graph without waiting for
        this picture (5,000 skills: 50-90 ms). Clicks go to the right place meanwhile."""
        self._source = self._scene.sceneRect() if self._scene is not None else QRectF()
        if not self._after_paint:
            self._after_paint = True
            self.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._after_paint and event.type() == QEvent.Type.Paint:  # the viewport's paint runs after this
            self._after_paint = False
            watched.removeEventFilter(self)
            self._draw_next.start()  # a timer: after the events already queued, the paint's own among them
        return False

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        self._redraw.stop()

    def _draw_picture(self) -> None:
        if not self.isVisible():
            return
        self._picture = QPixmap(self.size() * self.devicePixelRatioF())
        self._picture.setDevicePixelRatio(self.devicePixelRatioF())
        self._picture.fill(QColor(self.theme.surface))
        if self._scene is not None:
            # the bounds of all items, as the scene keeps them (itemsBoundingRect() asks every item again)
            self._source = self._scene.sceneRect()
            if self._shapes is None or self._shapes.scene is not self._scene:
                self._shapes = SceneShapes(self._scene)
            painter = QPainter(self._picture)
            draw_overview(painter, self._shapes, self._target(), self._source, self.theme)
            painter.end()
        self.update()

    def _target(self) -> QRectF:
        """Where the picture's scene area lands in this widget (kept in proportion, centred)."""
        if self._source.isEmpty():
            return QRectF(self.rect())
        scale = min(self.width() / self._source.width(), self.height() / self._source.height())
        width, height = self._source.width() * scale, self._source.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _to_scene(self, point: QPointF) -> QPointF:
        target = self._target()
        x = self._source.left() + (point.x() - target.left()) / target.width() * self._source.width()
        y = self._source.top() + (point.y() - target.top()) / target.height() * self._source.height()
        return QPointF(x, y)

    def _to_map(self, rect: QRectF) -> QRectF:
        target = self._target()
        scale = target.width() / self._source.width() if self._source.width() else 1.0
        return QRectF(target.left() + (rect.left() - self._source.left()) * scale,
                      target.top() + (rect.top() - self._source.top()) * scale,
                      rect.width() * scale, rect.height() * scale)

    def visible_part(self) -> QRectF:
        """The part of the scene the view shows, in this widget's coordinates."""
        return self._to_map(self.view.mapToScene(self.view.viewport().rect()).boundingRect())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        if self._picture.isNull():
            painter.fillRect(self.rect(), QColor(self.theme.surface))
        painter.drawPixmap(0, 0, self._picture)
        if self._scene is not None and not self._source.isEmpty():
            painter.setPen(QPen(QColor(self.theme.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.visible_part().intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.setPen(QPen(QColor(self.theme.border), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event)

    def _go(self, event: QMouseEvent) -> None:
        if self._scene is not None and not self._source.isEmpty():
            self.view.centerOn(self._to_scene(event.position()))
        event.accept()
