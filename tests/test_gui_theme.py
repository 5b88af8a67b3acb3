"""Both themes stay legible, also after switching while the window is open."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette, QTextDocument

from roadmap_app.domain.progress import Status
from roadmap_app.ui import theme as themes
from tests.conftest import saved


def luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", [themes.LIGHT, themes.DARK], ids=["light", "dark"])
def test_marks_and_text_have_enough_contrast(theme) -> None:
    assert contrast(theme.on_accent, theme.accent) >= 4.5  # text on a pressed button
    assert contrast(theme.text_muted, theme.surface) >= 3  # a check box's outline
    assert contrast(theme.text, theme.window) >= 7


@pytest.mark.parametrize("theme", [themes.LIGHT, themes.DARK], ids=["light", "dark"])
def test_the_style_sheet_names_files_that_exist(theme) -> None:
    paths = re.findall(r'url\("([^"]+)"\)', themes.style_sheet(theme))
    assert paths and all(Path(p).is_file() for p in paths)


@pytest.mark.parametrize("first, then", [("light", "dark"), ("dark", "light")])
def test_switching_theme_recolours_the_details(window, qtbot, first, then) -> None:
    window.set_theme_choice(first)
    window.select_and_show("pandas")
    window.document.set_status("pandas", Status.LEARNING)
    saved(qtbot, window)
    window.set_theme_choice(then)
    expected = themes.resolve(then)
    title = window.details.title
    assert title.palette().color(title.foregroundRole()).name() == expected.text
    pressed = window.details.status_buttons[Status.LEARNING]
    assert pressed.isChecked()
    image = pressed.grab().toImage()
    middle = QColor(image.pixel(image.width() // 2, 2))
    assert contrast(middle.name(), expected.window) > 1.5  # the pressed button stands out from the window
    assert window.palette().color(QPalette.ColorRole.Window).name() == expected.window


def test_the_window_fits_1024_by_700_with_the_plan_open(window, qtbot) -> None:
    from PySide6.QtWidgets import QToolBar, QToolButton

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.plan_dock.show()
    qtbot.waitUntil(lambda: window.plan_panel.plan is not None)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.minimumSizeHint().width() <= 1024 and window.height() == 700
    qtbot.waitUntil(lambda: window.plan_dock.height() <= 0.45 * window.height())  # the graph keeps room
    toolbar = window.findChild(QToolBar, "mainToolbar")
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible()
    shown = window.progress_label.text()
    roadmap = window.document.roadmap
    label = window.progress_label
    assert shown.count(" %") == len(roadmap.categories) + 1
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(shown)
    assert document.idealWidth() <= label.contentsRect().width()  # every category stays in view
    for category in roadmap.categories:
        assert category.title in label.toolTip()


def test_category_names_are_whole_when_there_is_room(window, qtbot) -> None:
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: window.width() == 1900)
    text = window.progress_label.text()
    assert all(category.title in text for category in window.document.roadmap.categories)


def card_in_grey(theme, status: Status, scale: float) -> list[int]:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QGraphicsScene

    from roadmap_app.formats.loader import load_roadmap
    from roadmap_app.ui.canvas.node_item import NodeItem
    from tests.conftest import ML_ROADMAP

    scene = QGraphicsScene()
    item = NodeItem(load_roadmap(ML_ROADMAP).nodes[0], 200, 58, QColor("#4e79a7"), theme)
    item.set_state(status, (0, 1))
    scene.addItem(item)
    width, height = max(4, round(210 * scale)), max(4, round(68 * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.canvas))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, width, height), QRectF(-105, -34, 210, 68))
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [grey.pixelColor(x, y).value() for y in range(height) for x in range(width)]


@pytest.mark.parametrize("scale", [0.1, 0.2, 0.5, 1.0])
@pytest.mark.parametrize("theme", [themes.LIGHT, themes.DARK], ids=["light", "dark"])
def test_every_status_looks_different_in_greyscale_at_every_zoom(qapp, theme, scale) -> None:
    """Each pair differs somewhere (a glyph is enough); skipped and not started differ across the card."""
    cards = {status: card_in_grey(theme, status, scale) for status in Status}
    for first, second in itertools.combinations(Status, 2):
        a, b = cards[first], cards[second]
        differing = sum(abs(x - y) > 12 for x, y in zip(a, b, strict=True)) / len(a)
        needed = 0.02 if {first, second} == {Status.SKIPPED, Status.TODO} else 0.004
        assert differing >= needed, f"{first.value} and {second.value} look alike at {scale:.0%}"
