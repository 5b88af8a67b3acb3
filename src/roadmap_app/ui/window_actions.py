"""The main window's actions, menus and toolbar (wiring only; behaviour lives in the window)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from roadmap_app.desktop_files import supported as desktop_integration_supported
from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import find_roadmap_files
from roadmap_app.paths import bundled_roadmaps_dir
from roadmap_app.services.roadmap_cache import cached_check
from roadmap_app.ui.desktop_entry import DesktopEntryAction
from roadmap_app.ui.recent_files import fill_recent_menu, open_recent

if TYPE_CHECKING:
    from roadmap_app.ui.main_window import MainWindow

STATUS_ACTIONS = [(Status.DONE, "Mark &Done", "D"), (Status.LEARNING, "Mark &Learning", "L"),
                  (Status.SKIPPED, "Mark &Skipped", "S"), (Status.TODO, "&Reset", "R")]
TOOLBAR_STATUS = [(Status.DONE, "Done"), (Status.LEARNING, "Learning"), (Status.SKIPPED, "Skipped"),
                  (Status.TODO, "Reset")]
PLAN_TOGGLE = "Ctrl+Shift+P"
THIS_WEEK_TOGGLE = "Ctrl+Shift+W"
CHARTS_TOGGLE = "Ctrl+Shift+G"
THEMES = [("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")]


def make_action(window, text: str, slot, shortcut=None, tip: str | None = None, checkable: bool = False) -> QAction:
    """A window-wide action with an optional shortcut and tip."""
    action = QAction(window)  # QAction(text, window) would make QIcon's Python type (and its enums) to rule out
    action.setText(text)  # the (icon, text, parent) overload: ~2 ms before the first frame
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


class WindowCommands:
    """Every action of the main window, declared here and built once; the window connects their behaviour."""

    def __init__(self, w: MainWindow):
        self.window = w
        self.desktop_entry: DesktopEntryAction | None = None  # Help ▸ Add to Applications Menu, where there is one

        def a(text: str, slot, shortcut=None, tip: str | None = None, checkable: bool = False) -> QAction:
            return make_action(w, text, slot, shortcut, tip, checkable)

        keys = QKeySequence.StandardKey
        self.open: QAction = a("&Open Roadmap…", lambda: w.files.open_roadmap(), keys.Open, "Open a roadmap file")
        self.recent_menu = QMenu("Open &Recent", w)
        self.library: QAction = a("&Library…", lambda: w.library.toggle(), "Ctrl+L",
                                  "Your roadmaps and the bundled ones, with your progress in each")
        self.reload: QAction = a("&Reload", w.reload, keys.Refresh, "Read the roadmap file again")
        self.export_image: QAction = a("&Export Image…", lambda: w.files.export_image(), "Ctrl+Shift+E",
                                       "Save the graph as PNG, SVG or PDF")
        self.export_progress: QAction = a("Export &Progress…", lambda: w.files.export_progress(), None,
                                          "Save your progress to a JSON file for another machine")
        self.import_progress: QAction = a("&Import Progress…", lambda: w.files.import_progress(), None,
                                          "Merge progress from a JSON file (Ctrl+Z undoes it)")
        self.quit: QAction = a("&Quit", w.close, keys.Quit)
        self.find: QAction = a("&Find…", w.open_search, keys.Find, "Search skills (Ctrl+F)")
        self.zoom_in: QAction = a("Zoom &In", lambda: w.view.zoom_in(), keys.ZoomIn)
        self.zoom_in.setShortcuts([QKeySequence(keys.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out: QAction = a("Zoom &Out", lambda: w.view.zoom_out(), keys.ZoomOut)
        self.fit: QAction = a("&Fit to Window", lambda: w.view.fit_all(), "Ctrl+0", "Show the whole graph")
        self.actual_size: QAction = a("&Actual Size", lambda: w.view.reset_zoom(), "Ctrl+1")
        self.zoom_selection: QAction = a("Zoom to &Selection", lambda: w.view.zoom_to_selection(), "Ctrl+2",
                                         "Zoom to the selected skill")
        self.ready: QAction = a("Show Only &Ready to Learn", w.toggle_ready, "Ctrl+Shift+R",
                                "Dim everything whose prerequisites are not all done or skipped", checkable=True)
        self.all_lines: QAction = a("Show &All Prerequisite Lines", w.toggle_all_lines, None,
                                    "Also draw prerequisites that a longer chain already implies", checkable=True)
        self.minimap: QAction = a("&Overview Map", w.toggle_minimap, "Ctrl+Shift+M",
                                  "Show the whole graph in a corner, with the part in view outlined", checkable=True)
        self.lanes: QAction = a("Category &Lanes", w.toggle_lanes, None,
                                "Draw each category in a band of its own", checkable=True)
        self.collapse_all: QAction = a("&Collapse All Categories", w.collapse_all_categories, None,
                                       "Show each category as one card with its progress")
        self.expand_all: QAction = a("E&xpand All Categories", w.expand_all_categories, None,
                                     "Show every skill again")
        self.status: dict[Status, QAction] = {
            status: a(label, lambda _=False, s=status: w.set_selected_status(s), key)
            for status, label, key in STATUS_ACTIONS}
        self.log: QAction = a("Log Study &Time…", lambda: w.log_study_time(), "Ctrl+T")
        self.plan_here: QAction = a("&Plan Up to Here", lambda: w.plan_up_to(), None,
                                    "Plan this skill and everything it needs")
        self.shortcuts: QAction = a("&Keyboard Shortcuts", w.show_shortcuts, keys.HelpContents)
        self.shortcuts.setShortcuts([QKeySequence(keys.HelpContents), QKeySequence("?")])
        # progress, or the roadmap's edits in edit mode: the window's UndoRouter decides
        self.undo: QAction = a("&Undo", lambda: w.history.undo(), keys.Undo)
        self.redo: QAction = a("&Redo", lambda: w.history.redo(), keys.Redo)
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])  # both, on every system
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.theme_group = QActionGroup(w)
        self.theme: dict[str, QAction] = {}
        for choice, label in THEMES:
            action = a(label, lambda _=False, c=choice: w.set_theme_choice(c), checkable=True)
            action.setChecked(choice == w.theme_choice)
            self.theme_group.addAction(action)
            self.theme[choice] = action

    def show_history(self, undo_label: str | None, redo_label: str | None) -> None:
        """Undo and Redo name what they would do: "Undo Mark ‘NumPy’ as done"."""
        self.undo.setText(f"&Undo {undo_label}" if undo_label else "&Undo")
        self.redo.setText(f"&Redo {redo_label}" if redo_label else "&Redo")
        self.undo.setEnabled(undo_label is not None)
        self.redo.setEnabled(redo_label is not None)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut, as Help ▸ Keyboard Shortcuts lists them."""
        from roadmap_app.ui.shortcuts_dialog import shortcut_groups

        return [row for _, rows in shortcut_groups(self.window, (self.window.view,)) for row in rows]

    def node_actions(self) -> list[QAction]:
        """Actions that need a selected skill."""
        return [*self.status.values(), self.log, self.zoom_selection, self.plan_here]


