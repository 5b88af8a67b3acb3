"""The Library, a page of the window's centre: File ▸ Library… (Ctrl+L) shows it; Esc or opening a roadmap leaves it.

The files are read on a thread of their own (a file never checked before is parsed), and the percent complete
of every listed roadmap comes from one job on the database thread: the window never waits for either.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from roadmap_app.paths import bundled_roadmaps_dir, user_roadmaps_dir
from roadmap_app.services.database_thread import Job

if TYPE_CHECKING:
    from roadmap_app.services.library import LibraryEntry
    from roadmap_app.ui.library_page import LibraryPage
    from roadmap_app.ui.main_window import MainWindow


class Library(QObject):
    _read = Signal(int, object)  # refresh number, list of LibraryEntry or the message of what failed

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._page: LibraryPage | None = None  # made when first shown: the first frame has no need of it
        self._refresh = 0  # only the newest refresh's results are shown
        self._read.connect(self._on_read)
        window.roadmapOpened.connect(self._on_opened)

    @property
    def folder(self) -> Path:
        return user_roadmaps_dir(self.window.data_dir)

    @property
    def page(self) -> LibraryPage:
        if self._page is None:
            from roadmap_app.ui.library_page import LibraryPage

            self._page = LibraryPage()
            self._page.openRequested.connect(self.open)
            self._page.backRequested.connect(self.hide)
            self._page.showFolderRequested.connect(self.show_folder)
            self.window.stack.addWidget(self._page)
        return self._page

    def is_shown(self) -> bool:
        return self._page is not None and self.window.stack.currentWidget() is self._page

    def toggle(self) -> None:
        if self.is_shown():
            self.hide()
        else:
            self.show()

    def show(self) -> None:
        """Show the page, listing the folders as they are now."""
        page = self.page
        page.set_can_go_back(self.window.document is not None)
        self.window.stack.setCurrentWidget(page)
        page.tree.setFocus()
        self.refresh()

    def hide(self) -> None:
        """Back to the map; with no roadmap open there is nothing else to show, so the page stays."""
        if self.is_shown() and self.window.document is not None:
            self.window.stack.setCurrentWidget(self.window.view)
            self.window.view.setFocus()

    def refresh(self) -> None:
        self._refresh += 1
        number, cache_dir = self._refresh, self.window.data_dir / "roadmap-cache"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.page.show_folder(self.folder)
        except OSError as exc:
            self.page.show_folder(self.folder, exc.strerror or str(exc))
        self.page.show_reading()
        threading.Thread(target=self._read_files, args=(number, self.folder, cache_dir), name="library",
                         daemon=True).start()

    def _read_files(self, number: int, folder: Path, cache_dir: Path) -> None:  # on the library's thread
        from roadmap_app.services.library import read_library

        try:
            found: object = read_library(bundled_roadmaps_dir(), folder, cache_dir)
        except Exception as exc:  # noqa: BLE001 - told on the page, never a crash
            found = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._read.emit(number, found)

    def _on_read(self, number: int, found: list[LibraryEntry] | str) -> None:
        if number != self._refresh:
            return
        if isinstance(found, str):
            self.page.show_failure(found)
            return
        document = self.window.document
        self.page.show_entries(found, document.path.resolve() if document is not None and document.path else None)
        roadmaps = {entry.roadmap.id: entry.roadmap for entry in found if entry.roadmap is not None}

        def work(session):
            from roadmap_app.services.library import percents_complete

            return percents_complete(session.store, roadmaps.values())

        def done(job: Job) -> None:
            if number == self._refresh:
                self.page.show_percents(job.result if job.error is None else None)

        self.window.database.submit(work, done)

    def open(self, path: Path) -> None:
        document = self.window.document
        if document is not None and document.path is not None and Path(document.path).resolve() == path.resolve():
            self.hide()  # already open: just show it
        else:
            self.window.open_roadmap(path)  # once open, the window shows the map

    def show_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.window.statusBar().showMessage(f"Cannot make {self.folder}: {exc.strerror or exc}", 8000)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))):
            self.window.statusBar().showMessage(f"Your roadmaps folder is {self.folder}", 8000)

    def _on_opened(self, _path: Path, _title: str) -> None:
        if self.is_shown():  # reloaded while the page is shown: it stays, with what changed
            self.refresh()
