"""Watch the open roadmap file and say when its content changes on disk, or when it goes away and comes back."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import threading
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from roadmap_app.formats.loader import MAX_FILE_BYTES
from roadmap_app.ui.roadmap_loader import RoadmapLoader

SETTLE_MS = 250  # after the last event: `git pull` and some editors write a file several times in a row
GONE_AFTER_CHECKS = 2  # an editor that renames the old file away before writing the new one leaves a short gap

Signature = tuple[int, int, int, int]  # inode, size, modification and change times: equal means not touched since


def read_content(path: Path) -> bytes:
    """The bytes of a regular file, at most one byte over the size limit (so a huge file is told as such).

    Raises FileNotFoundError when nothing is there and another OSError for anything that is not a readable file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    with open(os.open(path, flags), "rb") as handle:  # O_NONBLOCK: a pipe put in its place never blocks the read
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file", str(path))
        return handle.read(MAX_FILE_BYTES + 1)


def content_digest(content: bytes) -> str:
    """The SHA-256 a checked roadmap carries as `source_digest`."""
    return hashlib.sha256(content).hexdigest()


def _signature(path: Path) -> Signature | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


class RoadmapFileWatch(QObject):
    """Watches one file, and its folder: a save that writes a new file and renames it over the old one replaces
    the watched file, and Qt then drops it; the folder's events say when it is back, and it is watched again.

    Events are settled for SETTLE_MS, then the file's content hash is compared with the one last shown (or
    written) by the window, so a touch, a save by the window itself or a write of the same bytes says nothing.
    Nothing runs while nothing happens: Qt's watcher waits on the system's file notifications (and where a file
    system has none, Qt itself falls back to polling).
    """

    changed = Signal(object)  # Path: its new content, in `content`, differs from what the window shows
    missing = Signal(object)  # Path: deleted or moved away (said once until it comes back)
    returned = Signal(object)  # Path: back after `missing` or `unreadable`, with the content the window shows
    unreadable = Signal(object, str)  # Path, why: there but cannot be read (permissions, not a regular file)
    _read_done = Signal(int, object, object, object)  # request, signature, bytes or OSError, path

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.content: bytes = b""  # the content `changed` announced last
        self._known = ""  # digest of the content the window shows or wrote
        self._seen: Signature | None = None  # the file as it was when last read
        self._watched_inode: int | None = None
        self._gone_checks = 0
        self._gone = False
        self._trouble: str | None = None  # the last `unreadable` reason, said once
        self._request = 0
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._check)
        self._read_done.connect(self._on_read)

    # ------------------------------------------------------------------ what to watch
    def watch(self, path: Path | None, shown_digest: str = "") -> None:
        """Watch `path` (None: nothing), whose content with this SHA-256 is what the window shows."""
        if path is not None and self.path is not None and Path(path).absolute() == self.path.absolute():
            self._known = shown_digest or self._known
            self.path = Path(path)
            return
        self._stop_watching()
        self.path, self._known, self.content = (Path(path) if path is not None else None), shown_digest, b""
        self._seen, self._gone, self._gone_checks, self._trouble = None, False, 0, None
        if self.path is None:
            return
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._on_event)
            self._watcher.directoryChanged.connect(self._on_event)
        folder = str(self.path.absolute().parent)
        if os.path.isdir(folder):
            self._watcher.addPath(folder)
        self._arm_file()
        self._settle.start()  # the file may have changed while the window was opening it

    def remember(self, content: bytes) -> None:
        """The window wrote (or read and shows) this content: seeing it on disk is no change."""
        self._known = content_digest(content)

    @property
    def watching_file(self) -> bool:
        """The file itself (not only its folder) is under the system's watch."""
        return self._watcher is not None and self.path is not None and \
            str(self.path.absolute()) in self._watcher.files()

    def check_soon(self) -> None:
        """Look at the file again once events settle (as if one had come)."""
        if self.path is not None:
            self._settle.start()

    def stop(self) -> None:
        """Watch nothing and give the system's watch back (a window closing)."""
        self.watch(None)
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None

    def _stop_watching(self) -> None:
        self._settle.stop()
        self._request += 1  # reads still on their way are for the old file
        if self._watcher is not None:
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)
        self._watched_inode = None

    def _arm_file(self) -> None:
        """Watch the file now at the path (a new file after a rename-save replaces the one watched before)."""
        assert self._watcher is not None and self.path is not None
        name = str(self.path.absolute())
        signature = _signature(self.path)
        inode = signature[0] if signature is not None else None
        if name in self._watcher.files() and inode == self._watched_inode:
            return
        if name in self._watcher.files():
            self._watcher.removePath(name)
        self._watched_inode = None
        if inode is not None and self._watcher.addPath(name):
            self._watched_inode = inode

    # ------------------------------------------------------------------ events
    def _on_event(self, _path: str) -> None:
        self._settle.start()  # (re)started: one check once the writes stop

    def _check(self) -> None:
        if self.path is None or self._watcher is None:
            return
        self._arm_file()
        signature = _signature(self.path)
        if signature is None:
            self._on_gone()
            return
        self._gone_checks = 0
        if signature == self._seen and not self._gone:
            return  # an event for another file of the folder
        self._request += 1
        request, path = self._request, self.path
        if RoadmapLoader.is_big(signature[1]):  # a big file is read off the UI thread
            threading.Thread(target=self._read_elsewhere, args=(request, signature, path), daemon=True).start()
        else:
            self._on_read(request, signature, self._read(path), path)

    @staticmethod
    def _read(path: Path) -> bytes | OSError:
        try:
            return read_content(path)
        except OSError as exc:
            return exc

    def _read_elsewhere(self, request: int, signature: Signature, path: Path) -> None:
        found = self._read(path)
        with contextlib.suppress(RuntimeError):  # the watch was deleted meanwhile (its window closed)
            self._read_done.emit(request, signature, found, path)

    def _on_read(self, request: int, signature: Signature, found: bytes | OSError, path: Path) -> None:
        if request != self._request or path != self.path:
            return  # a newer look, or another file
        if isinstance(found, FileNotFoundError):
            self._on_gone()
            return
        if isinstance(found, OSError):
            reason = found.strerror or str(found)
            if reason != self._trouble:
                self._trouble = reason
                self.unreadable.emit(path, reason)
            return
        was_away = self._gone or self._trouble is not None
        self._seen, self._trouble, self._gone = signature, None, False
        digest = content_digest(found)
        if digest != self._known:
            self._known, self.content = digest, found
            self.changed.emit(path)
        elif was_away:
            self.returned.emit(path)

    def _on_gone(self) -> None:
        if self._gone or self.path is None:
            return
        self._gone_checks += 1
        if self._gone_checks < GONE_AFTER_CHECKS:
            self._settle.start()  # look once more before saying it is gone
            return
        self._gone, self._seen = True, None
        self.missing.emit(self.path)
