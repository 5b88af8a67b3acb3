"""The Library page: the bundled roadmaps and the user's roadmaps folder, each with its size and your progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.services.library import LibraryEntry
from roadmap_app.ui.recent_files import short_path
from roadmap_app.ui.text import LABEL_CHARS, elide, plain_tooltip

COLUMNS = ["Roadmap", "Skills", "Hours", "Complete", "Notes"]
TITLE, SKILLS, HOURS, COMPLETE, NOTES = range(len(COLUMNS))
ENTRY = Qt.ItemDataRole.UserRole  # the LibraryEntry of a file's row
FOLDER_HINT = "Put roadmap files (NAME.roadmap.yaml or .json) here to keep them in your library."


class LibraryPage(QWidget):
    """Lists what the library holds; the window's Library controller fills it and acts on its signals."""

    openRequested = Signal(object)  # Path
    backRequested = Signal()
    showFolderRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entries: list[LibraryEntry] = []
        self.percents: dict[str, float] | None = None  # None until the database has answered
        self.open_path: Path | None = None
        self._items: dict[Path, QTreeWidgetItem] = {}  # the row of each file shown
        self._sized = False
        self.setAccessibleName("Library")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        heading = QLabel("Library")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        self.intro = QLabel("Double-click a roadmap, or choose it and press Enter, to open it.")
        self.intro.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_current)
        self.back_button = QPushButton("&Back to Map")
        self.back_button.setToolTip("Show the open roadmap again (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.back_button)
        self.tree = self._make_tree()
        self.folder_label = QLabel()
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_folder_button = QPushButton("Show &Folder")
        self.show_folder_button.setToolTip("Open your roadmaps folder in the file manager")
        self.show_folder_button.clicked.connect(self.showFolderRequested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.folder_label, 1)
        bottom.addWidget(self.show_folder_button)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.backRequested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QWidget.setTabOrder(self.tree, self.open_button)
        QWidget.setTabOrder(self.open_button, self.back_button)
        QWidget.setTabOrder(self.back_button, self.show_folder_button)

    def _make_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName("Roadmaps in your library")
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels(COLUMNS)
        tree.setRootIsDecorated(False)
        tree.setItemsExpandable(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        for column in (SKILLS, HOURS, COMPLETE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            tree.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tree.itemActivated.connect(lambda item, _column: self._open_item(item))
        tree.currentItemChanged.connect(
            lambda item, _previous: self.open_button.setEnabled(self._entry(item) is not None))
        return tree

    # ------------------------------------------------------------------ filling
    def show_folder(self, folder: Path, problem: str | None = None) -> None:
        self.folder_label.setText(f"Your roadmaps folder: {short_path(folder)}. "
                                  + (f"It cannot be made: {problem}" if problem else FOLDER_HINT))

    def set_can_go_back(self, can: bool) -> None:
        self.back_button.setEnabled(can)

    def show_reading(self) -> None:
        """A refresh has begun: the rows shown stay until the new ones come (no flicker), the percents are stale."""
        self.percents = None
        if not self.entries:
            self.tree.clear()
            self._items = {}
            self._add_note(self.tree.invisibleRootItem(), "Reading the roadmap files…")

    def show_failure(self, message: str) -> None:
        self.entries, self._items = [], {}
        self.tree.clear()
        self._add_note(self.tree.invisibleRootItem(), f"The library cannot be listed: {message}")

    def show_entries(self, entries: list[LibraryEntry], open_path: Path | None) -> None:
        self.entries, self.percents, self.open_path = list(entries), None, open_path
        self._fill()

    def show_percents(self, percents: dict[str, float] | None) -> None:
        """Your percent complete per roadmap id; None when the database could not say."""
        self.percents = percents if percents is not None else {}
        self._fill()

    def _fill(self) -> None:
        """The rows anew, keeping the chosen row (at first: the open roadmap, else the first one)."""
        chosen = self._entry(self.tree.currentItem())
        self.tree.clear()
        rows: list[tuple[QTreeWidgetItem, LibraryEntry]] = []
        for label, bundled in (("Bundled roadmaps (read-only)", True), ("Your roadmaps", False)):
            group = QTreeWidgetItem(self.tree, [label])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            font = group.font(TITLE)
            font.setWeight(QFont.Weight.DemiBold)
            group.setFont(TITLE, font)
            members = [entry for entry in self.entries if entry.bundled == bundled]
            rows += [(self._entry_item(group, entry), entry) for entry in members]
            if not members:
                self._add_note(group, "No bundled roadmaps were found." if bundled
                               else "No roadmaps here yet: put roadmap files in the folder below (Show Folder).")
        self.tree.expandAll()
        self._items = {entry.path: item for item, entry in rows}
        wanted = [item for item, entry in rows if chosen is not None and entry.path == chosen.path] \
            or [item for item, entry in rows if self._is_open(entry)] or [item for item, _ in rows]
        if wanted:
            self.tree.setCurrentItem(wanted[0])
        if not self._sized and rows:  # as wide as the titles, once: a width the person sets then stays
            self._sized = True
            self.tree.resizeColumnToContents(TITLE)
            widest = max(200, self.tree.width() * 2 // 5)
            self.tree.setColumnWidth(TITLE, min(self.tree.columnWidth(TITLE) + 16, widest))

    def _entry_item(self, group: QTreeWidgetItem, entry: LibraryEntry) -> QTreeWidgetItem:
        roadmap, muted = entry.roadmap, self.palette().color(QPalette.ColorRole.PlaceholderText)
        item = QTreeWidgetItem(group)
        item.setData(TITLE, ENTRY, entry)
        item.setText(TITLE, elide(entry.title, LABEL_CHARS // 2))
        item.setToolTip(TITLE, plain_tooltip(entry.title, str(entry.path)))
        if roadmap is not None:
            item.setText(SKILLS, f"{len(roadmap.nodes):,}")
            item.setText(HOURS, f"{roadmap.total_hours:,.0f} h")
            percent = None if self.percents is None else self.percents.get(roadmap.id)
            item.setText(COMPLETE, "…" if self.percents is None else "?" if percent is None else f"{percent:.0f} %")
        else:
            for column in (SKILLS, HOURS, COMPLETE):
                item.setText(column, "—")
        for column in (SKILLS, HOURS, COMPLETE):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        notes = ["Open now"] if self._is_open(entry) else []
        notes += ["Bundled, read-only"] if entry.bundled else [entry.path.name]
        if entry.problem is not None:
            notes = [f"Cannot be opened: {entry.problem}"]
            item.setForeground(TITLE, muted)
        item.setText(NOTES, elide(" · ".join(notes), 200))
        item.setToolTip(NOTES, plain_tooltip(" · ".join(notes)))
        if self._is_open(entry):
            font = item.font(TITLE)
            font.setWeight(QFont.Weight.DemiBold)
            item.setFont(TITLE, font)
        return item

    def _add_note(self, parent: QTreeWidgetItem, text: str) -> None:
        note = QTreeWidgetItem(parent, [text])
        note.setFlags(Qt.ItemFlag.ItemIsEnabled)
        note.setFirstColumnSpanned(True)
        note.setForeground(TITLE, self.palette().color(QPalette.ColorRole.PlaceholderText))

    def _is_open(self, entry: LibraryEntry) -> bool:
        return self.open_path is not None and entry.path.resolve() == self.open_path

    # ------------------------------------------------------------------ choosing
    @staticmethod
    def _entry(item: QTreeWidgetItem | None) -> LibraryEntry | None:
        entry = item.data(TITLE, ENTRY) if item is not None else None
        return entry if isinstance(entry, LibraryEntry) else None

    def item_for(self, path: Path) -> QTreeWidgetItem | None:
        """The row of a file (for tests and for keeping the selection)."""
        return self._items.get(path)

    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        entry = self._entry(item)
        if entry is not None:
            self.openRequested.emit(entry.path)

    def _open_current(self) -> None:
        self._open_item(self.tree.currentItem())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.entries:
            self._fill()  # the muted text follows the theme
