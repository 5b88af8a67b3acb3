"""A normal start: the first painted frame shows the last roadmap with the stored progress, from the caches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services import roadmap_cache
from tests.conftest import ML_ROADMAP, REPO, start_window

MARKS = [Status.DONE, Status.LEARNING, Status.SKIPPED]


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh Python (a start of its own, offscreen); it must succeed."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    return done

def seed(data_dir) -> dict[str, Status]:
    """Some progress on the bundled roadmap, as the command line would have stored it; every skill's status."""
    roadmap = load_roadmap(ML_ROADMAP)
    store = ProgressStore(data_dir)
    for i, node in enumerate(roadmap.nodes[:40:3]):
        ops.set_status(store, roadmap.id, node.id, MARKS[i % 3])
    statuses = {node.id: store.snapshot(roadmap).status(node.id) for node in roadmap.nodes}
    store.close()
    return statuses


class FirstPaint(QObject):
    """Notes what every card of the scene shows at the graph view's first paint."""

    def __init__(self, window):
        super().__init__()
        self.window, self.seen = window, {}

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.seen:
            scene = self.window.view.scene()
            self.seen = {node_id: item.status for node_id, item in scene.nodes.items()}
        return False


def test_the_first_frame_shows_the_stored_progress_from_the_caches(qtbot, data_dir, monkeypatch) -> None:
    from roadmap_app.ui.main_window import MainWindow

    statuses = seed(data_dir)
    assert set(statuses.values()) == {Status.TODO, *MARKS}
    window, store = start_window(qtbot, data_dir, file=None)  # the first start makes the caches
    window.close()
    store.close()
    assert list((data_dir / "roadmap-cache").glob("*.json"))

    def not_parsed(raw, name, **kwargs):
        raise AssertionError(f"{name} was parsed again: the cache was not used")

    monkeypatch.setattr(roadmap_cache, "check_bytes", not_parsed)
    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    qtbot.addWidget(window)
    watcher = FirstPaint(window)
    window.view.viewport().installEventFilter(watcher)
    window.show()
    window.open_initial(None)
    qtbot.waitUntil(lambda: bool(watcher.seen), timeout=10_000)
    assert watcher.seen == statuses
    window.close()
    store.close()


