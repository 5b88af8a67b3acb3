"""`roadmap-app plan` formats and errors."""

from __future__ import annotations

import json

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
    assert set(data) == {"roadmap", "start", "hours_per_week", "total_hours", "finish", "critical_path", "weeks"}
    assert data["start"] == "2026-11-23" and data["hours_per_week"] == 8
    week = data["weeks"][0]
    assert week == {"index": 1, "start": "2026-11-23", "items": week["items"]}
    assert all(set(item) == {"node", "hours"} for item in week["items"])
    assert sum(i["hours"] for w in data["weeks"] for i in w["items"]) == data["total_hours"] == 67


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
