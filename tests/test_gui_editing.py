"""Editing a roadmap in the window: each edit kind through the form, dialogs or a drag, undone and redone."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Resource
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.ui.categories_dialog import CategoriesDialog
from roadmap_app.ui.edit_dialogs import AddSkillDialog, ResourceDialog, SkillPicker
from roadmap_app.ui.roadmap_file_dialogs import BundledCopyDialog, NewRoadmapDialog
from tests.conftest import ML_ROADMAP, saved


class Boxes:
    """Message boxes answered by the test; one nobody expected fails the test instead of waiting for a click."""

    def __init__(self) -> None:
        self.answers: list[QMessageBox.StandardButton] = []
        self.texts: list[str] = []

    def exec(self, box: QMessageBox) -> int:
        self.texts.append(box.text())
        if not self.answers:
            raise AssertionError(f"unexpected message box: {box.text()} {box.informativeText()}")
        return int(self.answers.pop(0))


@pytest.fixture(autouse=True)
def boxes(monkeypatch) -> Boxes:
    found = Boxes()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: found.exec(box))
    return found


def answer(monkeypatch, dialog_class, fill) -> list:
    """The next dialogs of this class are filled in by `fill(dialog)` and accepted (fill returns False: cancelled)."""
    seen: list = []

    def exec_(dialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected.value if fill(dialog) is False else QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "ml-engineer.roadmap.yaml"
    shutil.copyfile(ML_ROADMAP, target)
    return target


def open_window(qtbot, data_dir: Path, file: Path):
    """A shown main window on `file`, closed by the test (start_window's would be closed before the test's edits
    are dropped, and so ask about them)."""
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_roadmap(file)
    qtbot.waitUntil(lambda: window.scene is not None)
    return window, store


def close_window(window, store) -> None:
    window.edits.discard()  # closing would otherwise ask about unsaved edits
    window.close()
    store.close()
    window.deleteLater()


@pytest.fixture
def win(qtbot, data_dir, copy):
    """The window on a copy of the bundled roadmap, in edit mode."""
    window, store = open_window(qtbot, data_dir, copy)
    assert window.edits.set_editing(True)
    yield window
    close_window(window, store)


@pytest.fixture
def bundled(qtbot, data_dir):
    """The window on the bundled roadmap itself, with NumPy marked done."""
    window, store = open_window(qtbot, data_dir, ML_ROADMAP)
    window.select_and_show("numpy")
    window.set_selected_status(Status.DONE)
    saved(qtbot, window)
    yield window
    close_window(window, store)


def redrawn(qtbot, window) -> None:
    """The map shows the roadmap as it is now (an edit lays it out again, then swaps the scene)."""
    qtbot.waitUntil(lambda: window.scene.roadmap is window.document.roadmap, timeout=10_000)


def undo(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    redrawn(qtbot, window)


def redo(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    redrawn(qtbot, window)


def node(window, node_id: str):
    return window.document.roadmap.nodes_by_id.get(node_id)


def select(qtbot, window, node_id: str) -> None:
    window.select_and_show(node_id)
    assert window.edits.form.node_id == node_id


def commit_line(qtbot, field, text: str) -> None:
    """Type into a line edit and press Enter: one edit."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def card_point(window, node_id: str) -> QPoint:
    return window.view.mapFromScene(window.scene.nodes[node_id].scenePos())


def drag(qtbot, window, source: str, target: str, *, shift: bool = False) -> QPoint:
    """Press on one card, move in steps to another and let go there, as a hand on a mouse would; returns where
    the target card was on screen."""
    view, viewport = window.view, window.view.viewport()
    both = window.scene.nodes[source].sceneBoundingRect().united(window.scene.nodes[target].sceneBoundingRect())
    view.fit_rect(both.adjusted(-40, -40, 40, 40), max_scale=1.0)
    start, end = card_point(window, source), card_point(window, target)
    assert viewport.rect().contains(start) and viewport.rect().contains(end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * (step / 5))
    assert window.edits.drag.dragging and window.edits.drag.target == target
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, pos=end)
    assert not window.edits.drag.dragging
    qtbot.wait(20)  # the connection is made once the release has been handled, from the event loop
    return end


