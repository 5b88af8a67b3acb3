"""The update dialog lists exactly what changes and answers use or keep; the banner tells and asks without a dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QEnterEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel

from roadmap_app.domain.roadmap import Category, Node, Roadmap
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.planning import PlanRequest
from roadmap_app.services.update_preview import preview_update, short_date, summary_line
from roadmap_app.ui.update_preview import UpdateBanner, UpdatePreviewDialog, sections
from tests.conftest import ML_ROADMAP
from tests.update_examples import newer_copy, record_progress

TODAY = date(2026, 11, 23)


@pytest.fixture
def preview(data_dir):
    old = load_roadmap(ML_ROADMAP)
    store = ProgressStore(data_dir)
    record_progress(store, old.id)
    result = preview_update(old, newer_copy(old), store.tracked(old), PlanRequest(hours_per_week=8, start=TODAY),
                            TODAY)
    store.close()
    return result


@pytest.fixture
def store_preview(data_dir):
    """preview_update of two versions, with the given statuses stored under the given ids first."""
    store = ProgressStore(data_dir)

    def make(old: Roadmap, new: Roadmap, statuses: dict[str, str], plan: PlanRequest | None = None):
        for stored, status in statuses.items():
            ops.set_status(store, old.id, stored, status)
        return preview_update(old, new, store.tracked(old), plan, TODAY)

    yield make
    store.close()


@pytest.fixture
def dialog(qtbot, preview):
    dialog = UpdatePreviewDialog(preview)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_lists_exactly_what_changes(dialog, preview) -> None:
    assert dialog.windowTitle() == "A new version of ‘Machine Learning Engineer’"
    assert set(dialog.section_bodies) == {"added", "removed", "renamed", "changed", "progress", "plan"}
    assert dialog.section_lines("added") == ["‘Polars data frames’", "‘LLM agents and tool use’"]
    assert dialog.section_lines("removed") == ["‘The Hadoop ecosystem’"]
    assert dialog.section_lines("renamed") == ["‘NumPy’ → ‘NumPy arrays and broadcasting’"]
    assert dialog.section_lines("changed") == ["‘Pandas’: hours 15 → 17"]
    assert dialog.section_lines("progress") == [
        "‘The Hadoop ecosystem’ (done, 3 h logged) moves to the archive.",
        "‘NumPy’ (learning) goes with the skill to ‘NumPy arrays and broadcasting’."]
    assert dialog.findChild(QLabel, "note-progress").text().startswith("Archived progress is kept, not deleted")
    assert preview.finish_after is not None and preview.finish_before is not None
    assert dialog.section_lines("plan") == [
        f"Finishes {short_date(preview.finish_after)} instead of {short_date(preview.finish_before)} (3 weeks later)."]


def test_changed_skills_are_folded_until_asked_for(qtbot, dialog) -> None:
    body, button = dialog.section_bodies["changed"], dialog.section_buttons["changed"]
    assert button.text() == "Changed (1 skill)" and not body.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert body.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not body.isVisible()


def test_every_text_can_be_selected(dialog) -> None:
    texts = [label for label in dialog.findChildren(QLabel) if label.text() not in ("", "•")]
    assert texts and all(label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
                         and label.textFormat() == Qt.TextFormat.PlainText for label in texts)


def test_use_accepts_and_keep_or_escape_rejects(qtbot, preview) -> None:
    for answer, expected in (("use", QDialog.DialogCode.Accepted), ("keep", QDialog.DialogCode.Rejected),
                             ("escape", QDialog.DialogCode.Rejected)):
        dialog = UpdatePreviewDialog(preview)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        if answer == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(dialog.use_button if answer == "use" else dialog.keep_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == expected and not dialog.isVisible()
    assert dialog.use_button.text() == "Use New Version" and dialog.keep_button.text() == "Keep Current Version"


def test_long_lists_are_folded_so_progress_stays_in_view(qtbot, preview) -> None:
    extra = tuple(Node(f"extra-{i}", f"Extra {i}", "llm", "s", 1) for i in range(11))
    new = replace(preview.new, nodes=preview.new.nodes + extra)
    many = replace(preview, update=replace(preview.update, added=preview.update.added + tuple(n.id for n in extra)),
                   new=new, titles={**preview.titles, **{n.id: n.title for n in extra}})
    dialog = UpdatePreviewDialog(many)
    qtbot.addWidget(dialog)
    assert dialog.section_buttons["added"].text() == "Added (13)"
    assert len(dialog.section_lines("added")) == 13
    assert "removed" not in dialog.section_buttons  # a short list stays open


def test_a_title_with_markup_is_shown_as_text(qtbot, preview) -> None:
    strange = replace(preview, new=replace(preview.new, title="<img src=x> Roadmap"))
    dialog = UpdatePreviewDialog(strange)
    banner = UpdateBanner()
    qtbot.addWidget(dialog)
    qtbot.addWidget(banner)
    assert dialog.windowTitle() == "A new version of ‘<img src=x> Roadmap’"
    banner.resize(1800, 40)
    banner.show_applied(strange)
    assert "&lt;img src=x&gt; Roadmap" in banner.message.text()
    assert "&lt;img src=x&gt; Roadmap" in banner.toolTip()


@pytest.fixture
def banner(qtbot):
    banner = UpdateBanner()
    qtbot.addWidget(banner)
    banner.move(QCursor.pos() + QPoint(400, 400))  # not under the test's pointer: hover is what the tests say
    banner.resize(1800, 40)  # wide enough for the whole message
    return banner


def visible_buttons(banner: UpdateBanner) -> list[str]:
    return [b.accessibleName() for b in banner.findChildren(QAbstractButton) if b.isVisibleTo(banner)]


def test_an_applied_update_tells_and_goes_away(qtbot, banner, preview) -> None:
    banner.show_applied(preview)
    assert banner.isVisible()
    assert summary_line(preview) in banner.message.text()
    assert visible_buttons(banner) == ["Details", "Close"]
    with qtbot.waitSignal(banner.detailsRequested):
        qtbot.mouseClick(banner.details_button, Qt.MouseButton.LeftButton)
    assert banner.isVisible()  # details open beside it; the bar stays
    with qtbot.waitSignal(banner.closed):
        qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()


def test_an_applied_update_hides_itself_unless_hovered(qtbot, banner, preview) -> None:
    banner.AUTO_HIDE_MS = 30
    banner.show_applied(preview)
    QApplication.sendEvent(banner, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))  # the pointer comes
    qtbot.wait(150)
    assert banner.isVisible()
    with qtbot.waitSignal(banner.closed, timeout=2000):
        QApplication.sendEvent(banner, QEvent(QEvent.Type.Leave))  # and goes
    assert not banner.isVisible()


def test_an_applied_update_hides_itself_after_a_while(qtbot, banner, preview) -> None:
    banner.AUTO_HIDE_MS = 30
    with qtbot.waitSignal(banner.closed, timeout=2000):
        banner.show_applied(preview)
    assert not banner.isVisible()


@pytest.mark.parametrize("answer", ["accept", "keep"])
def test_a_pending_update_waits_for_an_answer(qtbot, banner, preview, answer) -> None:
    banner.AUTO_HIDE_MS = 30
    banner.show_pending(preview)
    assert visible_buttons(banner) == ["Review", "Use New Version", "Keep Current"]
    qtbot.wait(120)
    assert banner.isVisible() and banner.pending  # no timer hides a question
    with qtbot.waitSignal(banner.detailsRequested):
        qtbot.mouseClick(banner.review_button, Qt.MouseButton.LeftButton)
    button, signal = ((banner.accept_button, banner.acceptRequested) if answer == "accept"
                      else (banner.keep_button, banner.keepRequested))
    with qtbot.waitSignal(signal):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible() and not banner.pending


def test_every_banner_button_has_a_name_and_a_tooltip(banner) -> None:
    buttons = banner.findChildren(QAbstractButton)
    assert len(buttons) == 5
    assert all(b.accessibleName() and b.toolTip() for b in buttons)


def test_a_narrow_bar_says_less_and_keeps_the_rest_in_its_tooltip(qtbot, banner, preview) -> None:
    banner.show_pending(preview)
    qtbot.waitExposed(banner)
    assert "Machine Learning Engineer" in banner.message.text() and "plan finishes" in banner.message.text()
    banner.resize(700, 40)
    qtbot.waitUntil(lambda: "Machine Learning Engineer" not in banner.message.text())
    two_lines = 2 * banner.message.fontMetrics().lineSpacing() + 2
    assert banner.message.heightForWidth(banner.message.width()) <= two_lines
    assert "moves to the archive" in banner.message.text()
    assert "Machine Learning Engineer" in banner.toolTip() and summary_line(preview) in banner.toolTip()
    banner.resize(1800, 40)
    qtbot.waitUntil(lambda: "Machine Learning Engineer" in banner.message.text())


def test_the_dialog_words_for_merges_moves_and_category_changes(store_preview) -> None:
    old = Roadmap("demo", "Demo", (Category("math", "Maths"), Category("art", "Art")), (
        Node("x", "Algebra", "math", "s", 5, aliases=("a",)), Node("y", "Geometry", "math", "s", 5),
        Node("z", "Drawing", "art", "s", 5)))
    new = Roadmap("demo", "Demo", (Category("math", "Mathematics"), Category("code", "Code")), (
        Node("x", "Maths", "math", "s", 5, aliases=("y",)), Node("a", "Assembly", "code", "s", 5),
        Node("z", "Plotting", "code", "s", 8, aliases=("gone",))))
    preview = store_preview(old, new, {"a": "done", "x": "learning", "y": "skipped", "gone": "done"})
    found = {section.key: section for section in sections(preview)}
    assert set(found) == {"added", "renamed", "merged", "changed", "categories", "progress", "plan"}
    assert found["added"].lines == ("‘Assembly’",)
    assert found["renamed"].lines == ("‘Geometry’ → ‘Maths’",)
    assert found["merged"].lines == ("‘Algebra’ and ‘Geometry’ become ‘Maths’",)
    assert found["changed"].lines == ("‘Maths’: title ‘Algebra’ → ‘Maths’",
                                      "‘Plotting’: title ‘Drawing’ → ‘Plotting’, category ‘Art’ → ‘Code’, hours 5 → 8")
    assert found["categories"].lines == ("Added: ‘Code’", "Removed: ‘Art’", "Changed: ‘Maths’ → ‘Mathematics’")
    assert found["progress"].lines == (
        "‘Plotting’ (done) comes back from the archive.",
        "Your progress stored under the former id ‘a’ of ‘Algebra’ (done) now counts for ‘Assembly’.",
        "‘Maths’ shows your progress on ‘Algebra’ and ‘Geometry’ together: the most recent status wins and logged "
        "time adds up.")
    assert found["progress"].note == ""  # nothing goes to the archive
    assert found["plan"].lines == ("No plan.",) and found["plan"].note == ""


def test_the_plan_section_words(store_preview) -> None:
    old = Roadmap("demo", "Demo", (Category("math", "Maths"),), (Node("a", "A", "math", "s", 10),
                                                                 Node("b", "B", "math", "s", 30)))
    new = replace(old, nodes=old.nodes[:1])
    weekly = PlanRequest(hours_per_week=10, start=TODAY)
    assert sections(store_preview(old, new, {}, weekly))[-1].lines == (
        "Finishes 29 Nov 2026 instead of 20 Dec 2026 (3 weeks earlier).",)
    dropped = sections(store_preview(old, new, {}, replace(weekly, goals=["a", "b"])))[-1]
    assert dropped.lines == ("Finishes 29 Nov 2026 instead of 20 Dec 2026 (3 weeks earlier).",)
    assert dropped.note == "The new version has no ‘B’, so the new plan leaves it out of your goals."
    only_b = sections(store_preview(old, new, {}, replace(weekly, goals=["b"])))[-1]
    assert only_b.lines == ("Finishes 13 Dec 2026 now; no plan with the new version.",)
    assert only_b.note.startswith("The new version has no ‘B’") and "none of your goals" in only_b.note
    longer = replace(old, nodes=(replace(old.nodes[0], hours=11), old.nodes[1]))
    assert sections(store_preview(old, longer, {}, weekly))[-1].lines == (
        "Finishes 21 Dec 2026 instead of 20 Dec 2026 (1 day later).",)
