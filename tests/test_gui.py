"""The main window driven as a person would: open, search, click, press D, tick, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import load_roadmap
from tests.conftest import ROADMAPS, saved


def click_node(qtbot, window, node_id: str) -> None:
    item = window.scene.nodes[node_id]
    window.view.centerOn(item)
    point = window.view.mapFromScene(item.scenePos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def stored_status(window, node_id: str) -> Status:
    return window.store.snapshot(window.document.roadmap).status(node_id)


def test_open_roadmap_shows_every_skill(window) -> None:
    assert set(window.scene.nodes) == {node.id for node in window.document.roadmap.nodes}
    assert len(window.scene.nodes) == 108  # the bundled roadmap's skills (README says so)
    assert window.windowTitle().startswith("Machine Learning Engineer")
    assert "% complete" in window.progress_label.text()


def test_search_highlights_matches_and_enter_jumps(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_bar.isVisible()
    qtbot.keyClicks(window.search_bar.field, "numpy")
    assert window.matches[0] == "numpy" and len(window.matches) > 1
    assert window.scene.nodes["numpy"].emphasis == "match"
    assert window.scene.nodes["kaggle"].opacity() < 1
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_node() == "numpy"
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_node() == window.matches[1]
    assert window.search_bar.count.text() == f"2 of {len(window.matches)}"


def test_click_node_shows_details_and_d_marks_done(window, qtbot) -> None:
    click_node(qtbot, window, "pandas")
    assert window.scene.selected_node() == "pandas"
    assert window.details.title.text() == "Pandas"
    assert "NumPy" in window.details.relations.text()  # what it needs, as a link
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    saved(qtbot, window)
    assert stored_status(window, "pandas") is Status.DONE
    assert window.scene.nodes["pandas"].status is Status.DONE
    assert window.details.status_buttons[Status.DONE].isChecked()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    saved(qtbot, window)
    assert stored_status(window, "pandas") is Status.LEARNING
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    saved(qtbot, window)
    assert stored_status(window, "pandas") is Status.TODO
    assert not any(b.isChecked() for b in window.details.status_buttons.values())  # none pressed for "not started"
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert stored_status(window, "pandas") is Status.LEARNING
    assert window.details.status_buttons[Status.LEARNING].isChecked()


def test_selection_highlights_prerequisites_and_unlocks(window) -> None:
    window.scene.select_node("numpy")
    assert window.scene.nodes["python-basics"].emphasis == "related"  # needed
    assert window.scene.nodes["pandas"].emphasis == "related"  # unlocked
    assert window.scene.nodes["communication"].opacity() < 1


def test_ticking_a_resource_is_stored(window, qtbot) -> None:
    window.select_and_show("numpy")
    boxes = window.details.findChildren(QCheckBox)
    assert len(boxes) == 2
    boxes[0].click()
    saved(qtbot, window)
    snapshot = window.store.snapshot(window.document.roadmap)
    assert snapshot.resources_done("numpy") == (1, 2)
    assert window.scene.nodes["numpy"].resources == (1, 2)


def test_notes_are_saved_while_typing(window, qtbot) -> None:
    window.select_and_show("pandas")
    qtbot.keyClicks(window.details.notes, "groupby then agg")
    qtbot.waitUntil(lambda: window.store.snapshot(window.document.roadmap).state("pandas").notes == "groupby then agg",
                    timeout=3000)


def test_keys_typed_into_notes_do_not_change_status(window, qtbot) -> None:
    window.select_and_show("pandas")
    qtbot.keyClicks(window.details.notes, "dls")
    assert stored_status(window, "pandas") is Status.TODO


def test_ready_filter_dims_what_is_not_ready(window, qtbot) -> None:
    window.commands.ready.trigger()
    assert window.scene.nodes["python-basics"].opacity() == 1
    assert window.scene.nodes["pandas"].opacity() < 0.5
    window.document.set_status("python-basics", Status.DONE)
    window.document.set_status("linear-algebra", Status.DONE)
    saved(qtbot, window)
    assert window.scene.nodes["numpy"].opacity() == 1


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF-")])
def test_export_image_writes_valid_files(window, tmp_path, suffix, magic) -> None:
    out = tmp_path / f"graph{suffix}"
    assert window.files.export_image_to(out)
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in data and b"</svg>" in data
    if suffix == ".png":
        from PySide6.QtGui import QImage

        image = QImage(str(out))
        assert image.width() > 1000 and image.height() > 1000


def test_broken_roadmap_shows_problems_and_keeps_current(window, tmp_path, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown.append(args))
    broken = tmp_path / "broken.roadmap.yaml"
    broken.write_text("format: 1\nid: x\ntitle: X\ncategories: []\nnodes: [{id: a}]\n")
    assert not window.open_roadmap(broken)
    assert shown and any("broken.roadmap.yaml:" in line for line in shown[0][3])
    assert window.document.roadmap.id == "ml-engineer"


def test_theme_switch_repaints_canvas(window) -> None:
    window.set_theme_choice("dark")
    assert window.scene.nodes["numpy"].theme.name == "dark"
    window.set_theme_choice("light")
    assert window.view.backgroundBrush().color().name() == "#f7f8fa"


def test_second_roadmap_opens_side_by_side_progress(window, qtbot) -> None:
    window.document.set_status("numpy", Status.DONE)
    saved(qtbot, window)
    assert window.open_roadmap(ROADMAPS / "ml-interview-prep.roadmap.yaml")
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep")
    assert window.document.snapshot.counts()[Status.DONE] == 0


def test_the_bundled_roadmaps_menu_names_each_by_its_title_and_opens_it(window, qtbot) -> None:
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&File")
    bundled = next(action.menu() for action in file_menu.actions() if action.text() == "Open &Bundled Roadmap")
    titles = {load_roadmap(path).title: path for path in sorted(ROADMAPS.glob("*.roadmap.yaml"))}
    assert len(titles) == 2
    for _ in range(2):  # filled when first shown, and only once
        bundled.popup(window.mapToGlobal(QPoint(0, 0)))
        qtbot.waitUntil(bundled.isVisible)
        assert [action.text() for action in bundled.actions()] == list(titles)
        bundled.hide()
    interview = next(action for action in bundled.actions() if titles[action.text()].name.startswith("ml-interview"))
    interview.trigger()
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep")


def test_window_remembers_last_roadmap(window, data_dir) -> None:
    window.close()
    from PySide6.QtCore import QSettings

    settings = QSettings(str(Path(data_dir) / "settings.ini"), QSettings.Format.IniFormat)
    assert Path(str(settings.value("last_roadmap"))).name == "ml-engineer.roadmap.yaml"


def test_shift_arrow_keys_and_zoom_keys_move_the_view(window, qtbot) -> None:
    window.view.reset_zoom()
    window.view.setFocus()
    bar = window.view.horizontalScrollBar()
    before = bar.value()
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() > before
    scale = window.view.scale_factor()
    window.commands.zoom_in.trigger()
    assert window.view.scale_factor() > scale
    window.commands.fit.trigger()
    assert window.view.scale_factor() < scale


def test_right_click_menu_offers_plan_up_to_here(window, qtbot) -> None:
    from PySide6.QtGui import QContextMenuEvent

    window.view.nodeContextMenuRequested.disconnect(window._show_node_menu)
    item = window.scene.nodes["pandas"]
    window.view.centerOn(item)
    point = window.view.mapFromScene(item.scenePos())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point))
    with qtbot.waitSignal(window.view.nodeContextMenuRequested) as blocker:
        window.view.contextMenuEvent(event)
    assert blocker.args[0] == "pandas" and window.scene.selected_node() == "pandas"
    texts = [action.text() for action in window.node_menu_for("pandas").actions()]
    assert "&Plan Up to Here" in texts and "Mark &Done" in texts and "Log Study &Time…" in texts
    window.commands.plan_here.trigger()
    assert window.plan_panel.goals == ["pandas"] and window.plan_dock.isVisible()


def test_file_dialogs_start_in_the_folder_last_used(window, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    chosen = tmp_path / "exports" / "graph.png"
    chosen.parent.mkdir()

    def save_name(_parent, _title, start, _filters):
        asked.append(start)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    window.files.export_image()
    assert chosen.exists() and window.statusBar().currentMessage() == f"Saved the image to {chosen}"
    window.files.export_image()
    assert asked[1] == str(chosen.parent / "ml-engineer.png")  # the folder just used, not the home folder
    window.settings.sync()
    assert window.settings.value("last_folder") == str(chosen.parent)  # kept for the next start


def test_the_plan_is_never_exported_over_a_file_the_window_reads(window, qtbot, monkeypatch) -> None:
    window.plan_dock.show()
    qtbot.waitUntil(lambda: window.plan_panel.plan is not None)
    told: list[str] = []
    monkeypatch.setattr("roadmap_app.ui.file_controller.tell", lambda _parent, _title, text, *rest: told.append(text))
    database = window.store.path
    before = database.read_bytes()
    assert not window.files.export_plan_to(database, "md")
    assert database.read_bytes() == before and "reads" in told[0]


def test_a_restart_comes_back_to_where_the_roadmap_was_left(qtbot, data_dir) -> None:
    from tests.conftest import start_window

    def start():
        return start_window(qtbot, data_dir, file=None, size=(1200, 800))

    first, store = start()
    first.view.zoom_by(1.3 / first.view.scale_factor())
    first.select_and_show("pandas")
    first.plan_panel.set_goals(["scikit-learn"])
    center = first.view.mapToScene(first.view.viewport().rect().center())
    first.close()
    store.close()

    again, store = start()
    assert abs(again.view.scale_factor() - 1.3) < 0.01
    now = again.view.mapToScene(again.view.viewport().rect().center())
    assert abs(now.x() - center.x()) < 2 and abs(now.y() - center.y()) < 2
    assert again.scene.selected_node() == "pandas" and again.details.title.text() == "Pandas"
    assert again.plan_panel.goals == ["scikit-learn"]
    again.close()
    store.close()


def test_a_damaged_saved_view_starts_at_the_beginning(qtbot, data_dir) -> None:
    from PySide6.QtCore import QSettings

    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui.main_window import MainWindow

    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in (("zoom", "nan"), ("center_x", "left"), ("center_y", "1e999"), ("goals", "x y")):
        settings.setValue(f"roadmaps/ml-engineer/{key}", value)
    settings.sync()
    store = ProgressStore(data_dir)
    win = MainWindow(store, data_dir)
    qtbot.addWidget(win)
    win.show()
    win.open_initial(None)
    qtbot.waitUntil(lambda: win.scene is not None)
    assert 0.1 < win.view.scale_factor() <= 1.5 and win.plan_panel.goals == []
    win.close()
    store.close()


def test_a_first_start_fits_the_screen(qtbot, data_dir) -> None:
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    win = MainWindow(store, data_dir)  # no saved geometry: the size it starts with
    qtbot.addWidget(win)
    available = win.screen().availableGeometry()
    assert 0 < win.width() <= available.width() and 0 < win.height() <= available.height()
    win.close()
    store.close()