# ---------------------------------------------------------------------------------------------- skills
def test_add_skill_selects_it_and_undoes_and_redoes(win, qtbot, monkeypatch) -> None:
    select(qtbot, win, "numpy")
    dialogs = answer(monkeypatch, AddSkillDialog, lambda d: d.title.setText("Tokenizers"))
    win.edits.actions.add_skill.trigger()
    redrawn(qtbot, win)
    assert dialogs[0].category.currentData() == "programming", "the selected skill's category is offered"
    added = [n for n in win.document.roadmap.nodes if n.title == "Tokenizers"]
    assert len(added) == 1 and added[0].category == "programming"
    assert added[0].id in win.scene.nodes and win.selected_node() == added[0].id
    assert win.edits.form.node_id == added[0].id and win.edits.form.summary.hasFocus()
    assert win.isWindowModified() and "Tokenizers" in win.commands.undo.text()
    undo(qtbot, win)
    assert added[0].id not in win.scene.nodes and not win.isWindowModified()
    redo(qtbot, win)
    assert added[0].id in win.scene.nodes


@pytest.mark.parametrize(("field", "typed", "check"), [
    ("title", "NumPy arrays", lambda n: n.title == "NumPy arrays"),
    ("hours", "20", lambda n: n.hours == 20),
])
def test_line_fields_make_one_edit_each(win, qtbot, field, typed, check) -> None:
    select(qtbot, win, "numpy")
    before = win.edits.editor.text()
    widget = getattr(win.edits.form, field)
    target = widget.lineEdit() if field == "hours" else widget
    commit_line(qtbot, target, typed)
    redrawn(qtbot, win)
    assert check(node(win, "numpy")) and check(win.scene.nodes["numpy"].node)
    assert win.edits.editor.undo_label is not None
    undo(qtbot, win)
    assert win.edits.editor.text() == before and not check(node(win, "numpy"))
    assert not win.edits.editor.can_undo, "typing was one edit, not one per key"
    redo(qtbot, win)
    assert check(node(win, "numpy"))


def test_summary_is_one_edit_when_the_field_is_left(win, qtbot) -> None:
    select(qtbot, win, "numpy")
    summary = win.edits.form.summary
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(summary, " Fast.")
    assert not win.edits.editor.can_undo, "nothing is an edit while typing"
    win.view.setFocus()
    assert node(win, "numpy").summary.endswith(" Fast.")
    undo(qtbot, win)
    assert not node(win, "numpy").summary.endswith(" Fast.") and summary.toPlainText() == node(win, "numpy").summary
    redo(qtbot, win)
    assert node(win, "numpy").summary.endswith(" Fast.")


def test_category_changes_from_the_combo(win, qtbot) -> None:
    select(qtbot, win, "numpy")
    combo = win.edits.form.category
    combo.setCurrentIndex(combo.findData("ml-core"))
    combo.activated.emit(combo.currentIndex())
    redrawn(qtbot, win)
    assert node(win, "numpy").category == "ml-core"
    undo(qtbot, win)
    assert node(win, "numpy").category == "programming" and combo.currentData() == "programming"
    redo(qtbot, win)
    assert node(win, "numpy").category == "ml-core"


def test_delete_skill_with_progress_asks_and_its_progress_comes_back_on_undo(win, qtbot, boxes) -> None:
    win.edits.set_editing(False)
    win.select_and_show("pandas")
    win.set_selected_status(Status.LEARNING)
    saved(qtbot, win)
    win.edits.set_editing(True)
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_Delete)
    redrawn(qtbot, win)
    assert "progress" in boxes.texts[0]
    assert "pandas" not in win.scene.nodes and "pandas" not in win.document.roadmap.nodes_by_id
    assert [entry.node_id for entry in win.document.snapshot.archived] == ["pandas"]
    undo(qtbot, win)
    assert win.scene.nodes["pandas"].status is Status.LEARNING
    redo(qtbot, win)
    assert "pandas" not in win.scene.nodes


