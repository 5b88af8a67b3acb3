"""Every way of opening a roadmap: `roadmap-app FILE`, File ▸ Open Recent, drag and drop, the Library; and
switching between roadmaps keeps where each was left."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from roadmap_app import cli
from tests.conftest import ML_ROADMAP, REPO, ROADMAPS, start_window, write_roadmap

INTERVIEW = ROADMAPS / "ml-interview-prep.roadmap.yaml"
DEMO_NODES = ("  - {id: x, title: Ex, category: math, summary: s, hours: 2}\n"
              "  - {id: y, title: Why, category: code, summary: s, hours: 6, requires: [x]}\n")
BROKEN = "format: 1\nid: broken\ntitle: Broken\ncategories: []\nnodes:\n  - {id: a, title: A, category: nope, " \
         "summary: s, hours: 1}\n"


# ---------------------------------------------------------------------------------------------- command line
@pytest.fixture
def window_starts(monkeypatch) -> list[dict]:
    """What the window would have been started with (run_gui is not run: it would block)."""
    from roadmap_app.ui import app

    started: list[dict] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: started.append(kwargs) or 0)
    return started


@pytest.mark.parametrize("form", ["FILE", "FILE --data-dir DIR", "--data-dir DIR FILE", "--data=DIR FILE",
                                  "gui FILE", "gui FILE --data-dir DIR"])
def test_a_file_as_first_argument_opens_the_window_on_it(form, window_starts, tmp_path) -> None:
    folder = tmp_path / "data"
    argv = [word.replace("FILE", str(INTERVIEW)).replace("DIR", str(folder)) for word in form.split()]
    assert cli.main(argv) == 0
    assert window_starts == [{"file": str(INTERVIEW), "data_dir": str(folder) if "DIR" in form else None,
                              "smoke_test": False}]


def test_a_file_opens_the_window_without_loading_the_commands(window_starts, monkeypatch) -> None:
    asked = []
    real = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda commands_too=True: asked.append(commands_too) or real(commands_too))
    assert cli.main([str(INTERVIEW), "--smoke-test"]) == 0
    assert asked == [False] and window_starts[0]["smoke_test"]


@pytest.mark.parametrize("word", ["valdate", "missing.roadmap.yaml", "some/where/map.json"])
def test_a_word_that_is_neither_command_nor_file_names_the_commands(word, window_starts, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([word])
    error = capsys.readouterr().err
    assert exit_.value.code == 2 and not window_starts
    assert "no such file" in error and "invalid choice" not in error
    assert all(name in error for name in ("gui", "validate", "progress", "export-image"))


def test_a_folder_is_refused_with_what_to_give_instead(window_starts, capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main([str(ROADMAPS)])
    assert "is a folder" in capsys.readouterr().err and not window_starts


def test_a_file_named_like_a_command_opens_through_gui(window_starts, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(INTERVIEW, tmp_path / "validate")
    assert cli.main(["validate", str(INTERVIEW)]) == 0  # the command wins
    assert ": ok (15 nodes)" in capsys.readouterr().out and not window_starts
    assert cli.main(["gui", "validate"]) == 0
    assert cli.main(["./validate"]) == 0
    assert [start["file"] for start in window_starts] == ["validate", "./validate"]


def test_every_command_is_a_lower_case_word_so_no_path_is_taken_for_one(capsys) -> None:
    names = cli.command_names(cli.build_parser())
    assert "validate" in names and all(re.fullmatch(r"[a-z][a-z0-9-]*", name) for name in names)
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "roadmap-app FILE" in help_text and "roadmap-app gui FILE" in help_text


@pytest.mark.slow
def test_roadmap_app_file_paints_that_roadmap(data_dir) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-m", "roadmap_app", str(INTERVIEW), "--smoke-test"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "first frame painted" in done.stdout, done.stderr
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("last_roadmap") == str(INTERVIEW.resolve())


# ---------------------------------------------------------------------------------------------- open recent
def recent_menu(window) -> list:
    """The Open Recent menu's actions, as they are made when it opens."""
    window.commands.recent_menu.aboutToShow.emit()
    return window.commands.recent_menu.actions()


def open_and_wait(qtbot, window, opening, roadmap_id: str) -> None:
    opening()
    qtbot.waitUntil(lambda: window.document is not None and window.document.roadmap.id == roadmap_id, timeout=10_000)


