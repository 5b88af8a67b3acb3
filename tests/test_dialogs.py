"""The Log Study Time dialog: readable, and Tab goes where a person types next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from roadmap_app.ui.dialogs import LogStudyDialog


def test_typing_minutes_then_a_note_never_changes_the_day(qtbot) -> None:
    dialog = LogStudyDialog("Exploratory data analysis and visualisation")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.minutes
    qtbot.keyClicks(dialog.minutes, "45")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "read chapter 3")
    assert dialog.values() == (45, date.today(), "read chapter 3")


def test_the_whole_title_is_shown(qtbot) -> None:
    title = "Exploratory data analysis and visualisation with a long tail of words"
    dialog = LogStudyDialog(title)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    heading = dialog.layout().itemAt(0).widget()
    assert heading.text() == title and heading.width() >= heading.fontMetrics().boundingRect(title).width() / 2
    assert dialog.width() >= 420
