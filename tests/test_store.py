"""The progress store: every action committed, aliases and archived nodes, export/import."""

from __future__ import annotations

import json
from datetime import date

import pytest

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import check_bytes, load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.persistence.transfer import ProgressFileError, export_progress, import_progress

NODES = """\
  - {id: basics, title: Basics, category: math, summary: s, hours: 10, resources: [{kind: reading, title: Intro, url: "https://docs.python.org/3/tutorial/"}, {kind: exercise, title: Drill}]}
  - {id: algebra, title: Algebra, category: math, summary: s, hours: 10, aliases: [old-algebra], requires: [basics], resources: [{kind: reading, title: R}]}
  - {id: calculus, title: Calculus, category: math, summary: s, hours: 20, requires: [algebra], resources: [{kind: reading, title: R}]}
"""


def roadmap_from(text: str, roadmap_id: str = "demo"):
    raw = (f"format: 1\nid: {roadmap_id}\ntitle: Demo\ncategories: [{{id: math, title: Maths}}]\nnodes:\n{text}").encode()
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
    store.set_status("demo", "basics", Status.DONE)
    store.set_resource_done("demo", "basics", "https://docs.python.org/3/tutorial/", True)
    store.set_notes("demo", "algebra", "Chapter 2 is **hard**")
    store.log_study("demo", "algebra", 45, date(2026, 3, 1), "exercises")
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
        store.set_status("demo", "basics", status)
    store.set_status("demo", "basics", "done")  # no change, no event
    events = store.status_events("demo")
    assert [(e.old_status, e.new_status) for e in events] == [
        ("todo", "learning"), ("learning", "done"), ("done", "todo"), ("todo", "done")]
    assert all(e.at is not None for e in events)


def test_bad_values_are_refused_with_a_message(store) -> None:
    with pytest.raises(ValueError, match="unknown status 'finished'"):
        store.set_status("demo", "basics", "finished")
    with pytest.raises(ValueError, match="whole number from 1 to 1440"):
        store.log_study("demo", "basics", 0)


def test_progress_belongs_to_roadmap_id_not_path(store) -> None:
    store.set_status("demo", "basics", "done")
    same_id = roadmap_from(NODES)
    other_id = roadmap_from(NODES, roadmap_id="another")
    assert store.snapshot(same_id).status("basics") is Status.DONE
    assert store.snapshot(other_id).status("basics") is Status.TODO


def test_renamed_node_keeps_progress_through_alias(store) -> None:
    store.set_status("demo", "old-algebra", "learning")
    store.log_study("demo", "old-algebra", 30)
    store.set_resource_done("demo", "old-algebra", "title:R", True)
    snapshot = store.snapshot(roadmap_from(NODES))
    assert snapshot.status("algebra") is Status.LEARNING
    assert snapshot.state("algebra").minutes == 30
    assert snapshot.resources_done("algebra") == (1, 1)
    assert snapshot.archived == []


def test_progress_of_removed_node_is_archived_and_comes_back(store) -> None:
    store.set_status("demo", "calculus", "done")
    store.log_study("demo", "calculus", 20)
    without = roadmap_from(NODES.rsplit("  - {id: calculus", 1)[0])
    snapshot = store.snapshot(without)
    assert [(a.node_id, a.state.status, a.state.minutes) for a in snapshot.archived] == [("calculus", Status.DONE, 20)]
    back = store.snapshot(roadmap_from(NODES))
    assert back.status("calculus") is Status.DONE and back.archived == []


def test_resource_checkbox_survives_reordering(store) -> None:
    store.set_resource_done("demo", "basics", "https://docs.python.org/3/tutorial/", True)
    store.set_resource_done("demo", "basics", "title:Drill", True)
    reordered = NODES.replace(
        '[{kind: reading, title: Intro, url: "https://docs.python.org/3/tutorial/"}, {kind: exercise, title: Drill}]',
        '[{kind: exercise, title: Drill}, {kind: reading, title: Renamed intro, url: "https://docs.python.org/3/tutorial/"}]')
    roadmap = roadmap_from(reordered)
    assert store.snapshot(roadmap).resources_done("basics") == (2, 2)


def test_percent_complete_weighs_hours_and_leaves_out_skipped(store) -> None:
    roadmap = roadmap_from(NODES)
    store.set_status("demo", "basics", "done")
    store.set_status("demo", "calculus", "skipped")
    assert store.snapshot(roadmap).percent_complete() == pytest.approx(50.0)


def test_export_import_round_trip_is_idempotent(store, tmp_path) -> None:
    roadmap = roadmap_from(NODES)
    store.set_status("demo", "basics", "done")
    store.set_resource_done("demo", "basics", "title:Drill", True)
    store.set_notes("demo", "algebra", "notes")
    store.log_study("demo", "algebra", 25, date(2026, 1, 2))
    store.set_status("other-roadmap", "x", "done")
    exported = tmp_path / "progress.json"
    export_progress(store, exported, "demo")
    assert "other-roadmap" not in exported.read_text()

    fresh = ProgressStore(tmp_path / "elsewhere")
    first = import_progress(fresh, exported)
    assert first.changed > 0
    second = import_progress(fresh, exported)
    assert second.changed == 0
    mine, theirs = store.snapshot(roadmap), fresh.snapshot(roadmap)
    for node in roadmap.nodes:
        a, b = mine.state(node.id), theirs.state(node.id)
        assert (a.status, a.notes, a.done_resources, a.minutes) == (b.status, b.notes, b.done_resources, b.minutes)
    assert len(fresh.status_events("demo")) == len(store.status_events("demo"))
    fresh.close()


def test_import_newer_entry_wins_older_is_ignored(store, tmp_path) -> None:
    store.set_status("demo", "basics", "learning")
    exported = tmp_path / "p.json"
    export_progress(store, exported, "demo")
    store.set_status("demo", "basics", "done")  # newer here than in the file
    import_progress(store, exported)
    assert store.snapshot(roadmap_from(NODES)).status("basics") is Status.DONE


def test_damaged_progress_files_are_refused_and_change_nothing(store, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    with pytest.raises(ProgressFileError, match="not valid JSON"):
        import_progress(store, bad)
    bad.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(ProgressFileError, match="not a progress export"):
        import_progress(store, bad)
    bad.write_text(json.dumps({"format": "roadmap-app-progress", "version": 1, "progress": [
        {"roadmap": "demo", "node": "basics", "status": "done", "updated_at": "2026-01-01T00:00:00"},
        {"roadmap": "demo", "node": "algebra", "status": "bogus", "updated_at": "2026-01-01T00:00:00"}]}))
    with pytest.raises(ProgressFileError, match="nothing was imported"):
        import_progress(store, bad)
    assert store.snapshot(roadmap_from(NODES)).status("basics") is Status.TODO


def test_bundled_roadmap_ids_accept_aliases(store, ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    store.set_status(roadmap.id, "linear-algebra-basics", "done")
    assert store.snapshot(roadmap).status("linear-algebra") is Status.DONE
