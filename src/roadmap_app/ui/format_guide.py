"""Help ▸ Roadmap File Format: the guide shipped with the app, rendered, with a list of its sections and a find bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.paths import format_guide
from roadmap_app.ui.links import is_web_link, open_web_link
from roadmap_app.ui.markdown_view import DOCUMENT_MARGIN, Heading, show_markdown
from roadmap_app.ui.panels.details import OfflineTextBrowser
from roadmap_app.ui.panels.search import SearchLineEdit

TITLE = "Roadmap File Format"
SIZE = (860, 640)
SCREEN_SHARE = 0.9  # never bigger than this share of the screen
LISTED_LEVELS = 2  # the section list shows the title and the main sections

MISSING = """The format guide is missing from this installation of Roadmap ({problem}).

Installing roadmap-app again brings it back. Meanwhile the command line knows the same rules:

    roadmap-app schema > roadmap.schema.json
        writes the JSON Schema of roadmap files, which editors use to check and complete them

    roadmap-app validate FILE
        checks a roadmap file and prints every problem with its line and column
"""


class FormatGuide(QDialog):
    """A window of its own (not modal), so the guide can stay open beside the map or an editor."""

    def __init__(self, guide: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.guide = guide
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.headings: list[Heading] = []
        self._markdown: str | None = None
        self.find_field = SearchLineEdit()
        self.find_field.setPlaceholderText("Find in the guide (Ctrl+F)")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setAccessibleName("Find in the guide")
        self.find_field.textChanged.connect(lambda _: self.find_text(again=False))
        self.find_field.nextRequested.connect(lambda: self.find_text())
        self.find_field.previousRequested.connect(lambda: self.find_text(backward=True))
        self.find_field.closeRequested.connect(self._escape_from_find)
        previous, following = _tool_button("Previous", "Previous match (Shift+Enter)"), \
            _tool_button("Next", "Next match (Enter)")
        previous.clicked.connect(lambda: self.find_text(backward=True))
        following.clicked.connect(lambda: self.find_text())
        self.find_result = QLabel()
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_field, 1)
        find_row.addWidget(previous)
        find_row.addWidget(following)
        find_row.addWidget(self.find_result)
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections of the guide")
        self.sections.setWordWrap(True)
        self.sections.setSpacing(3)
        self.sections.currentItemChanged.connect(self._on_section)
        self.browser = OfflineTextBrowser()  # loads no image or file a link in the guide might name
        self.browser.anchorClicked.connect(self.follow_link)
        splitter = QSplitter()
        splitter.addWidget(self.sections)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, SIZE[0] - 190])
        self.note = QLabel()  # what happened to a link that was not opened
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(find_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_find)
        self._restyle = QTimer(self, singleShot=True, interval=0)
        self._restyle.timeout.connect(self._render)
        self._size_to_screen()
        self.load()

    # ------------------------------------------------------------------ content
    def load(self) -> None:
        """Reads the guide again; a guide that cannot be read is replaced by what to do instead."""
        try:
            self._markdown = self.guide.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._markdown = None
            problem = f"{self.guide} cannot be read: {getattr(error, 'strerror', None) or error}"
            if not self.guide.exists():
                problem = f"{self.guide} does not exist"
            self.browser.setPlainText(MISSING.format(problem=problem))
            self.browser.document().setDocumentMargin(DOCUMENT_MARGIN)
            self.headings = []
            self._fill_sections()
            return
        self._render()

    def _render(self) -> None:
        if self._markdown is None:
            return
        scrolled = self.browser.verticalScrollBar().value()
        self.headings = show_markdown(self.browser, self._markdown)
        self.browser.verticalScrollBar().setValue(scrolled)
        self._fill_sections()

    def _fill_sections(self) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for heading in self.headings:
            if heading.level <= LISTED_LEVELS:
                item = QListWidgetItem(heading.title)
                item.setData(Qt.ItemDataRole.UserRole, heading.anchor)
                self.sections.addItem(item)
        self.sections.blockSignals(False)
        self.sections.setVisible(self.sections.count() > 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle.start()  # once every widget has the new palette; code and links take its colours

    # ------------------------------------------------------------------ links and sections
    def follow_link(self, url: QUrl) -> None:
        """"#section" scrolls to it; http and https open in the browser; anything else stays closed."""
        self.note.clear()
        if not url.scheme() and not url.path() and url.hasFragment():
            self.go_to(url.fragment())
        elif is_web_link(url.toString()):
            if not open_web_link(url.toString()):
                self.note.setText(f"No web browser answered; the link is {url.toString()}")
        else:
            self.note.setText("Only web links (http, https) open from the guide; that one was not opened.")

    def go_to(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)

    def _on_section(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None:
            self.go_to(str(item.data(Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------------ find
    def _focus_find(self) -> None:
        self.find_field.setFocus()
        self.find_field.selectAll()

    def _escape_from_find(self) -> None:
        if self.find_field.text():
            self.find_field.clear()
        else:
            self.close()

    def find_text(self, backward: bool = False, again: bool = True) -> bool:
        """Selects the next (or previous) match of the find field's text, going round at the end; typing searches
        again from where the current match starts, so a match that still fits stays selected."""
        text = self.find_field.text()
        cursor = self.browser.textCursor()
        if not text:
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            self.find_result.clear()
            return False
        if not again:
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # round from the other end
            cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_result.setText("" if found else "Not found")
        return found

    # ------------------------------------------------------------------ size
    def _size_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen()
        area = screen.availableGeometry()
        self.resize(min(SIZE[0], int(area.width() * SCREEN_SHARE)), min(SIZE[1], int(area.height() * SCREEN_SHARE)))


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button


def show_format_guide(parent: QWidget, guide: Path | None = None) -> FormatGuide:
    """Shows the guide; a second request brings the window already open to the front."""
    window = parent.findChild(FormatGuide)
    if window is None:
        window = FormatGuide(guide or format_guide(), parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
