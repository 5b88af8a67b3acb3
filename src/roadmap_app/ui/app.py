"""Start the desktop app: Qt application, progress store (with corrupt-file recovery), main window."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmap_app.paths import data_dir as resolve_data_dir
from roadmap_app.persistence.errors import (
    DatabaseAccessError,
    DatabaseMissingError,
    DatabaseTooNewError,
    DatabaseUnusableError,
)
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.ui import theme as themes
from roadmap_app.ui.app_identity import name_application, set_icon_after_first_frame
from roadmap_app.ui.dialogs import message_box, tell


def open_store_with_recovery(folder: Path) -> ProgressStore | None:
    """The store; a damaged or missing database is explained and the newest backup offered. None means quit."""
    try:
        return ProgressStore(folder)
    except (DatabaseUnusableError, DatabaseMissingError) as error:
        return _offer_recovery(folder, error)
    except (DatabaseTooNewError, DatabaseAccessError) as error:
        tell(None, "Progress database cannot be opened", str(error), QMessageBox.Icon.Critical)
        return None


def _offer_recovery(folder: Path, error: DatabaseUnusableError | DatabaseMissingError) -> ProgressStore | None:
    from roadmap_app.persistence.restore import RestoreError, restore_backup  # SQLAlchemy: only when needed

    box = message_box(None, "Progress database cannot be used", str(error))
    restore = box.addButton("Restore Newest Backup", QMessageBox.ButtonRole.AcceptRole) if error.backups else None
    fresh = box.addButton("Start With Empty Progress", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    try:
        if restore is not None and clicked is restore:
            restore_backup(folder, error.backups[0])
            return ProgressStore(folder)
        if clicked is fresh:
            return ProgressStore(folder, allow_new=True)
    except (RestoreError, DatabaseUnusableError, DatabaseMissingError, DatabaseTooNewError,
            DatabaseAccessError) as failed:
        tell(None, "Progress database cannot be opened", str(failed), QMessageBox.Icon.Critical)
    return None


def install_error_hook(folder: Path) -> None:
    """Unexpected errors are logged to a file and shown as a short message, never as a traceback."""
    log = folder / "errors.log"

    def hook(kind, value, tb) -> None:
        try:
            with log.open("a", encoding="utf-8") as handle:
                details = "".join(traceback.format_exception(kind, value, tb))
                handle.write(f"--- {datetime.now().isoformat()}\n{details}")
        except OSError:
            pass
        tell(None, "Something went wrong",
             f"An unexpected error occurred ({kind.__name__}). Your saved progress is safe.\n\n"
             f"Details were written to {log}.", QMessageBox.Icon.Critical)

    sys.excepthook = hook


class _SmokeTest(QObject):
    """The start-up smoke test: quits after the graph view's first painted frame, with 0. A message box shown on the
    way would wait for a click no one makes: it is written to stderr and closed, and the exit code is 4."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.messages: list[str] = []
        self._modal_check = QTimer(self)  # also runs in a message box's own event loop
        self._modal_check.timeout.connect(self._close_message_box)
        self._modal_check.start(100)

    def watch(self, viewport: QObject) -> None:
        viewport.installEventFilter(self)
        QTimer.singleShot(60_000, lambda: self.app.exit(3))  # no frame within a minute: fail

    def _close_message_box(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            message = f"{box.windowTitle()}: {box.text()} {box.informativeText()}".strip()
            print(f"smoke test: a message box was shown: {message}", file=sys.stderr, flush=True)
            self.messages.append(message)
            box.reject()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first frame painted", flush=True)
            QTimer.singleShot(0, lambda: self.app.exit(4 if self.messages else 0))
        return False


def has_display() -> bool:
    """False on a Linux machine with no desktop session, where Qt would abort."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def new_application() -> QApplication:
    """The application, started in the windows' style: the window then need not set it, which would make the
    Python type of the style it returns, with its dozen enums (5-10 ms before the first frame)."""
    app = QApplication([*sys.argv[:1], "-style", themes.STYLE])
    app.setProperty(themes.STYLE_SET, True)
    return app


def start_application() -> QApplication:
    """new_application(); when Qt cannot start its platform plugin (it would abort), says why and exits with 2."""
    previous = qInstallMessageHandler(_explain_platform_failure)
    try:
        return new_application()
    finally:
        qInstallMessageHandler(previous)


def _explain_platform_failure(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtFatalMsg:
        print(qFormatLogMessage(kind, context, message), file=sys.stderr, flush=True)
        return
    from roadmap_app.ui.system_libraries import missing_library_message, x11_plugin_missing_library

    library = x11_plugin_missing_library() if sys.platform.startswith("linux") else None
    reason = missing_library_message(library) if library else message
    print(f"roadmap-app: error: the window cannot open. {reason}", file=sys.stderr, flush=True)
    os._exit(2)  # Qt aborts once this returns: no core dump for a missing library


def run_gui(file: str | None = None, data_dir: str | None = None, smoke_test: bool = False) -> int:
    from roadmap_app.ui.main_window import MainWindow

    if not has_display():
        print("roadmap-app: error: no graphical display was found (DISPLAY and WAYLAND_DISPLAY are unset). "
              "Run it from a desktop session, or use the command-line subcommands: roadmap-app --help",
              file=sys.stderr)
        return 2
    # instance() is typed QCoreApplication; the one this process may already run is a QApplication.
    app = cast(QApplication | None, QApplication.instance()) or start_application()
    name_application(app)
    smoke = _SmokeTest(app) if smoke_test else None
    folder = resolve_data_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    install_error_hook(folder)
    store = open_store_with_recovery(folder)
    if store is None:
        return 1
    window = MainWindow(store, folder)
    set_icon_after_first_frame(app, window.view.viewport())
    window.show()
    if not gc.isenabled():  # the command line builds the window with the collector off (cli._run_gui)
        gc.freeze()  # modules, classes and the window live as long as the process: no collection need walk them
        gc.enable()
    window.open_initial(file)
    if smoke is not None:
        smoke.watch(window.view.viewport())
    code = app.exec()
    store.close()
    return code
