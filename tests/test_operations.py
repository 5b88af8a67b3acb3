"""Operations, exact undo and redo, outside changes and times: the seam every view and command goes through."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import NodeRecord
from roadmap_app.persistence.database import DB_FILENAME
from roadmap_app.persistence.restore import restore_backup
from roadmap_app.persistence.store import DatabaseMovedError, ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.errors import UserError
from roadmap_app.services.progress_session import ProgressSession
from tests.test_store import NODES, roadmap_from

FIXTURES = shutil.os.path.join(shutil.os.path.dirname(__file__), "fixtures", "databases")


@pytest.fixture
def store(data_dir):
    store = ProgressStore(data_dir)
    yield store
    store.close()


def everything(store: ProgressStore) -> tuple:
    """Every stored row of the demo roadmap, the status log included."""
    return store.records("demo").all_rows(), store.status_events("demo")


def seed(store: ProgressStore) -> str:
    ops.set_status(store, "demo", "basics", "learning")
    ops.set_notes(store, "demo", "basics", "first notes")
    ops.set_resource_done(store, "demo", "basics", "title:Drill", True)
    change = ops.log_study(store, "demo", "basics", 40, date(2026, 3, 1), "chapter 1")
    return change.rows[0].after.uid


OPERATIONS = {
    "status done": lambda s, uid: ops.set_status(s, "demo", "basics", "done", title="Basics"),
    "status reset": lambda s, uid: ops.set_status(s, "demo", "basics", "todo"),
    "status on a new row": lambda s, uid: ops.set_status(s, "demo", "algebra", "skipped"),
    "tick": lambda s, uid: ops.set_resource_done(s, "demo", "basics", "https://docs.python.org/3/tutorial/", True),
    "untick": lambda s, uid: ops.set_resource_done(s, "demo", "basics", "title:Drill", False),
    "notes": lambda s, uid: ops.set_notes(s, "demo", "basics", "rewritten"),
    "log": lambda s, uid: ops.log_study(s, "demo", "algebra", 25, date(2026, 3, 2)),
    "edit session": lambda s, uid: ops.edit_study_session(s, uid, minutes=55, note="longer"),
    "delete session": lambda s, uid: ops.delete_study_session(s, uid),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_and_redo_restore_exact_values(store, name) -> None:
    uid = seed(store)
    session = ProgressSession(store)
    before = everything(store)
    outcome = session.perform("demo", lambda s: OPERATIONS[name](s, uid))
    assert not outcome.change.empty and outcome.undo_label == outcome.change.label
    after = everything(store)
    assert after != before
    time.sleep(0.002)  # an undo written with new timestamps would differ from `before`
    undone = session.undo("demo")
    assert undone.refused is None and undone.redo_label == outcome.change.label
    assert everything(store) == before
    redone = session.redo("demo")
    assert redone.refused is None
    assert everything(store) == after


def test_undo_restores_start_and_finish_times_and_leaves_no_phantom_events(store) -> None:
    session = ProgressSession(store)
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "done", title="Basics"))
    done = store.records("demo").nodes["basics"]
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "todo", title="Basics"))
    time.sleep(0.002)
    outcome = session.undo("demo")
    restored = store.records("demo").nodes["basics"]
    assert restored == done  # started_at and finished_at to the microsecond, not "now"
    assert [(e.old_status, e.new_status) for e in store.status_events("demo")] == [(Status.TODO, Status.DONE)]
    assert outcome.undo_label == "Mark ‘Basics’ as done"


def test_undo_after_an_outside_change_refuses_and_loses_nothing(store, data_dir) -> None:
    session = ProgressSession(store)
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "done"))
    other = ProgressStore(data_dir)  # the command line, say
    ops.set_notes(other, "demo", "basics", "written elsewhere")
    ops.set_status(other, "demo", "basics", "learning")
    other.close()
    outcome = session.undo("demo")
    assert outcome.refused and "changed outside this window" in outcome.refused
    row = store.records("demo").nodes["basics"]
    assert row.status is Status.LEARNING and row.notes == "written elsewhere"
    assert outcome.undo_label is None  # the refused entry is gone; nothing blocks older ones


def test_undo_of_an_older_step_still_works_after_an_outside_change_elsewhere(store, data_dir) -> None:
    session = ProgressSession(store)
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "done"))
    other = ProgressStore(data_dir)
    ops.set_status(other, "demo", "calculus", "learning")  # a different skill
    other.close()
    assert session.undo("demo").refused is None
    records = store.records("demo")
    assert "basics" not in records.nodes and records.nodes["calculus"].status is Status.LEARNING


def test_import_is_one_undoable_operation(store, tmp_path, data_dir) -> None:
    source = ProgressStore(tmp_path / "elsewhere")
    seed(source)
    exported = tmp_path / "p.json"
    ops.export_progress(source, exported, "demo")
    source.close()
    session = ProgressSession(store)
    before = everything(store)
    outcome = session.perform("demo", lambda s: ops.import_progress(s, exported, "demo")[0])
    assert len(outcome.change.rows) == 4  # the node row, a ticked resource, a session, one status event
    assert everything(store) != before
    session.undo("demo")
    assert everything(store) == before


def test_times_are_utc_with_microseconds(store) -> None:
    ops.set_status(store, "demo", "basics", "done")
    row = store.records("demo").nodes["basics"]
    for value in (row.started_at, row.finished_at, row.updated_at):
        assert value.tzinfo is not None and value.utcoffset() == timedelta(0)
    stamps = {store.status_events("demo")[0].at}
    for _ in range(3):
        ops.set_status(store, "demo", "basics", "todo")
        ops.set_status(store, "demo", "basics", "done")
        stamps |= {e.at for e in store.status_events("demo")}
    assert len(stamps) == 7  # sub-second: no two events share a time


def test_a_naive_time_is_never_stored(store) -> None:
    with pytest.raises(Exception, match="without a timezone"), store.writing() as transaction:
        transaction.put(None, NodeRecord("demo", "x", updated_at=datetime(2026, 1, 1)))


def test_reads_do_not_wait_for_another_writer(store, data_dir) -> None:
    ops.set_status(store, "demo", "basics", "done")
    blocker = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE node_progress SET notes = 'uncommitted'")
    with store.engine.connect() as connection:  # one connection per thread: a wait for the lock would fail now
        connection.exec_driver_sql("PRAGMA busy_timeout = 0")
    try:
        snapshot = store.snapshot(roadmap_from(NODES))
        assert snapshot.status("basics") is Status.DONE and snapshot.state("basics").notes == ""
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_poll_sees_another_connection_and_not_its_own_writes(store, data_dir) -> None:
    session = ProgressSession(store)
    session.load(roadmap_from(NODES))
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "done"))
    assert session.poll("demo") is None
    other = ProgressStore(data_dir)
    ops.set_notes(other, "demo", "calculus", "from the command line")
    other.close()
    found = session.poll("demo")
    assert found is not None and not found.reopened
    assert [(c.key, c.after.notes) for c in found.rows] == [(("node", "demo", "calculus"), "from the command line")]
    assert session.poll("demo") is None


def test_after_a_restore_the_session_uses_the_restored_file(store, data_dir, tmp_path) -> None:
    session = ProgressSession(store)
    session.load(roadmap_from(NODES))
    ops.set_status(store, "demo", "basics", "done")
    backup = tmp_path / "backup.sqlite3"
    from roadmap_app.persistence.backups import copy_database

    copy_database(data_dir / DB_FILENAME, backup)
    ops.set_status(store, "demo", "calculus", "done")
    restore_backup(data_dir, backup)
    with pytest.raises(DatabaseMovedError):  # never written into the file that was moved aside
        ops.set_status(store, "demo", "algebra", "done")
    found = session.poll("demo")
    assert found is not None and found.reopened
    ops.set_status(store, "demo", "algebra", "learning")
    fresh = ProgressStore(data_dir)
    nodes = fresh.records("demo").nodes
    assert nodes["basics"].status is Status.DONE and "calculus" not in nodes
    assert nodes["algebra"].status is Status.LEARNING
    fresh.close()


def test_nothing_to_undo_is_a_message(store) -> None:
    with pytest.raises(UserError, match="nothing to undo"):
        ProgressSession(store).undo("demo")


def test_schema_0001_local_times_become_utc(data_dir, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        shutil.copy(shutil.os.path.join(FIXTURES, "progress-0001.sqlite3"), data_dir / DB_FILENAME)
        store = ProgressStore(data_dir)
        row = store.records("ml-engineer").nodes["python-basics"]
        assert row.finished_at == datetime(2026, 2, 1, 17, 30, tzinfo=UTC)  # 18:30 in Berlin, winter
        assert row.started_at == datetime(2026, 1, 3, 9, 0, tzinfo=UTC)
        assert store.status_events("ml-engineer")[0].at == row.finished_at
        store.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize("seed", range(5))
def test_incremental_progress_matches_a_fresh_read(store, seed) -> None:
    """Applying each change to what the window holds gives what reading everything again gives."""
    import random

    from roadmap_app.domain.tracking import TrackedProgress

    rng = random.Random(seed)
    roadmap = roadmap_from(NODES)
    tracked = store.tracked(roadmap)
    session = ProgressSession(store)
    ids = ["basics", "algebra", "old-algebra", "calculus", "removed-skill"]
    for _ in range(60):
        node = rng.choice(ids)
        pick = rng.randrange(6)
        if pick == 0:
            outcome = session.perform(
                "demo", lambda s, node=node: ops.set_status(s, "demo", node, rng.choice(list(Status)))
            )
        elif pick == 1:
            outcome = session.perform(
                "demo", lambda s, node=node: ops.set_notes(s, "demo", node, rng.choice(["", "a", "b"]))
            )
        elif pick == 2:
            outcome = session.perform(
                "demo", lambda s, node=node: ops.set_resource_done(s, "demo", node, "title:R", rng.random() < 0.5)
            )
        elif pick == 3:
            outcome = session.perform("demo", lambda s, node=node: ops.log_study(s, "demo", node, rng.randint(1, 90)))
        elif pick == 4 and session.history("demo").done:
            outcome = session.undo("demo")
        elif session.history("demo").undone:
            outcome = session.redo("demo")
        else:
            continue
        tracked.apply(outcome.change)
        fresh = TrackedProgress(roadmap, store.records("demo"))
        assert tracked.snapshot.states == fresh.snapshot.states
        assert [(a.node_id, a.state) for a in tracked.snapshot.archived] == [
            (a.node_id, a.state) for a in fresh.snapshot.archived]
        assert tracked.totals.counts == fresh.snapshot.counts()
        assert tracked.totals.percent_complete() == pytest.approx(fresh.snapshot.percent_complete())
        assert tracked.totals.category_percent() == pytest.approx(fresh.snapshot.category_percent())


def test_progress_under_a_former_id_can_be_reset_unticked_and_edited(store) -> None:
    """What a person sees is the merge of rows under the current and former ids; operations act on that."""
    roadmap = roadmap_from(NODES)  # algebra was called old-algebra
    ops.set_status(store, "demo", "old-algebra", "done")
    ops.set_resource_done(store, "demo", "old-algebra", "title:R", True)
    ops.set_notes(store, "demo", "old-algebra", "old notes")
    session = ProgressSession(store)
    tracked = session.load(roadmap)
    former = roadmap.node("algebra").aliases
    before = everything(store)

    def act(operation) -> None:
        tracked.apply(session.perform("demo", operation).change)
        assert tracked.snapshot.states == store.tracked(roadmap).snapshot.states

    act(lambda s: ops.set_status(s, "demo", "algebra", "todo", former_ids=former))
    assert tracked.snapshot.status("algebra") is Status.TODO
    assert store.status_events("demo")[-1].old_status is Status.DONE  # what the person saw, not "todo"
    act(lambda s: ops.set_resource_done(s, "demo", "algebra", "title:R", False, former_ids=former))
    assert tracked.snapshot.state("algebra").done_resources == set()
    shown = tracked.snapshot.state("algebra").notes
    act(lambda s: ops.set_notes(s, "demo", "algebra", shown + "\nmore", former_ids=former))
    assert tracked.snapshot.state("algebra").notes == "old notes\nmore"
    for _ in range(3):
        session.undo("demo")
    assert everything(store) == before


def test_an_undo_the_database_could_not_take_stays_in_the_history(store, data_dir) -> None:
    session = ProgressSession(store)
    session.perform("demo", lambda s: ops.set_status(s, "demo", "basics", "done", title="Basics"))
    blocker = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(Exception, match="locked"):
            session.undo("demo")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert session.history("demo").labels() == ("Mark ‘Basics’ as done", None)
    assert session.undo("demo").refused is None
    assert "basics" not in store.records("demo").nodes


def test_an_out_of_range_time_in_a_progress_file_is_a_clear_error(store, tmp_path) -> None:
    import json

    bad = tmp_path / "p.json"
    bad.write_text(json.dumps({"format": "roadmap-app-progress", "version": 1, "progress": [
        {"roadmap": "demo", "node": "basics", "status": "done", "updated_at": "0001-01-01T00:00:00+05:00"}]}))
    with pytest.raises(UserError, match=r"damaged.*nothing was imported"):
        ops.import_progress(store, bad, "demo")
    assert store.records("demo").nodes == {}
