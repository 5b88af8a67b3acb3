"""The This Week panel's widgets: the week's hours against the person's, a row per skill, what comes next."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.this_week import ThisWeek
from roadmap_app.ui.text import LABEL_CHARS, elide

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def hours(minutes: int) -> str:
    """'2.5 h', '40 min': hours with one decimal, short spans in minutes."""
    return f"{minutes} min" if minutes < 60 else f"{minutes / 60:.1f} h".replace(".0 h", " h")


def clock(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def week_span(week: ThisWeek) -> str:
    first, last = week.monday, week.sunday
    start = f"{first.day} {MONTHS[first.month - 1]}" if first.month != last.month else str(first.day)
    return f"{start} – {last.day} {MONTHS[last.month - 1]}"


class ThisWeekPanel(QWidget):
    """Builds widgets from a ThisWeek; what the buttons do is the controller's (signals)."""

    timerClicked = Signal(str)  # node id: start the study timer there, or stop it
    logClicked = Signal(str)  # node id: log time by hand
    planRequested = Signal()  # open the Study Plan (to set hours, goals)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("This week")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.week_bar = QProgressBar()
        self.week_bar.setTextVisible(False)
        self.week_bar.setMaximumHeight(8)
        self.week_bar.setAccessibleName("Hours done this week")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.heading)
        outer.addWidget(self.week_bar)
        outer.addWidget(self.status)
        self.rows_widget = QWidget()
        self.rows = QGridLayout(self.rows_widget)
        self.rows.setContentsMargins(0, 4, 0, 4)
        self.rows.setHorizontalSpacing(8)
        self.rows.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows_widget)
        outer.addWidget(scroll, 1)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.next_label)
        self.plan_button = QPushButton("Open Study Plan…")
        self.plan_button.clicked.connect(self.planRequested)
        self.plan_button.hide()
        outer.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.timer_buttons: dict[str, QPushButton] = {}

    def show_message(self, text: str) -> None:
        """No week to show (no plan can be made): say why, and offer the Study Plan."""
        self.heading.setText("<b>This week</b>")
        self.week_bar.hide()
        self.status.setText(html.escape(text))
        self._clear_rows()
        self.next_label.clear()
        self.plan_button.show()

    def show_week(self, week: ThisWeek, title: Callable[[str], str], timing: str | None) -> None:
        """`title`: a skill's title by id; `timing`: the skill whose timer runs, if any."""
        self.plan_button.hide()
        self.week_bar.show()
        self.heading.setText(f"<b>This week</b> · {week_span(week)}")
        self.week_bar.setRange(0, max(1, week.capacity_minutes))
        self.week_bar.setValue(min(week.done_minutes, week.capacity_minutes))
        done = f"{hours(week.done_minutes)} of {hours(week.capacity_minutes)} done"
        if week.done_minutes >= week.capacity_minutes:
            state = "✔ this week's hours are done"
        elif week.on_track:
            state = f"✔ on track · {hours(week.remaining_minutes)} left"
        else:
            state = f"◔ behind by {hours(week.behind_minutes)} · {hours(week.remaining_minutes)} left"
        self.status.setText(f"{done} · {state}")
        self._clear_rows()
        for row, skill in enumerate(week.skills):
            name = QLabel(elide(title(skill.node_id), LABEL_CHARS))
            name.setToolTip(title(skill.node_id))
            name.setTextFormat(Qt.TextFormat.PlainText)
            planned = skill.done_minutes + skill.planned_minutes
            amount = QLabel(f"{hours(skill.done_minutes)} / {hours(planned)}" if planned else hours(skill.done_minutes))
            amount.setToolTip("Logged this week / planned for this week")
            running = skill.node_id == timing
            start = QPushButton("■ Stop" if running else "▶ Start")
            start.setToolTip("Stop the timer and log the time" if running else "Start a study timer on this skill")
            start.setAccessibleName(f"{'Stop' if running else 'Start'} timer: {title(skill.node_id)}")
            start.clicked.connect(lambda _=False, node=skill.node_id: self.timerClicked.emit(node))
            log = QPushButton("Log…")
            log.setToolTip("Log study time by hand")
            log.setAccessibleName(f"Log time: {title(skill.node_id)}")
            log.clicked.connect(lambda _=False, node=skill.node_id: self.logClicked.emit(node))
            buttons = QHBoxLayout()
            buttons.setSpacing(4)
            buttons.addWidget(start)
            buttons.addWidget(log)
            self.rows.addWidget(name, row, 0)
            self.rows.addWidget(amount, row, 1)
            self.rows.addLayout(buttons, row, 2)
            self.timer_buttons[skill.node_id] = start
        if not week.skills:
            self.rows.addWidget(QLabel("Nothing planned: every goal is done."), 0, 0)
        self.rows.setRowStretch(max(1, len(week.skills)), 1)  # the rows stay together at the top
        upcoming = ", ".join(html.escape(elide(title(node), LABEL_CHARS)) for node in week.next_up)
        self.next_label.setText(f"<b>Next:</b> {upcoming}" if upcoming else "")

    def show_clock(self, node_id: str, seconds: int) -> None:
        button = self.timer_buttons.get(node_id)
        if button is not None:
            button.setText(f"■ {clock(seconds)}")

    def _clear_rows(self) -> None:
        self.timer_buttons = {}
        for row in range(self.rows.rowCount()):
            self.rows.setRowStretch(row, 0)
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item is None:
                continue
            widget, layout = item.widget(), item.layout()
            if widget is not None:
                widget.deleteLater()
            elif layout is not None:
                while layout.count():
                    inner = layout.takeAt(0)
                    button = inner.widget() if inner is not None else None
                    if button is not None:
                        button.deleteLater()