def test_renaming_an_id_keeps_progress_through_the_alias(win, qtbot) -> None:
    win.edits.set_editing(False)
    win.select_and_show("pandas")
    win.set_selected_status(Status.DONE)
    saved(qtbot, win)
    win.edits.set_editing(True)
    select(qtbot, win, "pandas")
    commit_line(qtbot, win.edits.form.node_id_field, "pandas-basics")
    redrawn(qtbot, win)
    renamed = node(win, "pandas-basics")
    assert renamed is not None and "pandas" in renamed.aliases
    assert win.scene.nodes["pandas-basics"].status is Status.DONE
    assert win.selected_node() == "pandas-basics" and win.edits.form.node_id == "pandas-basics"
    assert "pandas" in win.edits.form.aliases.text()
    undo(qtbot, win)
    assert node(win, "pandas") is not None and win.scene.nodes["pandas"].status is Status.DONE
    redo(qtbot, win)
    assert node(win, "pandas-basics") is not None


def test_an_invalid_id_is_refused_next_to_the_field(win, qtbot) -> None:
    select(qtbot, win, "pandas")
    before = win.edits.editor.text()
    commit_line(qtbot, win.edits.form.node_id_field, "Not A Slug")
    assert win.edits.editor.text() == before
    assert win.edits.form.id_error.isVisible() and win.edits.form.id_error.text()
    assert win.edits.form.node_id_field.text() == "pandas" and win.edits.form.node_id == "pandas"


# ---------------------------------------------------------------------------------------------- prerequisites
def test_dragging_from_one_skill_to_another_connects_them(win, qtbot) -> None:
    assert "vectorization" not in node(win, "pandas").requires
    before = drag(qtbot, win, "vectorization", "pandas")
    redrawn(qtbot, win)
    assert "vectorization" in node(win, "pandas").requires
    assert win.selected_node() == "pandas" and win.edits.form.node_id == "pandas", "the skill that was connected"
    moved = card_point(win, "pandas") - before
    assert abs(moved.x()) <= 2 and abs(moved.y()) <= 2, "it stays where it was on screen while the map changes"
    assert any(e.source == "vectorization" and e.target == "pandas" and not e.soft for e in win.scene.edges)
    undo(qtbot, win)
    assert "vectorization" not in node(win, "pandas").requires
    redo(qtbot, win)
    assert "vectorization" in node(win, "pandas").requires


def test_shift_at_release_makes_a_recommendation_and_empty_space_cancels(win, qtbot) -> None:
    assert "python-basics" not in node(win, "vectorization").requires + node(win, "vectorization").recommends
    drag(qtbot, win, "python-basics", "vectorization", shift=True)
    redrawn(qtbot, win)
    assert "python-basics" in node(win, "vectorization").recommends
    assert "python-basics" not in node(win, "vectorization").requires
    text = win.edits.editor.text()
    viewport = win.view.viewport()
    start = card_point(win, "numpy")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(0, 60))
    qtbot.mouseMove(viewport, start + QPoint(0, 200))
    assert win.edits.drag.dragging
    qtbot.keyClick(win.view, Qt.Key.Key_Escape)
    assert not win.edits.drag.dragging and not [i for i in win.scene.items() if i.zValue() == 5]
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 200))
    assert win.edits.editor.text() == text


def test_a_drag_that_would_make_a_cycle_is_refused_and_the_cycle_shown(win, qtbot) -> None:
    text = win.edits.editor.text()
    drag(qtbot, win, "pandas", "numpy")  # numpy would need pandas, which needs numpy
    assert win.edits.editor.text() == text and not win.edits.editor.can_undo
    highlight = win.edits.highlight
    assert highlight.shown and {"pandas", "numpy"} <= set(highlight.node_ids)
    assert all(item.scene() is win.scene for item in highlight.items)
    assert "cycle" in win.statusBar().currentMessage().lower()
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "pandas" in boxes[0].text().lower(), "told without stopping the window"
    boxes[0].close()


def test_removing_a_prerequisite_in_the_editor(win, qtbot) -> None:
    select(qtbot, win, "pandas")
    requires = win.edits.form.requires
    assert requires.ids == ("numpy",)
    requires.remove("numpy")
    redrawn(qtbot, win)
    assert node(win, "pandas").requires == ()
    assert not any(e.source == "numpy" and e.target == "pandas" for e in win.scene.edges)
    undo(qtbot, win)
    assert node(win, "pandas").requires == ("numpy",)
    redo(qtbot, win)
    assert node(win, "pandas").requires == ()


