"""The progress store: every action committed, aliases and archived nodes, export/import."""

from __future__ import annotations

import json
from datetime import date

import pytest

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import check_bytes, load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.errors import UserError

NODES = (
    "  - {id: basics, title: Basics, category: math, summary: s, hours: 10,"
    ' resources: [{kind: reading, title: Intro, url: "https://docs.python.org/3/tutorial/"},'
    " {kind: exercise, title: Drill}]}\n"
    "  - {id: algebra, title: Algebra, category: math, summary: s, hours: 10, aliases: [old-algebra],"
    " requires: [basics], resources: [{kind: reading, title: R}]}\n"
    "  - {id: calculus, title: Calculus, category: math, summary: s, hours: 20, requires: [algebra],"
    " resources: [{kind: reading, title: R}]}\n"
)


def roadmap_from(text: str, roadmap_id: str = "demo"):
    raw = (
        f"format: 1\nid: {roadmap_id}\ntitle: Demo\ncategories: [{{id: math, title: Maths}}]\nnodes:\n{text}"
    ).encode()
    result = check_bytes(raw, "demo")
    assert result.ok, result.lines()
    return result.roadmap


@pytest.fixture
def store(data_dir):
    store = ProgressStore(data_dir)
    yield store
    store.close()


def test_each_action_is_committed_before_it_returns(store, data_dir) -> None:
    roadmap = roadmap_from(NODES)
    ops.set_status(store, "demo", "basics", Status.DONE)
    ops.set_resource_done(store, "demo", "basics", "https://docs.python.org/3/tutorial/", True)
    ops.set_notes(store, "demo", "algebra", "Chapter 2 is **hard**")
    ops.log_study(store, "demo", "algebra", 45, date(2026, 3, 1), "exercises")
    other = ProgressStore(data_dir)  # a second connection sees everything at once
    snapshot = other.snapshot(roadmap)
    assert snapshot.status("basics") is Status.DONE
    assert snapshot.resources_done("basics") == (1, 2)
    assert snapshot.state("algebra").notes == "Chapter 2 is **hard**"
    assert snapshot.state("algebra").minutes == 45
    assert snapshot.state("basics").finished_at is not None
    other.close()


def test_status_log_is_append_only_with_times(store) -> None:
    for status in ("learning", "done", "todo", "done"):
        ops.set_status(store, "demo", "basics", status)
    ops.set_status(store, "demo", "basics", "done")  # no change, no event
    events = store.status_events("demo")
    assert [(e.old_status, e.new_status) for e in events] == [
        ("todo", "learning"), ("learning", "done"), ("done", "todo"), ("todo", "done")]
    assert all(e.at is not None for e in events)


def test_bad_values_are_refused_with_a_message(store) -> None:
    with pytest.raises(UserError, match="unknown status 'finished'"):
        ops.set_status(store, "demo", "basics", "finished")
    with pytest.raises(UserError, match="whole number from 1 to 1440"):
        ops.log_study(store, "demo", "basics", 0)


def test_progress_belongs_to_roadmap_id_not_path(store) -> None:
    ops.set_status(store, "demo", "basics", "done")
    same_id = roadmap_from(NODES)
    other_id = roadmap_from(NODES, roadmap_id="another")
    assert store.snapshot(same_id).status("basics") is Status.DONE
    assert store.snapshot(other_id).status("basics") is Status.TODO


def test_renamed_node_keeps_progress_through_alias(store) -> None:
    ops.set_status(store, "demo", "old-algebra", "learning")
    ops.log_study(store, "demo", "old-algebra", 30)
    ops.set_resource_done(store, "demo", "old-algebra", "title:R", True)
    snapshot = store.snapshot(roadmap_from(NODES))
    assert snapshot.status("algebra") is Status.LEARNING
    assert snapshot.state("algebra").minutes == 30
    assert snapshot.resources_done("algebra") == (1, 1)
    assert snapshot.archived == []


