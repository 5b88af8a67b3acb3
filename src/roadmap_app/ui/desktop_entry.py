"""Help ▸ Add to Applications Menu / Remove from Applications Menu: install-desktop from the window (Linux)."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from roadmap_app.ui.dialogs import tell

if TYPE_CHECKING:
    from roadmap_app.services.desktop_integration import Report

ADD_TEXT = "Add to Applications &Menu"
REMOVE_TEXT = "Remove from Applications &Menu"


class DesktopEntryAction(QObject):
    """One menu action that adds the app to the desktop's menu and file types, or removes it, off the UI thread."""

    _finished = Signal(bool, object)  # adding?, a Report or the message of what went wrong

    def __init__(self, menu: QMenu, before: QAction | None, window: QWidget):
        super().__init__(menu)
        self.window = window
        self.action = QAction(ADD_TEXT, menu)
        self.action.setStatusTip("Show Roadmap in your desktop's applications menu and open roadmap files with it")
        menu.insertAction(before, self.action) if before is not None else menu.addAction(self.action)
        self.action.triggered.connect(self.run)
        menu.aboutToShow.connect(self.update_text)
        self._finished.connect(self._on_finished)

    def installed(self) -> bool:
        from roadmap_app.services.desktop_integration import Target

        return Target.for_user().desktop_entry().exists()

    def update_text(self) -> None:
        self.action.setText(REMOVE_TEXT if self.installed() else ADD_TEXT)

    def run(self) -> None:
        adding = not self.installed()
        self.action.setEnabled(False)  # until this one is done
        threading.Thread(target=self._work, args=(adding,), name="desktop-entry", daemon=True).start()

    def _work(self, adding: bool) -> None:  # on its own thread: the desktop's cache tools may take a while
        from roadmap_app.services import desktop_integration
        from roadmap_app.services.errors import UserError

        try:
            result: object = desktop_integration.install() if adding else desktop_integration.uninstall()
        except UserError as exc:
            result = str(exc)
        except Exception as exc:  # noqa: BLE001 - told in a message, never a crash
            result = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._finished.emit(adding, result)

    def _on_finished(self, adding: bool, result: Report | str) -> None:
        self.action.setEnabled(True)
        self.update_text()
        title = "Add to Applications Menu" if adding else "Remove from Applications Menu"
        if isinstance(result, str):
            tell(self.window, title, f"{result[:1].upper()}{result[1:]}.".replace("..", "."))
            return
        if adding:
            text = ("Roadmap is in your applications menu, and double-clicking a .roadmap.yaml or .roadmap.json "
                    "file opens it.\n\nThe menu entry starts this copy of the app: after moving the app, add it "
                    "again.")
        else:
            text = ("Roadmap is no longer in your applications menu, and roadmap files no longer open with it. "
                    "Your progress and settings are kept.")
        if result.not_refreshed:
            text += "\n\nYour desktop may show the change only after you log in again."
        tell(self.window, title, text, QMessageBox.Icon.Information)