def test_adding_a_prerequisite_from_the_filtered_list(win, qtbot, monkeypatch) -> None:
    select(qtbot, win, "pandas")

    def pick(picker: SkillPicker) -> None:
        picker.filter.setText("git")
        assert picker.chosen() is not None

    answer(monkeypatch, SkillPicker, pick)
    win.edits.form.requires.add_button.click()
    redrawn(qtbot, win)
    added = set(node(win, "pandas").requires) - {"numpy"}
    assert len(added) == 1 and "git" in node(win, added.pop()).title.lower()


# ---------------------------------------------------------------------------------------------- resources
def test_resources_add_edit_move_and_remove(win, qtbot, monkeypatch) -> None:
    select(qtbot, win, "pandas")
    resources = win.edits.form.resources
    count = len(node(win, "pandas").resources)

    def fill(dialog: ResourceDialog) -> None:
        dialog.title.setText("Pandas cookbook")
        dialog.url.setText("ftp://example.org/book")
        assert dialog.problem_text() is not None and "http" in dialog.problem_text()
        dialog.url.setText("https://example.org/cookbook")
        dialog.hours.setValue(3)

    answer(monkeypatch, ResourceDialog, fill)
    resources.add_button.click()
    added = node(win, "pandas").resources[-1]
    assert added == Resource(kind="reading", title="Pandas cookbook", url="https://example.org/cookbook", hours=3)
    undo(qtbot, win)
    assert len(node(win, "pandas").resources) == count
    redo(qtbot, win)
    assert len(node(win, "pandas").resources) == count + 1

    answer(monkeypatch, ResourceDialog, lambda d: d.title.setText("Pandas cookbook, 2nd ed."))
    resources._edit_clicked(count)
    assert node(win, "pandas").resources[-1].title == "Pandas cookbook, 2nd ed."
    undo(qtbot, win)
    assert node(win, "pandas").resources[-1].title == "Pandas cookbook"
    redo(qtbot, win)

    if hasattr(win.edits.editor, "move_resource"):
        resources.shift(count, -1)
        assert node(win, "pandas").resources[count - 1].title == "Pandas cookbook, 2nd ed."
        undo(qtbot, win)
        assert node(win, "pandas").resources[count].title == "Pandas cookbook, 2nd ed."

    resources.remove(count)
    assert len(node(win, "pandas").resources) == count
    undo(qtbot, win)
    assert len(node(win, "pandas").resources) == count + 1


# ---------------------------------------------------------------------------------------------- categories
def test_categories_add_rename_recolour_remove(win, qtbot) -> None:
    dialog = CategoriesDialog(win.edits, win)
    qtbot.addWidget(dialog)
    count = len(win.document.roadmap.categories)
    assert dialog.add("Research")
    added = win.document.roadmap.categories[-1]
    assert added.title == "Research" and added.color and dialog.selected() == added.id
    assert dialog.rename(added.id, "Research papers")
    assert win.document.roadmap.categories_by_id[added.id].title == "Research papers"
    assert dialog.recolor(added.id, "#123456")
    assert win.document.roadmap.categories_by_id[added.id].color == "#123456"
    undo(qtbot, win)
    assert win.document.roadmap.categories_by_id[added.id].color != "#123456"
    redo(qtbot, win)
    assert dialog.remove(added.id)
    assert len(win.document.roadmap.categories) == count
    undo(qtbot, win)
    assert len(win.document.roadmap.categories) == count + 1 and dialog.list.count() == count + 1
    assert not dialog.remove("programming"), "a category in use stays"
    assert dialog.problem.isVisibleTo(dialog) and "programming" not in dialog.problem.text().split()[-1:]