def test_progress_of_removed_node_is_archived_and_comes_back(store) -> None:
    ops.set_status(store, "demo", "calculus", "done")
    ops.log_study(store, "demo", "calculus", 20)
    without = roadmap_from(NODES.rsplit("  - {id: calculus", 1)[0])
    snapshot = store.snapshot(without)
    assert [(a.node_id, a.state.status, a.state.minutes) for a in snapshot.archived] == [("calculus", Status.DONE, 20)]
    back = store.snapshot(roadmap_from(NODES))
    assert back.status("calculus") is Status.DONE and back.archived == []


def test_resource_checkbox_survives_reordering(store) -> None:
    ops.set_resource_done(store, "demo", "basics", "https://docs.python.org/3/tutorial/", True)
    ops.set_resource_done(store, "demo", "basics", "title:Drill", True)
    reordered = NODES.replace(
        '[{kind: reading, title: Intro, url: "https://docs.python.org/3/tutorial/"}, {kind: exercise, title: Drill}]',
        '[{kind: exercise, title: Drill}, {kind: reading, title: Renamed intro, url: "https://docs.python.org/3/tutorial/"}]')
    roadmap = roadmap_from(reordered)
    assert store.snapshot(roadmap).resources_done("basics") == (2, 2)


def test_percent_complete_weighs_hours_and_leaves_out_skipped(store) -> None:
    roadmap = roadmap_from(NODES)
    ops.set_status(store, "demo", "basics", "done")
    ops.set_status(store, "demo", "calculus", "skipped")
    assert store.snapshot(roadmap).percent_complete() == pytest.approx(50.0)


def test_export_import_round_trip_is_idempotent(store, tmp_path) -> None:
    roadmap = roadmap_from(NODES)
    ops.set_status(store, "demo", "basics", "done")
    ops.set_resource_done(store, "demo", "basics", "title:Drill", True)
    ops.set_notes(store, "demo", "algebra", "notes")
    ops.log_study(store, "demo", "algebra", 25, date(2026, 1, 2))
    ops.set_status(store, "other-roadmap", "x", "done")
    exported = tmp_path / "progress.json"
    ops.export_progress(store, exported, "demo")
    assert "other-roadmap" not in exported.read_text()

    fresh = ProgressStore(tmp_path / "elsewhere")
    first = ops.import_progress(fresh, exported)[1]
    assert first.changed > 0
    second = ops.import_progress(fresh, exported)[1]
    assert second.changed == 0
    mine, theirs = store.snapshot(roadmap), fresh.snapshot(roadmap)
    for node in roadmap.nodes:
        a, b = mine.state(node.id), theirs.state(node.id)
        assert (a.status, a.notes, a.done_resources, a.minutes) == (b.status, b.notes, b.done_resources, b.minutes)
    assert len(fresh.status_events("demo")) == len(store.status_events("demo"))
    fresh.close()


def test_import_newer_entry_wins_older_is_ignored(store, tmp_path) -> None:
    ops.set_status(store, "demo", "basics", "learning")
    exported = tmp_path / "p.json"
    ops.export_progress(store, exported, "demo")
    ops.set_status(store, "demo", "basics", "done")  # newer here than in the file
    ops.import_progress(store, exported)[1]
    assert store.snapshot(roadmap_from(NODES)).status("basics") is Status.DONE


def test_damaged_progress_files_are_refused_and_change_nothing(store, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    with pytest.raises(UserError, match="not valid JSON"):
        ops.import_progress(store, bad)[1]
    bad.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(UserError, match="not a progress export"):
        ops.import_progress(store, bad)[1]
    bad.write_text(json.dumps({"format": "roadmap-app-progress", "version": 1, "progress": [
        {"roadmap": "demo", "node": "basics", "status": "done", "updated_at": "2026-01-01T00:00:00"},
        {"roadmap": "demo", "node": "algebra", "status": "bogus", "updated_at": "2026-01-01T00:00:00"}]}))
    with pytest.raises(UserError, match="nothing was imported"):
        ops.import_progress(store, bad)[1]
    assert store.snapshot(roadmap_from(NODES)).status("basics") is Status.TODO


def test_bundled_roadmap_ids_accept_aliases(store, ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    ops.set_status(store, roadmap.id, "linear-algebra-basics", "done")
    assert store.snapshot(roadmap).status("linear-algebra") is Status.DONE
