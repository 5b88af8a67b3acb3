"""`roadmap-app plan`: a dated, prerequisite-aware study plan from the hours you have."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from roadmap_app.domain.planner import Plan
from roadmap_app.services.errors import UserError
from roadmap_app.services.plan_export import (
    PLAN_FORMATS,
    nothing_to_plan_message,
    plan_to_ics,
    plan_to_json,
    plan_to_markdown,
    plan_to_text,
)
from roadmap_app.services.planning import PlanRequest, build_plan, parse_date, parse_weekday_hours
from roadmap_app.services.workspace import open_roadmap, open_store


def register(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser(
        "plan", help="plan study weeks from the hours you have",
        description="Plan the goals (default: the whole roadmap) and every prerequisite they need that is not done "
        "or skipped, week by week. Skills start only after their prerequisites; the longest chain goes first and "
        "categories are interleaved. Uses your progress (see --data-dir).")
    plan.add_argument("file", metavar="FILE", help="roadmap file")
    plan.add_argument("--hours-per-week", type=float, metavar="H", help="study hours per week")
    plan.add_argument("--weekday-hours", metavar="DAYS",
                      help="hours per weekday instead, e.g. mon=1,wed=1.5,sat=4 (calendar blocks on those days)")
    plan.add_argument("--goal", action="append", default=[], metavar="NODE",
                      help="a skill to reach (repeatable; a former id works too)")
    plan.add_argument("--start", metavar="YYYY-MM-DD", help="first day of the plan (default: today)")
    plan.add_argument("--pace", default="1.0", metavar="FACTOR",
                      help="multiply estimates, e.g. 1.5 if you take longer; 'auto' uses your logged time")
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
    store = open_store(args.data_dir)
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
        try:
            Path(args.output).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(message or f"wrote {args.output}: {len(plan.weeks)} weeks, finish {plan.finish}")
    else:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        if message and args.format in ("json", "ics"):
            print(message, file=sys.stderr)
    return 0
