"""Help ▸ Roadmap File Format: the guide rendered in the app, its sections, links, find bar and themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextTable
from PySide6.QtWidgets import QApplication

from roadmap_app.ui.format_guide import FormatGuide, show_format_guide
from tests.helpers.links import anchor_point, record_opened_links


def open_guide(window, qtbot, guide=None) -> FormatGuide:
    shown = show_format_guide(window, guide) if guide is not None else None
    if shown is None:
        window.show_format_help()
        shown = window.findChild(FormatGuide)
    qtbot.waitExposed(shown)
    return shown


def code_panels(guide: FormatGuide) -> list:
    return [frame for frame in guide.browser.document().rootFrame().childFrames()
            if not frame.frameFormat().isTableFormat()]


def test_the_format_guide_is_shown_rendered_not_as_markdown(window, qtbot) -> None:
    guide = open_guide(window, qtbot)
    text = guide.browser.toPlainText()
    assert "A small example" in text and "The format version." in text
    for marker in ("## ", "|---|", "```", "**"):
        assert marker not in text, marker
    sections = [guide.sections.item(row).text() for row in range(guide.sections.count())]
    assert "Limits" in sections and "What validate prints" in sections
    panels = code_panels(guide)
    assert panels, "code blocks are set in panels of their own"
    page = guide.browser.palette().color(QPalette.ColorRole.Base)
    assert panels[0].frameFormat().background().color() != page
    guide.sections.setCurrentRow(sections.index("Limits"))
    assert guide.browser.verticalScrollBar().value() > 0


def test_the_guide_follows_the_theme(window, qtbot) -> None:
    window.set_theme_choice("light")
    guide = open_guide(window, qtbot)
    assert code_panels(guide)[0].frameFormat().background().color().lightness() > 200
    window.set_theme_choice("dark")
    qtbot.waitUntil(lambda: code_panels(guide)[0].frameFormat().background().color().lightness() < 100)
    text_colour = guide.browser.palette().color(QPalette.ColorRole.Text)
    assert text_colour.lightness() > 180  # light text on the dark page and panels
    table = next(frame for frame in guide.browser.document().rootFrame().childFrames()
                 if isinstance(frame, QTextTable))
    rule = guide.browser.palette().color(QPalette.ColorRole.Mid)
    assert table.format().borderBrush().color() == rule
    assert table.cellAt(1, 1).format().toTableCellFormat().bottomBorderBrush().color() == rule


LINKS = """# Links

[Jump to the end](#the-end), [a web page](https://example.com/page), [a script](javascript:void),
[a local file](file:///etc/passwd).

{filler}

## The end

The last words.
"""


@pytest.fixture
def linked_guide(tmp_path):
    path = tmp_path / "links.md"
    path.write_text(LINKS.format(filler="\n\n".join(f"Paragraph {n} of filler." for n in range(80))),
                    encoding="utf-8")
    return path


def test_a_link_to_a_section_scrolls_there(window, qtbot, linked_guide) -> None:
    guide = open_guide(window, qtbot, linked_guide)
    bar = guide.browser.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    qtbot.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(guide.browser, "#the-end"))
    assert bar.value() > 0 and not guide.note.text()


def test_only_web_links_reach_the_browser(window, qtbot, linked_guide, monkeypatch) -> None:
    opened = record_opened_links(monkeypatch)
    guide = open_guide(window, qtbot, linked_guide)
    for href in ("javascript:void", "file:///etc/passwd"):
        qtbot.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(guide.browser, href))
        assert opened == [] and "not opened" in guide.note.text()
    qtbot.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(guide.browser, "https://example.com/page"))
    assert opened == ["https://example.com/page"]
    assert "The last words." in guide.browser.toPlainText()  # still the guide: no link replaced it


@pytest.mark.parametrize("kind", ["missing", "folder", "not utf-8"])
def test_a_guide_that_cannot_be_read_says_what_to_do_instead(window, qtbot, tmp_path, kind) -> None:
    guide_path = tmp_path / "roadmap-format.md"
    if kind == "folder":
        guide_path.mkdir()
    elif kind == "not utf-8":
        guide_path.write_bytes(b"# Guide\n\n\xff\xfe broken")
    guide = open_guide(window, qtbot, guide_path)
    text = guide.browser.toPlainText()
    assert "format guide is missing" in text and str(guide_path) in text
    assert "roadmap-app schema" in text and "roadmap-app validate FILE" in text
    assert not guide.sections.isVisible()


def test_asking_for_the_guide_again_brings_back_the_same_window(window, qtbot) -> None:
    first = open_guide(window, qtbot)
    first.close()
    assert not first.isVisible()
    second = open_guide(window, qtbot)
    assert second is first and second.isVisible() and len(window.findChildren(FormatGuide)) == 1
    assert not second.isModal()


def test_find_in_the_guide(window, qtbot) -> None:
    guide = open_guide(window, qtbot)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)  # show_format_guide() activates it
    guide.browser.setFocus()
    assert not guide.find_field.hasFocus()
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.find_field.hasFocus()
    qtbot.keyClicks(guide.find_field, "alias")
    first = guide.browser.textCursor()
    assert first.selectedText().lower() == "alias"
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    second = guide.browser.textCursor()
    assert second.selectedText().lower() == "alias" and second.selectionStart() > first.selectionStart()
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert guide.browser.textCursor().selectionStart() == first.selectionStart()
    guide.find_field.setText("alias bomb")  # once in the guide: the next match is itself, found from the top
    only = guide.browser.textCursor().selectionStart()
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectionStart() == only and guide.find_result.text() == ""
    guide.find_field.setText("no such words anywhere")
    assert guide.find_result.text() == "Not found"
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Escape)  # clears the field first
    assert guide.find_field.text() == "" and guide.isVisible()
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Escape)  # then closes the guide
    assert not guide.isVisible()
