"""Help ▸ Keyboard Shortcuts lists every shortcut the window has, grouped by menu, in two columns that fit."""

from __future__ import annotations

from PySide6.QtGui import QAction

from roadmap_app.ui.shortcuts_dialog import (
    KEYS_WITHOUT_ACTIONS,
    ShortcutsDialog,
    balanced_split,
    keys_of,
    meaning_of,
    shortcut_groups,
)


def open_shortcuts(window, qtbot) -> ShortcutsDialog:
    window.commands.shortcuts.trigger()
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None)
    dialog = window.findChild(ShortcutsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_every_shortcut_of_the_window_is_listed(window, qtbot) -> None:
    dialog = open_shortcuts(window, qtbot)
    with_keys = [action for action in window.findChildren(QAction) if action.shortcuts()]
    assert len(with_keys) > 25  # the menus' actions, the graph's Delete and the docks' toggles
    for action in with_keys:
        assert (keys_of(action), meaning_of(action)) in dialog.rows, meaning_of(action)
    assert dialog.rows == window.commands.shortcut_rows()


def test_the_shortcuts_are_grouped_by_menu_then_the_keys_of_the_graph_and_panels(window) -> None:
    groups = dict(shortcut_groups(window, (window.view,)))
    assert ("Ctrl+Shift+P", "Study Plan") in groups["View"] and ("Ctrl+Shift+G", "Progress Charts") in groups["View"]
    assert ("D", "Mark Done") in groups["Skill"] and ("Del", "Delete Skill") in groups["Roadmap"]
    assert list(groups)[-len(KEYS_WITHOUT_ACTIONS):] == [heading for heading, _ in KEYS_WITHOUT_ACTIONS]


def test_an_action_in_no_menu_is_still_listed(window) -> None:
    hidden = QAction("Secret Thing…", window)
    hidden.setShortcut("Ctrl+Alt+J")
    window.addAction(hidden)
    groups = dict(shortcut_groups(window, (window.view,)))
    assert groups["Other"] == [("Ctrl+Alt+J", "Secret Thing")]


def test_the_columns_are_about_as_tall_as_each_other(window, qtbot) -> None:
    groups = shortcut_groups(window, (window.view,))
    cut = balanced_split(groups)
    heights = [sum(len(rows) + 1.5 for _, rows in part) for part in (groups[:cut], groups[cut:])]
    assert abs(heights[0] - heights[1]) <= max(len(rows) for _, rows in groups) + 1.5
    dialog = open_shortcuts(window, qtbot)
    assert dialog.height() <= dialog.screen().availableGeometry().height()
