"""Gantt-style chart of a study plan, drawn with matplotlib inside Qt."""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib

matplotlib.use("QtAgg")
import matplotlib.dates as mdates
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from roadmap_app.domain.planner import Plan
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.ui.text import elide
from roadmap_app.ui.theme import Theme, category_colors

ROW_HEIGHT_IN = 0.22
MAX_ROWS = 150
LABEL_CHARS = 50  # matplotlib lays out every label in full: a 200 KB title took over half a minute


class GanttChart(FigureCanvasQTAgg):
    def __init__(self):
        self.figure = Figure(figsize=(8, 3), layout="constrained")
        super().__init__(self.figure)
        self.rows = 0

    def draw_plan(self, plan: Plan | None, roadmap: Roadmap | None, theme: Theme, today: date) -> None:
        figure = self.figure
        figure.clear()
        figure.set_facecolor(theme.surface)
        axes = figure.add_subplot(111)
        axes.set_facecolor(theme.surface)
        for spine in axes.spines.values():
            spine.set_color(theme.border)
        axes.tick_params(colors=theme.text_muted, labelsize=8)
        if plan is None or roadmap is None or not plan.weeks:
            axes.text(0.5, 0.5, "Nothing to plan", ha="center", va="center", color=theme.text_muted,
                      transform=axes.transAxes)
            axes.set_xticks([])
            axes.set_yticks([])
            self._resize_rows(3)
            self.draw_idle()
            return
        order = plan.order()[:MAX_ROWS]
        colors = category_colors(roadmap)
        spans: dict[str, list[date]] = {}
        for week in plan.weeks:
            for day, node, _ in week.sessions:
                spans.setdefault(node, []).append(day)
        for row, node_id in enumerate(order):
            days = spans[node_id]
            begin = min(days)
            end = max(days) + timedelta(days=1 if plan.capacity.by_weekday else 7)
            color = colors[roadmap.node(node_id).category].name()
            axes.barh(row, (end - begin).days, left=mdates.date2num(begin), height=0.7, color=color,
                      edgecolor=theme.surface, linewidth=0.5)
        # "$" would start matplotlib's maths notation, and a title such as "$x^{$" fails to draw
        labels = [elide(roadmap.node(n).title, LABEL_CHARS).replace("$", r"\$") for n in order]
        axes.set_yticks(range(len(order)), labels, fontsize=8, color=theme.text)
        axes.invert_yaxis()
        axes.xaxis_date()
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
        shows_today = plan.start <= today <= (plan.finish or today)
        if shows_today:
            axes.axvline(mdates.date2num(today), color=theme.accent, linewidth=1.5)
        axes.grid(axis="x", color=theme.border, linewidth=0.5, alpha=0.6)
        axes.set_axisbelow(True)
        assert plan.finish is not None  # a plan with weeks has a finish day
        title = f"{len(order)} skills, {plan.total_hours:g} h, finish {plan.finish.isoformat()}"
        if len(plan.order()) > MAX_ROWS:
            title += f" (first {MAX_ROWS} skills shown)"
        if shows_today:
            title += "  ·  blue line: today"
        axes.set_title(title, color=theme.text, fontsize=9, loc="left")
        self._resize_rows(len(order))
        self.draw_idle()

    def _resize_rows(self, rows: int) -> None:
        self.rows = rows
        height = max(2.6, 0.9 + rows * ROW_HEIGHT_IN)
        self.figure.set_size_inches(self.figure.get_size_inches()[0], height)
        self.setMinimumHeight(int(height * self.figure.dpi))