def test_open_recent_lists_newest_first_and_opens_the_chosen_one(qtbot, window, tmp_path) -> None:
    (tmp_path / "a & b").mkdir()
    demo = write_roadmap(tmp_path / "a & b" / "demo.roadmap.yaml", DEMO_NODES)
    open_and_wait(qtbot, window, lambda: window.open_roadmap(demo), "demo")
    open_and_wait(qtbot, window, lambda: window.open_roadmap(INTERVIEW), "ml-interview-prep")
    actions = recent_menu(window)
    entries = [action for action in actions if action.data()]
    assert [Path(action.data()) for action in entries] == [INTERVIEW.resolve(), demo.resolve(), ML_ROADMAP.resolve()]
    assert entries[0].text().startswith("&1  ML Interview Preparation — ")
    assert entries[1].text().startswith("&2  Demo — ") and "a && b" in entries[1].text()  # shown as "a & b"
    assert actions[-1].text() == "&Clear Recent"
    open_and_wait(qtbot, window, entries[1].trigger, "demo")
    assert Path(recent_menu(window)[0].data()) == demo.resolve()


def test_a_missing_recent_file_is_greyed_out_and_forgotten_when_asked_for(qtbot, window, tmp_path,
                                                                          monkeypatch) -> None:
    from roadmap_app.ui.recent_files import open_recent

    told = []
    monkeypatch.setattr("roadmap_app.ui.main_window.tell", lambda *args: told.append(args))
    demo = write_roadmap(tmp_path / "demo.roadmap.yaml", DEMO_NODES)
    open_and_wait(qtbot, window, lambda: window.open_roadmap(demo), "demo")
    open_and_wait(qtbot, window, lambda: window.open_roadmap(ML_ROADMAP), "ml-engineer")
    demo.unlink()
    gone = next(action for action in recent_menu(window) if action.data() == str(demo.resolve()))
    assert not gone.isEnabled() and gone.text().endswith("(not found)")
    assert not open_recent(window, window.recent, demo.resolve())
    assert "no longer there" in window.statusBar().currentMessage() and not told  # a note, not a dialog
    assert demo.resolve() not in [entry.path for entry in window.recent.entries()]
    assert window.document.roadmap.id == "ml-engineer"


def test_clear_recent_empties_the_menu(qtbot, window) -> None:
    assert window.recent.entries()
    next(action for action in recent_menu(window) if action.text() == "&Clear Recent").trigger()
    assert window.recent.entries() == []
    texts = [action.text() for action in recent_menu(window) if not action.isSeparator()]
    assert texts == ["No recent roadmaps", "&Clear Recent"]


def test_recent_files_keep_ten_survive_a_restart_and_skip_damage(qtbot, data_dir, tmp_path) -> None:
    from roadmap_app.ui.recent_files import RecentRoadmaps

    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    recent = RecentRoadmaps(settings)
    for number in range(12):
        recent.add(tmp_path / f"{number}.roadmap.yaml", f"Map {number}")
    recent.add(tmp_path / "3.roadmap.yaml", "Map 3 again")
    assert [entry.title for entry in recent.entries()] == ["Map 3 again", *(f"Map {n}" for n in (11, 10, 9, 8, 7, 6,
                                                                                                 5, 4, 2))]
    settings.setValue("recent_roadmaps/2/path", ["not", "a path"])  # damage, as a hand edit could leave (1-based)
    settings.setValue("recent_roadmaps/3/title", ["not", "text"])
    settings.sync()
    window, store = start_window(qtbot, data_dir)
    try:
        titles = [entry.title for entry in window.recent.entries()]
        assert titles[:3] == ["Machine Learning Engineer", "Map 3 again", "10.roadmap.yaml"]  # Map 11 was dropped
        assert len(titles) == 10  # the file name stands in for a title that is no text
    finally:
        window.close()
        store.close()
    settings.setValue("recent_roadmaps/size", "many")
    assert RecentRoadmaps(settings).entries() == []


# ---------------------------------------------------------------------------------------------- drag and drop
def drag_and_drop(widget, urls: list[QUrl]) -> bool:
    """Drag the URLs over the widget and drop them; True when the drag showed the drop would be taken."""
    mime = QMimeData()
    mime.setUrls(urls)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted()


def files(*paths: Path) -> list[QUrl]:
    return [QUrl.fromLocalFile(str(path)) for path in paths]


def test_a_roadmap_dropped_on_the_graph_opens(qtbot, window) -> None:
    assert drag_and_drop(window.view.viewport(), files(INTERVIEW))  # reaches the window through the graph
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep", timeout=10_000)


