"""Both themes stay legible, also after switching while the window is open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

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
