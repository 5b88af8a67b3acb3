"""The open roadmap and its progress as a Qt model: operations run on the database thread, changes come back precise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.records import Change, SessionRecord
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.tracking import TrackedProgress
from roadmap_app.persistence.errors import describe
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.database_thread import Job
from roadmap_app.services.errors import UserError
from roadmap_app.services.progress_session import Outcome, OutsideChange
from roadmap_app.ui.database_bridge import DatabaseBridge

if TYPE_CHECKING:
    from roadmap_app.persistence.transfer import ImportReport

BUSY_AFTER_MS = 150  # a write taking longer than this shows "Saving…"


class RoadmapDocument(QObject):
    """Views read from it and listen to its signals; they never touch the database themselves."""

    nodesChanged = Signal(object, object)  # set of current node ids, frozenset of aspects
    historyChanged = Signal()
    busyChanged = Signal(bool)
    errorOccurred = Signal(str)
    performed = Signal(str)  # the label of an operation that changed something ("Mark ‘NumPy’ as done")
    outsideChangeApplied = Signal(bool)  # True when the database file itself was replaced (a restore)
    roadmapReplaced = Signal(object)  # the Roadmap shown before; a new version of the same roadmap is in `roadmap`

    def __init__(self, roadmap: Roadmap, path: Path | None, tracked: TrackedProgress,
                 bridge: DatabaseBridge | None = None, parent: QObject | None = None):
        """Without a bridge the document is read-only (used to draw images from the command line)."""
        super().__init__(parent)
        self.roadmap = roadmap
        self.path = path
        self.tracked = tracked
        self.bridge = bridge
        self.undo_label: str | None = None
        self.redo_label: str | None = None
        self._successor: RoadmapDocument | None = None
        self._predecessor: RoadmapDocument | None = None  # a replaced document whose writes are still on their way
        self._heir: RoadmapDocument | None = None
        self._retired = False
        self._pending = 0
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(lambda: self.busyChanged.emit(True))
        if bridge is not None:
            bridge.watched_roadmap = roadmap.id
            bridge.outsideChanged.connect(self._on_outside_change)

    def replace_roadmap(self, roadmap: Roadmap, path: Path | None = None) -> None:
        """Show a new version of the same roadmap (reloaded from disk, or edited): the progress rows already held,
        the undo history and the pending writes stay; the snapshot is resolved again against the new skills."""
        if roadmap.id != self.roadmap.id:
            raise ValueError(f"a document of '{self.roadmap.id}' cannot show roadmap '{roadmap.id}'")
        old = self.roadmap
        self.roadmap = roadmap
        if path is not None:
            self.path = path
        self.tracked = TrackedProgress(roadmap, self.tracked.records)
        self.roadmapReplaced.emit(old)

    @property
    def snapshot(self) -> ProgressSnapshot:
        return self.tracked.snapshot

    def sessions(self, node_id: str) -> list[SessionRecord]:
        return self.tracked.sessions(node_id)

    @property
    def busy(self) -> bool:
        """Writes asked for (here, or in the document this one replaced) are not all back yet."""
        return self._pending > 0 or (self._predecessor is not None and self._predecessor.busy)

    # ------------------------------------------------------------------ user actions
    def _title(self, node_id: str) -> str:
        return self.roadmap.node(node_id).title

    # No "already so?" check against the snapshot here: it may not hold writes still queued (tick, untick
    # in quick succession); each operation compares with what is stored, inside its transaction.
    def set_status(self, node_id: str, status: Status) -> None:
        node = self.roadmap.node(node_id)
        self._perform(partial(ops.set_status, roadmap_id=self.roadmap.id, node_id=node_id, status=status,
                              title=node.title, former_ids=node.aliases))

    def set_resource_done(self, node_id: str, resource_key: str, done: bool) -> None:
        node = self.roadmap.node(node_id)
        title = next((r.title for r in node.resources if r.key == resource_key), None)
        self._perform(partial(ops.set_resource_done, roadmap_id=self.roadmap.id, node_id=node_id,
                              resource_key=resource_key, done=done, resource_title=title, former_ids=node.aliases))

    def set_notes(self, node_id: str, text: str) -> None:
        node = self.roadmap.node(node_id)
        self._perform(partial(ops.set_notes, roadmap_id=self.roadmap.id, node_id=node_id, text=text,
                              title=node.title, former_ids=node.aliases))

    def log_study(self, node_id: str, minutes: int, day: date, note: str = "") -> None:
        self._perform(partial(ops.log_study, roadmap_id=self.roadmap.id, node_id=node_id, minutes=minutes, day=day,
                              note=note, title=self._title(node_id)))

    def _session_title(self, session: SessionRecord) -> str | None:
        current = self.roadmap.resolve(session.node_id)
        return self._title(current) if current else None

    def edit_session(self, session: SessionRecord, minutes: int, day: date, note: str) -> None:
        self._perform(partial(ops.edit_study_session, uid=session.uid, minutes=minutes, day=day, note=note,
                              title=self._session_title(session)))

    def delete_session(self, session: SessionRecord) -> None:
        self._perform(partial(ops.delete_study_session, uid=session.uid, title=self._session_title(session)))

    def import_progress(self, path: Path, done: Callable[[ImportReport | None], None]) -> None:
        report: list[ImportReport] = []

        def operation(store) -> Change:
            change, found = ops.import_progress(store, path, self.roadmap.id)
            report.append(found)
            return change

        self._perform(operation, lambda ok: done(report[0] if ok and report else None))

    def undo(self) -> None:
        self._submit(lambda session: session.undo(self.roadmap.id))

    def redo(self) -> None:
        self._submit(lambda session: session.redo(self.roadmap.id))

    # ------------------------------------------------------------------ results
    def _perform(self, operation, finished: Callable[[bool], None] | None = None) -> None:
        self._submit(lambda session: session.perform(self.roadmap.id, operation), finished)

    def _submit(self, work, finished: Callable[[bool], None] | None = None) -> None:
        if self.bridge is None:
            raise RuntimeError("this document was opened read-only")
        self._pending += 1
        if self._pending == 1:
            self._busy_timer.start()
        self.bridge.submit(work, lambda job: self._on_done(job, finished))

    def _on_done(self, job: Job, finished: Callable[[bool], None] | None) -> None:
        self._pending -= 1
        if self._retired:
            self._hand_over(job, finished)
            return
        if self._pending == 0:
            self._busy_timer.stop()
            self.busyChanged.emit(False)
        ok = job.error is None
        if ok:
            self._apply_outcome(job.result)
        else:
            self._report(job.error)
        if finished is not None:
            finished(ok)

    def files_read(self) -> tuple[Path, ...]:
        """The files behind this document (its roadmap, the progress database): never to be written over."""
        files = [self.path] if self.path is not None else []
        if self.bridge is not None:
            files.append(self.bridge.store.path)
        return tuple(files)

    def retire(self, successor: RoadmapDocument | None) -> None:
        """Replaced in the window: results still on their way go to the successor (same roadmap), then it goes."""
        self._retired = True
        self._heir = successor
        self._successor = successor if successor is not None and successor.roadmap.id == self.roadmap.id else None
        if successor is not None and self._pending:
            successor._predecessor = self
        self._busy_timer.stop()
        if self.bridge is not None:
            self.bridge.outsideChanged.disconnect(self._on_outside_change)
        if self._pending == 0:
            self.deleteLater()

    def _hand_over(self, job: Job, finished: Callable[[bool], None] | None) -> None:
        successor = self._successor
        if successor is not None:
            if job.error is None:
                successor._apply_outcome(job.result)
            else:
                successor._report(job.error)
        if finished is not None:
            finished(job.error is None)
        if self._pending == 0:
            if self._heir is not None and self._heir._predecessor is self:
                self._heir._predecessor = None
            self.deleteLater()

    def _apply_outcome(self, outcome: Outcome) -> None:
        if (outcome.undo_label, outcome.redo_label) != (self.undo_label, self.redo_label):
            self.undo_label, self.redo_label = outcome.undo_label, outcome.redo_label
            self.historyChanged.emit()
        self.apply_change(outcome.change)
        if outcome.change.rows:
            self.performed.emit(outcome.change.label)
        if outcome.refused:
            self.errorOccurred.emit(outcome.refused)

    def apply_change(self, change: Change) -> None:
        """Fold a committed change into the snapshot and tell the views which skills it touched."""
        touched = self.tracked.apply(change)
        if touched or change.rows:
            self.nodesChanged.emit(touched, change.aspects)

    def _report(self, error: BaseException | None) -> None:
        if error is None:
            return
        if isinstance(error, UserError):
            message = str(error)
        else:
            message = f"Could not save your change: {describe(error)}. Nothing was changed; please try again."
        self.errorOccurred.emit(message)

    def _on_outside_change(self, roadmap_id: str, found: OutsideChange) -> None:
        if roadmap_id != self.roadmap.id:
            return
        touched = self.tracked.apply_rows(found.rows)
        if touched or found.rows:
            self.nodesChanged.emit(touched, frozenset({"status", "notes", "resources", "sessions"}))
        self.outsideChangeApplied.emit(found.reopened)
