"""Durability: hard kills, two processes at once, every past schema, corrupt files, backups."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from roadmap_app.domain.progress import Status
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.persistence import backups as backups_module
from roadmap_app.persistence.database import DB_FILENAME, DatabaseUnusableError, current_revision, head_revision
from roadmap_app.persistence.restore import restore_backup
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.errors import UserError
from roadmap_app.services.workspace import open_store

HELPER = Path(__file__).parent / "helpers" / "action_loop.py"
FIXTURES = Path(__file__).parent / "fixtures" / "databases"


def start_loop(data_dir: Path, tag: str, count: int, node: str = "node-a") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HELPER), str(data_dir), tag, str(count), node],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def notes_logged(db: Path) -> set[str]:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {row[0] for row in connection.execute("SELECT note FROM study_session")}
    finally:
        connection.close()


@pytest.mark.slow
def test_hard_kill_never_loses_a_committed_action(data_dir) -> None:
    rng = random.Random(20261121)
    reported: set[str] = set()
    for run in range(12):
        process = start_loop(data_dir, f"run{run}", 100_000)
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("committed "):
                reported.add(f"run{run}-{line.split()[1]}")
        process.send_signal(signal.SIGKILL)
        for line in process.stdout.read().splitlines():  # lines printed before the kill landed
            if line.startswith("committed "):
                reported.add(f"run{run}-{line.split()[1]}")
        process.wait()
        assert process.returncode == -signal.SIGKILL
        stored = notes_logged(data_dir / DB_FILENAME)
        missing = reported - stored
        assert not missing, f"committed but lost after kill {run}: {sorted(missing)[:5]}"
    assert len(reported) > 12


@pytest.mark.slow
def test_two_processes_on_one_database_lose_nothing(data_dir) -> None:
    ProgressStore(data_dir).close()  # create the schema first, like a running app would
    count = 150
    first = start_loop(data_dir, "first", count, "node-a")
    second = start_loop(data_dir, "second", count, "node-b")
    results = [p.communicate(timeout=300) for p in (first, second)]
    for process, (out, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
        assert out.strip().endswith(f"committed {count - 1}")
    stored = notes_logged(data_dir / DB_FILENAME)
    assert stored == {f"{tag}-{i}" for tag in ("first", "second") for i in range(count)}
    store = ProgressStore(data_dir)
    assert len(store.status_events("loop")) == 2 * count
    store.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("progress-*.sqlite3")), ids=lambda p: p.stem)
def test_every_past_schema_upgrades_with_data_intact(fixture, data_dir, ml_roadmap_path) -> None:
    shutil.copy(fixture, data_dir / DB_FILENAME)
    store = ProgressStore(data_dir)
    assert current_revision(store.engine) == head_revision()
    snapshot = store.snapshot(load_roadmap(ml_roadmap_path))
    basics = snapshot.state("python-basics")
    assert basics.status is Status.DONE and basics.notes == "Finished the tutorial."
    assert basics.minutes == 90
    assert "https://docs.python.org/3/tutorial/" in basics.done_resources
    assert snapshot.status("linear-algebra") is Status.LEARNING  # stored under its former id
    assert [(e.old_status, e.new_status) for e in store.status_events("ml-engineer")] == [("todo", "done")]
    store.close()


def test_a_fixture_exists_for_the_newest_schema() -> None:
    assert (FIXTURES / f"progress-{head_revision()}.sqlite3").exists(), \
        "add a fixture with scripts/make_db_fixture.py for every new schema revision"


def test_new_database_is_created_at_newest_schema_with_safe_pragmas(data_dir) -> None:
    store = ProgressStore(data_dir)
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    store.close()


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\x07" * 5000])
def test_corrupt_database_is_moved_aside_untouched_and_backup_offered(data_dir, garbage) -> None:
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "a", "done")
    store.close()
    backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    db = data_dir / DB_FILENAME
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    db.write_bytes(garbage)

    with pytest.raises(DatabaseUnusableError) as caught:
        ProgressStore(data_dir)
    error = caught.value
    assert error.moved_to is not None and error.moved_to.read_bytes() == garbage
    assert not db.exists()
    assert error.backups and "restore-backup" in str(error)

    with pytest.raises(UserError, match="cannot be used"):
        db.write_bytes(garbage)
        open_store(data_dir)

    restore_backup(data_dir, error.backups[0])
    assert db.exists()
    store = ProgressStore(data_dir)
    assert [(e.node_id, e.new_status) for e in store.status_events("demo")] == [("a", "done")]
    store.close()


def test_backups_are_daily_use_the_backup_api_and_keep_the_last_few(data_dir) -> None:
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "a", "done")
    db = data_dir / DB_FILENAME
    made = [backups_module.backup_if_due(db, today=date(2026, 1, day)) for day in range(1, 12)]
    assert all(made)
    assert backups_module.backup_if_due(db, today=date(2026, 1, 11)) is None  # at most daily
    kept = backups_module.list_backups(db)
    assert len(kept) == backups_module.KEEP_BACKUPS and kept[0].name.endswith("2026-01-11.sqlite3")
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT new_status FROM status_event").fetchall() == [("done",)]
    copy.close()
    store.close()


def test_startup_backup_and_pre_migration_backup_are_made(data_dir) -> None:
    shutil.copy(FIXTURES / "progress-0001.sqlite3", data_dir / DB_FILENAME)
    ProgressStore(data_dir).close()
    names = sorted(p.name for p in backups_module.list_backups(data_dir / DB_FILENAME))
    today = date.today().isoformat()
    assert f"progress-{today}-before-migration-0001.sqlite3" in names  # the old schema, kept as it was
    assert f"progress-{today}.sqlite3" in names  # the daily start-up backup
    before = sqlite3.connect(data_dir / "backups" / f"progress-{today}-before-migration-0001.sqlite3")
    assert before.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    before.close()


def test_corrupt_database_moves_its_wal_and_shm_files_aside_with_it(data_dir) -> None:
    db = data_dir / DB_FILENAME
    db.write_bytes(b"not a database" * 100)
    (data_dir / (DB_FILENAME + "-wal")).write_bytes(b"wal bytes")
    (data_dir / (DB_FILENAME + "-shm")).write_bytes(b"shm bytes")
    with pytest.raises(DatabaseUnusableError) as caught:
        ProgressStore(data_dir)
    moved = caught.value.moved_to
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal bytes"
    assert moved.with_name(moved.name + "-shm").exists()  # an index SQLite rebuilds; the check may rewrite it
    assert not any((data_dir / (DB_FILENAME + s)).exists() for s in ("", "-wal", "-shm"))


def test_a_layout_cache_hit_is_used_without_laying_out_again(tmp_path, ml_roadmap_path, monkeypatch) -> None:
    from roadmap_app.services import layout_cache

    roadmap = load_roadmap(ml_roadmap_path)
    first = layout_cache.cached_layout(roadmap, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("laid out again despite a cached result")

    monkeypatch.setattr(layout_cache, "layered_layout", must_not_run)
    assert layout_cache.cached_layout(roadmap, tmp_path).positions == first.positions


@pytest.mark.parametrize("name", ["a#b", "why?mode=memory", "100% sure", "spaced out", "ünïcødé ✔", "x?y#z%20"])
def test_the_folder_named_is_the_folder_used(tmp_path, name) -> None:
    folder = tmp_path / name
    store = ProgressStore(folder)
    ops.set_status(store, "demo", "a", "done")
    store.close()
    assert (folder / DB_FILENAME).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written anywhere else
    backups_module.backup_if_due(folder / DB_FILENAME, today=date(2026, 1, 2))
    reopened = ProgressStore(folder)
    assert [e.new_status for e in reopened.status_events("demo")] == [Status.DONE]
    reopened.close()


def test_an_empty_data_dir_is_an_error(capsys) -> None:
    from roadmap_app.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", "", "backups"])
    assert stopped.value.code == 2
    assert "--data-dir needs a folder name" in capsys.readouterr().err


def test_the_head_revision_constant_is_alembics_head() -> None:
    """The database opens without loading Alembic when it is at HEAD_REVISION: that must be the real head."""
    from alembic.script import ScriptDirectory

    from roadmap_app.persistence.database import HEAD_REVISION, MIGRATIONS

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD_REVISION


def test_opening_a_current_database_does_not_load_alembic(data_dir) -> None:
    ProgressStore(data_dir).close()
    code = ("import sys\nfrom pathlib import Path\nfrom roadmap_app.persistence.store import ProgressStore\n"
            f"ProgressStore(Path({str(data_dir)!r})).close()\nprint('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
