"""A new version of a tracked roadmap is told before it is used: at once in a bar, waiting in the bar, or a dialog."""

from __future__ import annotations

from pathlib import Path

from roadmap_app.domain.progress import Status
from tests.conftest import ML_ROADMAP, ROADMAPS, saved
from tests.test_new_version import NEW_SKILL

WITHOUT_PORTFOLIO = ML_ROADMAP.read_text(encoding="utf-8")
WITHOUT_PORTFOLIO = WITHOUT_PORTFOLIO[: WITHOUT_PORTFOLIO.index("  - id: cv-portfolio")]


def _open(qtbot, window, path: Path) -> None:
    assert window.open_roadmap(path)
    qtbot.waitUntil(lambda: window.document.path == path and window.scene.roadmap is window.document.roadmap,
                    timeout=10_000)


def _tracked_copy(qtbot, window, tmp_path: Path) -> Path:
    copy = tmp_path / "ml.roadmap.yaml"
    copy.write_text(ML_ROADMAP.read_text(encoding="utf-8"), encoding="utf-8")
    _open(qtbot, window, copy)
    window.document.set_status("cv-portfolio", Status.LEARNING)
    saved(qtbot, window)
    return copy


def _drawn(qtbot, window, node_id: str, shown: bool) -> None:
    qtbot.waitUntil(lambda: (node_id in window.scene.nodes) is shown and window.scene.roadmap is
                    window.document.roadmap, timeout=10_000)


def test_a_change_on_disk_that_moves_no_progress_is_used_and_told_in_the_bar(window, qtbot, tmp_path) -> None:
    copy = _tracked_copy(qtbot, window, tmp_path)
    copy.write_text(copy.read_text(encoding="utf-8") + NEW_SKILL, encoding="utf-8")
    window.reload()
    _drawn(qtbot, window, "tokenizer-internals", True)
    banner = window.updates.banner
    assert banner.isVisible() and not banner.pending
    assert "1 skill added" in banner.message.text()


def test_a_change_on_disk_that_archives_progress_waits_for_an_answer(window, qtbot, tmp_path) -> None:
    copy = _tracked_copy(qtbot, window, tmp_path)
    copy.write_text(WITHOUT_PORTFOLIO, encoding="utf-8")
    window.reload()
    banner = window.updates.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.pending and "archive" in banner.message.text()
    assert "cv-portfolio" in window.document.roadmap.nodes_by_id, "nothing is used before the answer"

    banner.keep_button.click()
    assert not banner.isVisible() and "cv-portfolio" in window.document.roadmap.nodes_by_id

    window.reload()
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    banner.accept_button.click()
    _drawn(qtbot, window, "cv-portfolio", False)
    assert [entry.node_id for entry in window.document.snapshot.archived] == ["cv-portfolio"]


def test_opening_a_newer_copy_shows_the_preview_first(window, qtbot, tmp_path) -> None:
    _tracked_copy(qtbot, window, tmp_path)
    newer = tmp_path / "sent-by-a-friend.roadmap.yaml"
    newer.write_text(WITHOUT_PORTFOLIO + NEW_SKILL, encoding="utf-8")

    assert window.open_roadmap(newer)
    qtbot.waitUntil(lambda: window.updates.dialog is not None, timeout=10_000)
    dialog = window.updates.dialog
    assert [line for line in dialog.section_lines("added")] == ["‘Tokenizer internals’"]
    assert any("CV and portfolio" in line for line in dialog.section_lines("removed"))
    dialog.reject()
    qtbot.waitUntil(lambda: window.updates.dialog is None)
    assert window.document.path != newer and "cv-portfolio" in window.document.roadmap.nodes_by_id

    assert window.open_roadmap(newer)
    qtbot.waitUntil(lambda: window.updates.dialog is not None, timeout=10_000)
    window.updates.dialog.accept()
    _drawn(qtbot, window, "tokenizer-internals", True)
    assert window.document.path == newer


def test_a_roadmap_not_open_is_compared_with_the_version_accepted_last(window, qtbot, tmp_path) -> None:
    _tracked_copy(qtbot, window, tmp_path)
    _open(qtbot, window, ROADMAPS / "ml-interview-prep.roadmap.yaml")
    newer = tmp_path / "newer.roadmap.yaml"
    newer.write_text(WITHOUT_PORTFOLIO, encoding="utf-8")

    assert window.open_roadmap(newer)
    qtbot.waitUntil(lambda: window.updates.dialog is not None, timeout=10_000)
    dialog = window.updates.dialog
    assert any("CV and portfolio" in line and "learning" in line for line in dialog.section_lines("progress"))
    dialog.reject()
    qtbot.wait(200)
    assert window.document.roadmap.id == "ml-interview-prep"

    assert window.open_roadmap(newer)
    qtbot.waitUntil(lambda: window.updates.dialog is not None, timeout=10_000)
    window.updates.dialog.accept()
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-engineer", timeout=10_000)
    _open(qtbot, window, ROADMAPS / "ml-interview-prep.roadmap.yaml")
    assert window.open_roadmap(newer)  # accepted once: the same version is not asked about again
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-engineer", timeout=10_000)
    assert window.updates.dialog is None


def test_a_version_used_on_purpose_ends_the_question_of_one_waiting(window, qtbot, tmp_path) -> None:
    copy = _tracked_copy(qtbot, window, tmp_path)
    copy.write_text(WITHOUT_PORTFOLIO, encoding="utf-8")
    window.reload()
    banner = window.updates.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.pending, timeout=10_000)
    newer = tmp_path / "sent-by-a-friend.roadmap.yaml"
    newer.write_text(ML_ROADMAP.read_text(encoding="utf-8") + NEW_SKILL, encoding="utf-8")
    assert window.open_roadmap(newer)
    qtbot.waitUntil(lambda: window.updates.dialog is not None, timeout=10_000)
    window.updates.dialog.accept()
    _drawn(qtbot, window, "tokenizer-internals", True)
    assert window.updates.waiting is None and not banner.isVisible()
    assert "cv-portfolio" in window.scene.nodes
