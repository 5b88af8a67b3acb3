"""Drag and drop onto the window: a roadmap file dropped on it opens; anything else is refused, saying why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:  # the Python types of Qt's drag and drop classes are made at the first drag, not at start-up
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDropEvent

    from roadmap_app.ui.main_window import MainWindow

ROADMAP_SUFFIXES = (".yaml", ".yml", ".json")  # *.roadmap.yaml and the rest: File ▸ Open offers the same
NOTE_MS = 8000


def dropped_paths(mime: QMimeData) -> tuple[list[Path], int]:
    """The local files among the dropped URLs, and how many URLs were dropped in all."""
    urls = mime.urls() if mime.hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()], len(urls)


def is_roadmap_name(path: Path) -> bool:
    return path.name.lower().endswith(ROADMAP_SUFFIXES)


class RoadmapDropTarget(QObject):
    """Watches the window's drag and drop events (those on the graph and the panels reach the window too)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._note: tuple[Path, str] | None = None  # said once the dropped file is open (opening clears the bar)
        window.setAcceptDrops(True)
        # the graph view takes drops for its scene by default (and keeps them, though no card wants one):
        # without that, a file dropped on the graph goes on up to the window
        window.view.setAcceptDrops(False)
        window.view.viewport().setAcceptDrops(False)
        window.installEventFilter(self)
        window.roadmapOpened.connect(self._on_opened)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        drag = cast("QDropEvent", event)  # QDragEnterEvent and QDragMoveEvent are QDropEvents
        if kind == QEvent.Type.Drop:
            self._drop(drag.mimeData())
            drag.acceptProposedAction()
        elif any(is_roadmap_name(path) for path in dropped_paths(drag.mimeData())[0]):
            drag.acceptProposedAction()  # the pointer shows the drop is welcome
        else:
            drag.ignore()
            if kind == QEvent.Type.DragEnter:
                self._say(self._refusal(drag.mimeData()))
        return True

    def _drop(self, mime: QMimeData) -> None:
        paths, count = dropped_paths(mime)
        roadmaps = [path for path in paths if is_roadmap_name(path) and not path.is_dir()]
        if not roadmaps:
            self._say(self._refusal(mime))
            return
        first = roadmaps[0]
        self._note = (first, f"Opened {first.name}; only one roadmap opens at a time, so the other "
                             f"{count - 1} dropped file{'s were' if count > 2 else ' was'} left alone.") \
            if count > 1 else None
        # after the drop has returned: a problems dialog must not hold up the program the file came from
        QTimer.singleShot(0, lambda: self.window.open_roadmap(first))

    def _refusal(self, mime: QMimeData) -> str:
        paths, count = dropped_paths(mime)
        if not count:
            return "Only roadmap files can be dropped here."
        if not paths:
            return "Only files on this computer can be dropped here; save the roadmap file first, then drop it."
        folders = [path for path in paths if path.is_dir()]
        if len(folders) == len(paths):
            return f"{folders[0].name} is a folder; drop a roadmap file from it instead."
        return (f"{paths[0].name} is not a roadmap file; roadmap files end in .roadmap.yaml, .yaml, .yml or "
                ".json. Nothing was opened.")

    def _on_opened(self, path: Path, _title: str) -> None:
        if self._note is not None and self._note[0].resolve() == Path(path).resolve():
            self._say(self._note[1])
        self._note = None

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, NOTE_MS)
