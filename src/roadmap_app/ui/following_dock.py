"""A dock that follows the open document's progress: worked out again while it shows, only marked stale when hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from roadmap_app.domain.roadmap import Roadmap
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.main_window import MainWindow


class FollowingDock(QObject):
    """Subclasses say what to do in `refresh()`; this keeps the dock, its View-menu toggle and the staleness."""

    def __init__(self, window: MainWindow, title: str, name: str, menu_text: str, shortcut: str, settle_ms: int):
        super().__init__(window)
        self.window = window
        self.dock = QDockWidget(title, window)
        self.dock.setObjectName(name)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText(menu_text)
        self.toggle.setShortcut(shortcut)
        self._document: RoadmapDocument | None = None
        self._stale = True
        self._refresh = QTimer(self, singleShot=True, interval=settle_ms)
        self._refresh.timeout.connect(self.refresh)

    def follow(self, document: RoadmapDocument | None) -> None:
        """The window shows another document (or none)."""
        if document is self._document:
            return
        self.leaving(self._document)
        if self._document is not None:
            self._document.nodesChanged.disconnect(self._on_progress)
            self._document.roadmapReplaced.disconnect(self._on_replaced)
        self._document = document
        if document is not None:
            document.nodesChanged.connect(self._on_progress)
            document.roadmapReplaced.connect(self._on_replaced)
        self.mark_stale()

    def leaving(self, document: RoadmapDocument | None) -> None:
        """Called before another document is followed."""

    def _on_progress(self, _node_ids: set[str], aspects: frozenset[str]) -> None:
        if aspects & {"status", "sessions"}:
            self.mark_stale()

    def _on_replaced(self, _old: Roadmap) -> None:
        self.mark_stale()

    def mark_stale(self) -> None:
        """Work it out again soon if shown; a hidden dock only remembers that it is out of date."""
        self._stale = True
        if self.dock.isVisible():
            self._refresh.start()

    def _on_visibility(self, visible: bool) -> None:
        # before the window follows its first roadmap (a dock restored as shown at start) there is nothing to
        # work out, and "no roadmap" would be wrong while one is opening: follow() refreshes it
        if visible and self._stale and self._document is not None:
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
