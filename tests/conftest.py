"""Test configuration: headless Qt and a throwaway data folder for every test."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "src" / "roadmap_app" / "roadmaps"
ML_ROADMAP = ROADMAPS / "ml-engineer.roadmap.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own data folder, so no test touches a real user's progress."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ROADMAP_APP_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def ml_layout():
    """The bundled ML roadmap and its default layout (computed once for the whole run)."""
    from roadmap_app.formats.loader import load_roadmap
    from roadmap_app.services.layout_cache import compute_layout

    roadmap = load_roadmap(ML_ROADMAP)
    return roadmap, compute_layout(roadmap)


@pytest.fixture
def ml_roadmap_path() -> Path:
    return ML_ROADMAP


def start_window(qtbot, data_dir: Path, file: Path | None = ML_ROADMAP, size: tuple[int, int] = (1400, 900)):
    """A shown main window and its store; `file` None starts as the app does (the last roadmap, else bundled)."""
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    win = MainWindow(store, data_dir)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    if file is None:
        win.open_initial(None)
    else:
        assert win.open_roadmap(file)
    qtbot.waitUntil(lambda: win.scene is not None)
    return win, store


@pytest.fixture
def window(qtbot, data_dir):
    """The main window showing the bundled ML roadmap, backed by the test's data folder."""
    win, store = start_window(qtbot, data_dir)
    yield win
    win.close()
    store.close()


def saved(qtbot, window) -> None:
    """Wait until every change asked for has come back from the database thread."""
    qtbot.waitUntil(lambda: not window.document.busy, timeout=5000)


def write_roadmap(path: Path, nodes_yaml: str, *, roadmap_id: str = "demo") -> Path:
    """A small valid roadmap file with the given node list (YAML text, indented 2)."""
    path.write_text(
        f"format: 1\nid: {roadmap_id}\ntitle: Demo\n"
        "categories:\n  - {id: math, title: Maths}\n  - {id: code, title: Code}\n"
        f"nodes:\n{nodes_yaml}",
        encoding="utf-8",
    )
    return path
