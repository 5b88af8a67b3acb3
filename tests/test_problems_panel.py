"""The Problems panel on its own: what it lists, and the text it shows for a message, whatever the file holds."""

from __future__ import annotations

from pathlib import Path

from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.ui.panels.problems import ProblemsPanel
from roadmap_app.ui.panels.source_view import CONTEXT_LINES, MAX_LINE_CHARS


def panel_showing(qtbot, content: bytes, *diagnostics: Diagnostic) -> ProblemsPanel:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.show_problems(Path("/somewhere/x.roadmap.json"), list(diagnostics), content)
    return panel


def test_errors_come_first_each_with_its_place(qtbot) -> None:
    panel = panel_showing(qtbot, b"a\nb\nc\n", Diagnostic(1, 2, "warning", "a warning"),
                          Diagnostic(3, 1, "error", "an error"))
    assert panel.messages() == ["line 3, column 1: an error", "line 1, column 2: a warning"]
    assert panel.summary.text().startswith("x.roadmap.json has 1 problem;")
    assert panel.source.current_line == 3 and panel.source.current_line_text() == "c"


def test_a_long_line_is_shown_around_the_column(qtbot) -> None:
    line = "".join(chr(ord("a") + i % 26) for i in range(50_000))
    column = 40_001
    panel = panel_showing(qtbot, line.encode(), Diagnostic(1, column, "error", "bad value"))
    shown = panel.source.current_line_text()
    assert len(shown) <= MAX_LINE_CHARS + 2 and shown.startswith("…") and shown.endswith("…")
    cursor = panel.source.textCursor().positionInBlock()
    assert shown[cursor] == line[column - 1]
    assert shown[cursor - 10:cursor + 10] == line[column - 11:column + 9]


def test_only_the_lines_around_a_message_of_a_big_file_are_shown(qtbot) -> None:
    content = "".join(f"line {n}\n" for n in range(1, 20_001)).encode()
    panel = panel_showing(qtbot, content, Diagnostic(10_000, 1, "error", "here"))
    assert panel.source.blockCount() == 2 * CONTEXT_LINES + 1
    assert panel.source.first_line == 10_000 - CONTEXT_LINES
    assert panel.source.current_line_text() == "line 10000"


def test_text_that_is_not_utf8_or_holds_nul_is_shown_anyway(qtbot) -> None:
    panel = panel_showing(qtbot, b"ok\n\xff\xfe bad \x00 byte\n", Diagnostic(2, 1, "error", "not UTF-8"),
                          Diagnostic(99, 1, "error", "past the end"))
    assert panel.source.current_line_text() == "\ufffd\ufffd bad \u2400 byte"
    panel.list.setCurrentRow(1)
    assert panel.source.current_line == 3  # the last line (empty, after the final newline)


def test_clearing_leaves_nothing_to_copy(qtbot) -> None:
    panel = panel_showing(qtbot, b"x", Diagnostic(1, 1, "error", "e"))
    panel.clear()
    assert panel.messages() == [] and not panel.has_problems and not panel.copy_button.isEnabled()
    assert panel.splitter.isHidden()


def test_the_chosen_line_stays_in_view_when_the_panel_gets_its_size_later(qtbot) -> None:
    content = "".join(f"line {n}\n" for n in range(1, 2_001)).encode()
    panel = panel_showing(qtbot, content, Diagnostic(1_500, 1, "error", "here"))
    panel.resize(600, 700)  # laid out at one size, then given its place in the dock
    panel.show()
    qtbot.waitExposed(panel)
    panel.resize(600, 200)
    qtbot.wait(50)
    source = panel.source
    assert source.viewport().rect().contains(source.cursorRect().center())
