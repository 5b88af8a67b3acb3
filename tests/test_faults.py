"""Faults a disk, a folder or a person can cause: progress is never lost, moved by mistake or left half-written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from roadmap_app.cli import main
from roadmap_app.domain.progress import Status
from roadmap_app.persistence import backups as backups_module
from roadmap_app.persistence.database import DB_FILENAME, RESTORING_SUFFIX
from roadmap_app.persistence.errors import DatabaseAccessError, DatabaseMissingError, DatabaseTooNewError
from roadmap_app.persistence.restore import RestoreError, restore_backup
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.errors import UserError
from tests.conftest import ML_ROADMAP

FIXTURES = Path(__file__).parent / "fixtures" / "databases"


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_progress(folder: Path) -> None:
    store = ProgressStore(folder)
    ops.set_status(store, "demo", "a", "done")
    ops.log_study(store, "demo", "a", 30)
    store.close()


@contextmanager
def small_disk(path: Path, size: str = "192k"):
    """A real file system that fills up: a tmpfs of a few hundred KB (needs root to mount)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("mounting a small tmpfs needs root; the max_page_count tests cover a full disk")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk holding `folder` up to the last byte."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return filler


# ------------------------------------------------------------------------------------------ a full disk
def test_a_full_database_refuses_a_write_clearly_and_works_after_space_is_freed(data_dir) -> None:
    make_progress(data_dir)
    store = ProgressStore(data_dir)
    with store.engine.connect() as connection:  # the database may not grow by a single page
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(Exception) as failed:
        for i in range(200):
            ops.set_notes(store, "demo", "a", "x" * 4000 * (i + 1))
    from roadmap_app.persistence.errors import describe

    assert describe(failed.value) == "the disk is full: free some space and try again"
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA max_page_count = 1073741823")
    ops.set_status(store, "demo", "b", "learning")
    snapshot = store.records("demo")
    assert snapshot.nodes["a"].status is Status.DONE and snapshot.nodes["b"].status is Status.LEARNING
    store.close()


def test_a_full_disk_at_start_is_not_corruption(tmp_path) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        folder = disk / "data"
        folder.mkdir()
        shutil.copy(FIXTURES / "progress-0001.sqlite3", folder / DB_FILENAME)  # needs a migration and backups
        filler = fill(disk)
        before = (folder / DB_FILENAME).read_bytes()
        with pytest.raises(DatabaseAccessError, match=r"disk is full|disk reported an error"):
            ProgressStore(folder)
        assert (folder / DB_FILENAME).read_bytes() == before
        assert not [p for p in folder.iterdir() if ".unusable-" in p.name]
        assert not list(folder.rglob("*.partial"))
        filler.unlink()
        store = ProgressStore(folder)
        assert store.records("ml-engineer").nodes["python-basics"].notes == "Finished the tutorial."
        store.close()


def test_the_command_line_says_the_disk_is_full(tmp_path, capsys) -> None:
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        assert main(["--data-dir", str(folder), "mark", str(ML_ROADMAP), "numpy", "done"]) == 0
        filler = fill(disk)
        code = main(["--data-dir", str(folder), "log", str(ML_ROADMAP), "numpy", "30", "--note", "x" * 200_000])
        err = capsys.readouterr().err
        assert code in (1, 2) and "disk" in err and "Traceback" not in err
        filler.unlink()
        assert main(["--data-dir", str(folder), "log", str(ML_ROADMAP), "numpy", "30"]) == 0, capsys.readouterr().err