# ---------------------------------------------------------------------------------------------- files
def test_save_writes_only_the_edited_lines_and_clears_the_marker(win, qtbot, copy) -> None:
    before = copy.read_text(encoding="utf-8")
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    assert win.isWindowModified() and win.edits_unsaved()
    qtbot.keyClick(win.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not win.isWindowModified() and not win.edits_unsaved()
    assert str(copy) in win.statusBar().currentMessage()
    after = copy.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-    title: NumPy", "+    title: NumPy arrays"]
    undo(qtbot, win)
    assert win.isWindowModified(), "undone past the saved state"
    redo(qtbot, win)
    assert not win.isWindowModified(), "back at the saved state"


def test_save_as_json_writes_json_and_the_window_follows(win, qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "mine.roadmap.json"
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    monkeypatch.setattr(win.files, "ask_save", lambda *args: target)
    win.edits.actions.save_as.trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert next(n for n in data["nodes"] if n["id"] == "numpy")["title"] == "NumPy arrays"
    assert win.document.path == target and not win.isWindowModified()
    assert load_roadmap(target).id == "ml-engineer"


def test_new_roadmap_from_the_template_opens_in_edit_mode(win, qtbot, data_dir, monkeypatch) -> None:
    answer(monkeypatch, NewRoadmapDialog, lambda d: d.title.setText("Data Engineering"))
    win.edits.actions.new_roadmap.trigger()
    path = data_dir / "roadmaps" / "data-engineering.roadmap.yaml"
    qtbot.waitUntil(lambda: win.document.path == path and win.edits.editing, timeout=10_000)
    assert win.document.roadmap.id == "data-engineering" and win.document.roadmap.title == "Data Engineering"
    assert win.edits.editor is not None and win.edits.editor.path == path and win.edits.bar.isVisible()


def test_closing_with_unsaved_edits_asks(win, qtbot, boxes) -> None:
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    boxes.answers.append(QMessageBox.StandardButton.Cancel)
    assert not win.close() and win.isVisible() and win.edits_unsaved()
    boxes.answers.append(QMessageBox.StandardButton.Save)
    assert win.close()
    assert "title: NumPy arrays" in win.edits.editor.path.read_text(encoding="utf-8")


def test_opening_another_roadmap_with_unsaved_edits_asks(win, qtbot, boxes, copy) -> None:
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    boxes.answers.append(QMessageBox.StandardButton.Cancel)
    assert not win.open_roadmap(ML_ROADMAP) and win.edits_unsaved()
    boxes.answers.append(QMessageBox.StandardButton.Discard)
    assert win.open_roadmap(ML_ROADMAP)
    assert not win.edits_unsaved() and "NumPy arrays" not in copy.read_text(encoding="utf-8")


def test_reload_discarding_edits_shows_the_file_again(win, qtbot) -> None:
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    redrawn(qtbot, win)
    win.reload_discarding_edits()
    redrawn(qtbot, win)
    assert node(win, "numpy").title == "NumPy" and not win.edits_unsaved() and win.edits.editing
    commit_line(qtbot, win.edits.form.title, "NumPy again")
    assert node(win, "numpy").title == "NumPy again", "edit mode goes on with the file as read"


# ---------------------------------------------------------------------------------------------- the two histories
def test_progress_keys_are_off_in_edit_mode_and_undo_leaves_progress_alone(win, qtbot) -> None:
    win.edits.set_editing(False)
    win.select_and_show("numpy")
    win.set_selected_status(Status.DONE)
    saved(qtbot, win)
    win.edits.set_editing(True)
    select(qtbot, win, "numpy")
    assert not win.commands.status[Status.LEARNING].isEnabled() and not win.commands.log.isEnabled()
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_L)
    saved(qtbot, win)
    assert win.store.snapshot(win.document.roadmap).status("numpy") is Status.DONE
    assert win.commands.undo.text() == "&Undo", "the progress history is not offered while editing"
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    undo(qtbot, win)
    undo(qtbot, win)  # nothing more to undo in the roadmap's edits: progress is left alone
    saved(qtbot, win)
    assert win.store.snapshot(win.document.roadmap).status("numpy") is Status.DONE
    assert node(win, "numpy").title == "NumPy"
    win.edits.bar.done.click()
    assert not win.edits.editing and win.commands.status[Status.LEARNING].isEnabled()
    assert "done" in win.commands.undo.text().lower(), "outside edit mode Undo is about progress again"


# ---------------------------------------------------------------------------------------------- bundled roadmaps
def test_bundled_copy_with_the_same_id_keeps_progress(bundled, qtbot, data_dir, monkeypatch) -> None:
    window = bundled
    dialogs = answer(monkeypatch, BundledCopyDialog, lambda d: d.choose(keep_id=True))
    window.edits.actions.edit_mode.trigger()
    copy = data_dir / "roadmaps" / "ml-engineer.roadmap.yaml"
    qtbot.waitUntil(lambda: window.document.path == copy and window.edits.editing, timeout=10_000)
    assert any("Bundled roadmaps can't be changed" in label.text() for label in dialogs[0].findChildren(QLabel))
    assert window.document.roadmap.id == "ml-engineer"
    assert window.scene.nodes["numpy"].status is Status.DONE
    assert ML_ROADMAP.read_bytes() == copy.read_bytes()


def test_bundled_copy_with_a_new_id_starts_fresh(bundled, qtbot, data_dir, monkeypatch) -> None:
    window = bundled
    answer(monkeypatch, BundledCopyDialog, lambda d: d.choose(keep_id=False, new_id="my-ml"))
    window.edits.set_editing(True)
    copy = data_dir / "roadmaps" / "my-ml.roadmap.yaml"
    qtbot.waitUntil(lambda: window.document.path == copy and window.edits.editing, timeout=10_000)
    assert window.document.roadmap.id == "my-ml"
    assert window.scene.nodes["numpy"].status is Status.TODO
    assert window.store.snapshot(load_roadmap(ML_ROADMAP)).status("numpy") is Status.DONE, \
        "the bundled roadmap keeps its progress"


def test_the_copy_dialog_never_offers_an_existing_file(qtbot, data_dir) -> None:
    folder = data_dir / "roadmaps"
    folder.mkdir()
    (folder / "ml-engineer.roadmap.yaml").write_text("taken", encoding="utf-8")
    dialog = BundledCopyDialog(load_roadmap(ML_ROADMAP), folder)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "already" in dialog.problem.text()
    dialog.choose(keep_id=False, new_id="ml-engineer-copy")
    assert ok.isEnabled() and dialog.path() == folder / "ml-engineer-copy.roadmap.yaml"
    dialog.choose(keep_id=False, new_id="Bad Id")
    assert not ok.isEnabled() and "lowercase" in dialog.problem.text()


def test_every_shortcut_is_unique_and_listed(win) -> None:
    seen: dict[str, str] = {}
    for action in [*win.actions(), *win.view.actions()]:
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen, f"{name} is both {seen[name]} and {action.text()}"
            seen[name] = action.text()
    assert seen["Ctrl+E"] == "&Edit Roadmap" and seen["Ctrl+Shift+Z"].startswith("&Redo")
    listed = dict(win.commands.shortcut_rows())
    assert listed["Ctrl+E"] == "Edit Roadmap" and listed["Del"] == "Delete Skill" and listed["Ctrl+S"] == "Save"


def test_a_skills_menu_edits_it_in_edit_mode(win) -> None:
    texts = [action.text() for action in win.node_menu_for("pandas").actions()]
    assert "&Delete Skill" in texts and "Add Prerequisite…" in texts
    win.edits.set_editing(False)
    assert "&Delete Skill" not in [action.text() for action in win.node_menu_for("pandas").actions()]


def test_with_no_skill_selected_the_form_edits_the_roadmap_itself(win, qtbot) -> None:
    win.scene.clearSelection()
    assert win.edits.form.roadmap_box.isVisible() and win.details_dock.windowTitle() == "Edit Roadmap"
    commit_line(qtbot, win.edits.form.roadmap_title, "ML Engineer (mine)")
    assert win.document.roadmap.title == "ML Engineer (mine)"
    assert win.windowTitle().startswith("ML Engineer (mine)") and "ML Engineer (mine)" in win.edits.bar.label.text()
    undo(qtbot, win)
    assert win.document.roadmap.title == "Machine Learning Engineer"
    assert win.edits.form.roadmap_title.text() == "Machine Learning Engineer"


@pytest.mark.parametrize(("choice", "written"), [("Replace It", True), ("Cancel", False)])
def test_saving_over_a_file_changed_on_disk_asks_first(win, qtbot, copy, monkeypatch, choice, written) -> None:
    select(qtbot, win, "numpy")
    commit_line(qtbot, win.edits.form.title, "NumPy arrays")
    copy.write_text(copy.read_text(encoding="utf-8") + "# a line another program added\n", encoding="utf-8")
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        next(button for button in box.buttons() if button.text().replace("&", "") == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    qtbot.keyClick(win.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked and "changed by another program" in asked[0]
    text = copy.read_text(encoding="utf-8")
    assert ("title: NumPy arrays" in text) is written
    assert ("# a line another program added" in text) is not written
    assert win.edits_unsaved() is not written
