"""The five progress charts as matplotlib figures (object API, no pyplot, no Qt); matplotlib loads at first use."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from roadmap_app.domain.history import week_start
from roadmap_app.services.stats import CHART_KINDS, Stats

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FALLBACK_CATEGORY_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
                            "#ff9da7", "#bab0ac")
FIGURE_SIZE = (8.0, 3.6)
CALENDAR_SIZE = (8.0, 1.9)
AHEAD_WEEKS = 12  # the burn-up shows this much of the plan ahead of today (at least)


@dataclass(frozen=True)
class ChartPalette:
    """Plain colours a chart is drawn with; the window builds one from its theme, the CLI picks light or dark."""

    background: str
    text: str
    muted: str
    grid: str
    accent: str
    planned: str  # future days and planned hours
    empty_cell: str  # a calendar day without study
    shades: tuple[str, ...]  # calendar levels 1 to 4
    categories: dict[str, str] = field(default_factory=dict)

    def category(self, category_id: str, index: int) -> str:
        return self.categories.get(category_id) or FALLBACK_CATEGORY_COLORS[index % len(FALLBACK_CATEGORY_COLORS)]


LIGHT = ChartPalette("#ffffff", "#1d2330", "#5b6475", "#c5cad3", "#2f6fde", "#b9bfc9", "#eef0f3",
                     ("#c6e2cf", "#7cc495", "#2f9e5a", "#1b6b3a"))
DARK = ChartPalette("#2a2e37", "#e8ebf1", "#a3abba", "#4a5060", "#6ea1ff", "#5d6576", "#333844",
                    ("#1f4d33", "#2d7a4c", "#46b070", "#8ee0a8"))


def palette_for(theme: str, stats: Stats) -> ChartPalette:
    """The light or dark palette with the roadmap's own category colours."""
    base = DARK if theme == "dark" else LIGHT
    return ChartPalette(base.background, base.text, base.muted, base.grid, base.accent, base.planned,
                        base.empty_cell, base.shades, {c.id: c.color for c in stats.categories if c.color})


def render_chart(kind: str, stats: Stats, palette: ChartPalette, hide_numbers: bool = False,
                 image_format: str = "png") -> bytes:
    """One chart as PNG, SVG or PDF bytes."""
    figure = chart_figure(kind, stats, palette, hide_numbers)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, facecolor=palette.background, dpi=120)
    return buffer.getvalue()


def chart_figure(kind: str, stats: Stats, palette: ChartPalette, hide_numbers: bool = False,
                 figure: Figure | None = None) -> Figure:
    """Draw one KIND of chart into `figure` (cleared; a new one when None): the window passes its canvas's."""
    from matplotlib.figure import Figure

    if kind not in CHART_KINDS:
        raise ValueError(f"unknown chart {kind!r}; use one of {', '.join(CHART_KINDS)}")
    if figure is None:
        figure = Figure(figsize=CALENDAR_SIZE if kind == "calendar" else FIGURE_SIZE, layout="constrained")
    figure.clear()
    figure.set_facecolor(palette.background)
    axes = figure.add_subplot(111)
    _style(axes, palette)
    message = DRAWERS[kind](axes, stats, palette, hide_numbers)
    if message:
        _empty(axes, message, palette)
    elif hide_numbers:
        _hide_numbers(axes)
    return figure


