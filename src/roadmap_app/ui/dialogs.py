"""Small dialogs: log study time, and problems shown as text a person can read and copy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from roadmap_app.domain.records import SessionRecord
from roadmap_app.persistence.store import MAX_MINUTES_PER_SESSION


class LogStudyDialog(QDialog):
    """Asks for minutes, day and note of a study session (a new one, or one being edited)."""

    def __init__(self, node_title: str, parent: QWidget | None = None, editing: SessionRecord | None = None):
        super().__init__(parent)
        verb = "Edit study session" if editing else "Log study time"
        self.setWindowTitle(f"{verb} — {node_title}")
        form = QFormLayout(self)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES_PER_SESSION)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.note = QLineEdit()
        self.note.setPlaceholderText("What did you do? (optional)")
        form.addRow("Time spent:", self.minutes)
        form.addRow("Day:", self.day)
        form.addRow("Note:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if editing is not None:
            self.minutes.setValue(editing.minutes)
            self.day.setDate(QDate(editing.day.year, editing.day.month, editing.day.day))
            self.note.setText(editing.note)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int, date, str]:
        qdate = self.day.date()
        return self.minutes.value(), date(qdate.year(), qdate.month(), qdate.day()), self.note.text().strip()


def show_problems(parent: QWidget | None, title: str, summary: str, details: list[str]) -> None:
    """A warning with every problem listed in the expandable details."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, summary, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText("\n".join(details[:8]) + ("\n…" if len(details) > 8 else ""))
        box.setDetailedText("\n".join(details))
    box.exec()
