"""The window's data path: undo and redo, precise refreshes, failures, outside changes, restores, sessions."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox, QToolButton
from sqlalchemy.exc import OperationalError

from roadmap_app.domain.progress import Status
from roadmap_app.persistence.backups import copy_database
from roadmap_app.persistence.database import DB_FILENAME
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from tests.conftest import ML_ROADMAP, saved

OUTSIDE_TIMEOUT_MS = 5000


def cli(*args: str, data_dir) -> None:
    subprocess.run([sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), *args], check=True,
                   capture_output=True)


def warnings_shown(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_undo_and_redo_name_the_action_and_restore_exact_times(window, qtbot) -> None:
    window.select_and_show("numpy")
    window.set_selected_status(Status.DONE)
    saved(qtbot, window)
    assert window.commands.undo.text() == "&Undo Mark ‘NumPy’ as done"
    done_row = window.store.records("ml-engineer").nodes["numpy"]
    window.set_selected_status(Status.TODO)
    saved(qtbot, window)
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert window.store.records("ml-engineer").nodes["numpy"] == done_row
    assert window.commands.redo.text() == "&Redo Mark ‘NumPy’ as not started"
    assert [(e.old_status, e.new_status) for e in window.store.status_events("ml-engineer")] == [
        (Status.TODO, Status.DONE)]
    window.commands.redo.trigger()
    saved(qtbot, window)
    assert window.scene.nodes["numpy"].status is Status.TODO
    assert not window.commands.redo.isEnabled()


def test_status_bar_follows_a_change(window, qtbot) -> None:
    assert "0 done" in window.progress_label.text()
    window.document.set_status("python-basics", Status.DONE)
    saved(qtbot, window)
    assert "1 done" in window.progress_label.text()
    assert window.statusBar().currentMessage().startswith("Mark ‘")


def test_notes_are_saved_when_switching_skills(window, qtbot) -> None:
    window.select_and_show("pandas")
    qtbot.keyClicks(window.details.notes, "merge vs join")
    window.select_and_show("numpy")  # before the typing pause ends
    saved(qtbot, window)
    assert window.store.snapshot(window.document.roadmap).state("pandas").notes == "merge vs join"
    assert window.commands.undo.text() == "&Undo Edit notes on ‘Pandas’"
    assert window.details.notes.toPlainText() == ""


def test_undo_of_notes_updates_the_open_editor(window, qtbot) -> None:
    window.select_and_show("pandas")
    qtbot.keyClicks(window.details.notes, "first")
    window.details.save_notes()
    saved(qtbot, window)
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert window.details.notes.toPlainText() == ""


def test_details_follow_an_undo_that_touches_another_skill(window, qtbot) -> None:
    window.document.set_status("numpy", Status.DONE)
    saved(qtbot, window)
    window.select_and_show("pandas")  # pandas needs numpy: the panel shows numpy's status
    assert "NumPy</a> ✔" in window.details.relations.text()
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert "NumPy</a> ○" in window.details.relations.text()


def test_a_failed_write_shows_the_error_and_keeps_undo_consistent(window, qtbot, monkeypatch) -> None:
    window.document.set_status("numpy", Status.DONE)
    saved(qtbot, window)
    store = window.store
    original = store.writing

    def broken():
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store, "writing", broken)
    window.document.set_status("pandas", Status.DONE)
    saved(qtbot, window)
    assert any("Could not save your change" in text and "disk I/O error" in text for text in warnings_shown(window))
    assert window.scene.nodes["pandas"].status is Status.TODO
    assert window.commands.undo.text() == "&Undo Mark ‘NumPy’ as done"
    monkeypatch.setattr(store, "writing", original)
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert window.store.snapshot(window.document.roadmap).status("numpy") is Status.TODO
    assert not window.commands.undo.isEnabled()


def test_a_stale_layout_result_is_ignored(window, qtbot) -> None:
    from roadmap_app.formats.loader import load_roadmap
    from roadmap_app.services.layout_cache import compute_layout
    from tests.conftest import ROADMAPS

    old = load_roadmap(ROADMAPS / "ml-interview-prep.roadmap.yaml")
    late_layout = compute_layout(old)
    assert window.open_roadmap(ML_ROADMAP)  # the newer request
    window._on_layout_ready(old, late_layout)  # the older one arrives after it
    qtbot.waitUntil(lambda: window._pending is None, timeout=5000)
    assert window.document.roadmap.id == "ml-engineer"


def test_the_window_sees_a_change_made_by_another_process(window, qtbot, data_dir) -> None:
    window.select_and_show("numpy")
    cli("mark", str(ML_ROADMAP), "numpy", "done", data_dir=data_dir)
    qtbot.waitUntil(lambda: window.scene.nodes["numpy"].status is Status.DONE, timeout=OUTSIDE_TIMEOUT_MS)
    assert window.details.status_buttons[Status.DONE].isChecked()
    assert "1 done" in window.progress_label.text()


def test_undo_after_an_outside_change_loses_nothing(window, qtbot, data_dir) -> None:
    window.document.set_status("numpy", Status.DONE)
    saved(qtbot, window)
    cli("mark", str(ML_ROADMAP), "numpy", "learning", data_dir=data_dir)
    qtbot.waitUntil(lambda: window.scene.nodes["numpy"].status is Status.LEARNING, timeout=OUTSIDE_TIMEOUT_MS)
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert any("changed outside this window" in text for text in warnings_shown(window))
    assert window.store.snapshot(window.document.roadmap).status("numpy") is Status.LEARNING
    assert not window.commands.undo.isEnabled()


def test_after_a_restore_from_the_command_line_the_window_uses_the_restored_file(window, qtbot, data_dir,
                                                                                   tmp_path) -> None:
    window.document.set_status("numpy", Status.DONE)
    saved(qtbot, window)
    backup = tmp_path / "progress-backup.sqlite3"
    copy_database(data_dir / DB_FILENAME, backup)
    window.document.set_status("pandas", Status.DONE)
    saved(qtbot, window)
    cli("restore-backup", str(backup), data_dir=data_dir)
    qtbot.waitUntil(lambda: window.scene.nodes["pandas"].status is Status.TODO, timeout=OUTSIDE_TIMEOUT_MS)
    window.document.set_status("linear-algebra", Status.LEARNING)
    saved(qtbot, window)
    fresh = ProgressStore(data_dir)
    snapshot = fresh.snapshot(window.document.roadmap)
    assert snapshot.status("numpy") is Status.DONE and snapshot.status("linear-algebra") is Status.LEARNING
    fresh.close()


def test_sessions_are_listed_edited_and_deleted_in_the_details_panel(window, qtbot, monkeypatch) -> None:
    from datetime import date

    from roadmap_app.ui import main_window

    window.select_and_show("numpy")
    window.document.log_study("numpy", 45, date(2026, 3, 1), "broadcasting")
    saved(qtbot, window)
    assert window.details.sessions.count() == 1
    assert "45 min" in window.details.study_label.text()

    class Answer:
        def __init__(self, *args, **kwargs):
            self.editing = kwargs.get("editing")

        def exec(self):
            return True

        def values(self):
            return 50, date(2026, 3, 2), "ufuncs"

    monkeypatch.setattr(main_window, "LogStudyDialog", Answer)
    session = window.document.sessions("numpy")[0]
    window.details.sessions.editRequested.emit(session)
    saved(qtbot, window)
    edited = window.document.sessions("numpy")[0]
    assert (edited.minutes, edited.day, edited.note) == (50, date(2026, 3, 2), "ufuncs")
    assert "50 min" in window.details.study_label.text()

    delete = next(b for b in window.details.sessions.findChildren(QToolButton) if b.text() == "Delete")
    delete.click()
    saved(qtbot, window)
    assert window.details.sessions.count() == 0 and window.store.study_sessions("ml-engineer") == []
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert [s.minutes for s in window.store.study_sessions("ml-engineer")] == [50]
    assert window.details.sessions.count() == 1


def test_import_can_be_undone_in_the_window(window, qtbot, tmp_path) -> None:
    source = ProgressStore(tmp_path / "elsewhere")
    ops.set_status(source, "ml-engineer", "numpy", "done")
    exported = tmp_path / "progress.json"
    ops.export_progress(source, exported, "ml-engineer")
    source.close()
    reports = []
    window.document.import_progress(exported, reports.append)
    saved(qtbot, window)
    assert reports and reports[0].added_progress == 1
    assert window.scene.nodes["numpy"].status is Status.DONE
    window.commands.undo.trigger()
    saved(qtbot, window)
    assert window.scene.nodes["numpy"].status is Status.TODO
    assert window.store.status_events("ml-engineer") == []


def test_a_slow_write_shows_saving_and_the_window_stays_responsive(window, qtbot, monkeypatch) -> None:
    import threading

    from roadmap_app.services import progress_ops

    real = progress_ops.set_status
    disk_free = threading.Event()  # a busy disk, or another program holding the write lock, until set

    def slow(*args, **kwargs):
        assert disk_free.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_ops, "set_status", slow)
    window.document.set_status("numpy", Status.DONE)  # returns although the write cannot go on yet
    qtbot.waitUntil(lambda: window.saving_label.isVisible(), timeout=2000)
    window.select_and_show("pandas")  # the window keeps working meanwhile
    assert window.details.title.text() == "Pandas"
    assert window.store.snapshot(window.document.roadmap).status("numpy") is Status.TODO
    disk_free.set()
    saved(qtbot, window)
    assert not window.saving_label.isVisible()
    assert window.scene.nodes["numpy"].status is Status.DONE


def test_quick_opposite_actions_all_arrive(window, qtbot, monkeypatch) -> None:
    """Tick then untick (or D then R) before the first write is back: the last action wins."""
    import time

    from roadmap_app.services import progress_ops

    real = progress_ops.set_resource_done

    def slow(*args, **kwargs):
        time.sleep(0.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_ops, "set_resource_done", slow)
    key = window.document.roadmap.node("numpy").resources[0].key
    window.document.set_resource_done("numpy", key, True)
    window.document.set_resource_done("numpy", key, False)
    window.document.set_status("numpy", Status.DONE)
    window.document.set_status("numpy", Status.TODO)
    saved(qtbot, window)
    snapshot = window.store.snapshot(window.document.roadmap)
    assert snapshot.resources_done("numpy")[0] == 0 and snapshot.status("numpy") is Status.TODO
    assert window.scene.nodes["numpy"].resources[0] == 0 and window.scene.nodes["numpy"].status is Status.TODO


def test_notes_typed_just_before_a_reload_are_kept(window, qtbot) -> None:
    window.select_and_show("pandas")
    qtbot.keyClicks(window.details.notes, "my important note")
    window.reload()  # within the typing pause
    qtbot.waitUntil(lambda: window._pending is None, timeout=5000)
    saved(qtbot, window)
    assert window.document.snapshot.state("pandas").notes == "my important note"
    assert window.details.notes.toPlainText() == "my important note"
    window.details.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.details.notes, "!")
    window.details.save_notes()
    saved(qtbot, window)
    assert window.store.snapshot(window.document.roadmap).state("pandas").notes == "my important note!"


def test_a_large_file_is_read_in_another_process_and_the_window_stays_responsive(window, qtbot, tmp_path,
                                                                               monkeypatch) -> None:
    import time

    from PySide6.QtCore import QTimer

    from roadmap_app.ui import roadmap_loader
    from tests.benchmarks.generators import random_roadmap_yaml

    monkeypatch.setattr(roadmap_loader, "IN_PROCESS_BYTES", 64 * 1024)  # a smaller "large" file keeps this quick
    big = tmp_path / "big.roadmap.yaml"
    big.write_text(random_roadmap_yaml(1500, seed=2))
    ticks: list[float] = []  # timer ticks handled while the file was being read
    timer = QTimer()
    timer.timeout.connect(lambda: window._reading is not None and ticks.append(time.perf_counter()))
    timer.start(10)
    assert window.open_roadmap(big)
    assert window.busy_bar.isVisible() and window.document.roadmap.id == "ml-engineer"
    qtbot.waitUntil(lambda: window.document.roadmap.id == "generated", timeout=120_000)
    timer.stop()
    assert not window.busy_bar.isVisible() and len(window.scene.nodes) == 1500
    assert len(ticks) > 20  # the window kept handling events while the file was read (how often: dev.py bench)


def test_a_large_broken_file_shows_its_problems(window, qtbot, tmp_path, monkeypatch) -> None:
    from roadmap_app.ui import roadmap_loader
    from tests.benchmarks.generators import random_roadmap_yaml

    monkeypatch.setattr(roadmap_loader, "IN_PROCESS_BYTES", 64 * 1024)
    shown = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda *args: shown.append(args))
    big = tmp_path / "big.roadmap.yaml"
    big.write_text(random_roadmap_yaml(1500, seed=2).replace("requires: [n1,", "requires: [n999999,", 1)
                   + "  - {id: n1}\n")
    assert window.open_roadmap(big)
    qtbot.waitUntil(lambda: bool(shown), timeout=120_000)
    assert any("big.roadmap.yaml:" in line for line in shown[0][3])
    assert window.document.roadmap.id == "ml-engineer" and not window.busy_bar.isVisible()


def test_a_job_that_ends_after_the_window_is_gone_raises_nothing_on_the_database_thread(data_dir, monkeypatch) -> None:
    import threading

    import shiboken6

    from roadmap_app.ui.database_bridge import DatabaseBridge

    raised: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    store = ProgressStore(data_dir)
    bridge = DatabaseBridge(store)
    release = threading.Event()
    bridge.submit(lambda session: release.wait(10), lambda job: None)
    thread = bridge._thread
    shiboken6.delete(bridge)  # the window and its bridge are gone, as at the end of the process
    release.set()
    assert thread.stop(10)
    store.close()
    assert raised == []
