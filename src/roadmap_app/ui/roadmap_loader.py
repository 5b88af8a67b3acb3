"""Validate a large roadmap file in another process, so the window stays responsive while it is read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from roadmap_app.formats.loader import LoadResult, check_bytes, check_file

if TYPE_CHECKING:  # multiprocessing loads when a large file is first read, not before the window's first frame
    from concurrent.futures import Future, ProcessPoolExecutor

IN_PROCESS_BYTES = 512 * 1024  # smaller files validate in well under a frame budget's worth of waiting


class RoadmapLoader(QObject):
    """Reads and validates files; the C YAML parser holds Python's lock, so big files go to a worker process."""

    finished = Signal(object, object)  # path, LoadResult
    failed = Signal(object, str)  # path, message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor: ProcessPoolExecutor | None = None

    @staticmethod
    def is_big(size: int) -> bool:
        """Content of this many bytes is checked in another process."""
        return size > IN_PROCESS_BYTES

    @staticmethod
    def needs_worker(path: Path) -> bool:
        try:
            return path.is_file() and RoadmapLoader.is_big(path.stat().st_size)
        except OSError:
            return False

    def start(self, path: Path, content: bytes | None = None) -> None:
        """Check the file at `path`, or `content` when it was read already (then its messages name `path`)."""
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: forking a process that runs Qt and other threads is unsafe
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        if content is None:
            future = self._executor.submit(check_file, path)
        else:
            future = self._executor.submit(check_bytes, content, str(path), is_json=path.name.lower().endswith(".json"))
        future.add_done_callback(lambda done: self._deliver(path, done))

    def _deliver(self, path: Path, future: Future) -> None:  # on an executor thread; signals queue to the UI
        try:
            result: LoadResult = future.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker or an unreadable file, told to the person
            self.failed.emit(path, f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(path, result)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
