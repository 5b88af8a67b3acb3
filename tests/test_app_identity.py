"""The app's identity on the desktop: its name for the desktop entry, and its icon, given after the first frame."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from roadmap_app.desktop_files import APP_ID, ICON_SIZES
from roadmap_app.ui.app_identity import app_icon, set_icon_after_first_frame
from tests.conftest import REPO


def sizes(icon: QIcon) -> list[int]:
    return sorted(size.width() for size in icon.availableSizes())


def test_the_app_icon_has_every_shipped_size(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull() and sizes(icon) == sorted(ICON_SIZES)
    assert icon.pixmap(48).width() == 48


def test_the_icon_is_given_once_the_first_frame_is_drawn(qtbot) -> None:
    app = QApplication.instance()
    app.setWindowIcon(QIcon())
    widget = QWidget()
    qtbot.addWidget(widget)
    set_icon_after_first_frame(app, widget, latest_ms=600_000)
    assert app.windowIcon().isNull()  # not while the window is being made
    widget.show()
    qtbot.waitUntil(lambda: not app.windowIcon().isNull())
    assert sizes(app.windowIcon()) == sorted(ICON_SIZES)


def test_a_start_names_the_app_for_its_desktop_entry_and_gives_the_icon_after_the_first_frame(data_dir) -> None:
    code = ("import atexit, json, runpy, sys\n"
            "from PySide6.QtCore import QEvent\n"
            "from PySide6.QtWidgets import QApplication\n"
            "import roadmap_app.ui.app as app_module\n"
            "seen = {}\n"
            "first_paint = app_module._SmokeTest.eventFilter\n"
            "def at_paint(self, watched, event):\n"
            "    if event.type() == QEvent.Type.Paint and 'icon_at_first_frame' not in seen:\n"
            "        seen['icon_at_first_frame'] = not QApplication.windowIcon().isNull()\n"
            "    return first_paint(self, watched, event)\n"
            "app_module._SmokeTest.eventFilter = at_paint\n"
            "def report():\n"
            "    app = QApplication.instance()\n"
            "    seen.update(desktop=app.desktopFileName(), name=app.applicationDisplayName(),\n"
            "                sizes=[size.width() for size in app.windowIcon().availableSizes()])\n"
            "    print('IDENTITY', json.dumps(seen))\n"
            "atexit.register(report)\n"
            "sys.argv = ['roadmap_app', 'gui', '--smoke-test']\n"
            "runpy.run_module('roadmap_app', run_name='__main__')\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "first frame painted" in done.stdout, done.stderr
    seen = json.loads(done.stdout.split("IDENTITY ", 1)[1])
    assert seen == {"icon_at_first_frame": False, "desktop": APP_ID, "name": "Roadmap",
                    "sizes": sorted(ICON_SIZES)}