def test_several_dropped_files_open_the_first_and_say_so(qtbot, window, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert drag_and_drop(window, files(notes, INTERVIEW, ML_ROADMAP))
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep", timeout=10_000)
    message = window.statusBar().currentMessage()
    assert "ml-interview-prep.roadmap.yaml" in message and "only one roadmap opens at a time" in message


@pytest.mark.parametrize("what", ["text file", "remote", "folder"])
def test_anything_but_a_local_roadmap_file_is_refused_in_the_status_bar(what, qtbot, window, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    folder = tmp_path / "maps.yaml"
    folder.mkdir()
    urls = {"text file": files(notes), "remote": [QUrl("https://example.org/x.roadmap.yaml")],
            "folder": files(folder)}[what]
    accepted = drag_and_drop(window, urls)
    assert not accepted or what == "folder"  # a folder's name alone cannot tell it from a file
    message = window.statusBar().currentMessage()
    assert {"text file": "notes.txt is not a roadmap file", "remote": "Only files on this computer",
            "folder": "maps.yaml is a folder"}[what] in message
    qtbot.wait(50)
    assert window.document.roadmap.id == "ml-engineer" and window.document.path == ML_ROADMAP


def test_a_status_bar_message_has_room_beside_the_progress_summary(window) -> None:
    assert window.progress_label.isVisible()
    window.statusBar().showMessage("notes.txt is not a roadmap file")
    assert not window.progress_label.isVisible()  # else the stretching summary leaves the message no room
    window.statusBar().clearMessage()
    assert window.progress_label.isVisible()


def test_a_dropped_file_with_problems_gets_the_problems_message_of_file_open(qtbot, window, tmp_path,
                                                                             monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown.append(args))
    broken = tmp_path / "broken.roadmap.yaml"
    broken.write_text(BROKEN)
    assert drag_and_drop(window, files(broken))
    qtbot.waitUntil(lambda: bool(shown))
    assert not window.open_roadmap(broken)  # File ▸ Open's way
    assert shown[0][1:] == shown[1][1:] and shown[0][1] == "Roadmap has problems"
    assert window.document.roadmap.id == "ml-engineer"


# ---------------------------------------------------------------------------------------------- switching
def test_switching_roadmaps_keeps_where_each_was_left(qtbot, window, data_dir) -> None:
    from tests.test_categories import rearranged

    rearranged(qtbot, window, lambda: window.collapse_category("mathematics"))
    window.view.zoom_by(1.6 / window.view.scale_factor())
    window.select_and_show("pandas")
    window.plan_panel.set_goals(["scikit-learn", "numpy"])
    left, room = window.view.mapToScene(window.view.viewport().rect().center()), window.view.viewport().size()

    def where_a_is_shown():  # once the scroll bars are back (the graph behind the Library had none)
        qtbot.waitUntil(lambda: window.view.viewport().size() == room)
        now = window.view.mapToScene(window.view.viewport().rect().center())
        return abs(now.x() - left.x()) < 0.5 and abs(now.y() - left.y()) < 0.5  # not a pixel off, however often

    open_and_wait(qtbot, window, lambda: window.open_roadmap(INTERVIEW), "ml-interview-prep")
    interview_skill = window.document.roadmap.nodes[0].id
    window.select_and_show(interview_skill)
    window.view.zoom_by(0.8 / window.view.scale_factor())

    ml_entry = next(action for action in recent_menu(window) if action.data() == str(ML_ROADMAP.resolve()))
    open_and_wait(qtbot, window, ml_entry.trigger, "ml-engineer")  # back through Open Recent
    assert abs(window.view.scale_factor() - 1.6) < 0.01 and where_a_is_shown()
    assert window.scene.selected_node() == "pandas" and window.plan_panel.goals == ["scikit-learn", "numpy"]
    assert set(window.scene.summaries) == {"mathematics"}

    def through_the_library(path: Path, roadmap_id: str) -> None:
        window.library.show()  # the graph is hidden behind the page when the map is left
        qtbot.waitUntil(lambda: window.library.page.item_for(path) is not None)
        window.library.page.tree.itemActivated.emit(window.library.page.item_for(path), 0)
        qtbot.waitUntil(lambda: window.document.roadmap.id == roadmap_id, timeout=10_000)

    through_the_library(INTERVIEW, "ml-interview-prep")
    assert abs(window.view.scale_factor() - 0.8) < 0.01 and window.scene.selected_node() == interview_skill
    assert window.plan_panel.goals == [] and window.scene.summaries == {}
    through_the_library(ML_ROADMAP, "ml-engineer")
    assert abs(window.view.scale_factor() - 1.6) < 0.01 and where_a_is_shown()
    assert window.scene.selected_node() == "pandas" and window.plan_panel.goals == ["scikit-learn", "numpy"]
