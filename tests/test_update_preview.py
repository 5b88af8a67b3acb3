"""The update preview: what a new version changes in skills, stored progress and the plan's finish, in words."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_app.domain.roadmap import Category, Node, Roadmap
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.planning import PlanRequest
from roadmap_app.services.roadmap_cache import is_valid_roadmap_data, roadmap_data
from roadmap_app.services.update_preview import describe_progress, preview_update, short_date, summary_line
from tests.conftest import ML_ROADMAP
from tests.update_examples import ADDED, CHANGED, REMOVED, RENAMED, newer_copy, record_progress

TODAY = date(2026, 11, 23)
WEEKLY = PlanRequest(hours_per_week=10, start=TODAY)


@pytest.fixture
def store(data_dir):
    store = ProgressStore(data_dir)
    yield store
    store.close()


def chain(*hours: tuple[str, float], aliases: dict[str, tuple[str, ...]] | None = None) -> Roadmap:
    """Skills one after the other, each requiring the one before."""
    nodes, before = [], ()
    for node_id, h in hours:
        nodes.append(Node(node_id, node_id.capitalize(), "math", "s", h, requires=before,
                          aliases=(aliases or {}).get(node_id, ())))
        before = (node_id,)
    return Roadmap("demo", "Demo", (Category("math", "Maths"),), tuple(nodes))


def test_the_bundled_roadmap_against_a_newer_copy(store) -> None:
    old = load_roadmap(ML_ROADMAP)
    new = newer_copy(old)
    assert is_valid_roadmap_data(roadmap_data(new))
    record_progress(store, old.id)
    preview = preview_update(old, new, store.tracked(old), WEEKLY, TODAY)
    update = preview.update
    assert update.added == ADDED
    assert update.removed == (REMOVED,)
    assert update.renamed == (RENAMED,)
    assert update.to_archive == (REMOVED,)
    assert update.changed == (CHANGED,)  # the skills that required NumPy now require NumPy arrays: the same link
    assert update.fields_changed(CHANGED) == ("hours",)
    assert update.follows_rename == (("numpy", "numpy-arrays"),)  # NumPy's progress goes with it
    assert update.from_archive == () and update.reassigned == () and update.combined == ()
    assert preview.titles[REMOVED] == "The Hadoop ecosystem" == old.node(REMOVED).title
    assert preview.titles["numpy"] == old.node("numpy").title
    assert preview.titles["numpy-arrays"] == "NumPy arrays and broadcasting"
    assert preview.titles["polars"] == "Polars data frames"
    assert preview.progress_by_id == {REMOVED: "done, 3 h logged", "numpy": "learning"}
    assert preview.finish_before is not None and preview.finish_after is not None
    assert preview.finish_after > preview.finish_before  # 22 more hours; Hadoop was done, so it saves none
    assert summary_line(preview) == (
        f"2 skills added, 1 renamed, 1 removed, 1 changed; your progress on 1 skill moves to the "
        f"archive; plan finishes {short_date(preview.finish_after)} instead of "
        f"{short_date(preview.finish_before, year=False)}")
    assert summary_line(preview, with_plan=False) == ("2 skills added, 1 renamed, 1 removed, 1 changed; your progress "
                                                      "on 1 skill moves to the archive")


def test_removing_a_big_skill_moves_the_finish_earlier(store) -> None:
    old = chain(("a", 10), ("b", 40), ("c", 10))
    new = chain(("a", 10), ("c", 10))
    preview = preview_update(old, new, store.tracked(old), WEEKLY, TODAY)
    assert preview.update.removed == ("b",)
    assert preview.finish_before == date(2027, 1, 3)  # 60 h at 10 h a week from a Monday: the sixth Sunday
    assert preview.finish_after == date(2026, 12, 6)  # 20 h: the second Sunday
    assert preview.update.changed == ("c",) and preview.update.fields_changed("c") == ("requires",)
    assert summary_line(preview) == "1 skill removed, 1 changed; plan finishes 6 Dec 2026 instead of 3 Jan 2027"


def test_finish_dates_use_the_plan_inputs_and_progress(store) -> None:
    old = chain(("a", 10), ("b", 10))
    ops.set_status(store, "demo", "a", "done")
    new = chain(("a", 10), ("b", 10), ("c", 30))
    preview = preview_update(old, new, store.tracked(old), PlanRequest(hours_per_week=5, start=TODAY), TODAY)
    assert preview.finish_before == date(2026, 12, 6)  # only b is left: 10 h at 5 h a week
    assert preview.finish_after == date(2027, 1, 17)  # b and c: 40 h, eight weeks
    assert summary_line(preview).endswith("plan finishes 17 Jan 2027 instead of 6 Dec 2026")


def test_goals_the_new_version_lacks_are_dropped_and_said_so(store) -> None:
    old = chain(("a", 10), ("b", 10), ("c", 10))
    new = chain(("a", 10), ("b2", 10), aliases={"b2": ("b",)})
    preview = preview_update(old, new, store.tracked(old), PlanRequest(hours_per_week=10, start=TODAY,
                                                                        goals=["b", "c"]), TODAY)
    assert preview.dropped_goals == ("c",)
    assert preview.titles["c"] == "C"
    assert "no ‘C’" in preview.plan_note and "leaves it out of your goals" in preview.plan_note
    assert preview.finish_before == date(2026, 12, 13)  # a, b and c: three weeks
    assert preview.finish_after == date(2026, 12, 6)  # a and b2 (b renamed): two weeks


def test_when_no_goal_is_left_there_is_no_plan_to_compare(store) -> None:
    old = chain(("a", 10), ("b", 10))
    new = chain(("a", 10))
    preview = preview_update(old, new, store.tracked(old), PlanRequest(hours_per_week=10, start=TODAY, goals=["b"]),
                             TODAY)
    assert preview.finish_before is not None and preview.finish_after is None
    assert "none of your goals is in the new version" in preview.plan_note
    assert summary_line(preview) == "1 skill removed; no plan with the new version"


def test_without_a_plan_there_are_no_dates(store) -> None:
    old = chain(("a", 10))
    new = chain(("a", 10), ("b", 5))
    preview = preview_update(old, new, store.tracked(old), None, TODAY)
    assert preview.finish_before is None and preview.finish_after is None and not preview.has_plan
    assert summary_line(preview) == "1 skill added"


def test_a_plan_that_cannot_be_made_says_why(store) -> None:
    old = chain(("a", 10))
    preview = preview_update(old, chain(("a", 12)), store.tracked(old), PlanRequest(start=TODAY), TODAY)
    assert preview.finish_before is None and preview.finish_after is None
    assert preview.plan_note == "no plan: say how much time you have: --hours-per-week H (or weekday hours)"
    assert summary_line(preview) == "1 skill changed"


def test_everything_done_leaves_nothing_to_plan(store) -> None:
    old = chain(("a", 10))
    ops.set_status(store, "demo", "a", "done")
    preview = preview_update(old, chain(("a", 12)), store.tracked(old), WEEKLY, TODAY)
    assert preview.finish_before is None and preview.plan_note == "no plan: nothing is left to study"


def test_progress_that_comes_back_from_the_archive(store) -> None:
    """Progress stored under an id an older version had: archived now, back when the new version lists it."""
    old = chain(("a", 10), ("b", 10))
    ops.set_status(store, "demo", "retired", "learning")
    ops.log_study(store, "demo", "retired", 45, date(2026, 1, 5))
    ops.set_status(store, "demo", "b", "done")
    new = chain(("a", 10), ("b", 10), ("c", 5), aliases={"c": ("retired",)})
    tracked = store.tracked(old)
    assert [entry.node_id for entry in tracked.snapshot.archived] == ["retired"]
    preview = preview_update(old, new, tracked, None, TODAY)
    assert preview.update.from_archive == ("retired",) and preview.update.to_archive == ()
    assert preview.titles["retired"] == "C"
    assert preview.progress_by_id == {"retired": "learning, 45 min logged"}
    assert summary_line(preview) == "1 skill added; progress on 1 skill comes back from the archive"
    # and the other way: the old version's progress under 'b' goes to the archive when b is removed
    back = preview_update(new, chain(("a", 10)), store.tracked(new), None, TODAY)
    assert back.update.to_archive == ("b", "retired")
    assert back.progress_by_id == {"b": "done", "retired": "learning, 45 min logged"}
    assert summary_line(back) == "2 skills removed; your progress on 2 skills moves to the archive"


def test_progress_that_counts_for_another_skill_and_merged_progress(store) -> None:
    old = Roadmap("demo", "Demo", (Category("math", "Maths"),),
                  (Node("x", "Algebra", "math", "s", 5, aliases=("a",)), Node("y", "Geometry", "math", "s", 5)))
    ops.set_status(store, "demo", "a", "done")
    ops.set_status(store, "demo", "y", "learning")
    new = Roadmap("demo", "Demo", (Category("math", "Maths"),),
                  (Node("x", "Algebra", "math", "s", 5), Node("a", "Assembly", "math", "s", 5)))
    preview = preview_update(old, new, store.tracked(old), None, TODAY)
    assert preview.update.reassigned == (("a", "x", "a"),)
    assert preview.titles["x"] == "Algebra" and preview.titles["a"] == "Assembly"
    assert summary_line(preview) == ("1 skill added, 1 removed; your progress on 1 skill moves to the archive; "
                                     "progress on 1 skill now counts for another skill")
    merged = Roadmap("demo", "Demo", (Category("math", "Maths"),), (Node("x", "Maths", "math", "s", 5,
                                                                         aliases=("a", "y")),))
    preview = preview_update(old, merged, store.tracked(old), None, TODAY)
    assert preview.update.merged == (("x", ("x", "y")),) and preview.update.combined == (("x", ("a", "y")),)
    assert preview.progress_by_id == {"a": "done", "y": "learning"}
    assert summary_line(preview) == "1 skill renamed, 1 changed; 1 merged skill combines your progress"


def test_describe_progress(store) -> None:
    ops.set_status(store, "demo", "a", "skipped")
    ops.set_notes(store, "demo", "a", "later")
    ops.set_resource_done(store, "demo", "a", "https://example.org/a", True)
    ops.set_resource_done(store, "demo", "b", "https://example.org/b", True)
    ops.set_resource_done(store, "demo", "b", "https://example.org/c", True)
    ops.log_study(store, "demo", "c", 90, date(2026, 1, 5))
    records = store.records("demo")
    assert describe_progress(records, "a") == "skipped, 1 resource ticked, notes"
    assert describe_progress(records, "b") == "2 resources ticked"
    assert describe_progress(records, "c") == "1.5 h logged"
    assert describe_progress(records, "nothing") == "not started"


def test_short_dates() -> None:
    assert short_date(date(2027, 3, 12)) == "12 Mar 2027"
    assert short_date(date(2027, 3, 5), year=False) == "5 Mar"
