"""The This Week dock: keeps its panel in step with progress while it shows, and runs the study timer."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from roadmap_app.services.errors import UserError
from roadmap_app.ui.following_dock import FollowingDock
from roadmap_app.ui.window_actions import THIS_WEEK_TOGGLE

if TYPE_CHECKING:
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.main_window import MainWindow
    from roadmap_app.ui.panels.this_week import ThisWeekPanel

REFRESH_MS = 300  # after a change of progress, the week is worked out again once things settle


def now() -> float:
    """The clock the timer reads (a function, so tests can move it on)."""
    return time.monotonic()


class ThisWeekController(FollowingDock):
    """Makes the panel when first shown; works the week out only while it shows (a hidden one is marked stale)."""

    def __init__(self, window: MainWindow):
        super().__init__(window, "This Week", "thisWeekDock", "&This Week", THIS_WEEK_TOGGLE, REFRESH_MS)
        self._panel: ThisWeekPanel | None = None
        self.timing: tuple[str, float] | None = None  # the skill the timer runs on, and when it started
        self._fit_when_shown = False
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_clock)

    @property
    def panel(self) -> ThisWeekPanel:
        if self._panel is None:
            from roadmap_app.ui.panels.this_week import ThisWeekPanel

            panel = self._panel = ThisWeekPanel()
            panel.timerClicked.connect(self.toggle_timer)
            panel.logClicked.connect(lambda node_id: self.window.log_study_time(node_id))
            panel.planRequested.connect(self._show_plan)
            self.dock.setWidget(panel)
        return self._panel

    def show_at_start(self) -> None:
        """Shown because there is a plan (not asked for): as tall as the week needs, not half the window."""
        if self.dock.isVisible():
            return  # as the person left it
        self._fit_when_shown = True
        self.dock.show()

    def _fit_height(self) -> None:
        self._fit_when_shown = False
        needed = self.dock.sizeHint().height()
        self.window.resizeDocks([self.dock], [min(needed, self.window.height() * 2 // 5)], Qt.Orientation.Vertical)

    def _show_plan(self) -> None:
        self.window.plan_dock.show()
        self.window.plan_dock.raise_()

    # ------------------------------------------------------------------ following the document
    def leaving(self, document: RoadmapDocument | None) -> None:
        self.stop_timer()  # a timer running on the roadmap shown before logs its time there first

    def _on_replaced(self, old) -> None:
        document = self._document
        if self.timing is not None and document is not None and self.timing[0] not in document.roadmap.nodes_by_id:
            self.timing = None  # its skill is gone; the time was not logged anywhere it could be shown
            self._tick.stop()
        super()._on_replaced(old)

    # ------------------------------------------------------------------ the week
    def refresh(self) -> None:
        from roadmap_app.domain.this_week import this_week
        from roadmap_app.services.planning import build_plan

        document, panel = self._document, self.panel
        self._stale = False
        if document is None:
            panel.show_message("Open a roadmap to see this week's skills.")
            return
        roadmap, today = document.roadmap, date.today()
        request = replace(self.window.plan_request(roadmap.id), start=today)
        try:
            plan = build_plan(roadmap, document.snapshot, request)
        except UserError as exc:
            panel.show_message(f"No plan for this week: {exc}. Set your hours and goals in the Study Plan.")
            return
        logged = [(node.id, session.day, session.minutes) for node in roadmap.nodes
                  for session in document.sessions(node.id)]
        week = this_week(plan, plan.capacity, logged, today)
        panel.show_week(week, lambda node_id: roadmap.node(node_id).title if node_id in roadmap.nodes_by_id
                        else node_id, self.timing[0] if self.timing else None)
        self._show_clock()
        if self._fit_when_shown:
            self._fit_height()

    # ------------------------------------------------------------------ the study timer
    def toggle_timer(self, node_id: str) -> None:
        """Start the timer on a skill; on the skill it runs on, stop it and log the time."""
        running = self.timing[0] if self.timing else None
        self.stop_timer()
        if running != node_id:
            self.timing = (node_id, now())
            self._tick.start()
            self.window.statusBar().showMessage("Study timer started; press Stop to log the time.", 4000)
        if self.dock.isVisible():
            self.refresh()

    def stop_timer(self) -> None:
        """Stop a running timer and log its whole minutes (none if under a minute) as a study session today."""
        if self.timing is None:
            return
        node_id, started = self.timing
        self.timing = None
        self._tick.stop()
        minutes = int((now() - started) // 60)
        document = self._document
        if minutes >= 1 and document is not None and node_id in document.roadmap.nodes_by_id:
            document.log_study(node_id, min(minutes, 24 * 60), date.today(), "timed")
        elif minutes < 1:
            self.window.statusBar().showMessage("Under a minute: nothing logged.", 4000)

    def _show_clock(self) -> None:
        if self.timing is not None and self._panel is not None:
            self._panel.show_clock(self.timing[0], int(now() - self.timing[1]))
