"""Help ▸ Keyboard Shortcuts: every shortcut of the window by its menu, then the keys of the graph and panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

Rows = list[tuple[str, str]]  # (keys, what they do)
Group = tuple[str, Rows]  # a heading and its rows

# Keys handled by a widget itself rather than by an action, so no menu can list them.
KEYS_WITHOUT_ACTIONS: list[Group] = [
    ("On the graph", [("←  →", "Select a prerequisite or a skill it unlocks"),
                      ("↑  ↓", "Select the skill above or below"),
                      ("Shift + arrows", "Scroll"),
                      ("Tab", "Move between the graph, the details and the plan")]),
    ("Find bar", [("Enter, Shift+Enter", "Next match, previous match"), ("Esc", "Close the find bar")]),
    ("Library", [("Enter, Esc", "Open the chosen roadmap, go back to the map")]),
    ("Editing a roadmap", [("Drag", "From a skill to the skill that needs it: connect them"),
                           ("Shift + drag", "Connect them as a recommendation"),
                           ("Esc", "Cancel the drag")]),
]
SCREEN_SHARE = 0.85  # the dialog is never taller than this share of the screen; it scrolls instead


def keys_of(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


def meaning_of(action: QAction) -> str:
    return action.text().replace("&", "").removesuffix("…")


def _menu_rows(menu: QMenu, listed: set[QAction]) -> Rows:
    rows: Rows = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows += _menu_rows(submenu, listed)
        elif action.shortcuts() and action not in listed:
            listed.add(action)
            rows.append((keys_of(action), meaning_of(action)))
    return rows


def shortcut_groups(window: QMainWindow, extra_widgets: tuple[QWidget, ...] = ()) -> list[Group]:
    """The shortcuts of every menu, in menu order; then any action of the window (or of `extra_widgets`) with a
    shortcut that no menu shows; then the keys without actions."""
    listed: set[QAction] = set()
    groups: list[Group] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            rows = _menu_rows(menu, listed)
            if rows:
                groups.append((menu_action.text().replace("&", ""), rows))
    loose = [action for widget in (window, *extra_widgets) for action in widget.actions()
             if action.shortcuts() and action not in listed]
    if loose:
        groups.append(("Other", [(keys_of(action), meaning_of(action)) for action in loose]))
    return groups + KEYS_WITHOUT_ACTIONS


def balanced_split(groups: list[Group]) -> int:
    """Where to cut the groups, kept in order, into two columns of about the same height (a heading counts as a
    row and a half)."""
    heights = [len(rows) + 1.5 for _, rows in groups]
    total = sum(heights)
    best, best_height, left = len(groups), total, 0.0
    for cut in range(len(groups) + 1):
        taller = max(left, total - left)
        if taller < best_height:
            best, best_height = cut, taller
        if cut < len(groups):
            left += heights[cut]
    return best


class ShortcutsDialog(QDialog):
    """The groups in two columns, each a heading over its keys and what they do; on a screen too small for all of it,
    it scrolls."""

    def __init__(self, groups: list[Group], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.groups = groups
        self.rows = [row for _, rows in groups for row in rows]
        cut = balanced_split(groups)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        for part in (groups[:cut], groups[cut:]):
            columns.addLayout(_column(part))
        content = QWidget()
        content.setLayout(columns)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        area = (parent or self).screen().availableGeometry()
        margins = layout.contentsMargins()
        extra = margins.left() + margins.right() + scroll.verticalScrollBar().sizeHint().width()
        needed = content.sizeHint()
        height = needed.height() + buttons.sizeHint().height() + layout.spacing() + margins.top() + margins.bottom()
        self.resize(min(needed.width() + extra, area.width()), min(height, int(area.height() * SCREEN_SHARE)))


def _column(groups: list[Group]) -> QGridLayout:
    """One grid for the column, so the keys of all its groups line up; each heading spans both of its columns."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(3)
    grid.setColumnStretch(1, 1)
    row = 0
    for heading, rows in groups:
        title = QLabel(heading)
        font = title.font()
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        title.setForegroundRole(QPalette.ColorRole.Link)  # the theme's accent: the headings stand out from the rows
        if row:
            title.setContentsMargins(0, 10, 0, 0)
        grid.addWidget(title, row, 0, 1, 2)
        row += 1
        for keys, meaning in rows:
            key_label, meaning_label = QLabel(keys), QLabel(meaning)
            for label in (key_label, meaning_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
            key_font = key_label.font()
            key_font.setWeight(QFont.Weight.DemiBold)
            key_label.setFont(key_font)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(meaning_label, row, 1)
            row += 1
    grid.setRowStretch(row, 1)
    return grid