def test_a_read_only_folder_is_a_clear_error_that_moves_nothing(tmp_path) -> None:
    with small_disk(tmp_path / "disk", "1m") as disk:
        folder = disk / "data"
        make_progress(folder)
        for suffix in ("-wal", "-shm"):
            (folder / (DB_FILENAME + suffix)).unlink(missing_ok=True)
        before = files_in(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        try:
            with pytest.raises(DatabaseAccessError, match="Nothing was changed"):
                ProgressStore(folder)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert files_in(folder) == before
        store = ProgressStore(folder)
        assert store.records("demo").nodes["a"].status is Status.DONE
        store.close()


# ------------------------------------------------------------------------------------------ missing, empty, newer
@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_missing_or_empty_database_with_backups_offers_them(data_dir, how, capsys) -> None:
    make_progress(data_dir)
    backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    db = data_dir / DB_FILENAME
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    if how == "empty":
        db.write_bytes(b"")
    with pytest.raises(DatabaseMissingError, match="restore-backup"):
        ProgressStore(data_dir)
    assert main(["progress", str(ML_ROADMAP)]) == 2
    assert ("is an empty file" if how == "empty" else "is missing") in capsys.readouterr().err
    assert main(["restore-backup"]) == 0
    store = ProgressStore(data_dir)
    assert store.records("demo").nodes["a"].status is Status.DONE
    store.close()


def test_starting_empty_is_a_choice_and_keeps_the_backups(data_dir) -> None:
    make_progress(data_dir)
    backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    store = ProgressStore(data_dir, allow_new=True)
    assert store.records("demo").nodes == {}
    store.close()
    assert backups_module.list_backups(data_dir / DB_FILENAME)


def test_a_database_from_a_newer_version_is_refused_untouched(data_dir, capsys) -> None:
    make_progress(data_dir)
    db = data_dir / DB_FILENAME
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = files_in(data_dir)
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        ProgressStore(data_dir)
    assert main(["progress", str(ML_ROADMAP)]) == 2
    err = capsys.readouterr().err
    assert "made by a newer version" in err and "Traceback" not in err
    assert {k: v for k, v in files_in(data_dir).items() if not k.endswith("-shm")} == {
        k: v for k, v in before.items() if not k.endswith("-shm")}


def test_the_window_says_newer_version_and_quits(qapp, data_dir, monkeypatch) -> None:
    from roadmap_app.ui import app as app_module

    make_progress(data_dir)
    connection = sqlite3.connect(data_dir / DB_FILENAME)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    shown = []
    monkeypatch.setattr(app_module, "tell", lambda *args: shown.append(args[2]))
    assert app_module.open_store_with_recovery(data_dir) is None
    assert shown and "made by a newer version" in shown[0]


# ------------------------------------------------------------------------------------------ restore-backup misuse
@pytest.fixture
def live_and_backup(data_dir):
    make_progress(data_dir)
    backup = backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "b", "done")  # newer than the backup
    store.close()
    return data_dir, backup


def other_app_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE bookmarks (url TEXT)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("make, message", [
    (lambda t, d, b: t / "missing.sqlite3", "cannot read"),
    (lambda t, d, b: (t / "notes.txt").write_text("hello") and t / "notes.txt", "not a progress database"),
    (lambda t, d, b: other_app_database(t / "bookmarks.sqlite3"), "not a roadmap-app progress database"),
    (lambda t, d, b: d / DB_FILENAME, "the progress database itself"),
    (lambda t, d, b: t, "not a regular file"),
])
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(live_and_backup, tmp_path, make, message) -> None:
    data_dir, backup = live_and_backup
    before = files_in(data_dir)
    with pytest.raises(RestoreError, match=message):
        restore_backup(data_dir, make(tmp_path, data_dir, backup))
    assert files_in(data_dir) == before


