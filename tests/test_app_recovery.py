"""Start-up paths a person can meet: a damaged database, a large roadmap, no display."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from roadmap_app.persistence import backups
from roadmap_app.persistence.database import DB_FILENAME
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.ui import app as app_module


class FakeBox:
    """Stands in for QMessageBox: records the offer and clicks a chosen button."""

    Icon = app_module.QMessageBox.Icon
    ButtonRole = app_module.QMessageBox.ButtonRole
    shown: ClassVar[list] = []
    choose = "Restore Newest Backup"

    def __init__(self, icon, title, text):
        self.text, self.buttons, self.objects, self.clicked = text, [], {}, None
        FakeBox.shown.append(self)

    def addButton(self, label, role):  # noqa: N802 - Qt API
        self.buttons.append(label)
        self.objects[label] = object()  # like Qt, each button is its own object
        return self.objects[label]

    def exec(self):
        self.clicked = self.objects[FakeBox.choose]

    def clickedButton(self):  # noqa: N802 - Qt API
        return self.clicked


def damage(data_dir) -> bytes:
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "a", "done")
    store.close()
    backups.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    garbage = b"definitely not sqlite" * 50
    (data_dir / DB_FILENAME).write_bytes(garbage)
    return garbage


def test_damaged_database_offers_the_newest_backup_and_restores_it(qapp, data_dir, monkeypatch) -> None:
    garbage = damage(data_dir)
    FakeBox.shown.clear()
    FakeBox.choose = "Restore Newest Backup"
    monkeypatch.setattr(app_module, "message_box", lambda parent, title, text: FakeBox(None, title, text))
    store = app_module.open_store_with_recovery(data_dir)
    box = FakeBox.shown[0]
    assert "cannot be used" in box.text and "moved to" in box.text
    assert box.buttons == ["Restore Newest Backup", "Start With Empty Progress", "Quit"]
    assert [e.new_status for e in store.status_events("demo")] == ["done"]
    kept = [p for p in data_dir.iterdir() if ".unusable-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    store.close()


def test_damaged_database_can_start_empty_without_losing_the_old_file(qapp, data_dir, monkeypatch) -> None:
    garbage = damage(data_dir)
    FakeBox.choose = "Start With Empty Progress"
    monkeypatch.setattr(app_module, "message_box", lambda parent, title, text: FakeBox(None, title, text))
    store = app_module.open_store_with_recovery(data_dir)
    assert store.status_events("demo") == []
    assert any(p.read_bytes() == garbage for p in data_dir.iterdir() if ".unusable-" in p.name and p.is_file())
    store.close()


def test_large_roadmap_is_laid_out_in_a_worker_thread(qtbot, data_dir, tmp_path) -> None:
    from roadmap_app.services.layout_cache import LARGE_GRAPH_NODES
    from roadmap_app.ui.main_window import MainWindow
    from tests.benchmarks.generators import random_roadmap_yaml

    path = tmp_path / "big.roadmap.yaml"
    path.write_text(random_roadmap_yaml(LARGE_GRAPH_NODES + 100, seed=3))
    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.open_roadmap(path)
    assert window.scene is None  # not laid out on the UI thread
    qtbot.waitUntil(lambda: window.scene is not None, timeout=30_000)
    assert len(window.scene.nodes) == LARGE_GRAPH_NODES + 100
    window.close()
    store.close()


def test_no_display_is_a_clear_message_not_a_crash(monkeypatch, capsys) -> None:
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert app_module.run_gui() == 2
    assert "no graphical display" in capsys.readouterr().err


def test_a_missing_database_with_backups_offers_the_newest_one(qapp, data_dir, monkeypatch) -> None:
    store = ProgressStore(data_dir)
    ops.set_status(store, "demo", "a", "done")
    store.close()
    backups.backup_if_due(data_dir / DB_FILENAME, today=date(2026, 1, 1))
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    FakeBox.shown.clear()
    FakeBox.choose = "Restore Newest Backup"
    monkeypatch.setattr(app_module, "message_box", lambda parent, title, text: FakeBox(None, title, text))
    store = app_module.open_store_with_recovery(data_dir)
    assert "is missing, but there are backups" in FakeBox.shown[0].text
    assert [e.new_status for e in store.status_events("demo")] == ["done"]
    store.close()
