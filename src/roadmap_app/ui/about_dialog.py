"""Help ▸ About Roadmap: what the app is, its version and licence, and where a person's data is kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app import __version__
from roadmap_app.persistence.backups import KEEP_BACKUPS, backup_dir, list_backups
from roadmap_app.ui.app_identity import DISPLAY_NAME, app_icon
from roadmap_app.ui.panels.skill_lists import caption

WHAT_IT_IS = ("Draws a field's skills as a graph of what needs what, keeps your progress in each of them on this "
              "computer, and plans your study weeks.")
LICENCE = ("Released under the MIT License: you may use, copy, change and share it freely, as long as the licence "
           "notice stays with it. It comes without any warranty.")
ICON_PIXELS = 64


class AboutDialog(QDialog):
    """The app's name, version and licence, then the folders and files that hold what the person has."""

    def __init__(self, data_dir: Path, database: Path, settings_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {DISPLAY_NAME}")
        self.setMinimumWidth(600)
        self.data_dir, self.database = Path(data_dir), Path(database)
        self.backups = backup_dir(self.database)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self._header())
        layout.addSpacing(6)
        layout.addWidget(caption("Your data"))
        self.paths = QGridLayout()
        self.paths.setHorizontalSpacing(8)
        self.paths.setColumnStretch(1, 1)
        self.path_fields: dict[str, QLineEdit] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        self._add_row("data", "Data folder:", self.data_dir, folder=True)
        self._add_row("database", "Progress database:", self.database)
        self._add_row("backups", "Backups:", self.backups, folder=True)
        self.backup_note = _muted(self._backup_note())
        self.backup_note.setWordWrap(True)
        self.paths.addWidget(self.backup_note, self.paths.rowCount(), 1, 1, 3)
        if not self.backups.is_dir():
            self.open_buttons["backups"].setEnabled(False)  # nothing to open yet: the note says why
        if settings_file is not None:
            self._add_row("settings", "Settings:", Path(settings_file))
        layout.addLayout(self.paths)
        layout.addStretch(1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        width = self.minimumWidth()
        self.resize(width, self.heightForWidth(width))  # as tall as the wrapped sentences need at that width

    def _header(self) -> QHBoxLayout:
        icon = self.icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_PIXELS))
        icon.setFixedSize(ICON_PIXELS, ICON_PIXELS)
        icon.setAccessibleName(f"{DISPLAY_NAME} icon")
        title = QLabel(DISPLAY_NAME)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        self.version = QLabel(f"Version {__version__}")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(title)
        text.addWidget(self.version)
        for sentence in (WHAT_IT_IS, LICENCE):
            label = QLabel(sentence)
            label.setWordWrap(True)
            text.addWidget(label)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text, 1)
        return header

    def _add_row(self, key: str, label: str, path: Path, folder: bool = False) -> None:
        row = self.paths.rowCount()
        field = QLineEdit(str(path))
        field.setReadOnly(True)  # selectable and scrollable, however long the path
        field.setCursorPosition(0)
        field.setToolTip(str(path))
        field.setAccessibleName(label.removesuffix(":"))
        name = QLabel(label)
        name.setBuddy(field)
        copy = QPushButton("Copy")
        copy.setAutoDefault(False)  # Enter closes the dialog, whichever button was clicked last
        copy.setToolTip("Put this path on the clipboard")
        copy.clicked.connect(lambda: self.copy_path(key))
        self.paths.addWidget(name, row, 0)
        self.paths.addWidget(field, row, 1)
        self.paths.addWidget(copy, row, 2)
        if folder:
            button = QPushButton("Open Folder")
            button.setAutoDefault(False)
            button.clicked.connect(lambda: self.open_folder(key))
            self.paths.addWidget(button, row, 3)
            self.open_buttons[key] = button
        self.path_fields[key] = field

    def _backup_note(self) -> str:
        made = (f"The app copies your progress database here once a day when it opens it (keeping the last "
                f"{KEEP_BACKUPS}), and before each upgrade of it.")
        found = list_backups(self.database)
        if not found:
            return f"None yet. {made}"
        try:
            newest = datetime.fromtimestamp(found[0].stat().st_mtime).date().isoformat()
        except OSError:
            return f"{len(found)} kept. {made}"
        return f"{len(found)} kept, the newest from {newest}. {made}"

    def copy_path(self, key: str) -> None:
        text = self.path_fields[key].text()
        QGuiApplication.clipboard().setText(text)
        self.say(f"Copied {text}")

    def open_folder(self, key: str) -> None:
        """Shows the folder in the file manager; when that cannot be done, says so (the path stays above)."""
        folder = Path(self.path_fields[key].text())
        if not folder.is_dir():
            self.say(f"The folder {folder} does not exist (yet), so there is nothing to open.")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.say("Could not open the folder (no file manager answered); its path is above: Copy puts it on "
                     "the clipboard.")
            return
        self.status.hide()

    def say(self, message: str) -> None:
        self.status.setText(message)
        self.status.show()
        needed = self.heightForWidth(self.width())
        if needed > self.height():  # room for the message, rather than squeezing the rows above it
            self.resize(self.width(), needed)


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # the theme's muted text colour
    return label
