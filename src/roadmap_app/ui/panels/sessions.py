"""The study sessions of one skill, newest first, each with Edit and Delete."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from roadmap_app.domain.records import SessionRecord

SHOWN_AT_FIRST = 8


def describe_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class SessionList(QWidget):
    """Rows of sessions; asks for edits and deletions through signals, never writes itself."""

    editRequested = Signal(object)  # SessionRecord
    deleteRequested = Signal(object)  # SessionRecord

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._show_all = False
        self._sessions: list[SessionRecord] = []

    def set_sessions(self, sessions: list[SessionRecord]) -> None:
        self._sessions = sorted(sessions, key=lambda s: (s.day, s.created_at), reverse=True)
        self._rebuild()

    def _rebuild(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        shown = self._sessions if self._show_all else self._sessions[:SHOWN_AT_FIRST]
        for session in shown:
            self._layout.addWidget(self._row(session))
        hidden = len(self._sessions) - len(shown)
        if hidden:
            more = QToolButton()
            more.setText(f"Show {hidden} older session{'s' if hidden > 1 else ''}")
            more.clicked.connect(self._expand)
            self._layout.addWidget(more)

    def _expand(self) -> None:
        self._show_all = True
        self._rebuild()

    def _row(self, session: SessionRecord) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = f"{session.day.isoformat()} · <b>{describe_minutes(session.minutes)}</b>"
        if session.note:
            text += f" · {html.escape(session.note)}"
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        logged = session.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        label.setToolTip(f"Logged {logged} (local time)")
        edit = QToolButton()
        edit.setText("Edit…")
        edit.setToolTip("Change the time, day or note of this session")
        edit.clicked.connect(lambda _=False, s=session: self.editRequested.emit(s))
        remove = QToolButton()
        remove.setText("Delete")
        remove.setToolTip("Delete this session (Ctrl+Z undoes it)")
        remove.setAccessibleName(f"Delete session of {session.day.isoformat()}")
        remove.clicked.connect(lambda _=False, s=session: self.deleteRequested.emit(s))
        layout.addWidget(label, 1)
        layout.addWidget(edit)
        layout.addWidget(remove)
        return row

    def count(self) -> int:
        return len(self._sessions)
