"""The Plan view: goals, hours and start date in; a week table, a Gantt chart and exports out."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.calibration import calibrated_pace, calibration
from roadmap_app.domain.planner import Plan
from roadmap_app.services.errors import UserError
from roadmap_app.services.plan_export import nothing_to_plan_message, plan_to_ics, plan_to_json, plan_to_markdown
from roadmap_app.services.planning import (
    EARLIEST_START,
    LATEST_START,
    MAX_HOURS_PER_WEEK,
    MAX_PACE,
    MIN_HOURS_PER_WEEK,
    MIN_PACE,
    PlanRequest,
    build_plan,
)
from roadmap_app.ui.dialogs import tell
from roadmap_app.ui.document import RoadmapDocument
from roadmap_app.ui.text import LABEL_CHARS, elide, plain_tooltip
from roadmap_app.ui.theme import Theme
from roadmap_app.ui.view_memory import setting_number

if TYPE_CHECKING:
    from roadmap_app.ui.panels.gantt import GanttChart

FOLLOW_DELAY_MS = 40
TABLE_CHARS = 120  # a title in the week table; its tooltip holds the rest
MESSAGE_CHARS = 1000
EXPORTS = {"md": ("Markdown checklist", "*.md"), "json": ("JSON", "*.json"), "ics": ("iCalendar", "*.ics")}


def _title(text: str) -> str:
    """A title inside rich text: cut to a sane length and shown as it is, never as markup."""
    return html.escape(elide(text, LABEL_CHARS))


def _message(text: str) -> str:
    """A message (which may quote titles) inside rich text."""
    return html.escape(elide(text, MESSAGE_CHARS))


class PlanPanel(QWidget):
    planChanged = Signal(object)  # Plan or None
    exportRequested = Signal(str)  # a key of EXPORTS

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.document: RoadmapDocument | None = None
        self.theme = theme
        self.goals: list[str] = []
        self.plan: Plan | None = None
        self._stale = True
        self._chart_stale = True
        # Progress changes arrive after the graph has repainted; a short delay also folds quick key presses.
        self._timer = QTimer(self, singleShot=True, interval=FOLLOW_DELAY_MS)
        self._timer.timeout.connect(self.recompute)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        goals_row, controls = QHBoxLayout(), QHBoxLayout()
        self.goals_label = QLabel()
        self.goals_label.setWordWrap(True)
        self.goals_label.setTextFormat(Qt.TextFormat.RichText)  # titles in it are escaped
        self.add_goal_button = QPushButton("Add Selected Skill")
        self.clear_goals_button = QPushButton("Whole Roadmap")
        self.clear_goals_button.setToolTip("Plan every skill instead of chosen goals")
        self.clear_goals_button.clicked.connect(lambda: self.set_goals([]))
        # the same limits as the command line's (services.planning)
        self.hours = QDoubleSpinBox(minimum=MIN_HOURS_PER_WEEK, maximum=MAX_HOURS_PER_WEEK, singleStep=0.5, value=8,
                                    suffix=" h/week", decimals=1)
        self.start = QDateEdit(QDate.currentDate())
        self.start.setDateRange(QDate(EARLIEST_START.year, EARLIEST_START.month, EARLIEST_START.day),
                                QDate(LATEST_START.year, LATEST_START.month, LATEST_START.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.pace = QDoubleSpinBox(minimum=MIN_PACE, maximum=MAX_PACE, singleStep=0.05, value=1.0, decimals=2,
                                   prefix="×")
        self.pace.setToolTip("Multiply every estimate: above 1 if you usually need longer")
        self.suggest_button = QPushButton("Suggest")
        self.suggest_button.setToolTip("Set the pace from your logged time on finished skills")
        self.suggest_button.clicked.connect(self.suggest)
        self.export_button = QToolButton(popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setText("Export Plan ▾")
        menu = QMenu(self)
        for fmt, (label, _) in EXPORTS.items():
            def export(f: str = fmt) -> None:
                self.exportRequested.emit(f)

            menu.addAction(label + "…", export)
        self.export_button.setMenu(menu)
        # two rows, so the panel fits beside or below the graph in a 1024-pixel window
        for goal_widget in (QLabel("Goals:"), self.goals_label, self.add_goal_button, self.clear_goals_button):
            goals_row.addWidget(goal_widget)
        goals_row.setStretch(1, 1)
        for widget in (QLabel("Time:"), self.hours, QLabel("Start:"), self.start, QLabel("Pace:"), self.pace,
                       self.suggest_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        layout.addLayout(goals_row)
        layout.addLayout(controls)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # titles and messages in it are escaped
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Week / skill", "Hours", "Category"])
        self.table.setColumnWidth(0, 320)
        self.tabs.addTab(self.table, "Weeks")
        self._chart: GanttChart | None = None  # made when first shown: matplotlib takes a while to load
        self._chart_scroll = QScrollArea()
        self._chart_scroll.setWidgetResizable(True)
        self.tabs.addTab(self._chart_scroll, "Chart")
        self.tabs.currentChanged.connect(lambda _: self._draw_chart_if_shown())
        layout.addWidget(self.tabs, 1)
        for signal in (self.hours.valueChanged, self.start.dateChanged, self.pace.valueChanged):
            signal.connect(lambda *_: self._timer.start())
        self._show_goals()

    # ------------------------------------------------------------------ inputs
    def set_document(self, document: RoadmapDocument | None) -> None:
        if self.document is not None:
            self.document.nodesChanged.disconnect(self._on_progress)
            self.document.roadmapReplaced.disconnect(self._on_roadmap_replaced)
        self.document = document
        self.goals = []
        if document is not None:
            document.nodesChanged.connect(self._on_progress)
            document.roadmapReplaced.connect(self._on_roadmap_replaced)
        self._show_goals()
        self._update_now_or_when_shown()

    def _on_progress(self, _node_ids: set[str], aspects: frozenset[str]) -> None:
        if aspects & {"status", "sessions"}:
            self.mark_stale()

    def _on_roadmap_replaced(self, _old) -> None:
        """A new version of the roadmap: keep the goals it still has (former ids followed) and plan again."""
        assert self.document is not None
        roadmap = self.document.roadmap
        self.goals = list(dict.fromkeys(g for g in (roadmap.resolve(goal) for goal in self.goals) if g is not None))
        self._show_goals()
        self._update_now_or_when_shown()

    def _update_now_or_when_shown(self) -> None:
        if self.isVisible():
            self.recompute()
        else:
            self.mark_stale()

    def mark_stale(self) -> None:
        """Recompute soon when shown; a hidden panel only remembers that it is out of date."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.recompute()
        else:
            self._draw_chart_if_shown()

    def set_goals(self, goals: list[str]) -> None:
        self.goals = list(dict.fromkeys(goals))
        self._show_goals()
        self._update_now_or_when_shown()

    def add_goal(self, node_id: str) -> None:
        self.set_goals([*self.goals, node_id])

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._draw_chart()

    def _show_goals(self) -> None:
        if not self.goals or self.document is None:
            self.goals_label.setText("<i>the whole roadmap</i>")
        else:
            self.goals_label.setText(", ".join(_title(self.document.roadmap.node(g).title) for g in self.goals))

    def restore_inputs(self, hours: object, pace: object) -> None:
        """Hours and pace as saved in the settings file; a damaged or out-of-range value keeps the default."""
        for box, value in ((self.hours, hours), (self.pace, pace)):
            number = setting_number(value)  # None when damaged; NaN and infinities are refused too
            if number is not None and box.minimum() <= number <= box.maximum():
                box.setValue(number)

    def request(self) -> PlanRequest:
        qdate = self.start.date()
        return PlanRequest(hours_per_week=self.hours.value(), goals=list(self.goals),
                           start=date(qdate.year(), qdate.month(), qdate.day()), pace=round(self.pace.value(), 2))

    def suggest(self) -> None:
        if self.document is None:
            return
        roadmap = self.document.roadmap
        suggestion = calibrated_pace(roadmap, calibration(roadmap, self.document.snapshot))
        if suggestion.pace is None:
            tell(self, "No suggestion yet", f"{suggestion.explanation} Log study time on skills you finish, and "
                 "the app will compare it with the estimates to suggest your pace.", QMessageBox.Icon.Information)
            return
        self.pace.setValue(suggestion.pace)
        self.pace.setToolTip(suggestion.explanation)
        tell(self, "Pace suggested", suggestion.explanation, QMessageBox.Icon.Information)

    # ------------------------------------------------------------------ output
    def recompute(self) -> None:
        self._timer.stop()
        self._stale = False
        if self.document is None:
            self.plan = None
        else:
            try:
                self.plan = build_plan(self.document.roadmap, self.document.snapshot, self.request())
            except UserError as exc:
                self.plan = None
                self.summary.setText(_message(str(exc)))
        self._fill()
        self.planChanged.emit(self.plan)

    def _fill(self) -> None:
        self.table.clear()
        plan, document = self.plan, self.document
        if plan is None or document is None:
            self._draw_chart()
            return
        roadmap = document.roadmap
        message = nothing_to_plan_message(plan, roadmap)
        if message:
            self.summary.setText(_message(message))
        else:
            assert plan.finish is not None  # a plan with weeks has a finish day
            path = " → ".join(_title(roadmap.node(n).title) for n in plan.critical_path)
            self.summary.setText(f"<b>Finish {plan.finish.isoformat()}</b> · {plan.total_hours:g} h in "
                                 f"{len(plan.weeks)} weeks · critical path: {path}")
        this_week = plan.week_of(date.today())
        for week in plan.weeks:
            end = week.start + timedelta(days=6)
            label = f"Week {week.index}: {week.start.isoformat()} – {end.isoformat()}"
            parent = QTreeWidgetItem([label + ("  (this week)" if week is this_week else ""),
                                      f"{week.minutes / 60:g}", ""])
            for item in week.items:
                node = roadmap.node(item.node)
                category = roadmap.categories_by_id[node.category].title
                child = QTreeWidgetItem([elide(node.title, TABLE_CHARS), f"{item.minutes / 60:.1f}", elide(category)])
                child.setToolTip(0, plain_tooltip(node.title))
                child.setToolTip(2, plain_tooltip(category))
                child.setData(0, Qt.ItemDataRole.UserRole, node.id)
                parent.addChild(child)
            self.table.addTopLevelItem(parent)
            if week is this_week or (this_week is None and week.index == 1):
                parent.setExpanded(True)
        self._draw_chart()

    @property
    def chart(self) -> GanttChart:
        if self._chart is None:
            from roadmap_app.ui.panels.gantt import GanttChart

            self._chart = GanttChart()
            self._chart_scroll.setWidget(self._chart)
        return self._chart

    def _draw_chart(self) -> None:
        self._chart_stale = True
        self._draw_chart_if_shown()

    def _draw_chart_if_shown(self) -> None:
        """matplotlib drawing is the slow part: only for a chart a person can see."""
        if not self._chart_stale or not self.isVisible() or self.tabs.currentIndex() != 1:
            return
        self._chart_stale = False
        roadmap = self.document.roadmap if self.document else None
        self.chart.draw_plan(self.plan, roadmap, self.theme, date.today())

    def current_week_nodes(self) -> set[str]:
        if self.plan is None or not self.plan.weeks:
            return set()
        week = self.plan.week_of(date.today()) or (self.plan.weeks[0] if self.plan.start > date.today() else None)
        return {item.node for item in week.items} if week else set()

    def render_export(self, fmt: str) -> bytes:
        if self.plan is None or self.document is None:
            raise UserError("there is no plan to export")
        roadmap = self.document.roadmap
        if fmt == "json":
            return plan_to_json(self.plan).encode("utf-8")
        if fmt == "md":
            return plan_to_markdown(self.plan, roadmap).encode("utf-8")
        return plan_to_ics(self.plan, roadmap)
