"""A Linux without a system library Qt needs: one clear message with the apt-get line, never a traceback or abort."""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest

from roadmap_app.cli import main
from roadmap_app.ui.system_libraries import DEBIAN_PACKAGES, missing_library
from tests.conftest import REPO

NOT_FOUND = "libEGL.so.1: cannot open shared object file: No such file or directory"


class QtThatCannotLoad(types.ModuleType):
    """Stands in for roadmap_app.ui.app when PySide6's QtGui fails to load for want of a system library."""

    def __getattr__(self, name: str):
        raise ImportError(self.error)


def without_window_module(monkeypatch, error: str) -> None:
    broken = QtThatCannotLoad("roadmap_app.ui.app")
    broken.error = error
    monkeypatch.setitem(sys.modules, "roadmap_app.ui.app", broken)


def test_the_missing_library_is_read_from_the_loaders_message() -> None:
    assert missing_library(ImportError(NOT_FOUND)) == "libEGL.so.1"
    assert missing_library(OSError("libxcb-render-util.so.0: cannot open shared object file: No such file")) \
        == "libxcb-render-util.so.0"
    assert missing_library(ImportError("No module named 'PySide6'")) is None


def test_a_missing_system_library_is_one_message_with_the_packages(capsys, data_dir, monkeypatch) -> None:
    without_window_module(monkeypatch, NOT_FOUND)
    code = main(["gui", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("roadmap-app: error: Qt needs the system library libEGL.so.1, which is not installed.")
    assert f"sudo apt-get install {DEBIAN_PACKAGES}\n" in err
    assert "Traceback" not in err


def test_any_other_import_failure_is_not_taken_for_a_missing_library(data_dir, monkeypatch) -> None:
    without_window_module(monkeypatch, "cannot import name 'QtGui' from partially initialized module")
    with pytest.raises(ImportError, match="partially initialized"):
        main(["gui", "--data-dir", str(data_dir)])


def run_window(tmp_path, before: str = "") -> subprocess.CompletedProcess:
    """The window on an X display that is not there: Qt's xcb plugin cannot start, and Qt would abort."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":4093", "PYTHONPATH": str(REPO / "src")}
    start = f"from roadmap_app.cli import main\nraise SystemExit(main(['gui', '--data-dir', {str(tmp_path)!r}]))"
    code = f"{before}\n{start}"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_a_platform_plugin_qt_cannot_start_is_explained_not_aborted(tmp_path) -> None:
    result = run_window(tmp_path)
    assert result.returncode == 2, result.stderr
    assert "roadmap-app: error: the window cannot open. " in result.stderr
    assert "could not connect to display" in result.stderr  # Qt's own warning still comes first


@pytest.mark.slow
def test_a_library_the_x11_plugin_lacks_is_named_with_the_packages(tmp_path) -> None:
    pretend = ("import roadmap_app.ui.system_libraries as libs\n"
               "libs.x11_plugin_missing_library = lambda: 'libxcb-icccm.so.4'")
    result = run_window(tmp_path, pretend)
    assert result.returncode == 2, result.stderr
    assert ("roadmap-app: error: the window cannot open. Qt needs the system library libxcb-icccm.so.4, "
            "which is not installed.") in result.stderr
    assert f"sudo apt-get install {DEBIAN_PACKAGES}" in result.stderr


def test_the_readme_and_the_message_name_the_same_packages() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = readme.split("sudo apt-get install libdbus-1-3", 1)[1].split("```", 1)[0]
    listed = ("libdbus-1-3 " + command.replace("\\", " ")).split()
    assert listed == DEBIAN_PACKAGES.split()
