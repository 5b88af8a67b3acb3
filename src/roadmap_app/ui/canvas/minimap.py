"""The overview map: the whole graph in a corner of the view, with the visible part outlined; click to go there."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView

from roadmap_app.ui.theme import Theme

SIZE = (220, 140)
REDRAW_DELAY_MS = 600  # changes are gathered before the picture is drawn again (about 60 ms at 2,000 skills)


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
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self._draw_picture)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)

    def set_scene(self, scene: QGraphicsScene | None) -> None:
        if self._scene is not None:
            self._scene.changed.disconnect(self._schedule)
        self._scene = scene
        if scene is not None:
            scene.changed.connect(self._schedule)
        self._draw_picture()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._draw_picture()

    def _schedule(self, *_: object) -> None:
        if self.isVisible():  # a hidden map is drawn when it is shown again
            self._redraw.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._draw_picture()

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
            self._source = self._scene.itemsBoundingRect()
            painter = QPainter(self._picture)
            self._scene.render(painter, QRectF(self.rect()), self._source, Qt.AspectRatioMode.KeepAspectRatio)
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
