"""The Library page: the bundled roadmaps and the user's folder, with sizes and progress; opening from it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QUrl

from roadmap_app.domain.progress import Status
from roadmap_app.paths import user_roadmaps_dir
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import library as library_service
from roadmap_app.services import progress_ops as ops
from roadmap_app.ui.library_page import COMPLETE, HOURS, NOTES, SKILLS, TITLE
from tests.conftest import ML_ROADMAP, saved, start_window, write_roadmap
from tests.test_opening import BROKEN, DEMO_NODES, INTERVIEW


@pytest.fixture
def user_files(data_dir):
    """A valid roadmap (2 h of its 8 h done) and a broken one in the user's roadmaps folder."""
    folder = user_roadmaps_dir(data_dir)
    folder.mkdir()
    demo = write_roadmap(folder / "demo.roadmap.yaml", DEMO_NODES)
    broken = folder / "broken.roadmap.yaml"
    broken.write_text(BROKEN)
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "x", Status.DONE)
    store.close()
    return demo, broken


@pytest.fixture
def library_window(qtbot, data_dir, user_files):
    window, store = start_window(qtbot, data_dir)
    yield window
    window.close()
    store.close()


def shown(qtbot, window, show: bool = True):
    """The library page once it has listed the files and the database has given the percents."""
    if show:
        window.library.show()
    page = window.library.page
    qtbot.waitUntil(lambda: page.percents is not None and window.stack.currentWidget() is page, timeout=10_000)
    return page


def row(page, path) -> list[str]:
    item = page.item_for(path)
    assert item is not None, f"{path} is not listed"
    return [item.text(column) for column in (TITLE, SKILLS, HOURS, COMPLETE, NOTES)]


def test_the_library_lists_both_folders_with_titles_sizes_and_your_progress(qtbot, library_window, user_files,
                                                                           monkeypatch) -> None:
    demo, broken = user_files
    threads = []
    real = library_service.percents_complete
    monkeypatch.setattr(library_service, "percents_complete",
                        lambda *args: threads.append(threading.current_thread().name) or real(*args))
    page = shown(qtbot, library_window)
    assert threads == ["database"]  # never on the UI thread
    ml = row(page, ML_ROADMAP)
    assert ml[:4] == ["Machine Learning Engineer", "108", "1,553 h", "0 %"]
    assert ml[4] == "Open now · Bundled, read-only" and page.item_for(ML_ROADMAP).font(TITLE).bold()
    assert row(page, INTERVIEW) == ["ML Interview Preparation", "15", "116 h", "0 %", "Bundled, read-only"]
    assert row(page, demo) == ["Demo", "2", "8 h", "25 %", "demo.roadmap.yaml"]
    assert row(page, broken)[:4] == ["broken.roadmap.yaml", "—", "—", "—"]
    assert row(page, broken)[4] == "Cannot be opened: line 4: the roadmap: 'categories' is empty; add at least " \
                                   "one entry"
    groups = [page.tree.topLevelItem(i).text(TITLE) for i in range(page.tree.topLevelItemCount())]
    assert groups == ["Bundled roadmaps (read-only)", "Your roadmaps"]
    assert page.tree.currentItem() is page.item_for(ML_ROADMAP) and page.tree.hasFocus()


def test_opening_from_the_library_and_progress_made_since(qtbot, library_window, user_files) -> None:
    demo, _ = user_files
    window = library_window
    page = shown(qtbot, window)
    page.tree.itemActivated.emit(page.item_for(demo), 0)  # double-click or Enter
    qtbot.waitUntil(lambda: window.document.roadmap.id == "demo", timeout=10_000)
    assert window.stack.currentWidget() is window.view
    window.document.set_status("y", Status.DONE)
    saved(qtbot, window)
    page = shown(qtbot, window)
    assert row(page, demo)[3] == "100 %" and row(page, demo)[4].startswith("Open now")


