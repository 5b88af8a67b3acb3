"""`roadmap-app plan`: a dated, prerequisite-aware study plan from the hours you have."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from roadmap_app.cli.terminal import printable, printable_lines
from roadmap_app.domain.planner import Plan
from roadmap_app.services.errors import UserError
from roadmap_app.services.output import check_output_path, write_output
from roadmap_app.services.plan_export import (
    PLAN_FORMATS,
    nothing_to_plan_message,
    plan_to_ics,
    plan_to_json,
    plan_to_markdown,
    plan_to_text,
)
from roadmap_app.services.planning import (
    EARLIEST_START,
    LATEST_START,
    MAX_HOURS_PER_DAY,
    MAX_HOURS_PER_WEEK,
    MAX_PACE,
    MIN_HOURS_PER_WEEK,
    MIN_PACE,
    PlanRequest,
    build_plan,
    check_request,
    parse_date,
    parse_weekday_hours,
)
from roadmap_app.services.workspace import open_roadmap, open_store


def register(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser(
        "plan", help="plan study weeks from the hours you have",
        description="Plan the goals (default: the whole roadmap) and every prerequisite they need that is not done "
        "or skipped, week by week. Skills start only after their prerequisites; one track follows the longest chain, "
        "the other the file's order, on another category; recommended skills go first when ready. Pieces are at "
        "least half an hour. Uses your progress (see --data-dir).")
    plan.add_argument("file", metavar="FILE", help="roadmap file")
    plan.add_argument("--hours-per-week", type=float, metavar="H",
                      help=f"study hours per week, {MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK:g}")
    plan.add_argument("--weekday-hours", metavar="DAYS",
                      help="hours per weekday instead, e.g. mon=1,wed=1.5,sat=4 (calendar blocks on those days; "
                      f"0 to {MAX_HOURS_PER_DAY:g} a day, {MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK:g} a week)")
    plan.add_argument("--goal", action="append", default=[], metavar="NODE",
                      help="a skill to reach (repeatable; a former id works too)")
    plan.add_argument("--start", metavar="YYYY-MM-DD",
                      help=f"first day of the plan (default: today; {EARLIEST_START.year} to {LATEST_START.year})")
    plan.add_argument("--pace", default="1.0", metavar="FACTOR",
                      help=f"multiply estimates, e.g. 1.5 if you take longer ({MIN_PACE:g} to {MAX_PACE:g}); "
                      "'auto' uses your logged time")
    plan.add_argument("--format", choices=PLAN_FORMATS, default="text", help="output format (default: text)")
    plan.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of the terminal")
    plan.set_defaults(handler=run_plan)


def _pace(text: str) -> float | str:
    if text.strip().lower() == "auto":
        return "auto"
    try:
        return float(text)
    except ValueError:
        raise UserError(f"--pace must be a number such as 1.2, or 'auto', not '{text}'") from None


def run_plan(args: argparse.Namespace) -> int:
    if args.hours_per_week is None and not args.weekday_hours:
        raise UserError("say how much time you have: --hours-per-week H (e.g. --hours-per-week 8)")
    roadmap = open_roadmap(args.file)
    request = PlanRequest(
        hours_per_week=args.hours_per_week,
        weekday_hours=parse_weekday_hours(args.weekday_hours) if args.weekday_hours else None,
        goals=args.goal,
        start=parse_date(args.start) if args.start else None,
        pace=_pace(args.pace),
    )
    check_request(request)  # a mistake in a number is reported before the progress database is opened
    store = open_store(args.data_dir)
    inputs = [Path(args.file), store.path]
    if args.output:
        check_output_path(args.output, inputs)  # refused before any work, not after
    try:
        plan = build_plan(roadmap, store.snapshot(roadmap), request)
    finally:
        store.close()
    writers: dict[str, Callable[[Plan], str | bytes]] = {
        "json": plan_to_json, "text": lambda p: plan_to_text(p, roadmap),
        "md": lambda p: plan_to_markdown(p, roadmap), "ics": lambda p: plan_to_ics(p, roadmap),
    }
    content = writers[args.format](plan)
    message = nothing_to_plan_message(plan, roadmap)
    if args.output:
        write_output(args.output, content if isinstance(content, bytes) else content.encode("utf-8"), inputs)
        print(printable(message or f"wrote {args.output}: {len(plan.weeks)} weeks, finish {plan.finish}"))
    else:  # the file's text as it is, but shown on a terminal: control characters escaped
        if isinstance(content, bytes):  # iCalendar lines end in CR LF
            lines = content.decode("utf-8", "surrogateescape").split("\r\n")
            sys.stdout.buffer.write("\r\n".join(map(printable_lines, lines)).encode("utf-8", "surrogateescape"))
        else:
            sys.stdout.write(printable_lines(content))
        if message and args.format in ("json", "ics"):
            print(printable(message), file=sys.stderr)
    return 0
