"""`roadmap-app stats` and `roadmap-app chart`: progress over time as numbers, or as one chart in an image."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from roadmap_app.cli.terminal import printable, printable_lines
from roadmap_app.services.errors import UserError
from roadmap_app.services.stats import CHART_KINDS, Stats, StreakSettings, load_stats, stats_to_json
from roadmap_app.services.workspace import open_roadmap, open_store

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hours-per-week", type=float, metavar="H",
                        help="plan with these hours to draw the plan, the planned hours and the promised date")
    parser.add_argument("--pace", default="1.0", metavar="FACTOR", help="the plan's pace, or 'auto' (default: 1.0)")
    parser.add_argument("--streak", action="store_true", help="show the current study streak")
    parser.add_argument("--streak-minutes", type=int, default=15, metavar="MIN",
                        help="minutes for a day to count towards the streak (default: 15)")
    parser.add_argument("--rest-days", type=int, default=1, metavar="N",
                        help="days in a row without study that do not end the streak (default: 1)")


def register(commands: argparse._SubParsersAction) -> None:
    stats = commands.add_parser(
        "stats", help="print progress over time: the numbers behind every chart",
        description="Hours done per category over time, hours per week, study days, time per subject, how your "
        "time compares with the estimates, the suggested pace and the forecast finish dates. Uses your progress "
        "(see --data-dir).")
    stats.add_argument("file", metavar="FILE", help="roadmap file")
    stats.add_argument("--json", action="store_true", help="print every number as JSON")
    _plan_options(stats)
    stats.set_defaults(handler=run_stats)
    chart = commands.add_parser(
        "chart", help="draw one progress chart to PNG, SVG or PDF",
        description=f"Draw one chart ({', '.join(CHART_KINDS)}) of your progress to an image; the format follows "
        "OUT's suffix.")
    chart.add_argument("file", metavar="FILE", help="roadmap file")
    chart.add_argument("kind", metavar="KIND", choices=CHART_KINDS, help=f"one of: {', '.join(CHART_KINDS)}")
    chart.add_argument("-o", "--output", required=True, metavar="OUT", help="image file: .png, .svg or .pdf")
    chart.add_argument("--theme", choices=["light", "dark"], default="light", help="colours (default: light)")
    chart.add_argument("--hide-numbers", action="store_true", help="shapes only: no numbers and no dates")
    _plan_options(chart)
    chart.set_defaults(handler=run_chart)


def _stats(args: argparse.Namespace, inputs: list[Path] | None = None, output: str | None = None) -> Stats:
    from roadmap_app.cli.plan_commands import _pace
    from roadmap_app.services.output import check_output_path
    from roadmap_app.services.planning import PlanRequest, build_plan, check_request

    if not 0 < args.streak_minutes <= 24 * 60:
        raise UserError(f"--streak-minutes must be from 1 to 1440, not {args.streak_minutes}")
    if not 0 <= args.rest_days <= 6:
        raise UserError(f"--rest-days must be from 0 to 6, not {args.rest_days}")
    roadmap = open_roadmap(args.file)
    request = None
    if args.hours_per_week is not None:
        request = PlanRequest(hours_per_week=args.hours_per_week, pace=_pace(args.pace), start=date.today())
        check_request(request)
    store = open_store(args.data_dir)
    if output is not None:
        check_output_path(output, [Path(args.file), store.path])
    try:
        plan = None if request is None else build_plan(roadmap, store.snapshot(roadmap), request)
        streak = StreakSettings(args.streak_minutes, args.rest_days) if args.streak else None
        found = load_stats(store, roadmap, date.today(), plan, streak)
    finally:
        if inputs is not None:
            inputs.append(store.path)
        store.close()
    return found


def run_stats(args: argparse.Namespace) -> int:
    stats = _stats(args)
    sys.stdout.write(stats_to_json(stats) if args.json else printable_lines(stats_text(stats)))
    return 0


def run_chart(args: argparse.Namespace) -> int:
    from roadmap_app.services.chart_figures import palette_for, render_chart
    from roadmap_app.services.output import write_output

    output = Path(args.output)
    if output.suffix.lower() not in IMAGE_SUFFIXES:
        raise UserError(f"cannot draw to '{output.name}': use a name ending in .png, .svg or .pdf")
    inputs = [Path(args.file)]
    stats = _stats(args, inputs, args.output)
    data = render_chart(args.kind, stats, palette_for(args.theme, stats), args.hide_numbers, output.suffix[1:].lower())
    write_output(args.output, data, inputs)
    print(printable(f"wrote {args.output}"))
    return 0


def stats_text(stats: Stats) -> str:
    """A few readable lines per chart."""
    burn, weekly, forecast, found = stats.burnup, stats.weekly, stats.forecast, stats.calibration
    lines = [f"{stats.roadmap_title}: {stats.percent_complete:g}% complete by estimated hours", "", "Burn-up:",
             f"  {burn.done[-1]:g} of {burn.total_hours:g} estimated hours done"]
    for category in stats.categories:
        done = burn.done_by_category.get(category.id, (0.0,))[-1]
        if done:
            lines.append(f"  {category.title}: {done:g} h")
    if forecast.likely and forecast.pessimistic:
        lines.append(f"  forecast: likely {forecast.likely.isoformat()}, pessimistic {forecast.pessimistic.isoformat()}"
                     f" ({forecast.note.rstrip('.')})")
    else:
        lines.append(f"  forecast: {forecast.note}")
    if forecast.promised:
        lines.append(f"  the plan promises {forecast.promised.isoformat()}")
    lines += ["", "Weekly hours:"]
    lines += [f"  week of {w.start.isoformat()}: {w.minutes / 60:.1f} h" for w in weekly.weeks[-8:]] or ["  none yet"]
    if weekly.this_week_remaining_minutes is not None:
        lines.append(f"  this week: {weekly.this_week_remaining_minutes / 60:.1f} h left of "
                     f"{weekly.planned_hours_per_week:g} h planned")
    studied = [d for d in stats.calendar.days if d.minutes]
    lines += ["", "Study days (last 365):", f"  {len(studied)} days, {sum(d.minutes for d in studied) / 60:.1f} h"]
    if stats.streak is not None:
        lines.append(f"  streak: {stats.streak.days} days ({stats.streak.study_days} studied), best "
                     f"{stats.streak.best_days}")
    lines += ["", "Time by subject (all weeks):"]
    for category_id, minutes in stats.category_weeks.minutes.items():
        if sum(minutes):
            lines.append(f"  {stats.category_title(category_id)}: {sum(minutes) / 60:.1f} h")
    if stats.category_weeks.neglected:
        lines.append("  not studied lately: " + ", ".join(map(stats.category_title, stats.category_weeks.neglected)))
    lines += ["", "Estimates:"]
    for group in found.by_category:
        lines.append(f"  {stats.category_title(group.category)}: {group.ratio or 0:.2f}× on {group.skills} "
                     f"skill{'s' if group.skills != 1 else ''}")
    lines.append(f"  {stats.pace.explanation}")
    return "\n".join(lines) + "\n"
