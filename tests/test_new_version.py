"""A new version of the open roadmap (reloaded, or a newer copy opened) replaces it in place: nothing else is lost."""

from __future__ import annotations

from pathlib import Path

from roadmap_app.domain.progress import Status
from tests.conftest import ML_ROADMAP, saved

NEW_SKILL = """
  - id: tokenizer-internals
    title: Tokenizer internals
    category: llm
    hours: 4
    requires: [numpy]
    summary: How text becomes tokens.
"""


def _copy(tmp_path: Path, change=lambda text: text) -> Path:
    copy = tmp_path / "ml-engineer.roadmap.yaml"
    copy.write_text(change(ML_ROADMAP.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def _open_copy(qtbot, window, copy: Path) -> None:
    assert window.open_roadmap(copy)
    qtbot.waitUntil(lambda: window.document.path == copy and window._pending is None, timeout=10_000)


def _new_scene(qtbot, window, old_scene) -> None:
    qtbot.waitUntil(lambda: window.scene is not old_scene and window.scene.roadmap is window.document.roadmap,
                    timeout=10_000)


def test_a_new_version_keeps_progress_undo_selection_zoom_and_goals(window, qtbot, tmp_path) -> None:
    copy = _copy(tmp_path)
    _open_copy(qtbot, window, copy)
    document = window.document
    window.select_and_show("pandas")
    window.set_selected_status(Status.DONE)
    saved(qtbot, window)
    window.view.zoom_by(1.7 / window.view.scale_factor())
    window.plan_panel.set_goals(["pandas", "numpy"])
    zoom, old_scene = window.view.scale_factor(), window.scene

    copy.write_text(copy.read_text(encoding="utf-8").replace("title: NumPy", "title: NumPy arrays", 1) + NEW_SKILL,
                    encoding="utf-8")
    window.reload()
    _new_scene(qtbot, window, old_scene)

    assert window.document is document, "the same document: its progress and undo history stay"
    assert "tokenizer-internals" in window.scene.nodes
    assert window.scene.nodes["numpy"].node.title == "NumPy arrays"
    assert window.selected_node() == "pandas" and window.details.node.id == "pandas"
    assert abs(window.view.scale_factor() - zoom) < 1e-6
    assert window.plan_panel.goals == ["pandas", "numpy"]
    assert window.scene.nodes["pandas"].status is Status.DONE
    assert document.undo_label is not None and "pandas" in document.undo_label.lower()
    window.undo()
    saved(qtbot, window)
    assert window.store.snapshot(document.roadmap).status("pandas") is Status.TODO
    assert window.scene.nodes["pandas"].status is Status.TODO


def test_a_removed_skill_leaves_the_selection_and_goals_and_its_progress_is_archived(window, qtbot, tmp_path) -> None:
    copy = _copy(tmp_path)
    _open_copy(qtbot, window, copy)
    window.select_and_show("cv-portfolio")
    window.set_selected_status(Status.LEARNING)
    saved(qtbot, window)
    window.plan_panel.set_goals(["cv-portfolio", "numpy"])
    old_scene = window.scene

    text = copy.read_text(encoding="utf-8")
    copy.write_text(text[: text.index("  - id: cv-portfolio")], encoding="utf-8")
    window.reload()  # progress moves to the archive: the update bar asks first (tests/test_update_flow.py)
    qtbot.waitUntil(window.updates.banner.isVisible, timeout=10_000)
    window.updates.banner.accept_button.click()
    assert window.selected_node() is None, "the old map's selection is not offered while the new one is drawn"
    _new_scene(qtbot, window, old_scene)

    assert "cv-portfolio" not in window.scene.nodes
    assert window.details.node is None
    assert window.plan_panel.goals == ["numpy"]
    assert [entry.node_id for entry in window.document.snapshot.archived] == ["cv-portfolio"]


def test_the_same_content_again_draws_nothing_anew(window, qtbot, tmp_path) -> None:
    copy = _copy(tmp_path)
    _open_copy(qtbot, window, copy)
    scene = window.scene
    copy.touch()
    window.reload()
    qtbot.wait(300)
    assert window.scene is scene
