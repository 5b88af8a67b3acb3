"""File ▸ Open Recent: the roadmap files opened last, newest first, kept with their titles in settings.ini."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from roadmap_app.ui.text import LABEL_CHARS, elide

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics

RECENT_KEY = "recent_roadmaps"
MAX_RECENT = 10
PATH_PIXELS = 320  # a long path is shortened in its middle to this width: the file name and its start stay


@dataclass(frozen=True)
class RecentRoadmap:
    path: Path
    title: str


class RecentRoadmaps:
    """The list kept in the window's settings; a damaged value is skipped, never an error."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def entries(self) -> list[RecentRoadmap]:
        found: list[RecentRoadmap] = []
        count = self.settings.beginReadArray(RECENT_KEY)
        for index in range(min(count, MAX_RECENT * 2)):
            self.settings.setArrayIndex(index)
            path, title = self.settings.value("path"), self.settings.value("title")
            if isinstance(path, str) and path.strip() and "\0" not in path \
                    and all(entry.path != Path(path) for entry in found):
                found.append(RecentRoadmap(Path(path), title if isinstance(title, str) else Path(path).name))
        self.settings.endArray()
        return found[:MAX_RECENT]

    def add(self, path: Path, title: str) -> None:
        """Put a file first (once); the oldest beyond ten are forgotten."""
        path = Path(path).absolute()
        kept = [entry for entry in self.entries() if entry.path != path]
        self._write([RecentRoadmap(path, title), *kept][:MAX_RECENT])

    def remove(self, path: Path) -> None:
        self._write([entry for entry in self.entries() if entry.path != Path(path)])

    def clear(self) -> None:
        self._write([])

    def _write(self, entries: list[RecentRoadmap]) -> None:
        self.settings.remove(RECENT_KEY)
        self.settings.beginWriteArray(RECENT_KEY, len(entries))
        for index, entry in enumerate(entries):
            self.settings.setArrayIndex(index)
            self.settings.setValue("path", str(entry.path))
            self.settings.setValue("title", entry.title)
        self.settings.endArray()


def short_path(path: Path) -> str:
    """The path with the home folder written as ~."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def menu_text(number: int, entry: RecentRoadmap, metrics: QFontMetrics) -> str:
    """"&3 Title — ~/short/path", with the ampersands of the title and path shown as such."""
    where = metrics.elidedText(short_path(entry.path), Qt.TextElideMode.ElideMiddle, PATH_PIXELS)
    label = f"{elide(entry.title, LABEL_CHARS // 2)} — {where}".replace("&", "&&")
    return f"{f'&{number}' if number < 10 else '1&0'}  {label}"


def fill_recent_menu(menu: QMenu, recent: RecentRoadmaps, open_path: Callable[[Path], object]) -> None:
    """The menu's entries, made anew each time it opens: a file gone since is shown greyed out, with a note."""
    from PySide6.QtGui import QFontMetrics  # when the menu first opens, not before the first frame

    menu.clear()
    entries = recent.entries()
    metrics = QFontMetrics(menu.font())
    for number, entry in enumerate(entries, start=1):
        action = menu.addAction(menu_text(number, entry, metrics))
        action.setData(str(entry.path))
        if entry.path.is_file():
            action.setToolTip(str(entry.path))
            action.triggered.connect(lambda _=False, p=entry.path: open_path(p))
        else:
            action.setText(action.text() + " (not found)")
            action.setToolTip(f"{entry.path} is no longer there; Clear Recent forgets it")
            action.setEnabled(False)
    if not entries:
        menu.addAction("No recent roadmaps").setEnabled(False)
    menu.setToolTipsVisible(True)
    menu.addSeparator()
    clear = menu.addAction("&Clear Recent", recent.clear)
    clear.setEnabled(bool(entries))


def open_recent(window, recent: RecentRoadmaps, path: Path) -> bool:
    """Open a recent file in the window; one that is gone since is forgotten, with a note in the status bar."""
    if not Path(path).is_file():
        recent.remove(path)
        window.statusBar().showMessage(f"{short_path(Path(path))} is no longer there; removed from Open Recent.",
                                       8000)
        return False
    return bool(window.open_roadmap(Path(path)))
