"""The main window's actions, menus and toolbar (wiring only; behaviour lives in the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import check_file, find_roadmap_files
from roadmap_app.paths import bundled_roadmaps_dir

STATUS_ACTIONS = [(Status.DONE, "Mark &Done", "D"), (Status.LEARNING, "Mark &Learning", "L"),
                  (Status.SKIPPED, "Mark &Skipped", "S"), (Status.TODO, "&Reset", "R")]
THEMES = [("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")]


def make_action(window, text: str, slot, shortcut=None, tip: str | None = None, checkable: bool = False) -> QAction:
    """A window-wide action with an optional shortcut and tip."""
    action = QAction(text, window)
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


def create_actions(w) -> None:
    """Every action of the window, stored on it as attributes."""
    a = w._action
    keys = QKeySequence.StandardKey
    w.open_action = a("&Open Roadmap…", w.choose_roadmap, keys.Open, "Open a roadmap file")
    w.reload_action = a("&Reload", w.reload, keys.Refresh, "Read the roadmap file again")
    w.export_image_action = a("&Export Image…", lambda: w.files.export_image(), "Ctrl+E",
                              "Save the graph as PNG, SVG or PDF")
    w.export_progress_action = a("Export &Progress…", lambda: w.files.export_progress(), None,
                                 "Save your progress to a JSON file for another machine")
    w.import_progress_action = a("&Import Progress…", lambda: w.files.import_progress(), None,
                                 "Merge progress from a JSON file")
    w.quit_action = a("&Quit", w.close, keys.Quit)
    w.find_action = a("&Find…", w.open_search, keys.Find, "Search skills (Ctrl+F)")
    w.zoom_in_action = a("Zoom &In", lambda: w.view.zoom_in(), keys.ZoomIn)
    w.zoom_in_action.setShortcuts([QKeySequence(keys.ZoomIn), QKeySequence("Ctrl+=")])
    w.zoom_out_action = a("Zoom &Out", lambda: w.view.zoom_out(), keys.ZoomOut)
    w.fit_action = a("&Fit to Window", lambda: w.view.fit_all(), "Ctrl+0", "Show the whole graph")
    w.actual_size_action = a("&Actual Size", lambda: w.view.reset_zoom(), "Ctrl+1")
    w.zoom_selection_action = a("Zoom to &Selection", lambda: w.view.zoom_to_selection(), "Ctrl+2",
                                "Zoom to the selected skill")
    w.ready_action = a("Show Only &Ready to Learn", w._toggle_ready, "Ctrl+Shift+R",
                       "Dim everything whose prerequisites are not all done or skipped", checkable=True)
    w.status_actions = {status: a(label, lambda _=False, s=status: w.set_selected_status(s), key)
                        for status, label, key in STATUS_ACTIONS}
    w.log_action = a("Log Study &Time…", lambda: w.log_study_time(), "Ctrl+T")
    w.plan_here_action = a("&Plan Up to Here", lambda: w.plan_up_to(), None, "Plan this skill and everything it needs")
    w.undo_action = a("&Undo", lambda: w.document and w.document.undo_stack.undo(), keys.Undo)
    w.redo_action = a("&Redo", lambda: w.document and w.document.undo_stack.redo(), keys.Redo)
    w.theme_group = QActionGroup(w)
    w.theme_actions = {}
    for choice, label in THEMES:
        action = a(label, lambda _=False, c=choice: w.set_theme_choice(c), checkable=True)
        action.setChecked(choice == w.theme_choice)
        w.theme_group.addAction(action)
        w.theme_actions[choice] = action


def build_menus_and_toolbar(w) -> None:
    """Menu bar and toolbar from the window's actions."""
    menu = w.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(w.open_action)
    bundled = file_menu.addMenu("Open &Bundled Roadmap")
    for path in find_roadmap_files(bundled_roadmaps_dir()):
        result = check_file(path)
        bundled.addAction(result.roadmap.title if result.roadmap else path.name, lambda p=path: w.open_roadmap(p))
    for item in (w.reload_action, None, w.export_image_action, w.export_progress_action, w.import_progress_action,
                 None, w.quit_action):
        file_menu.addSeparator() if item is None else file_menu.addAction(item)
    edit_menu = menu.addMenu("&Edit")
    for item in (w.undo_action, w.redo_action, None, w.find_action):
        edit_menu.addSeparator() if item is None else edit_menu.addAction(item)
    view_menu = menu.addMenu("&View")
    for item in (w.zoom_in_action, w.zoom_out_action, w.fit_action, w.actual_size_action, w.zoom_selection_action,
                 None, w.ready_action, w.details_dock.toggleViewAction()):
        view_menu.addSeparator() if item is None else view_menu.addAction(item)
    plan_toggle = w.plan_dock.toggleViewAction()
    plan_toggle.setShortcut(QKeySequence("Ctrl+Shift+P"))
    view_menu.addAction(plan_toggle)
    theme_menu = view_menu.addMenu("&Theme")
    for action in w.theme_actions.values():
        theme_menu.addAction(action)
    node_menu = menu.addMenu("&Skill")
    for item in (*w.status_actions.values(), None, w.log_action, w.plan_here_action):
        node_menu.addSeparator() if item is None else node_menu.addAction(item)
    help_menu = menu.addMenu("&Help")
    help_menu.addAction("Roadmap &File Format", w.show_format_help)
    help_menu.addAction("&About Roadmap", w.show_about)

    toolbar = w.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    for item in (w.open_action, w.find_action, None, w.zoom_in_action, w.zoom_out_action, w.fit_action,
                 w.zoom_selection_action, None, w.ready_action, None, *w.status_actions.values()):
        toolbar.addSeparator() if item is None else toolbar.addAction(item)
