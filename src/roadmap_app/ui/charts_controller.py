"""The Progress Charts dock: reads the numbers on the database thread while it shows, and draws the shown tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from roadmap_app.services.database_thread import Job
from roadmap_app.ui.following_dock import FollowingDock
from roadmap_app.ui.window_actions import CHARTS_TOGGLE

if TYPE_CHECKING:
    from roadmap_app.services.stats import Stats
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.main_window import MainWindow
    from roadmap_app.ui.panels.progress_charts import ProgressChartsPanel

REFRESH_MS = 500  # after a change of progress, the numbers are read again once things settle
HIDE_NUMBERS = "charts_hide_numbers"
SHOW_STREAK = "charts_show_streak"


class ChartsController(FollowingDock):
    """A hidden dock only marks itself stale; shown, it reads the numbers once and draws the tab in view."""

    def __init__(self, window: MainWindow):
        super().__init__(window, "Progress Charts", "progressChartsDock", "Progress &Charts", CHARTS_TOGGLE,
                         REFRESH_MS)
        self._panel: ProgressChartsPanel | None = None
        self.stats: Stats | None = None
        self._request = 0

    @property
    def settings(self) -> QSettings:
        return self.window.settings

    @property
    def panel(self) -> ProgressChartsPanel:
        if self._panel is None:
            from roadmap_app.ui.panels.progress_charts import ProgressChartsPanel

            panel = self._panel = ProgressChartsPanel()
            panel.hide_numbers.setChecked(str(self.settings.value(HIDE_NUMBERS, "false")).lower() == "true")
            panel.streak.setChecked(str(self.settings.value(SHOW_STREAK, "false")).lower() == "true")
            panel.tabShown.connect(lambda _kind: self._draw_shown())
            panel.optionsChanged.connect(self._options_changed)
            self.dock.setWidget(panel)
        return self._panel

    # ------------------------------------------------------------------ following the document
    def leaving(self, document: RoadmapDocument | None) -> None:
        self.stats = None  # the numbers of the roadmap shown before

    def set_theme(self) -> None:
        if self._panel is not None:
            self._panel.drawn.clear()
            self._draw_shown()

    def _options_changed(self) -> None:
        panel = self.panel
        self.settings.setValue(HIDE_NUMBERS, panel.hide_numbers.isChecked())
        self.settings.setValue(SHOW_STREAK, panel.streak.isChecked())
        self.refresh()

    # ------------------------------------------------------------------ the numbers, off the UI thread
    def refresh(self) -> None:
        from roadmap_app.services.stats import StreakSettings

        document = self._document
        self._stale = False
        if document is None:
            return
        roadmap, today = document.roadmap, date.today()
        request = replace(self.window.plan_request(roadmap.id), start=today)
        streak = StreakSettings() if self.panel.streak.isChecked() else None
        self._request += 1
        asked = self._request

        def work(session) -> Stats:
            from roadmap_app.domain.tracking import TrackedProgress
            from roadmap_app.services.errors import UserError
            from roadmap_app.services.planning import build_plan
            from roadmap_app.services.stats import make_stats

            records, events = session.store.history(roadmap.id)
            try:
                plan = build_plan(roadmap, TrackedProgress(roadmap, records).snapshot, request)
            except UserError:
                plan = None  # the charts are drawn without the plan's line and date
            return make_stats(roadmap, records, events, today, plan, streak)

        self.window.database.submit(work, lambda job: self._loaded(asked, document, job))

    def _loaded(self, asked: int, document: RoadmapDocument, job: Job) -> None:
        if asked != self._request or document is not self._document:
            return  # a newer read was asked for, or another roadmap is shown
        if job.error is not None:
            self.panel.summary.setText(f"The charts could not be read: {job.error}")
            return
        self.stats = job.result
        self.panel.drawn.clear()
        self.panel.show_summary(job.result)
        self._draw_shown()

    def _draw_shown(self) -> None:
        from roadmap_app.services.chart_figures import palette_for

        panel, stats = self._panel, self.stats
        if panel is None or stats is None or not self.dock.isVisible():
            return
        kind = panel.current_kind
        if kind not in panel.drawn:
            panel.draw(kind, stats, palette_for("dark" if self.window.theme.name == "dark" else "light", stats))
