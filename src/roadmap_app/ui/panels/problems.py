"""The Problems panel: the validator's messages about the open file's latest version, and the text they point at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.ui.panels.source_view import SourceView, split_lines

NO_PROBLEMS = "No problems in the last version of the roadmap file read."


def problem_count(count: int) -> str:
    return f"{count} problem" if count == 1 else f"{count} problems"


def message_text(diagnostic: Diagnostic) -> str:
    """How one message reads in the list: "line 12, column 5: …"."""
    return f"line {diagnostic.line}, column {diagnostic.col}: {diagnostic.message}"


class ProblemsPanel(QWidget):
    """Lists the messages (errors and warnings) of a version of a file that could not be shown; selecting one
    shows that version's text around its line. Also asks what to do when the file changed under unsaved edits."""

    reloadRequested = Signal()  # "Reload From Disk": unsaved edits give way to the file's new version
    keepEditsRequested = Signal()  # "Keep My Edits": the file's new version is not read
    statusMessage = Signal(str)  # something to tell in the window's status bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.diagnostics: list[Diagnostic] = []
        self._content = b""
        self._lines: list[str] | None = None  # the content split, when a message is first shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self._build_disk_bar())
        layout.addLayout(self._build_header())
        self.source = SourceView()
        self.list = QListWidget()
        self.list.setAccessibleName("Problems")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(1)
        self.list.currentRowChanged.connect(self.show_message)
        self.list.itemActivated.connect(lambda _item: self.source.setFocus())  # Enter: read the text
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.source)
        self.splitter.setSizes([420, 580])
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.list, self.source)
        self.clear()

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.open_button = QPushButton("Open in Editor")
        self.open_button.setToolTip("Open the roadmap file in the program your system uses for it")
        self.open_button.clicked.connect(self.open_in_editor)
        self.copy_button = QPushButton("Copy Messages")
        self.copy_button.setToolTip("Copy every message as FILE:LINE:COLUMN: severity: message")
        self.copy_button.clicked.connect(self.copy_messages)
        header.addWidget(self.summary, 1)
        header.addWidget(self.open_button)
        header.addWidget(self.copy_button)
        return header

    def _build_disk_bar(self) -> QFrame:
        self.disk_bar = QFrame()
        self.disk_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.disk_bar.setAccessibleName("The file changed on disk")
        bar = QHBoxLayout(self.disk_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        self.disk_label = QLabel()
        self.disk_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disk_label.setWordWrap(True)
        self.reload_button = QPushButton("Reload From Disk")
        self.reload_button.setToolTip("Show the file's new version; your unsaved edits are dropped")
        self.reload_button.clicked.connect(self._reload_chosen)
        self.keep_button = QPushButton("Keep My Edits")
        self.keep_button.setToolTip("Go on with your edits; the file's new version is not read")
        self.keep_button.clicked.connect(self._keep_chosen)
        bar.addWidget(self.disk_label, 1)
        bar.addWidget(self.reload_button)
        bar.addWidget(self.keep_button)
        self.disk_bar.hide()
        return self.disk_bar

    # ------------------------------------------------------------------ content
    @property
    def has_problems(self) -> bool:
        return bool(self.diagnostics)

    def show_problems(self, path: Path, diagnostics: list[Diagnostic], content: bytes) -> None:
        """The messages about `content`, the version of `path` that was checked; the first one is shown."""
        self.path, self._content, self._lines = Path(path), content, None
        self.diagnostics = sorted(diagnostics, key=lambda d: (not d.is_error, d.line, d.col))
        errors = sum(d.is_error for d in self.diagnostics)
        self.summary.setText(f"{path.name} has {problem_count(errors)}; the map shows the last good version. "
                             "Fix the file and save it: the map follows.")
        self.list.clear()
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for diagnostic in self.diagnostics:
            text = message_text(diagnostic)
            item = QListWidgetItem(icons[diagnostic.is_error], text)
            item.setToolTip(f"{diagnostic.severity}: {text}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{diagnostic.severity}, {text}")
            self.list.addItem(item)
        self._enable(True)
        self.splitter.show()
        if self.diagnostics:
            self.list.setCurrentRow(0)

    def clear(self) -> None:
        """No problems to show (the file is valid again, or another file is open)."""
        self.diagnostics, self._content, self._lines = [], b"", None
        self.list.clear()
        self.source.clear_text()
        self.summary.setText(NO_PROBLEMS)
        self.splitter.hide()  # an empty list and an empty text say nothing more
        self._enable(self.path is not None)
        self.copy_button.setEnabled(False)

    def set_file(self, path: Path | None) -> None:
        """The file the panel is about (Open in Editor opens it) when it has nothing to show."""
        self.path = Path(path) if path is not None else None
        self.open_button.setEnabled(self.path is not None)

    def _enable(self, enabled: bool) -> None:
        self.open_button.setEnabled(enabled and self.path is not None)
        self.copy_button.setEnabled(enabled)

    def messages(self) -> list[str]:
        """The messages as listed."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def show_message(self, row: int) -> None:
        """Show the text around the line of the message in `row` (of the version that was checked)."""
        if not 0 <= row < len(self.diagnostics):
            return
        if self._lines is None:
            self._lines = split_lines(self._content)
        diagnostic = self.diagnostics[row]
        self.source.show_line(self._lines, diagnostic.line, diagnostic.col)

    # ------------------------------------------------------------------ buttons
    def open_in_editor(self) -> None:
        if self.path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.absolute()))):
            self.statusMessage.emit(f"No program is set to open {self.path.name}; open it in your editor yourself.")

    def copy_messages(self) -> None:
        name = str(self.path) if self.path is not None else ""
        QGuiApplication.clipboard().setText("\n".join(d.format(name) for d in self.diagnostics))
        self.statusMessage.emit(f"Copied {len(self.diagnostics)} message(s)")

    # ------------------------------------------------------------------ changed under unsaved edits
    def ask_about_disk_change(self, path: Path) -> None:
        """Offer Reload From Disk or Keep My Edits: the file changed while the window holds unsaved edits."""
        self.disk_label.setText(f"{path.name} changed on disk, and you have edits not saved yet.")
        self.disk_bar.show()
        self.reload_button.setFocus()

    @property
    def asking(self) -> bool:
        return not self.disk_bar.isHidden()

    def _reload_chosen(self) -> None:
        self.disk_bar.hide()
        self.reloadRequested.emit()

    def _keep_chosen(self) -> None:
        self.disk_bar.hide()
        self.keepEditsRequested.emit()
