"""Live reload: the window follows its roadmap file on disk and shows a broken version's problems in a panel.

A change on disk is checked like an opened file; a valid version replaces the map (the window keeps progress,
undo history, zoom, selection and plan goals), an invalid one keeps the last good map on screen and fills the
Problems dock, never a dialog. Unsaved in-app edits are never dropped silently: the person chooses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel

from roadmap_app.formats.loader import LoadResult
from roadmap_app.ui.dialogs import tell
from roadmap_app.ui.text import elide

if TYPE_CHECKING:
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.file_watch import RoadmapFileWatch
    from roadmap_app.ui.main_window import MainWindow
    from roadmap_app.ui.panels.problems import ProblemsPanel

PROBLEMS_HEIGHT = 0.35  # of the window, at most, when the Problems dock appears below the map
SAID_FOR_MS = 8000
NAME_CHARS = 40  # of a file name in the status bar


class LiveReload(QObject):
    """Owns the file watch and the Problems dock of a window; the window calls `follow` whenever it shows a file."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._watch: RoadmapFileWatch | None = None
        # The file's state has a status-bar label of its own: the progress summary there takes the whole width,
        # leaving none to QStatusBar.showMessage(). It stays while the state lasts, or SAID_FOR_MS for news.
        self.file_state = QLabel()
        self.file_state.setTextFormat(Qt.TextFormat.PlainText)
        self.file_state.setAccessibleName("Roadmap file")
        self.file_state.hide()
        window.statusBar().insertPermanentWidget(0, self.file_state)
        self._unsay = QTimer(self, singleShot=True)
        self._unsay.timeout.connect(lambda: self._say(""))
        self._panel: ProblemsPanel | None = None
        self._waiting = False  # a change waits for the check of an earlier version to finish
        self.dock = QDockWidget("Problems", window)
        self.dock.setObjectName("problemsDock")
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._make_panel_when_shown)

    # ------------------------------------------------------------------ the panel, made when first needed
    @property
    def panel(self) -> ProblemsPanel:
        if self._panel is None:
            from roadmap_app.ui.panels.problems import ProblemsPanel

            panel = ProblemsPanel()
            panel.statusMessage.connect(lambda text: self._say(text))
            panel.reloadRequested.connect(self.reload)
            panel.keepEditsRequested.connect(lambda: self._say(
                "Kept your edits; the version on disk was not read (File ▸ Reload reads it)."))
            document = self.window.document
            panel.set_file(document.path if document is not None else None)
            self._panel = panel
            self.dock.setWidget(panel)
        return self._panel

    def _make_panel_when_shown(self, visible: bool) -> None:
        if visible:
            _ = self.panel

    def _show_dock(self) -> None:
        """Show the dock below the map: at most PROBLEMS_HEIGHT of the window, and room for messages if it has any."""
        self.dock.show()
        self.dock.raise_()

        def fit() -> None:  # once the dock has been laid out
            wanted, height = int(PROBLEMS_HEIGHT * self.window.height()), self.dock.height()
            listing = self._panel is not None and self._panel.has_problems
            if not self.dock.isFloating() and (height > wanted or (listing and height < 0.6 * wanted)):
                self.window.resizeDocks([self.dock], [wanted], Qt.Orientation.Vertical)

        QTimer.singleShot(0, fit)

    def _say(self, text: str, timeout: int = SAID_FOR_MS, tip: str = "") -> None:
        """Tell in the status bar (nothing: say nothing); `timeout` 0 keeps it until something else is said."""
        self.file_state.setText(text)
        self.file_state.setToolTip(tip or text)
        self.file_state.setVisible(bool(text))
        self._unsay.stop()
        if text and timeout:
            self._unsay.start(timeout)

    @property
    def said(self) -> str:
        """What the status bar says about the file now."""
        return self.file_state.text() if self.file_state.isVisibleTo(self.window) else ""

    @property
    def watch(self) -> RoadmapFileWatch:
        """The file watch, made when the first file is followed (the window shows its first frame before)."""
        if self._watch is None:
            from roadmap_app.ui.file_watch import RoadmapFileWatch

            watch = self._watch = RoadmapFileWatch(self)
            watch.changed.connect(self._on_changed)
            watch.missing.connect(lambda path: self._say(
                f"{_name(path)} is gone (deleted or moved); the map shows the last version read", 0,
                "The file is read again if it comes back."))
            watch.returned.connect(lambda path: self._say(f"{_name(path)} is back; the map shows it"))
            watch.unreadable.connect(lambda path, why: self._say(
                f"Cannot read {_name(path)} ({elide(why)}); the map shows the last version read", 0))
        return self._watch

    # ------------------------------------------------------------------ following the open file
    def follow(self, document: RoadmapDocument | None) -> None:
        """The window shows `document` (a file opened, a new version accepted, or saved under another name)."""
        path = document.path if document is not None else None
        if path != self.watch.path:
            self._say("")  # what it said was about another file
        self.watch.watch(path, document.roadmap.source_digest if document is not None else "")
        if self._panel is not None and self._panel.path != path:
            self._panel.clear()
            self._panel.set_file(path)
            self.dock.hide()

    def stop(self) -> None:
        """The window closes: watch nothing (the system's watch is given back)."""
        if self._watch is not None:
            self._watch.stop()

    def _on_changed(self, path: Path) -> None:
        window = self.window
        if window.document is None or window.document.path != path or window.opening_another_file(path):
            return
        if window.checking(path):  # a big file's earlier version is still checked elsewhere: this one follows it
            if not self._waiting:
                self._waiting = True
                from roadmap_app.ui.file_watch import SETTLE_MS

                QTimer.singleShot(SETTLE_MS, lambda: self._after_wait(path))
            return
        if window.edits_unsaved():
            self.panel.ask_about_disk_change(path)
            self._show_dock()
            self._say(f"{_name(path)} changed on disk; your edits are not saved: choose in the Problems panel", 0)
            return
        window.open_roadmap(path, keep_view=True, content=self.watch.content)

    def _after_wait(self, path: Path) -> None:
        self._waiting = False
        self._on_changed(path)  # with the newest content seen meanwhile

    def reload(self) -> None:
        """Read the open file again (File ▸ Reload, or Reload From Disk): like a change on disk, but always."""
        document = self.window.document
        if document is None or document.path is None:
            return
        try:
            from roadmap_app.ui.file_watch import read_content

            content = read_content(document.path)
        except OSError as exc:
            tell(self.window, "Cannot reload roadmap", f"Cannot read {document.path}: {exc.strerror or exc}")
            return
        self.watch.remember(content)  # what this reload shows; the watch need not announce it again
        self.window.open_roadmap(document.path, keep_view=True, content=content)

    # ------------------------------------------------------------------ what a check of a new version found
    def show_invalid(self, path: Path, result: LoadResult, content: bytes) -> None:
        """A new version of the open file that cannot be shown: the map stays, the problems go to the panel."""
        panel = self.panel
        panel.show_problems(path, result.diagnostics, content)
        self._show_dock()
        count = len(result.errors)
        self._say(f"{_name(path)} has {count} problem{'' if count == 1 else 's'}; showing the last good version", 0)

    def valid_again(self, path: Path) -> None:
        """A new version that can be shown: a panel still listing the problems of an older one clears itself."""
        if self._panel is not None and self._panel.has_problems:
            self._panel.clear()
            self.dock.hide()
            self._say(f"{_name(path)} has no problems any more; the map shows the new version")
        else:
            self._say("")  # a file that was gone or unreadable is shown again


def _name(path: Path) -> str:
    return elide(path.name, NAME_CHARS)
