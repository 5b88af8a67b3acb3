"""Help ▸ About Roadmap: version, licence, and the folders that hold a person's data, opened on request."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from roadmap_app import __version__
from roadmap_app.persistence.backups import backup_dir
from roadmap_app.ui.about_dialog import AboutDialog


def open_about(window, qtbot) -> AboutDialog:
    window.show_about()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    dialog = window.findChild(AboutDialog)
    qtbot.waitExposed(dialog)
    return dialog


def shown_text(dialog: QWidget) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog))


def test_about_shows_the_version_the_licence_and_where_the_data_is(window, qtbot, data_dir) -> None:
    dialog = open_about(window, qtbot)
    text = shown_text(dialog)
    assert __version__ in text and "MIT License" in text
    fields = {key: field.text() for key, field in dialog.path_fields.items()}
    assert fields == {"data": str(data_dir), "database": str(window.store.path),
                      "backups": str(backup_dir(window.store.path)),
                      "settings": str(data_dir / "settings.ini")}
    assert not backup_dir(window.store.path).exists()
    assert "None yet" in dialog.backup_note.text() and not dialog.open_buttons["backups"].isEnabled()
    assert not dialog.icon.pixmap().isNull()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_about_opens_the_data_and_backups_folders_and_says_when_it_cannot(window, qtbot, data_dir,
                                                                         monkeypatch) -> None:
    opened: list[QUrl] = []
    answer = {"ok": True}
    monkeypatch.setattr("roadmap_app.ui.about_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or answer["ok"])
    backups = backup_dir(window.store.path)
    backups.mkdir()
    (backups / f"{window.store.path.stem}-2026-01-02.sqlite3").write_bytes(b"")
    dialog = open_about(window, qtbot)
    assert dialog.backup_note.text().startswith("1 kept")
    qtbot.mouseClick(dialog.open_buttons["data"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_buttons["backups"], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(data_dir)), QUrl.fromLocalFile(str(backups))]
    assert not dialog.status.isVisible()
    answer["ok"] = False  # no file manager
    qtbot.mouseClick(dialog.open_buttons["data"], Qt.MouseButton.LeftButton)
    assert dialog.status.isVisible() and "Could not open the folder" in dialog.status.text()
    assert dialog.height() >= dialog.heightForWidth(dialog.width())  # it grew for the message; nothing squeezed


def test_about_copies_a_path_and_never_opens_a_folder_that_is_gone(window, qtbot, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr("roadmap_app.ui.about_dialog.QDesktopServices.openUrl", lambda url: opened.append(url))
    backups = backup_dir(window.store.path)
    backups.mkdir()
    dialog = open_about(window, qtbot)
    backups.rmdir()
    qtbot.mouseClick(dialog.open_buttons["backups"], Qt.MouseButton.LeftButton)
    assert opened == [] and "does not exist" in dialog.status.text()
    dialog.copy_path("database")
    assert QApplication.clipboard().text() == str(window.store.path)
