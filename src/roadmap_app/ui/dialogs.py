"""Small dialogs: log study time, and messages shown as text a person can read and copy.

Every message box shows plain text: a message may quote a file name or a roadmap file, and Qt would
otherwise guess that "<img src=/dev/zero>" in one is markup and try to load it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from roadmap_app.domain.records import SessionRecord
from roadmap_app.persistence.store import MAX_MINUTES_PER_SESSION


class LogStudyDialog(QDialog):
    """Asks for minutes, note and day of a study session (a new one, or one being edited).

    Tab goes minutes → note → day, so typing a note after the minutes never lands in the date.
    """

    def __init__(self, node_title: str, parent: QWidget | None = None, editing: SessionRecord | None = None):
        # imported here: importing a PySide6 class makes its Python type and its enums,
        # which the window's first frame has no need of
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

        super().__init__(parent)
        self.setWindowTitle("Edit Study Session" if editing else "Log Study Time")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        heading = QLabel(node_title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading_font = heading.font()
        heading_font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(heading_font)
        form.addRow(heading)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES_PER_SESSION)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.minutes.setSingleStep(5)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.note = QLineEdit()
        self.note.setPlaceholderText("What did you do? (optional)")
        form.addRow("Time spent:", self.minutes)
        form.addRow("Note:", self.note)
        form.addRow("Day:", self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if editing is not None:
            self.minutes.setValue(editing.minutes)
            self.day.setDate(QDate(editing.day.year, editing.day.month, editing.day.day))
            self.note.setText(editing.note)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        QWidget.setTabOrder(self.minutes, self.note)
        QWidget.setTabOrder(self.note, self.day)
        QWidget.setTabOrder(self.day, buttons)
        self.minutes.setFocus()
        self.minutes.selectAll()  # typing a number replaces the suggested 30

    def values(self) -> tuple[int, date, str]:
        qdate = self.day.date()
        return self.minutes.value(), date(qdate.year(), qdate.month(), qdate.day()), self.note.text().strip()


def message_box(parent: QWidget | None, title: str, text: str,
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A message box showing `text` as plain text, with an OK button (more can be added before exec())."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def tell(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
    """Show a message in plain text and wait for OK."""
    box = message_box(parent, title, text, icon)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_problems(parent: QWidget | None, title: str, summary: str, details: list[str]) -> None:
    """A warning with every problem listed in the expandable details."""
    box = message_box(parent, title, summary)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if details:
        box.setInformativeText("\n".join(details[:8]) + ("\n…" if len(details) > 8 else ""))
        box.setDetailedText("\n".join(details))
    box.exec()