# --------------------------------------------------------------------------- the charts
def _burnup(axes: Axes, stats: Stats, palette: ChartPalette, hidden: bool) -> str | None:
    burn = stats.burnup
    if not any(burn.done) and not burn.plan:
        return "Nothing finished yet: mark a skill done and it shows here."
    import matplotlib.dates as mdates

    days = [mdates.date2num(d) for d in burn.days]
    ids = [c.id for c in stats.categories if any(burn.done_by_category.get(c.id, ()))]
    colors = [palette.category(c.id, i) for i, c in enumerate(stats.categories) if c.id in ids]
    if ids:
        axes.stackplot(days, [burn.done_by_category[c] for c in ids], colors=colors, alpha=0.9,
                       labels=[stats.category_title(c) for c in ids], step="post" if len(days) < 3 else None)
    right = stats.today + max(timedelta(weeks=AHEAD_WEEKS), stats.today - burn.days[0])
    if burn.plan:
        axes.plot([mdates.date2num(p.day) for p in burn.plan], [p.done_hours for p in burn.plan],
                  color=palette.accent, linestyle="--", linewidth=1.6, label="plan")
    axes.axhline(burn.total_hours, color=palette.muted, linewidth=0.8, linestyle=":")
    top = burn.total_hours
    shown_plan = [p.done_hours for p in burn.plan if p.day <= right]
    axes.set_ylim(0, max([*burn.done, *shown_plan, 1.0]) * 1.25 if top > 2 * max([*burn.done, *shown_plan, 1])
                  else top * 1.05)
    axes.set_xlim(mdates.date2num(burn.days[0]), mdates.date2num(right))
    axes.axvline(mdates.date2num(stats.today), color=palette.muted, linewidth=0.8)
    _date_axis(axes)
    axes.set_ylabel("estimated hours done", color=palette.muted, fontsize=8)
    forecast = stats.forecast
    for day, style in ((forecast.likely, "-"), (forecast.pessimistic, ":")):
        if day is not None and day <= right:
            axes.axvline(mdates.date2num(day), color=palette.text, linewidth=1, linestyle=style)
    if hidden:
        _title(axes, "Hours done by category, and the plan ahead", palette)
    else:
        parts = [f"{sum(burn.done_by_category[c][-1] for c in ids):.0f} of {top:.0f} h done"]
        if forecast.likely and forecast.pessimistic:
            parts.append(f"likely finish {forecast.likely.isoformat()}, "
                         f"pessimistic {forecast.pessimistic.isoformat()}")
        else:
            parts.append(forecast.note.rstrip("."))
        if forecast.promised:
            parts.append(f"plan promised {forecast.promised.isoformat()}")
        _title(axes, "  ·  ".join(parts), palette)
    _legend(axes, palette)
    return None


def _weekly(axes: Axes, stats: Stats, palette: ChartPalette, hidden: bool) -> str | None:
    weekly = stats.weekly
    if not weekly.weeks:
        return "No study time logged yet: log a session and your weeks show here."
    import matplotlib.dates as mdates

    starts = [mdates.date2num(w.start) for w in weekly.weeks]
    hours = [w.minutes / 60 for w in weekly.weeks]
    axes.bar(starts, hours, width=6, align="edge", color=palette.accent, label="logged")
    if weekly.this_week_remaining_minutes:
        axes.bar(starts[-1], weekly.this_week_remaining_minutes / 60, bottom=hours[-1], width=6, align="edge",
                 color=palette.planned, alpha=0.8, label="left this week")
    if weekly.planned_hours_per_week is not None:
        axes.axhline(weekly.planned_hours_per_week, color=palette.text, linestyle="--", linewidth=1,
                     label="planned per week")
    _date_axis(axes)
    axes.set_ylabel("hours", color=palette.muted, fontsize=8)
    if hidden:
        title = "Time studied each week"
    else:
        title = f"This week {weekly.this_week_minutes / 60:.1f} h"
        if weekly.this_week_remaining_minutes is not None:
            title += f", {weekly.this_week_remaining_minutes / 60:.1f} h left of {weekly.planned_hours_per_week:g} h"
        title += f"  ·  mean of full weeks {stats.forecast.mean_hours_per_week or 0:.1f} h"
    _title(axes, title, palette)
    _legend(axes, palette)
    return None