def test_restore_refuses_a_backup_from_a_newer_version(live_and_backup, tmp_path) -> None:
    data_dir, backup = live_and_backup
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(backup, newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(RestoreError, match="newer version"):
        restore_backup(data_dir, newer)


def test_restore_keeps_a_copy_of_the_database_it_replaces(live_and_backup, capsys) -> None:
    data_dir, backup = live_and_backup
    assert main(["restore-backup", str(backup)]) == 0
    out = capsys.readouterr().out
    kept = Path(out.split("copied to ")[1].strip())
    assert kept.parent == data_dir / "backups"
    connection = sqlite3.connect(kept)
    assert sorted(r[0] for r in connection.execute("SELECT node_id FROM node_progress")) == ["a", "b"]
    connection.close()
    store = ProgressStore(data_dir)
    assert sorted(store.records("demo").nodes) == ["a"]
    store.close()


def test_a_restore_killed_before_its_last_step_is_finished_at_the_next_start(live_and_backup) -> None:
    data_dir, backup = live_and_backup
    db = data_dir / DB_FILENAME
    shutil.copy(backup, db.with_name(db.name + RESTORING_SUFFIX))  # staged, then the kill came
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    store = ProgressStore(data_dir)
    assert sorted(store.records("demo").nodes) == ["a"]
    store.close()


def test_restore_bad_usage_on_the_command_line(live_and_backup, tmp_path, capsys) -> None:
    for bad in (str(tmp_path / "nope.sqlite3"), str(other_app_database(tmp_path / "b.sqlite3"))):
        assert main(["restore-backup", bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith("roadmap-app: error:") and "Traceback" not in err


# ------------------------------------------------------------------------------------------ absurd values
def test_imported_minutes_are_bounded_like_logged_ones(data_dir, tmp_path) -> None:
    huge = tmp_path / "huge.json"
    sessions = [{"uid": f"u{i}", "roadmap": "demo", "node": "a", "day": "2026-01-01", "minutes": 5 * 10 ** 18,
                 "note": "", "created_at": "2026-01-01T10:00:00+00:00"} for i in range(2)]
    huge.write_text(json.dumps({"format": "roadmap-app-progress", "version": 1, "sessions": sessions}))
    store = ProgressStore(data_dir)
    with pytest.raises(UserError, match="greater than the maximum of 1440"):
        ops.import_progress(store, huge, "demo")
    assert store.study_sessions("demo") == []
    store.close()


@pytest.mark.parametrize("day", ["9999-12-31", "1969-12-31", (date.today() + timedelta(days=3)).isoformat()])
def test_study_days_far_from_now_are_refused(day, capsys) -> None:
    assert main(["log", str(ML_ROADMAP), "numpy", "30", "--date", day]) == 2
    assert "not possible for a study session" in capsys.readouterr().err


def test_no_traceback_reaches_the_terminal_when_the_database_breaks_mid_command(data_dir) -> None:
    make_progress(data_dir)
    env = {**os.environ, "ROADMAP_APP_DATA_DIR": str(data_dir)}
    (data_dir / DB_FILENAME).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    result = subprocess.run([sys.executable, "-m", "roadmap_app", "progress", str(ML_ROADMAP)], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot be used" in result.stderr


# ------------------------------------------------------------------------------------------ outputs over inputs
@pytest.fixture
def roadmap_copy(tmp_path) -> Path:
    copy = tmp_path / "mine.roadmap.yaml"
    shutil.copy(ML_ROADMAP, copy)
    return copy


@pytest.mark.parametrize("command", [
    ["export-progress", "{roadmap}", "-o", "{out}"],
    ["export-image", "{roadmap}", "-o", "{out}"],
    ["plan", "{roadmap}", "--hours-per-week", "8", "-o", "{out}"],
    ["plan", "{roadmap}", "--hours-per-week", "8", "--format", "json", "-o", "{out}"],
])
def test_no_command_writes_over_the_roadmap_it_reads(roadmap_copy, tmp_path, command, capsys) -> None:
    before = roadmap_copy.read_bytes()
    for out in (roadmap_copy, tmp_path / "other.roadmap.json"):
        args = [part.format(roadmap=roadmap_copy, out=out) for part in command]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and ("nothing was written" in err or "use a name ending in" in err)
    assert roadmap_copy.read_bytes() == before
    assert not (tmp_path / "other.roadmap.json").exists()


def test_export_progress_never_writes_over_the_database(data_dir, roadmap_copy, capsys) -> None:
    make_progress(data_dir)
    db = data_dir / DB_FILENAME
    before = db.read_bytes()
    assert main(["export-progress", str(roadmap_copy), "-o", str(db)]) == 2
    assert "reads" in capsys.readouterr().err
    assert main(["plan", str(roadmap_copy), "--hours-per-week", "8", "-o", str(db)]) == 2
    assert "reads" in capsys.readouterr().err
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [["export-progress"], ["plan", "--hours-per-week", "8"]])
def test_a_failed_write_leaves_nothing_half_written(roadmap_copy, tmp_path, monkeypatch, capsys, command) -> None:
    from roadmap_app.services import output

    out = tmp_path / "progress.json"
    out.write_text("the previous export")

    def broken_replace(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    assert main([command[0], str(roadmap_copy), *command[1:], "-o", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "the previous export"
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_an_export_to_a_folder_is_a_clear_error(roadmap_copy, tmp_path, capsys) -> None:
    assert main(["export-progress", str(roadmap_copy), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ hostile progress files
PROGRESS_CORPUS = Path(__file__).parent / "corpus" / "progress"
EXPECTED = {
    "status-not-text": "progress/0/status", "status-unknown": "progress/0/status", "node-null": "progress/0/node",
    "progress-not-a-list": "at progress", "entry-not-an-object": "progress/0",
    "minutes-zero": "less than the minimum of 1", "minutes-over-a-day": "greater than the maximum of 1440",
    "minutes-as-text": "sessions/0/minutes", "minutes-fraction": "sessions/0/minutes",
    "day-before-1970": "before 1970 or in the future", "day-not-a-date": "not a date like 2026-03-14",
    "updated-far-future": "before 1970 or in the future", "event-time-garbage": "not a date and time",
    "time-out-of-range": "before 1970 or in the future", "wrong-format": "not a progress export",
    "newer-version": "version 2", "top-level-list": "not a progress export", "not-json": "not valid JSON",
    "not-utf8": "not a UTF-8 text file",
}


def test_every_file_of_the_corpus_has_an_expectation() -> None:
    assert sorted(p.stem for p in PROGRESS_CORPUS.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_progress_file_gets_one_clear_error_and_changes_nothing(data_dir, name, capsys) -> None:
    make_progress(data_dir)
    store = ProgressStore(data_dir)
    before = store.records("demo").all_rows(), store.status_events("demo")
    with pytest.raises(UserError) as refused:
        ops.import_progress(store, PROGRESS_CORPUS / f"{name}.json", "demo")
    assert EXPECTED[name] in str(refused.value)
    assert (store.records("demo").all_rows(), store.status_events("demo")) == before
    store.close()
    assert main(["import-progress", str(ML_ROADMAP), str(PROGRESS_CORPUS / f"{name}.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_far_future_entry_cannot_poison_later_changes(data_dir) -> None:
    store = ProgressStore(data_dir)
    with pytest.raises(UserError):
        ops.import_progress(store, PROGRESS_CORPUS / "updated-far-future.json", "demo")
    ops.set_status(store, "demo", "basics", "learning")
    assert store.records("demo").nodes["basics"].status is Status.LEARNING
    store.close()


def special_file(kind: str, tmp_path: Path) -> Path:
    if kind == "folder":
        return tmp_path
    if kind == "fifo":
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        return fifo
    if kind == "huge":
        big = tmp_path / "big.json"
        with big.open("wb") as handle:
            handle.truncate(60 * 1024 * 1024)  # sparse: no disk used
        return big
    if kind == "deep":
        deep = tmp_path / "deep.json"
        deep.write_text('{"format": "roadmap-app-progress", "version": 1, "progress": ' + "[" * 200_000)
        return deep
    return Path("/dev/zero")


@pytest.mark.parametrize("kind, message", [("folder", "is a folder"), ("fifo", "not a regular file"),
                                           ("zero", "not a regular file"), ("huge", "MB"),
                                           ("deep", r"not valid JSON|nested too deeply")])
def test_special_files_are_refused_at_once(data_dir, tmp_path, kind, message) -> None:
    store = ProgressStore(data_dir)
    with pytest.raises(UserError, match=message):
        ops.import_progress(store, special_file(kind, tmp_path), "demo")
    store.close()


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_an_image_export_on_a_full_disk_is_an_error_and_keeps_the_old_file(roadmap_copy, tmp_path, capsys,
                                                                             suffix) -> None:
    with small_disk(tmp_path / "disk") as disk:
        out = disk / f"graph{suffix}"
        out.write_bytes(b"the previous export")
        fill(disk)
        assert main(["export-image", str(roadmap_copy), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "No space left on device" in err and "nothing was written" in err and ".partial" not in err
        assert out.read_bytes() == b"the previous export"
        assert not [p for p in disk.iterdir() if "partial" in p.name]


@pytest.mark.parametrize("command", [["export-progress"], ["plan", "--hours-per-week", "8"]])
def test_no_output_goes_over_the_databases_side_files_or_backups(data_dir, roadmap_copy, capsys, command) -> None:
    make_progress(data_dir)
    store = ProgressStore(data_dir)  # open, as the window keeps it: committed changes wait in the -wal file
    ops.log_study(store, "ml-engineer", "numpy", 45, date(2026, 1, 5))
    backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 6))
    backup = next((data_dir / "backups").iterdir())
    targets = [data_dir / (DB_FILENAME + "-wal"), data_dir / (DB_FILENAME + "-shm"), backup]
    before = {target: target.read_bytes() for target in targets if target.exists()}
    assert data_dir / (DB_FILENAME + "-wal") in before
    for target in targets:
        assert main(["--data-dir", str(data_dir), command[0], str(roadmap_copy), *command[1:], "-o",
                     str(target)]) == 2, target
        assert "nothing was written" in capsys.readouterr().err
    assert {target: target.read_bytes() for target in before} == before
    assert [s.minutes for s in store.find_sessions("ml-engineer", "")] == [45]
    store.close()


def test_control_characters_in_titles_keep_an_svg_export_valid(tmp_path, capsys) -> None:
    import xml.dom.minidom

    text = ML_ROADMAP.read_text(encoding="utf-8").replace("title: NumPy", 'title: "Num\\e[31mPy\\a"', 1)
    assert "Num\\e[31mPy" in text
    roadmap = tmp_path / "evil.roadmap.yaml"
    roadmap.write_text(text, encoding="utf-8")
    out = tmp_path / "graph.svg"
    assert main(["export-image", str(roadmap), "-o", str(out), "--no-progress"]) == 0
    xml.dom.minidom.parse(str(out))  # raises on a control character
    assert "Num[31mPy" in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------ second hostile pass
def test_a_number_thousands_of_digits_long_is_a_clear_error(data_dir, roadmap_copy, tmp_path, capsys) -> None:
    make_progress(data_dir)
    exported = tmp_path / "progress.json"
    assert main(["--data-dir", str(data_dir), "export-progress", str(roadmap_copy), "-o", str(exported), "--all"]) == 0
    document = json.loads(exported.read_text())
    text = json.dumps(document).replace('"minutes": 30', '"minutes": ' + "9" * 5000, 1)
    assert "9" * 5000 in text
    exported.write_text(text)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "import-progress", str(roadmap_copy), str(exported)]) == 2
    err = capsys.readouterr().err
    assert "5000 digits long" in err and "Traceback" not in err and len(err) < 600

    roadmap = tmp_path / "big-number.roadmap.json"
    roadmap.write_text('{"format": 1, "id": "x", "title": "X", "version": ' + "1" * 5000 + "}")
    assert main(["validate", str(roadmap)]) == 1
    assert "could not be read" not in capsys.readouterr().out


def test_notes_are_bounded_so_every_export_imports_again(data_dir, roadmap_copy, capsys) -> None:
    from roadmap_app.persistence.progress_file import MAX_NOTE_CHARS

    long_note = "n" * (MAX_NOTE_CHARS + 1)
    assert main(["--data-dir", str(data_dir), "log", str(roadmap_copy), "numpy", "30", "--note", long_note]) == 2
    err = capsys.readouterr().err
    assert "longer than the limit" in err and len(err) < 400
    store = ProgressStore(data_dir)
    with pytest.raises(UserError, match="longer than the limit"):
        ops.set_notes(store, "ml-engineer", "numpy", long_note)
    assert store.find_sessions("ml-engineer", "") == []
    store.close()


def test_a_damaged_file_message_never_repeats_a_huge_value(tmp_path) -> None:
    from roadmap_app.persistence.progress_file import ProgressFileError, read_document

    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "roadmap-app-progress", "version": 1,
                                "progress": [{"roadmap": "r", "node": "n", "status": "done", "notes": "x" * 300_000,
                                              "updated_at": "2026-01-01T00:00:00+00:00"}]}))
    with pytest.raises(ProgressFileError) as raised:
        read_document(path)
    assert "300,000 characters" in str(raised.value) and len(str(raised.value)) < 400


def test_restore_refuses_a_database_claiming_this_schema_without_its_columns(live_and_backup, tmp_path) -> None:
    fake = tmp_path / "fake.sqlite3"
    connection = sqlite3.connect(fake)
    for table in ("node_progress", "resource_done", "study_session", "status_event"):
        connection.execute(f"CREATE TABLE {table} (x)")
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('0002')")
    connection.commit()
    connection.close()
    data_dir, _backup = live_and_backup
    before = (data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(RestoreError, match="lacks"):
        restore_backup(data_dir, fake)
    assert (data_dir / DB_FILENAME).read_bytes() == before


def test_several_instances_making_the_days_backup_at_once_all_succeed(data_dir) -> None:
    import threading

    make_progress(data_dir)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def back_up() -> None:
        start.wait()
        try:
            backups_module.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 3, 1))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=back_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [p.name for p in (data_dir / "backups").iterdir()] == ["progress-2026-03-01.sqlite3"]