def test_the_library_by_keyboard_enter_opens_escape_goes_back(qtbot, library_window) -> None:
    window = library_window
    rows = window.commands.shortcut_rows()  # the F1 list
    assert ("Ctrl+L", "Library") in rows and any(keys.startswith("Enter, Esc") for keys, _ in rows)
    window.commands.library.trigger()  # Ctrl+L
    page = window.library.page
    qtbot.waitUntil(lambda: page.item_for(INTERVIEW) is not None)
    page.tree.setCurrentItem(page.item_for(INTERVIEW))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep", timeout=10_000)
    assert window.stack.currentWidget() is window.view

    window.commands.library.trigger()
    qtbot.waitUntil(lambda: page.item_for(ML_ROADMAP) is not None)
    page.tree.setCurrentItem(page.item_for(ML_ROADMAP))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-engineer", timeout=10_000)

    window.commands.library.trigger()
    assert window.stack.currentWidget() is page
    qtbot.keyClick(page.tree, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.view and window.document.roadmap.id == "ml-engineer"
    window.commands.library.trigger()
    window.commands.library.trigger()  # Ctrl+L again goes back too
    assert window.stack.currentWidget() is window.view


def test_show_folder_reveals_the_user_roadmaps_folder(qtbot, window, data_dir, monkeypatch) -> None:
    revealed = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: revealed.append(url) or True)
    folder = user_roadmaps_dir(data_dir)
    assert not folder.exists()
    page = shown(qtbot, window)
    assert folder.is_dir() and "Put roadmap files" in page.folder_label.text()
    assert "No roadmaps here yet" in page.tree.topLevelItem(1).child(0).text(TITLE)
    qtbot.mouseClick(page.show_folder_button, Qt.MouseButton.LeftButton)
    assert revealed == [QUrl.fromLocalFile(str(folder))]


def test_an_invalid_file_opened_from_the_library_shows_its_problems(qtbot, library_window, user_files,
                                                                   monkeypatch) -> None:
    shown_problems = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown_problems.append(args))
    _, broken = user_files
    page = shown(qtbot, library_window)
    page.tree.itemActivated.emit(page.item_for(broken), 0)
    assert shown_problems and shown_problems[0][1] == "Roadmap has problems"
    assert library_window.stack.currentWidget() is page and library_window.document.roadmap.id == "ml-engineer"


def test_the_library_is_shown_when_nothing_could_be_opened(qtbot, data_dir, user_files, monkeypatch) -> None:
    from roadmap_app.ui.main_window import MainWindow

    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: None)
    _, broken = user_files
    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_initial(str(broken))
        assert window.library.is_shown()
        page = shown(qtbot, window, show=False)
        assert window.document is None and row(page, broken)[0] == "broken.roadmap.yaml"
        assert not page.back_button.isEnabled()
        window.commands.library.trigger()  # nothing to go back to: the library stays
        assert window.stack.currentWidget() is page
        page.tree.itemActivated.emit(page.item_for(INTERVIEW), 0)
        qtbot.waitUntil(lambda: window.document is not None, timeout=10_000)
        assert window.stack.currentWidget() is window.view
    finally:
        window.close()
        store.close()


def test_reloading_the_open_roadmap_keeps_the_library_shown(qtbot, library_window, tmp_path) -> None:
    window = library_window
    copy = tmp_path / "ml.roadmap.yaml"
    copy.write_text(ML_ROADMAP.read_text(encoding="utf-8"), encoding="utf-8")
    assert window.open_roadmap(copy)
    qtbot.waitUntil(lambda: window.document.path == copy, timeout=10_000)
    page = shown(qtbot, window)
    copy.write_text(ML_ROADMAP.read_text(encoding="utf-8").replace("title: NumPy", "title: NumPy arrays", 1),
                    encoding="utf-8")
    window.reload()  # as when the file changed on disk
    qtbot.waitUntil(lambda: window.scene.roadmap.node("numpy").title == "NumPy arrays", timeout=10_000)
    assert window.stack.currentWidget() is page
