"""The open roadmap and its progress as a Qt model: edits are undoable commands that report changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.persistence.store import ProgressStore


class RoadmapDocument(QObject):
    """Views read from it and listen to its signals; they never write to the store themselves."""

    nodeChanged = Signal(str)
    progressChanged = Signal()
    errorOccurred = Signal(str)

    def __init__(self, roadmap: Roadmap, path: Path | None, store: ProgressStore, parent: QObject | None = None):
        super().__init__(parent)
        self.roadmap = roadmap
        self.path = path
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.snapshot: ProgressSnapshot = store.snapshot(roadmap)

    # ------------------------------------------------------------------ user actions
    def set_status(self, node_id: str, status: Status) -> None:
        old = self.snapshot.status(node_id)
        if old is not status:
            self.undo_stack.push(SetStatusCommand(self, node_id, old, status))

    def set_resource_done(self, node_id: str, resource_key: str, done: bool) -> None:
        if (resource_key in self.snapshot.state(node_id).done_resources) != done:
            self.undo_stack.push(ResourceCommand(self, node_id, resource_key, done))

    def set_notes(self, node_id: str, text: str) -> bool:
        if self.snapshot.state(node_id).notes == text:
            return True
        return self._write(node_id, lambda: self.store.set_notes(self.roadmap.id, node_id, text))

    def log_study(self, node_id: str, minutes: int, day: date, note: str = "") -> bool:
        return self._write(node_id, lambda: self.store.log_study(self.roadmap.id, node_id, minutes, day, note))

    # ------------------------------------------------------------------ used by commands
    def write_status(self, node_id: str, status: Status) -> bool:
        return self._write(node_id, lambda: self.store.set_status(self.roadmap.id, node_id, status))

    def write_resource(self, node_id: str, resource_key: str, done: bool) -> bool:
        return self._write(node_id, lambda: self.store.set_resource_done(self.roadmap.id, node_id, resource_key, done))

    def _write(self, node_id: str, action) -> bool:
        try:
            action()
            self.snapshot = self.store.snapshot(self.roadmap)
        except (SQLAlchemyError, OSError, ValueError) as exc:
            self.errorOccurred.emit(f"Could not save your change ({exc.__class__.__name__}: {exc}). "
                                    "Nothing else was changed; please try again.")
            return False
        self.nodeChanged.emit(node_id)
        self.progressChanged.emit()
        return True

    def reload_progress(self) -> None:
        self.snapshot = self.store.snapshot(self.roadmap)
        self.progressChanged.emit()


class SetStatusCommand(QUndoCommand):
    def __init__(self, document: RoadmapDocument, node_id: str, old: Status, new: Status):
        title = document.roadmap.node(node_id).title
        super().__init__(f"Mark “{title}” as {new.value}")
        self.document, self.node_id, self.old, self.new = document, node_id, old, new

    def redo(self) -> None:
        if not self.document.write_status(self.node_id, self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.write_status(self.node_id, self.old)


class ResourceCommand(QUndoCommand):
    def __init__(self, document: RoadmapDocument, node_id: str, key: str, done: bool):
        super().__init__("Tick resource" if done else "Untick resource")
        self.document, self.node_id, self.key, self.done = document, node_id, key, done

    def redo(self) -> None:
        if not self.document.write_resource(self.node_id, self.key, self.done):
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.write_resource(self.node_id, self.key, not self.done)
