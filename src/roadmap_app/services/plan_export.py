"""Write a study plan as JSON, a Markdown checklist, terminal text or an iCalendar file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from roadmap_app.domain.planner import Plan, PlanWeek
from roadmap_app.domain.roadmap import Roadmap

PLAN_FORMATS = ("text", "md", "json", "ics")
STUDY_TIME = time(18, 0)  # when daily study blocks start in calendars


def _fmt_hours(minutes: int) -> str:
    """Whole minutes for people: '2.5 h' (one decimal), or '20 min' for a piece under half an hour."""
    if minutes < 30:
        return f"{minutes} min"
    return f"{minutes / 60:.1f}".removesuffix(".0") + " h"


def plan_to_dict(plan: Plan) -> dict:
    """The plan as data; study time in whole minutes (the hours beside them are rounded, for reading only)."""
    return {
        "roadmap": plan.roadmap_id,
        "start": plan.start.isoformat(),
        "hours_per_week": round(plan.capacity.hours_per_week, 2),
        "minutes_per_week": plan.capacity.week_minutes,
        "total_hours": plan.total_hours,
        "total_minutes": plan.total_minutes,
        "finish": plan.finish.isoformat() if plan.finish else None,
        "critical_path": plan.critical_path,
        "weeks": [{"index": w.index, "start": w.start.isoformat(), "minutes": w.minutes,
                   "items": [{"node": i.node, "minutes": i.minutes} for i in w.items]} for w in plan.weeks],
    }


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), indent=2) + "\n"


def _summary_line(plan: Plan) -> str:
    if not plan.weeks:
        return "Nothing to plan."
    assert plan.finish is not None  # a plan with weeks has a finish day
    return (f"Start {plan.start.isoformat()} · {plan.capacity.hours_per_week:g} h per week · "
            f"{plan.total_hours:g} h to study · finish {plan.finish.isoformat()} ({len(plan.weeks)} weeks)"
            + (f" · pace ×{plan.pace:g}" if plan.pace != 1 else ""))


def nothing_to_plan_message(plan: Plan, roadmap: Roadmap) -> str | None:
    if plan.weeks:
        return None
    if plan.already_done_goals:
        titles = ", ".join(f"'{roadmap.node(g).title}'" for g in plan.already_done_goals)
        return f"Nothing to plan: {titles} and everything needed for it is already done or skipped."
    return "Nothing to plan: everything is already done or skipped."


def _continues(plan: Plan, week: PlanWeek, node: str) -> str:
    later = any(i.node == node for w in plan.weeks[week.index:] for i in w.items)
    earlier = any(i.node == node for w in plan.weeks[:week.index - 1] for i in w.items)
    if earlier and later:
        return " (continued, continues)"
    if later:
        return " (continues next week)"
    if earlier:
        return " (continued, finish it)"
    return ""


def plan_to_markdown(plan: Plan, roadmap: Roadmap) -> str:
    lines = [f"# Study plan: {roadmap.title}", ""]
    message = nothing_to_plan_message(plan, roadmap)
    if message:
        return "\n".join([*lines, message, ""])
    lines += [_summary_line(plan), ""]
    if plan.critical_path:
        lines += ["Critical path: " + " → ".join(roadmap.node(n).title for n in plan.critical_path), ""]
    for week in plan.weeks:
        end = week.start + timedelta(days=6)
        lines += [f"## Week {week.index} ({week.start.isoformat()} – {end.isoformat()})", ""]
        for item in week.items:
            node = roadmap.node(item.node)
            lines.append(f"- [ ] **{node.title}** — {_fmt_hours(item.minutes)}{_continues(plan, week, item.node)}")
            for resource in node.resources[:2]:
                link = f"[{resource.title}]({resource.url})" if resource.url else resource.title
                lines.append(f"  - {resource.kind}: {link}")
        lines.append("")
    return "\n".join(lines)


def plan_to_text(plan: Plan, roadmap: Roadmap) -> str:
    message = nothing_to_plan_message(plan, roadmap)
    if message:
        return message + "\n"
    lines = [f"{roadmap.title}: {_summary_line(plan)}"]
    if plan.critical_path:
        lines.append("Critical path: " + " -> ".join(plan.critical_path))
    for week in plan.weeks:
        items = ", ".join(f"{roadmap.node(i.node).title} {_fmt_hours(i.minutes)}" for i in week.items)
        lines.append(f"Week {week.index:>3}  {week.start.isoformat()}  {items}")
    return "\n".join(lines) + "\n"


def _describe(roadmap: Roadmap, minutes_by_node: dict[str, int]) -> tuple[str, str | None]:
    parts, first_url = [], None
    for node_id, minutes in minutes_by_node.items():
        node = roadmap.node(node_id)
        parts.append(f"{node.title} — {_fmt_hours(minutes)}")
        for resource in node.resources[:3]:
            if resource.url:
                parts.append(f"  {resource.title}: {resource.url}")
                first_url = first_url or resource.url
    return "\n".join(parts), first_url


def plan_to_ics(plan: Plan, roadmap: Roadmap) -> bytes:
    """RFC 5545 calendar: week-long blocks for a weekly budget, timed sessions for weekday hours."""
    from icalendar import Calendar, Event  # only when a calendar is written (the window starts sooner)

    calendar = Calendar()
    calendar.add("prodid", "-//Roadmap app//Study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Study plan: {roadmap.title}")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for week in plan.weeks:
        if plan.capacity.by_weekday:
            days: dict = {}
            for day, node, minutes in week.sessions:
                days.setdefault(day, {}).setdefault(node, 0)
                days[day][node] += minutes
            blocks = [(day, nodes, False) for day, nodes in sorted(days.items())]
        else:
            blocks = [(week.start, {i.node: i.minutes for i in week.items}, True)]
        for day, nodes, all_day in blocks:
            event = Event()
            titles = ", ".join(roadmap.node(n).title for n in nodes)
            total = sum(nodes.values())
            event.add("uid", f"{plan.roadmap_id}-{plan.start.isoformat()}-{day.isoformat()}@roadmap-app")
            event.add("dtstamp", stamp)
            if all_day:
                event.add("dtstart", day)
                event.add("dtend", day + timedelta(days=7))
                event.add("summary", f"Study week {week.index}: {titles}")
            else:
                begin = datetime.combine(day, STUDY_TIME)
                event.add("dtstart", begin)
                event.add("dtend", begin + timedelta(minutes=total))
                event.add("summary", f"Study: {titles}")
            description, url = _describe(roadmap, nodes)
            event.add("description", f"{_fmt_hours(total)} of study.\n{description}")
            if url:
                event.add("url", url)
            event.add("transp", "TRANSPARENT" if all_day else "OPAQUE")
            calendar.add_component(event)
    return calendar.to_ical()
