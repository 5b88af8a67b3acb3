"""The one-folder build's assumptions, checked without building (`python3 dev.py package` builds and checks it):
every file the code opens at run time ships, and the modules and Qt plugins left out are ones the app can do
without. Also dev.py's record of what is installed in .venv."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "roadmap_app"
PACKAGING = REPO / "packaging"


def load(path: Path) -> ModuleType:
    """A module of packaging/ or dev.py, by its file (packaging/ is no package: `packaging` is pip's)."""
    spec = importlib.util.spec_from_file_location(f"under_test_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def contents() -> ModuleType:
    return load(PACKAGING / "bundle_contents.py")


def shipped(contents: ModuleType, path: Path) -> bool:
    return any(path.is_relative_to(PACKAGE / folder) for folder in contents.PACKAGE_DATA_FOLDERS)


def test_the_spec_takes_its_data_folders_and_lists_from_bundle_contents() -> None:
    spec = (PACKAGING / "roadmap-app.spec").read_text(encoding="utf-8")
    for use in ("datas=contents.datas(source)", "hiddenimports=contents.HIDDEN_IMPORTS",
                "excludes=contents.EXCLUDED_MODULES", "contents.is_wanted_qt_plugin", "contents.is_wanted_data",
                "contents.without_unneeded_libraries", "contents.MATPLOTLIB_BACKENDS"):
        assert use in spec


def test_every_data_folder_exists_and_lands_at_the_same_place_under_roadmap_app(contents) -> None:
    for source, destination in contents.datas(PACKAGE):
        assert Path(source).is_dir(), source
        assert Path(destination) == Path("roadmap_app") / Path(source).relative_to(PACKAGE)


def test_every_file_of_the_package_that_is_not_a_module_ships_as_data(contents) -> None:
    """Templates, roadmaps, icons, desktop files...: the analysis ships Python modules only as bytecode."""
    unshipped = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*")
                 if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
                 and path.name not in contents.NOT_READ_AT_RUN_TIME and not shipped(contents, path)]
    assert unshipped == [], "add their folder to PACKAGE_DATA_FOLDERS in packaging/bundle_contents.py"


def test_every_folder_the_code_finds_next_to_its_module_ships(contents) -> None:
    """`Path(__file__).parent / "x"` in a module means x is opened as files at run time (the migration scripts
    are .py files, read by Alembic, so they count too)."""
    beside_module = re.compile(r'Path\(__file__\)(?:\.resolve\(\))?\.parent\s*/\s*"([^"]+)"')
    found = {module.parent / name for module in PACKAGE.rglob("*.py")
             for name in beside_module.findall(module.read_text(encoding="utf-8"))}
    assert {path.relative_to(PACKAGE).as_posix() for path in found} >= {"roadmaps", "resources", "ui/icons",
                                                                        "persistence/migrations"}
    assert [path for path in found if not shipped(contents, path)] == []


def test_qt_plugins_for_x11_wayland_offscreen_and_svg_stay_and_the_unused_go(contents) -> None:
    plugins = "PySide6/Qt/plugins/"
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
                 "xcbglintegrations/libqxcb-glx-integration.so",
                 "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 "wayland-shell-integration/libxdg-shell.so", "platformthemes/libqxdgdesktopportal.so"):
        assert contents.is_wanted_qt_plugin(plugins + kept), kept
    for left_out in ("platforms/libqvnc.so", "platforms/libqeglfs.so", "platformthemes/libqgtk3.so",
                     "imageformats/libqjpeg.so", "tls/libqopensslbackend.so", "generic/libqevdevmouseplugin.so",
                     "networkinformation/libqnetworkmanager.so", "egldeviceintegrations/libqeglfs-x11-integration.so"):
        assert not contents.is_wanted_qt_plugin(plugins + left_out), left_out
    assert contents.is_wanted_qt_plugin("PySide6/Qt/lib/libQt6Core.so.6")
    assert not contents.is_wanted_data("PySide6/Qt/translations/qtbase_de.qm")
    assert contents.is_wanted_data("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")


def test_libraries_only_a_left_out_plugin_needed_go_with_it_and_their_links_too(contents) -> None:
    links = {"PySide6/QtGui.abi3.so": ["libQt6Gui.so.6", "libglib-2.0.so.0"],
             "PySide6/Qt/plugins/platforms/libqxcb.so": ["libxcb.so.1"]}
    binaries = [("PySide6/QtGui.abi3.so", "PySide6/QtGui.abi3.so", "EXTENSION"),
                ("PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqxcb.so", "BINARY"),
                ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/libQt6Gui.so.6", "BINARY"),
                ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
                ("libglib-2.0.so.0", "/usr/lib/libglib-2.0.so.0", "BINARY"),
                ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
                ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),  # the GTK theme plugin's, left out
                ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
                ("PySide6/Qt/lib/libQt6Network.so.6", "/venv/libQt6Network.so.6", "BINARY"),
                ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY")]
    kept = contents.without_unneeded_libraries(binaries, lambda source: links.get(source, []))
    assert [name for name, _, _ in kept] == ["PySide6/QtGui.abi3.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
                                             "PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6", "libglib-2.0.so.0",
                                             "libxcb.so.1", "libpython3.11.so.1.0"]


def test_links_among_the_datas_go_when_their_library_went(contents) -> None:
    """PyInstaller lists top-level links with the datas: a link to a library left out must not stay, dangling."""
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/libQt6Gui.so.6", "BINARY")]
    datas = [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
             ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),  # its library was left out
             ("libNetwork-alias.so", "libQt6Network.so.6", "SYMLINK"),  # a link to that link
             ("roadmap_app/roadmaps/a.roadmap.yaml", "/src/a.roadmap.yaml", "DATA")]
    kept = contents.without_dangling_links(datas, binaries)
    assert [name for name, _, _ in kept] == ["libQt6Gui.so.6", "roadmap_app/roadmaps/a.roadmap.yaml"]