def fill_bundled_menu(w: MainWindow, menu: QMenu) -> None:
    """One entry per bundled roadmap, named by its title (its file name if it cannot be read); done once."""
    if menu.actions():
        return
    for path in find_roadmap_files(bundled_roadmaps_dir()):
        try:
            result = cached_check(path, w.data_dir / "roadmap-cache")
        except OSError:
            result = None

        def open_bundled(p: Path = path) -> None:
            w.open_roadmap(p)

        menu.addAction(result.roadmap.title if result and result.roadmap else path.name, open_bundled)


def build_menus_and_toolbar(w: MainWindow, c: WindowCommands) -> None:
    """Menu bar and toolbar from the window's actions."""
    menu = w.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(c.open)
    bundled = file_menu.addMenu("Open &Bundled Roadmap")
    # filled when first opened: reading every bundled roadmap for its title would delay the first frame
    bundled.aboutToShow.connect(lambda: fill_bundled_menu(w, bundled))
    file_menu.insertMenu(bundled.menuAction(), c.recent_menu)
    c.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(c.recent_menu, w.recent,
                                                               lambda path: open_recent(w, w.recent, path)))
    for item in (c.library, c.reload, None, c.export_image, c.export_progress, c.import_progress,
                 None, c.quit):
        file_menu.addSeparator() if item is None else file_menu.addAction(item)
    edit_menu = menu.addMenu("&Edit")
    for item in (c.undo, c.redo, None, c.find):
        edit_menu.addSeparator() if item is None else edit_menu.addAction(item)
    view_menu = menu.addMenu("&View")
    for item in (c.zoom_in, c.zoom_out, c.fit, c.actual_size, c.zoom_selection,
                 None, c.ready, c.all_lines, c.minimap, None, c.lanes, c.collapse_all, c.expand_all,
                 None, w.details_dock.toggleViewAction()):
        view_menu.addSeparator() if item is None else view_menu.addAction(item)
    plan_toggle = w.plan_dock.toggleViewAction()
    plan_toggle.setShortcut(QKeySequence(PLAN_TOGGLE))
    view_menu.addAction(plan_toggle)
    view_menu.addAction(w.this_week.toggle)
    view_menu.addAction(w.charts.toggle)
    view_menu.addAction(w.live.dock.toggleViewAction())  # the Problems panel
    theme_menu = view_menu.addMenu("&Theme")
    for action in c.theme.values():
        theme_menu.addAction(action)
    node_menu = menu.addMenu("&Skill")
    for item in (*c.status.values(), None, c.log, c.plan_here):
        node_menu.addSeparator() if item is None else node_menu.addAction(item)
    help_menu = menu.addMenu("&Help")
    help_menu.addAction(c.shortcuts)
    help_menu.addAction("Roadmap &File Format", w.show_format_help)
    about = help_menu.addAction("&About Roadmap", w.show_about)
    if desktop_integration_supported():
        help_menu.insertSeparator(about)
        c.desktop_entry = DesktopEntryAction(help_menu, about, w)
        help_menu.insertSeparator(about)

    toolbar = w.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    # short names on the toolbar, so it fits a 1024-pixel window; the menus keep the full ones
    for action, short in ((c.open, "Open"), (c.fit, "Fit"), (c.ready, "Ready to Learn"),
                          *((c.status[s], label) for s, label in TOOLBAR_STATUS)):
        action.setIconText(short)
    for item in (c.open, c.find, None, c.zoom_in, c.zoom_out, c.fit, None, c.ready, None, *c.status.values()):
        toolbar.addSeparator() if item is None else toolbar.addAction(item)
