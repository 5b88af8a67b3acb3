"""Live reload: the window follows its roadmap file on disk (real files, the real watcher, the real window)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from roadmap_app.domain.progress import Status
from tests.conftest import ML_ROADMAP, saved, write_roadmap

WAIT_MS = 15_000  # file system events are asynchronous; a busy machine may be slow to deliver them
BAD_CATEGORY = ("    category: programming\n    hours: 12", "    category: programing\n    hours: 12")
BAD_REFERENCE = ("requires: [python-basics, linear-algebra]", "requires: [python-basics, linear-algebr]")
EXPECTED_MESSAGES = [
    "line 406, column 15: node 'numpy': unknown category 'programing'; did you mean 'programming'?",
    "line 408, column 31: node 'numpy': unknown node 'linear-algebr' in 'requires'; did you mean 'linear-algebra'?",
]


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch) -> list[tuple]:
    """Dialogs the window would show, recorded instead (none is expected from a change on disk)."""
    shown: list[tuple] = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown.append(args))
    monkeypatch.setattr("roadmap_app.ui.main_window.tell", lambda *args: shown.append(args))
    monkeypatch.setattr("roadmap_app.ui.live_reload.tell", lambda *args: shown.append(args))
    return shown


@pytest.fixture
def copy(window, qtbot, tmp_path) -> Path:
    """The bundled roadmap copied to tmp_path and open in the window, its file watched."""
    path = tmp_path / "ml-engineer.roadmap.yaml"
    path.write_bytes(ML_ROADMAP.read_bytes())
    assert window.open_roadmap(path)
    qtbot.waitUntil(lambda: window.document.path == path and window._pending is None, timeout=WAIT_MS)
    assert window.live.watch.path == path
    return path


@pytest.fixture
def reloads(window, monkeypatch) -> list[bytes]:
    """The content of every reload the watch asked the window for."""
    asked: list[bytes] = []
    real = window.open_roadmap

    def open_roadmap(path, keep_view=False, content=None):
        if content is not None:
            asked.append(content)
        return real(path, keep_view, content)

    monkeypatch.setattr(window, "open_roadmap", open_roadmap)
    return asked


def changed(path: Path, *replacements: tuple[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def save_by_rename(path: Path, text: str) -> None:
    """As many editors save: write a new file next to it, then rename it over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def title_shown(window, node_id: str) -> str | None:
    scene = window.scene
    if scene.roadmap is not window.document.roadmap or node_id not in scene.nodes:
        return None  # the new version's map is not drawn yet
    return scene.nodes[node_id].node.title


def test_an_in_place_write_reloads_and_keeps_zoom_selection_goals_and_undo(window, qtbot, copy, no_dialogs) -> None:
    document = window.document
    window.select_and_show("pandas")
    window.set_selected_status(Status.DONE)
    saved(qtbot, window)
    window.view.zoom_by(1.6 / window.view.scale_factor())
    window.plan_panel.set_goals(["pandas", "numpy"])
    zoom = window.view.scale_factor()

    with open(copy, "r+", encoding="utf-8") as handle:  # the same file, written over in place
        text = changed(copy, ("title: NumPy", "title: NumPy arrays"))
        handle.write(text)
        handle.truncate()
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy arrays", timeout=WAIT_MS)

    assert window.document is document
    assert window.selected_node() == "pandas"
    assert abs(window.view.scale_factor() - zoom) < 1e-6
    assert window.plan_panel.goals == ["pandas", "numpy"]
    assert window.scene.nodes["pandas"].status is Status.DONE
    window.undo()
    saved(qtbot, window)
    assert window.scene.nodes["pandas"].status is Status.TODO
    assert no_dialogs == []


def test_a_save_by_rename_reloads_and_so_does_the_next_one(window, qtbot, copy, reloads) -> None:
    save_by_rename(copy, changed(copy, ("title: NumPy", "title: NumPy one")))
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy one", timeout=WAIT_MS)
    assert window.live.watch.watching_file, "the new file is watched (Qt dropped the one renamed over)"
    save_by_rename(copy, changed(copy, ("title: NumPy one", "title: NumPy two")))
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy two", timeout=WAIT_MS)
    assert len(reloads) == 2, "the watch follows the new file after each rename"


