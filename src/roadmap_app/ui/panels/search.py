"""The search bar (Ctrl+F): type to highlight matches, Enter and Shift+Enter jump between them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class SearchLineEdit(QLineEdit):
    nextRequested = Signal()
    previousRequested = Signal()
    closeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previousRequested.emit()
            else:
                self.nextRequested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Pure view: the window's controller turns its signals into scene highlights."""

    queryChanged = Signal(str)
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = SearchLineEdit()
        self.field.setPlaceholderText("Search skills, summaries and resources…")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.queryChanged)
        self.field.nextRequested.connect(self.nextRequested)
        self.field.previousRequested.connect(self.previousRequested)
        self.field.closeRequested.connect(self.close_bar)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter)")
        previous.clicked.connect(self.previousRequested)
        following = QToolButton()
        following.setText("▼")
        following.setToolTip("Next match (Enter)")
        following.clicked.connect(self.nextRequested)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close search (Esc)")
        close.clicked.connect(self.close_bar)
        for widget in (QLabel("Find:"), self.field, self.count, previous, following, close):
            layout.addWidget(widget)
        layout.setStretch(1, 1)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.field.clear()
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int, query: str) -> None:
        if not query.strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{current} of {total}")
