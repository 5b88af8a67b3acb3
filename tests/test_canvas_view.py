"""The graph view's drawing: scrolling moves pixels instead of repainting the graph, overlays stay put."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

SCROLL_STEP = 30


class PaintedAreas(QObject):
    """Records the bounding box of every region a widget is asked to paint."""

    def __init__(self, widget):
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def scroll_right(view, steps: int) -> None:
    bar = view.horizontalScrollBar()
    for _ in range(steps):
        bar.setValue(bar.value() + SCROLL_STEP)
        QApplication.processEvents()


def at_actual_size(window) -> None:
    view = window.view
    view.reset_zoom()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    QApplication.processEvents()
    assert window.minimap.isVisible(), "the bundled roadmap is big enough for the overview map"
    assert view.horizontalScrollBar().maximum() > 10 * SCROLL_STEP, "room to scroll at 100 %"


def test_scrolling_with_the_overview_map_repaints_only_what_scrolled_in(window) -> None:
    view = window.view
    at_actual_size(window)
    painted = PaintedAreas(view.viewport())
    scroll_right(view, 5)
    viewport = view.viewport().rect()
    assert painted.rects, "scrolling painted nothing"
    for rect in painted.rects:  # the strip that scrolled in, and the map's old and new places; not the whole graph
        assert rect.width() * rect.height() < 0.5 * viewport.width() * viewport.height(), rect


def test_the_overview_map_stays_in_its_corner_and_leaves_no_copy_behind(window) -> None:
    view, minimap = window.view, window.minimap
    at_actual_size(window)
    corner = minimap.geometry()
    assert view.viewport().rect().contains(corner)
    margin = view.viewport().rect().bottomRight() - corner.bottomRight()  # the bottom-right corner of the graph
    assert 0 < margin.x() == margin.y() < 40
    scroll_right(view, 5)
    assert minimap.geometry() == corner
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # what was drawn, pixels moved included
    fresh = window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew
    origin = view.viewport().mapTo(window, corner.topLeft())
    behind = QRect(origin.x() - SCROLL_STEP, origin.y(), corner.width(), corner.height())  # where a moved copy would be
    for area in (QRect(origin, corner.size()), behind):
        assert on_screen.copy(area) == fresh.copy(area), area


def card_pixel(window, node_id: str) -> QColor:
    minimap, item = window.minimap, window.scene.nodes[node_id]
    center = minimap._to_map(item.sceneBoundingRect()).center()
    image = minimap._picture.toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(center.x() * ratio), round(center.y() * ratio))


def test_the_overview_map_shows_cards_as_blocks_of_their_category_colour(window) -> None:
    from roadmap_app.domain.progress import Status

    scene, minimap = window.scene, window.minimap
    done, todo = scene.nodes["numpy"], scene.nodes["pandas"]
    done.set_state(Status.DONE, done.resources)
    todo.set_state(Status.TODO, todo.resources)
    minimap._draw_picture()
    assert card_pixel(window, "numpy") == done.category_color  # finished: the full colour
    pale = card_pixel(window, "pandas")  # not started: a pale wash of it over the map's background
    surface = QColor(window.theme.surface)
    assert pale != todo.category_color
    assert abs(pale.lightness() - surface.lightness()) < abs(todo.category_color.lightness() - surface.lightness())


def test_a_map_just_opened_is_painted_before_its_overview_map_is_drawn(window, qtbot, tmp_path) -> None:
    from tests.conftest import ML_ROADMAP

    newer = tmp_path / "ml.roadmap.yaml"  # a new version of the open roadmap: its map is drawn again
    newer.write_text(ML_ROADMAP.read_text(encoding="utf-8").replace("title: NumPy", "title: NumPy arrays", 1),
                     encoding="utf-8")
    minimap, old_scene = window.minimap, window.scene
    seen: list[bool] = []  # at each paint of the new graph: was the map's picture still to be drawn?

    class Probe(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and window.scene is not old_scene:
                seen.append(minimap._picture.isNull())
            return False

    probe = Probe()
    window.view.viewport().installEventFilter(probe)
    window.open_roadmap(newer)
    qtbot.waitUntil(lambda: bool(seen) and not minimap._picture.isNull(), timeout=10_000)
    window.view.viewport().removeEventFilter(probe)
    assert seen[0], "the graph waited for the overview map"
    assert minimap.isVisible()
