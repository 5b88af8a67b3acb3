"""A thread that runs every database job of a window in order, and looks for outside changes when idle."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roadmap_app.services.progress_session import ProgressSession

POLL_SECONDS = 1.0


@dataclass
class Job:
    """Work for the database thread; `done` is called with the result or the error (on the database thread)."""

    work: Callable[[ProgressSession], Any]
    done: Callable[[Job], None] = lambda job: None
    result: Any = None
    error: BaseException | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_NO_JOB = Job(work=lambda session: None)


class DatabaseThread:
    """Owns the progress session: jobs run one after another, never on the caller's thread."""

    def __init__(self, session: ProgressSession, idle: Callable[[ProgressSession], None] | None = None,
                 poll_seconds: float = POLL_SECONDS):
        self.session = session
        self._idle = idle
        self._poll_seconds = poll_seconds
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="database", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> Job:
        self._jobs.put(job)
        return job

    def stop(self, timeout: float = 30.0) -> bool:
        """Finish every job already submitted, then end; False if that took longer than the timeout."""
        self._jobs.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        next_poll = time.monotonic() + self._poll_seconds
        while True:
            try:
                job = self._jobs.get(timeout=max(0.0, next_poll - time.monotonic()))
            except queue.Empty:
                job = _NO_JOB
            if job is None:
                break
            if job is not _NO_JOB:
                try:
                    job.result = job.work(self.session)
                except Exception as exc:  # noqa: BLE001 - every failure is reported to the window
                    job.error = exc
                job.done(job)
            if time.monotonic() >= next_poll:
                self._poll()
                next_poll = time.monotonic() + self._poll_seconds

    def _poll(self) -> None:
        if self._idle is None:
            return
        with contextlib.suppress(Exception):  # a failed look is tried again at the next poll
            self._idle(self.session)