def _calendar(axes: Axes, stats: Stats, palette: ChartPalette, hidden: bool) -> str | None:
    calendar = stats.calendar
    if not any(d.minutes for d in calendar.days) and not calendar.planned:
        return "No study days in the last year yet."
    from matplotlib.colors import ListedColormap

    first = week_start(calendar.days[0].day)
    last = max([calendar.days[-1].day, *calendar.planned])
    columns = (week_start(last) - first).days // 7 + 1
    grid = [[float("nan")] * columns for _ in range(7)]
    for day in calendar.days:
        grid[day.day.weekday()][(day.day - first).days // 7] = day.level
    for planned in calendar.planned:
        grid[planned.weekday()][(planned - first).days // 7] = 5
    colors = ListedColormap([palette.empty_cell, *palette.shades, palette.planned])
    axes.pcolormesh(grid, cmap=colors, vmin=-0.5, vmax=5.5, edgecolors=palette.background, linewidth=1.5)
    axes.set_aspect("equal")
    axes.invert_yaxis()
    axes.set_yticks([0.5, 2.5, 4.5], ["Mon", "Wed", "Fri"], fontsize=7)
    months = [(i, first + timedelta(weeks=i)) for i in range(columns)]
    ticks = [(i, d) for i, d in months if d.day <= 7]
    axes.set_xticks([i + 0.5 for i, _ in ticks], [d.strftime("%b") for _, d in ticks], fontsize=7)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.tick_params(length=0)
    studied = [d.minutes for d in calendar.days if d.minutes]
    title = "Study days this past year (stronger colour: more than your usual day); grey: planned"
    if not hidden and studied:
        title = (f"{len(studied)} study days in the last year, {sum(studied) / 60:.0f} h; stronger colour: more "
                 "than your usual day; grey: planned")
    if stats.streak is not None and not hidden:
        title += f"  ·  streak {stats.streak.days} days"
    _title(axes, title, palette)
    return None


def _categories(axes: Axes, stats: Stats, palette: ChartPalette, hidden: bool) -> str | None:
    weeks = stats.category_weeks
    if not weeks.weeks:
        return "No study time logged yet: time per subject shows here once you log sessions."
    import matplotlib.dates as mdates

    starts = [mdates.date2num(w) for w in weeks.weeks]
    bottom = [0.0] * len(starts)
    order = [(i, c.id, stats.category_title(c.id)) for i, c in enumerate(stats.categories)]
    if weeks.minutes.get(""):
        order.append((len(order), "", "No longer in the map"))
    for index, category, title in order:
        values = [m / 60 for m in weeks.minutes.get(category, ())]
        if not any(values):
            continue
        color = palette.muted if category == "" else palette.category(category, index)
        axes.bar(starts, values, bottom=bottom, width=6, align="edge", color=color, label=title)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _date_axis(axes)
    axes.set_ylabel("hours", color=palette.muted, fontsize=8)
    neglected = [stats.category_title(c) for c in weeks.neglected]
    title = "Time per subject each week"
    if neglected:
        title += f"  ·  not studied lately: {', '.join(neglected)}"
    _title(axes, title, palette)
    _legend(axes, palette)
    return None


def _calibration(axes: Axes, stats: Stats, palette: ChartPalette, hidden: bool) -> str | None:
    found = stats.calibration
    if not found.by_category:
        return "No finished skill with logged time yet: this compares your time with the estimates."
    groups = list(reversed(found.by_category))
    index = {c.id: i for i, c in enumerate(stats.categories)}
    ratios = [g.ratio or 0.0 for g in groups]
    colors = [palette.category(g.category, index.get(g.category, 0)) for g in groups]
    axes.barh(range(len(groups)), ratios, color=colors, height=0.6)
    axes.axvline(1.0, color=palette.text, linewidth=1, linestyle="--")
    axes.set_xlim(0, max(2.0, max(ratios) * 1.2))
    axes.set_yticks(range(len(groups)), [stats.category_title(g.category) for g in groups], fontsize=8)
    if not hidden:
        for row, group in enumerate(groups):
            axes.text(max(ratios[row], 1.0), row, f"  {ratios[row]:.2f}× on {group.skills} skill"
                      f"{'s' if group.skills != 1 else ''}", va="center", fontsize=7, color=palette.text)
    axes.set_xlabel("time taken ÷ estimate (dashed: as estimated)", color=palette.muted, fontsize=8)
    pace = stats.pace.explanation.split(":")[0] if stats.pace.pace is not None else stats.pace.explanation
    _title(axes, "Time taken against the estimates" if hidden else pace, palette)
    return None


DRAWERS = {"burnup": _burnup, "weekly": _weekly, "calendar": _calendar, "categories": _categories,
           "calibration": _calibration}


# --------------------------------------------------------------------------- shared looks
def _title(axes: Axes, text: str, palette: ChartPalette) -> None:
    """A chart's one-line title, wrapped when the figure is too narrow for it (a chart in a small dock)."""
    axes.set_title(text, color=palette.text, fontsize=9, loc="left", wrap=True)


def _style(axes: Axes, palette: ChartPalette) -> None:
    axes.set_facecolor(palette.background)
    for spine in axes.spines.values():
        spine.set_color(palette.grid)
    axes.tick_params(colors=palette.muted, labelsize=8)
    axes.grid(color=palette.grid, linewidth=0.5, alpha=0.6)
    axes.set_axisbelow(True)


def _date_axis(axes: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _legend(axes: Axes, palette: ChartPalette) -> None:
    if axes.get_legend_handles_labels()[0]:
        legend = axes.legend(loc="upper left", fontsize=7, frameon=False, labelcolor=palette.text, ncols=2)
        legend.set_zorder(5)


def _empty(axes: Axes, message: str, palette: ChartPalette) -> None:
    axes.clear()
    axes.set_facecolor(palette.background)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.text(0.5, 0.5, message, ha="center", va="center", color=palette.muted, fontsize=10, wrap=True,
              transform=axes.transAxes)


def _hide_numbers(axes: Axes) -> None:
    """No tick labels, no figures, no dates: shapes only (for people whom time figures stress)."""
    axes.set_xticklabels([])
    if axes.get_ylabel():  # an axis of hours; the calendar's weekdays and calibration's subjects stay
        axes.set_yticklabels([])
    axes.tick_params(length=0)
    for text in list(axes.texts):
        if any(ch.isdigit() for ch in text.get_text()):
            text.remove()

