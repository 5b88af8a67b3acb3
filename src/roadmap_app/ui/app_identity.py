"""The application's name, desktop entry and window icon, from the files shipped in the package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from roadmap_app.desktop_files import APP_ID, ICON_SIZES, icon_png

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

DISPLAY_NAME = "Roadmap"


def app_icon() -> QIcon:
    """The icon in every shipped size; each PNG is read only when a size of it is first drawn."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon  # made when the icon is: its Python type has a dozen enums

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_png(size)
        if path.is_file():  # a broken install draws no icon rather than failing
            icon.addFile(str(path), QSize(size, size))
    return icon


def name_application(app: QApplication) -> None:
    """Names the application; the desktop file name must be set before the first window is made, as Wayland
    (and some X11 desktops) match a window to its desktop entry, and so to its icon, by it."""
    app.setApplicationName(DISPLAY_NAME)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setDesktopFileName(APP_ID)


def set_icon_after_first_frame(app: QApplication, graph: QWidget, latest_ms: int = 2000) -> None:
    """Gives the application its icon once `graph` has drawn its first frame, or after `latest_ms` if it never
    does (no roadmap could be opened): X11 decodes every size of a window's icon when it is given (~10 ms), which
    the first frame need not wait for."""
    graph.installEventFilter(_IconAfterPaint(app, graph, latest_ms))


class _IconAfterPaint(QObject):
    """At the first paint, asks for the icon from the next turn of the event loop: by then the frame, painted and
    shown in one go, is on the screen."""

    def __init__(self, app: QApplication, watched: QWidget, latest_ms: int):
        super().__init__(watched)
        self.app = app
        self.given = False
        QTimer.singleShot(latest_ms, self, self.give)

    def give(self) -> None:
        if not self.given:
            self.given = True
            self.app.setWindowIcon(app_icon())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.give)
        return False