def test_quick_writes_in_a_row_give_one_reload_of_the_last_content(window, qtbot, copy, reloads) -> None:
    original = copy.read_text(encoding="utf-8")
    for version in range(1, 6):  # as `git pull` writing a file several times, events handled in between
        copy.write_text(original.replace("title: NumPy", f"title: NumPy v{version}", 1), encoding="utf-8")
        qtbot.wait(10)
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy v5", timeout=WAIT_MS)
    qtbot.wait(800)  # a second reload would come within the settling time
    assert reloads == [copy.read_bytes()]


def test_a_touch_or_the_same_bytes_written_again_reload_nothing(window, qtbot, copy, reloads) -> None:
    scene, content = window.scene, copy.read_bytes()
    os.utime(copy)
    copy.write_bytes(content)
    save_by_rename(copy, content.decode("utf-8"))
    qtbot.wait(800)
    assert reloads == [] and window.scene is scene
    copy.write_text(changed(copy, ("title: NumPy", "title: NumPy again")), encoding="utf-8")  # the one real change
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy again", timeout=WAIT_MS)
    assert reloads == [copy.read_bytes()]


def test_an_invalid_change_keeps_the_old_map_and_lists_the_messages(window, qtbot, copy, no_dialogs) -> None:
    scene, roadmap = window.scene, window.document.roadmap
    broken = changed(copy, BAD_CATEGORY, BAD_REFERENCE)
    save_by_rename(copy, broken)
    panel_shown = lambda: window.live.dock.isVisible() and window.live.panel.has_problems  # noqa: E731
    qtbot.waitUntil(panel_shown, timeout=WAIT_MS)

    assert window.scene is scene and window.document.roadmap is roadmap, "the last good version stays"
    assert window.live.panel.messages() == EXPECTED_MESSAGES
    assert window.live.said == "ml-engineer.roadmap.yaml has 2 problems; showing the last good version"
    assert no_dialogs == []

    panel = window.live.panel
    second = panel.list.item(1)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(second).center())
    assert panel.source.current_line == 408
    assert panel.source.current_line_text() == broken.split("\n")[407]
    assert panel.source.textCursor().positionInBlock() == 30  # column 31
    highlighted = panel.source.extraSelections()
    assert len(highlighted) == 1 and highlighted[0].cursor.block().text() == broken.split("\n")[407]

    copy.write_text(broken.replace("programing", "programming").replace("linear-algebr]", "linear-algebra]")
                    .replace("title: NumPy", "title: NumPy fixed", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy fixed", timeout=WAIT_MS)
    assert not panel.has_problems and panel.messages() == [] and window.live.dock.isHidden()
    assert window.live.said == "ml-engineer.roadmap.yaml has no problems any more; the map shows the new version"
    assert no_dialogs == []


def test_reload_of_a_broken_file_lists_its_problems_without_a_dialog(window, qtbot, copy, no_dialogs) -> None:
    window.live.stop()  # only the explicit reload reads the file here
    copy.write_text(changed(copy, BAD_REFERENCE), encoding="utf-8")
    scene = window.scene
    window.commands.reload.trigger()
    assert window.live.panel.messages() == EXPECTED_MESSAGES[1:]
    assert window.live.dock.isVisible() and window.scene is scene and no_dialogs == []


def test_opening_a_broken_file_still_shows_the_dialog(window, qtbot, tmp_path, monkeypatch) -> None:
    shown: list[tuple] = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown.append(args))
    broken = tmp_path / "broken.roadmap.yaml"
    broken.write_text(changed(ML_ROADMAP, BAD_REFERENCE), encoding="utf-8")
    assert not window.open_roadmap(broken)
    assert len(shown) == 1 and window.live.dock.isHidden()


def test_a_deleted_file_keeps_the_map_and_is_read_again_when_back(window, qtbot, copy) -> None:
    scene, text = window.scene, copy.read_text(encoding="utf-8")
    copy.unlink()
    qtbot.waitUntil(lambda: "is gone" in window.live.said, timeout=WAIT_MS)
    assert window.scene is scene and window.document.path == copy
    assert window.live.said == \
        "ml-engineer.roadmap.yaml is gone (deleted or moved); the map shows the last version read"
    copy.write_text(text.replace("title: NumPy", "title: NumPy is back", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy is back", timeout=WAIT_MS)
    assert window.live.said == ""

    content, scene = copy.read_bytes(), window.scene
    copy.rename(copy.with_name("moved.yaml"))
    qtbot.waitUntil(lambda: "is gone" in window.live.said, timeout=WAIT_MS)
    copy.write_bytes(content)  # the same version back: nothing to draw again
    qtbot.waitUntil(lambda: window.live.said == "ml-engineer.roadmap.yaml is back; the map shows it", timeout=WAIT_MS)
    assert window.scene is scene


def test_a_change_under_unsaved_edits_lets_the_person_choose(window, qtbot, copy, monkeypatch, reloads) -> None:
    monkeypatch.setattr(window, "edits_unsaved", lambda: True)
    scene = window.scene
    copy.write_text(changed(copy, ("title: NumPy", "title: NumPy on disk")), encoding="utf-8")
    panel = lambda: window.live.panel  # noqa: E731
    qtbot.waitUntil(lambda: window.live.dock.isVisible() and panel().asking, timeout=WAIT_MS)
    assert window.scene is scene and reloads == [], "nothing is reloaded silently"

    qtbot.mouseClick(panel().keep_button, Qt.MouseButton.LeftButton)
    qtbot.wait(800)
    assert not panel().asking and window.scene is scene and reloads == []

    copy.write_text(changed(copy, ("title: NumPy on disk", "title: NumPy later")), encoding="utf-8")
    qtbot.waitUntil(lambda: panel().asking, timeout=WAIT_MS)
    qtbot.mouseClick(panel().reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy later", timeout=WAIT_MS)


def test_a_big_file_changed_on_disk_is_checked_in_another_process(window, qtbot, tmp_path, monkeypatch,
                                                                   no_dialogs) -> None:
    from roadmap_app.ui import roadmap_loader
    from tests.benchmarks.generators import random_roadmap_yaml

    monkeypatch.setattr(roadmap_loader, "IN_PROCESS_BYTES", 8 * 1024)  # a small "big" file keeps this quick
    big = tmp_path / "big.roadmap.yaml"
    big.write_text(random_roadmap_yaml(300, seed=3), encoding="utf-8")
    assert window.open_roadmap(big)
    qtbot.waitUntil(lambda: window.document.path == big and window._pending is None, timeout=120_000)
    scene = window.scene
    started = []
    real_start = window.loader.start
    monkeypatch.setattr(window.loader, "start", lambda path, content=None: (started.append(path),
                                                                           real_start(path, content)))
    save_by_rename(big, big.read_text(encoding="utf-8").replace("requires: [n1,", "requires: [n999999,", 1))
    qtbot.waitUntil(lambda: window.live.dock.isVisible() and window.live.panel.has_problems, timeout=120_000)
    assert started == [big] and window.scene is scene and no_dialogs == []
    assert any("n999999" in message for message in window.live.panel.messages())


def test_the_panel_copies_its_messages_and_opens_the_file(window, qtbot, copy, monkeypatch) -> None:
    from PySide6.QtGui import QGuiApplication

    copy.write_text(changed(copy, BAD_CATEGORY, BAD_REFERENCE), encoding="utf-8")
    qtbot.waitUntil(lambda: window.live.dock.isVisible() and window.live.panel.has_problems, timeout=WAIT_MS)
    panel = window.live.panel
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines() == [
        f"{copy}:406:15: error: node 'numpy': unknown category 'programing'; did you mean 'programming'?",
        f"{copy}:408:31: error: node 'numpy': unknown node 'linear-algebr' in 'requires'; did you mean "
        "'linear-algebra'?"]
    opened = []
    monkeypatch.setattr("roadmap_app.ui.panels.problems.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(copy)]

    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.source.current_line == 408
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert panel.source.hasFocus()
    assert panel.list.accessibleName() == "Problems" and panel.source.accessibleName() == "File text"


def test_opening_another_file_clears_the_panel_and_follows_it(window, qtbot, copy, tmp_path) -> None:
    copy.write_text(changed(copy, BAD_REFERENCE), encoding="utf-8")
    qtbot.waitUntil(lambda: window.live.panel.has_problems, timeout=WAIT_MS)
    other = tmp_path / "other" / "ml-copy.roadmap.yaml"
    other.parent.mkdir()
    other.write_text(changed(ML_ROADMAP, ("title: NumPy", "title: NumPy other")), encoding="utf-8")
    window.open_roadmap(other)  # a newer copy of the same roadmap, elsewhere: it replaces the open one
    qtbot.waitUntil(lambda: window.live.watch.path == other, timeout=WAIT_MS)
    assert not window.live.panel.has_problems and window.live.dock.isHidden()
    other.write_text(changed(other, ("title: NumPy other", "title: NumPy other 2")), encoding="utf-8")
    qtbot.waitUntil(lambda: title_shown(window, "numpy") == "NumPy other 2", timeout=WAIT_MS)


def test_the_watch_needs_no_event_when_nothing_happens(window, qtbot, copy) -> None:
    watch = window.live.watch
    qtbot.waitUntil(lambda: not watch._settle.isActive(), timeout=WAIT_MS)
    qtbot.wait(600)
    assert not watch._settle.isActive(), "no timer runs while the file stays as it is"
    assert watch.watching_file and str(copy.parent.absolute()) in watch._watcher.directories()


def test_a_newly_opened_roadmap_is_followed(window, qtbot, tmp_path, no_dialogs) -> None:
    skill = "  - {id: sums, title: %s, category: math, hours: 1, summary: Adding.}\n"
    demo = write_roadmap(tmp_path / "demo.roadmap.yaml", skill % "Sums")
    assert window.open_roadmap(demo)
    qtbot.waitUntil(lambda: window.document.roadmap.id == "demo" and window._pending is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.live.watch.path == demo, timeout=WAIT_MS)  # from the next turn of the loop
    assert no_dialogs == []
    write_roadmap(demo, skill % "Sums and products")
    qtbot.waitUntil(lambda: title_shown(window, "sums") == "Sums and products", timeout=WAIT_MS)


def test_a_change_during_the_check_of_a_big_file_is_shown_after_it(window, qtbot, tmp_path, monkeypatch,
                                                                  no_dialogs) -> None:
    from roadmap_app.ui import roadmap_loader
    from tests.benchmarks.generators import random_roadmap_yaml

    monkeypatch.setattr(roadmap_loader, "IN_PROCESS_BYTES", 8 * 1024)
    big = tmp_path / "big.roadmap.yaml"
    text = random_roadmap_yaml(4000, seed=4)  # its check takes longer than the settling of the next change
    big.write_text(text, encoding="utf-8")
    assert window.open_roadmap(big)
    qtbot.waitUntil(lambda: window.document.path == big and window._pending is None, timeout=120_000)
    big.write_text(text.replace("title: Node 10,", "title: Node 10 first,", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: window.checking(big), timeout=WAIT_MS)
    big.write_text(text.replace("title: Node 10,", "title: Node 10 second,", 1), encoding="utf-8")  # meanwhile
    qtbot.waitUntil(lambda: title_shown(window, "n10") == "Node 10 second", timeout=120_000)
    qtbot.wait(1000)
    assert title_shown(window, "n10") == "Node 10 second" and no_dialogs == []


def test_a_folder_in_place_of_the_file_is_told_and_the_map_stays(window, qtbot, copy) -> None:
    scene, content = window.scene, copy.read_bytes()
    copy.unlink()
    copy.mkdir()
    qtbot.waitUntil(lambda: window.live.said.startswith("Cannot read"), timeout=WAIT_MS)
    assert window.live.said == \
        "Cannot read ml-engineer.roadmap.yaml (Is a directory); the map shows the last version read"
    assert window.scene is scene
    copy.rmdir()
    copy.write_bytes(content)
    qtbot.waitUntil(lambda: window.live.said == "ml-engineer.roadmap.yaml is back; the map shows it", timeout=WAIT_MS)


def test_a_pipe_in_place_of_the_file_is_never_waited_on(window, qtbot, copy) -> None:
    scene = window.scene
    copy.unlink()
    os.mkfifo(copy)  # reading it would wait for a writer forever
    qtbot.waitUntil(lambda: window.live.said.startswith("Cannot read"), timeout=WAIT_MS)
    assert "(not a regular file)" in window.live.said and window.scene is scene