BLOCKED_IMPORT = """
import importlib, importlib.abc, pkgutil, sys

LEFT_OUT = {left_out!r}

class LeftOut(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == module or name.startswith(module + ".") for module in LEFT_OUT):
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, LeftOut())
import roadmap_app
for module in pkgutil.walk_packages(roadmap_app.__path__, "roadmap_app."):
    if ".migrations" not in module.name:
        importlib.import_module(module.name)
import hashlib
from matplotlib.backends import backend_agg, backend_pdf, backend_qtagg, backend_svg
for name in {hidden!r}:
    importlib.import_module(name)
assert hashlib.sha256(b"roadmap").hexdigest() == {digest!r}  # Python's own SHA-256, without OpenSSL's
print("imported", len([m for m in sys.modules if m.startswith("roadmap_app")]))
"""


@pytest.mark.slow
def test_every_module_of_the_app_imports_without_the_modules_the_build_leaves_out(contents) -> None:
    """As in the build: an excluded module cannot be imported, so a module of the app that needs one fails here."""
    code = BLOCKED_IMPORT.format(left_out=contents.EXCLUDED_MODULES, hidden=contents.HIDDEN_IMPORTS,
                                 digest=hashlib.sha256(b"roadmap").hexdigest())
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "imported" in done.stdout


class FakeInstaller:
    """Stands in for pip: records the extras each `pip install -e .[...]` asked for."""

    def __init__(self) -> None:
        self.installs: list[str] = []

    def __call__(self, command, check=False):
        self.installs.append(command[-1].split("[", 1)[1].rstrip("]"))


@pytest.fixture
def dev(tmp_path, monkeypatch) -> tuple[ModuleType, FakeInstaller]:
    module = load(REPO / "dev.py")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    installer = FakeInstaller()
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.setattr(module, "PYTHON", venv / "bin" / "python")
    monkeypatch.setattr(module.subprocess, "run", installer)
    return module, installer


def test_dev_installs_each_extra_once_and_test_after_package_installs_nothing(dev) -> None:
    module, installer = dev
    module.ensure_environment(("package",))
    module.ensure_environment(("test",))
    module.ensure_environment(("test",))
    module.ensure_environment(("package",))
    assert installer.installs == ["package", "package,test"]


def test_dev_reads_an_older_stamp_of_only_the_hash_as_the_test_extra(dev) -> None:
    module, installer = dev
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    (module.VENV / ".installed").write_text(digest)
    module.ensure_environment(("test",))
    assert installer.installs == []
    module.ensure_environment(("package",))
    assert installer.installs == ["package,test"]


def test_dev_installs_every_recorded_extra_again_when_pyproject_changes(dev) -> None:
    module, installer = dev
    (module.VENV / ".installed").write_text("0123abcd package test")
    module.ensure_environment(("test",))
    assert installer.installs == ["package,test"]


def test_the_built_app_gives_programs_it_starts_the_persons_library_path() -> None:
    from roadmap_app.__main__ import give_back_the_library_path

    bundle = "/opt/roadmap-app/_internal"
    environment = {"LD_LIBRARY_PATH": bundle, "LD_LIBRARY_PATH_ORIG": "/home/ann/lib", "HOME": "/home/ann"}
    give_back_the_library_path(environment)
    assert environment == {"LD_LIBRARY_PATH": "/home/ann/lib", "HOME": "/home/ann"}
    environment = {"LD_LIBRARY_PATH": bundle}  # the person had none
    give_back_the_library_path(environment)
    assert environment == {}


def test_dev_runs_the_suite_on_every_core_unless_told_otherwise(dev) -> None:
    module, _ = dev
    assert module.parallel([]) == module.parallel(["tests/test_gui.py", "-x"]) == ["-n", "auto"]
    assert module.parallel(["-n", "0"]) == module.parallel(["-n0"]) == module.parallel(["--numprocesses=1"]) == []