@pytest.mark.slow
def test_the_entry_point_starts_again_from_its_caches(data_dir) -> None:
    seed(data_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)}
    for launch in ("first", "second"):
        done = subprocess.run([sys.executable, "-m", "roadmap_app", "gui", "--smoke-test"], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "first frame painted" in done.stdout, f"{launch}: {done.stderr}"
        assert "Traceback" not in done.stderr
    assert not (data_dir / "errors.log").exists()
    assert list((data_dir / "roadmap-cache").glob("*.json")) and list((data_dir / "layout-cache").glob("*.json"))


def test_the_window_imports_no_library_after_qt_that_could_come_before() -> None:
    """PySide6 reads the source of every module imported after it; the window's core and its libraries come first."""
    code = ("import importlib, json, sys\nfrom roadmap_app.cli import WINDOW_CORE\n"
            "for name in WINDOW_CORE:\n    importlib.import_module(name)\n"
            "import PySide6.QtWidgets\nbefore = set(sys.modules)\nimport roadmap_app.ui.main_window\n"
            "print(json.dumps(sorted({name.split('.')[0] for name in set(sys.modules) - before})))\n")
    done = run_python(code)
    libraries = {"sqlalchemy", "alembic", "numpy", "highspy", "networkx", "jsonschema", "ruamel", "icalendar",
                 "matplotlib", "platformdirs"}
    assert libraries.isdisjoint(json.loads(done.stdout)), done.stdout


def test_every_module_of_the_app_the_window_imports_after_qt_uses_qt() -> None:
    """The window's Qt-free modules (WINDOW_CORE) load before Qt, so PySide6 neither reads nor keeps their source."""
    code = ("import importlib, json, sys\nfrom roadmap_app.cli import WINDOW_CORE\n"
            "for name in WINDOW_CORE:\n    importlib.import_module(name)\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'WINDOW_CORE imports Qt'\n"
            "import PySide6.QtWidgets\nbefore = set(sys.modules)\nimport roadmap_app.ui.main_window\n"
            "print(json.dumps({m: sys.modules[m].__file__ for m in set(sys.modules) - before\n"
            "                  if m.startswith('roadmap_app.')}))\n")
    done = run_python(code)
    qt_free = {name for name, path in json.loads(done.stdout).items()
               if not path.endswith("__init__.py") and "PySide6" not in Path(path).read_text(encoding="utf-8")}
    assert qt_free == set(), "add them to roadmap_app.cli.WINDOW_CORE"


# Loaded only when their feature is used: the first frame of a normal start needs none of them.
NOT_BEFORE_THE_FIRST_FRAME = {"sqlalchemy", "alembic", "numpy", "highspy", "networkx", "jsonschema", "ruamel",
                              "icalendar", "matplotlib", "multiprocessing", "PySide6.QtSvg",
                              "roadmap_app.ui.panels.plan_view", "roadmap_app.ui.panels.gantt",
                              "roadmap_app.ui.panels.problems", "roadmap_app.ui.panels.source_view",
                              "roadmap_app.ui.canvas.export", "roadmap_app.services.planning",
                              "roadmap_app.services.plan_export", "roadmap_app.formats.tree",
                              "roadmap_app.persistence.transfer", "roadmap_app.domain.contraction",
                              "roadmap_app.domain.layering", "roadmap_app.domain.ordering",
                              "roadmap_app.domain.packing", "roadmap_app.domain.sweep_placement"}


def loaded_of(modules: list[str], names: set[str]) -> set[str]:
    return {name for name in names if any(m == name or m.startswith(name + ".") for m in modules)}


def test_importing_the_window_loads_nothing_its_first_frame_does_without() -> None:
    code = "import json, sys\nimport roadmap_app.ui.main_window\nprint(json.dumps(sorted(sys.modules)))\n"
    done = run_python(code)
    assert loaded_of(json.loads(done.stdout), NOT_BEFORE_THE_FIRST_FRAME | {"platformdirs"}) == set()


@pytest.mark.slow
def test_a_normal_start_loads_nothing_its_first_frame_does_without(data_dir) -> None:
    """The whole start, to the first frame (the smoke test quits just after it), from the caches."""
    seed(data_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)}
    start = [sys.executable, "-m", "roadmap_app", "gui", "--smoke-test"]
    assert subprocess.run(start, env=env, cwd=REPO, capture_output=True, timeout=120).returncode == 0  # caches
    code = ("import atexit, json, runpy, sys\n"
            "atexit.register(lambda: print('MODULES', json.dumps(sorted(sys.modules))))\n"
            "sys.argv = ['roadmap_app', 'gui', '--smoke-test']\nrunpy.run_module('roadmap_app', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "first frame painted" in done.stdout, done.stderr
    modules = json.loads(done.stdout.split("MODULES ", 1)[1])
    assert "roadmap_app.ui.main_window" in modules
    assert loaded_of(modules, NOT_BEFORE_THE_FIRST_FRAME) == set()


@pytest.mark.parametrize(("argv", "window_only"), [
    ([], True), (["gui"], True), (["gui", "x.roadmap.yaml", "--smoke-test"], True), (["--data-dir", "d"], True),
    (["--data-dir=d", "gui"], True), (["--data", "d", "gui"], True), (["gui", "--help"], True),
    (["validate", "x"], False), (["--help"], False), (["-h"], False), (["--version"], False),
    (["--data-dir", "d", "progress", "x"], False), (["--data-dir", "d", "--help"], False), (["--", "gui"], False),
])
def test_the_window_parser_is_used_only_where_it_reads_the_same(argv, window_only, capsys) -> None:
    from roadmap_app.cli import _only_opens_the_window, build_parser

    assert _only_opens_the_window(argv) is window_only
    if window_only and "--help" not in argv:
        assert vars(build_parser(commands_too=False).parse_args(argv)) == vars(build_parser().parse_args(argv))
    if argv == ["--help"]:
        with pytest.raises(SystemExit):
            build_parser(commands_too=not _only_opens_the_window(argv)).parse_args(argv)
        assert "validate" in capsys.readouterr().out


def test_the_application_starts_in_the_window_style_which_is_then_not_set_again() -> None:
    """Setting the style returns it, and making its Python type (a dozen enums) costs 5-10 ms before the first frame."""
    code = ("import sys\nfrom PySide6.QtWidgets import QApplication\nfrom roadmap_app.ui import theme\n"
            "from roadmap_app.ui.app import new_application\napp = new_application()\nprint(app.style().name())\n"
            "def refuse(*args):\n    raise AssertionError('the style was set again')\n"
            "QApplication.setStyle = refuse\ntheme.apply_palette(app, theme.DARK)\n"
            "theme.apply_palette(app, theme.LIGHT)\n"
            "print(app.palette().window().color().name())\n")
    done = run_python(code)
    from roadmap_app.ui.theme import LIGHT

    assert done.stdout.split() == ["fusion", LIGHT.window]


def test_a_window_in_an_application_started_elsewhere_still_gets_the_window_style(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from roadmap_app.ui import theme

    app = QApplication.instance()
    monkeypatch.setattr(app, "property", lambda name: None)  # as if no window had set the style yet
    monkeypatch.setattr(app, "setProperty", lambda name, value: None)
    asked = []
    monkeypatch.setattr(QApplication, "setStyle", lambda *args: asked.append(args[-1]))
    theme.apply_palette(app, theme.LIGHT)
    assert asked == ["Fusion"]


@pytest.mark.slow
def test_the_window_is_built_with_the_collector_off_and_runs_with_it_on(data_dir) -> None:
    seed(data_dir)
    code = ("import atexit, gc, json, runpy, sys\n"
            "atexit.register(lambda: print('GC', json.dumps([gc.isenabled(), gc.get_freeze_count()])))\n"
            "sys.argv = ['roadmap_app', 'gui', '--smoke-test']\nrunpy.run_module('roadmap_app', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)})
    assert done.returncode == 0 and "first frame painted" in done.stdout, done.stderr
    enabled, frozen = json.loads(done.stdout.split("GC ", 1)[1])
    assert enabled and frozen > 10_000  # the start's objects, kept out of every later collection


@pytest.mark.parametrize("outcome", ["no display", "error"])
def test_the_collector_is_on_again_however_the_window_start_ends(outcome, monkeypatch) -> None:
    import gc

    from roadmap_app import cli
    from roadmap_app.ui import app

    def fail(**_):
        assert not gc.isenabled()
        raise RuntimeError("broken")

    if outcome == "no display":
        monkeypatch.setattr(app, "has_display", lambda: False)
        assert cli.main(["gui"]) == 2
    else:
        monkeypatch.setattr(app, "run_gui", fail)
        with pytest.raises(RuntimeError):
            cli.main(["gui"])
    assert gc.isenabled()
