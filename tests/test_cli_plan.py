"""`roadmap-app plan` formats and errors."""

from __future__ import annotations

import json
from datetime import date

from icalendar import Calendar

from roadmap_app.cli import main
from tests.conftest import ML_ROADMAP

R = str(ML_ROADMAP)


def run(capsys, *args):
    code = main(["plan", R, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_documented_shape(capsys) -> None:
    code, out, _ = run(capsys, "--hours-per-week", "8", "--goal", "numpy", "--start", "2026-11-23", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"roadmap", "start", "hours_per_week", "minutes_per_week", "total_hours", "total_minutes",
                         "finish", "critical_path", "weeks"}
    assert data["start"] == "2026-11-23" and data["hours_per_week"] == 8 and data["minutes_per_week"] == 480
    week = data["weeks"][0]
    assert week == {"index": 1, "start": "2026-11-23", "minutes": 480, "items": week["items"]}
    assert all(set(item) == {"node", "minutes"} for item in week["items"])
    assert sum(i["minutes"] for w in data["weeks"] for i in w["items"]) == data["total_minutes"] == 67 * 60
    assert data["total_hours"] == 67


def test_json_minutes_are_whole_and_no_week_holds_more_than_its_hours(capsys) -> None:
    data = json.loads(run(capsys, "--hours-per-week", "8", "--start", "2026-11-23", "--format", "json")[1])
    assert len(data["weeks"]) > 100
    for week in data["weeks"]:
        assert all(type(item["minutes"]) is int and item["minutes"] > 0 for item in week["items"])
        assert sum(item["minutes"] for item in week["items"]) == week["minutes"] <= data["minutes_per_week"] == 480
    assert sum(week["minutes"] for week in data["weeks"]) == data["total_minutes"]


def as_hours_text(minutes: int) -> str:
    """How the Markdown, text and calendar exports write a number of minutes."""
    return f"{minutes} min" if minutes < 30 else f"{minutes / 60:.1f}".removesuffix(".0") + " h"


def test_markdown_and_calendar_agree_with_the_json_minutes(capsys, tmp_path) -> None:
    plan = ["--hours-per-week", "6.5", "--goal", "pandas", "--start", "2026-11-23"]
    data = json.loads(run(capsys, *plan, "--format", "json")[1])
    markdown = run(capsys, *plan, "--format", "md")[1]
    shown = [line.split("** — ")[1].split(" (")[0] for line in markdown.splitlines() if line.startswith("- [ ] **")]
    assert shown == [as_hours_text(item["minutes"]) for week in data["weeks"] for item in week["items"]]
    assert any(text.endswith(".5 h") for text in shown)

    target = tmp_path / "plan.ics"
    run(capsys, *plan, "--format", "ics", "-o", str(target))
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["DESCRIPTION"]).split(" of study.")[0] for e in events] == [
        as_hours_text(week["minutes"]) for week in data["weeks"]]

    by_day = ["--weekday-hours", "mon=1.25,thu=2,sat=3.25", "--goal", "pandas", "--start", "2026-11-23"]
    data = json.loads(run(capsys, *by_day, "--format", "json")[1])
    run(capsys, *by_day, "--format", "ics", "-o", str(target))
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    minutes_by_week: dict[int, int] = {}
    for event in events:
        index = (event.decoded("DTSTART").date() - date(2026, 11, 23)).days // 7
        length = (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() / 60
        minutes_by_week[index] = minutes_by_week.get(index, 0) + int(length)
    assert [minutes_by_week[i] for i in range(len(data["weeks"]))] == [week["minutes"] for week in data["weeks"]]


def test_markdown_is_a_checklist_and_text_is_readable(capsys) -> None:
    out = run(capsys, "--hours-per-week", "8", "--goal", "numpy", "--format", "md")[1]
    assert "- [ ] **NumPy**" in out and "## Week 1" in out
    out = run(capsys, "--hours-per-week", "8", "--goal", "numpy")[1]
    assert "Critical path:" in out and "Week   1" in out


def test_ics_is_valid_icalendar_with_titles_and_links(capsys, tmp_path) -> None:
    target = tmp_path / "plan.ics"
    assert run(capsys, "--weekday-hours", "mon=1,sat=3", "--goal", "numpy", "--start", "2026-11-23",
               "--format", "ics", "-o", str(target))[0] == 0
    calendar = Calendar.from_ical(target.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = list(calendar.walk("VEVENT"))
    assert events and all(e.get("UID") and e.get("DTSTAMP") and e.get("DTSTART") for e in events)
    assert {e.decoded("DTSTART").weekday() for e in events} <= {0, 5}
    assert any("https://" in str(e["DESCRIPTION"]) for e in events)
    assert "NumPy" in str(events[-1]["SUMMARY"])


def test_bad_input_is_named(capsys) -> None:
    assert "did you mean 'numpy'" in run(capsys, "--hours-per-week", "8", "--goal", "nump")[2]
    assert "more than 0" in run(capsys, "--hours-per-week", "0")[2]
    assert "more than 0" in run(capsys, "--hours-per-week", "-2")[2]
    assert "2026-03-14" in run(capsys, "--hours-per-week", "8", "--start", "someday")[2]
    assert "--hours-per-week" in run(capsys)[2]
    assert "mon=1" in run(capsys, "--weekday-hours", "monday")[2]


def test_done_goal_plans_nothing_and_says_so(capsys) -> None:
    main(["mark", R, "algebra-functions", "done"])
    capsys.readouterr()
    code, out, _ = run(capsys, "--hours-per-week", "8", "--goal", "algebra-functions")
    assert code == 0 and out.startswith("Nothing to plan: 'Algebra and functions'")


def test_pace_auto_uses_logged_time(capsys) -> None:
    for node in ("algebra-functions", "probability-basics", "probability-basics", "descriptive-statistics"):
        main(["mark", R, node, "done"])
        main(["log", R, node, "1200"])  # twice the estimate each time (10 h, 20 h, 10 h)
    capsys.readouterr()
    data = json.loads(run(capsys, "--hours-per-week", "8", "--goal", "linear-algebra", "--pace", "auto",
                          "--format", "json")[1])
    assert data["total_hours"] == 26  # 20 h estimate x 1.3: 2x measured on 3 skills, drawn 3/8 of the way from 1
