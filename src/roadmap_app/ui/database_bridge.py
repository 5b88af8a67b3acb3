"""The window's side of the database thread: submit jobs, get their results back on the UI thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.database_thread import DatabaseThread, Job
from roadmap_app.services.progress_session import OutsideChange, ProgressSession


class DatabaseBridge(QObject):
    """Every database job of the window goes through here; callbacks run on the UI thread."""

    _finished = Signal(object)  # Job, emitted on the database thread, delivered queued
    outsideChanged = Signal(str, object)  # roadmap id, OutsideChange

    def __init__(self, store: ProgressStore, parent: QObject | None = None, poll_seconds: float = 1.0):
        super().__init__(parent)
        self.store = store
        self.watched_roadmap: str | None = None
        self._finished.connect(self._deliver)
        self._thread = DatabaseThread(ProgressSession(store), idle=self._poll, poll_seconds=poll_seconds)
        self._stopped = False

    def submit(self, work: Callable[[ProgressSession], Any], callback: Callable[[Job], None]) -> Job:
        job = Job(work=work, done=self._report)
        job.extra["callback"] = callback
        if self._stopped:
            job.error = RuntimeError("the window has closed its progress database; nothing was saved")
            callback(job)
            return job
        return self._thread.submit(job)

    def _report(self, job: Job) -> None:  # on the database thread
        with contextlib.suppress(RuntimeError):  # the window is gone (the process is ending): no one to tell
            self._finished.emit(job)

    def _deliver(self, job: Job) -> None:
        job.extra["callback"](job)

    def _poll(self, session: ProgressSession) -> None:
        roadmap_id = self.watched_roadmap
        if roadmap_id is not None:
            found: OutsideChange | None = session.poll(roadmap_id)
            if found is not None:
                self.outsideChanged.emit(roadmap_id, found)

    def stop(self, timeout: float = 30.0) -> bool:
        """Let every submitted job finish (notes typed last included), then end the thread; False on time-out."""
        if self._stopped:
            return True
        self._stopped = True
        return self._thread.stop(timeout)
