"""Hostile input on the command line: absurd numbers and dates, and control characters from a file.

Every mistake is a message ("roadmap-app: error: ...", exit code 2) that says what is wrong and how to
fix it, never a traceback; nothing a roadmap file holds can drive the terminal (escape sequences are
printed escaped), while files written with -o keep the text as it is.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from roadmap_app.cli import main
from roadmap_app.cli.terminal import printable, printable_lines
from roadmap_app.domain.planner import Capacity, PlanError, make_plan
from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.formats.loader import load_roadmap
from roadmap_app.services.errors import UserError
from roadmap_app.services.planning import (
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
    PlanRequest,
    build_plan,
    parse_weekday_hours,
)
from tests.conftest import ML_ROADMAP, write_roadmap

R = str(ML_ROADMAP)
# a control character a terminal would act on (newline and tab are only layout)
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan(capsys, *args: str) -> tuple[int, str, str]:
    return run(capsys, "plan", R, *args)


# ---------------------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("args, expected", [
    (["--hours-per-week", "nan"], "between 0.5 and 100, not nan"),
    (["--hours-per-week", "inf"], "between 0.5 and 100, not inf"),
    (["--hours-per-week=-inf"], "more than 0"),
    (["--hours-per-week", "-1"], "more than 0, not -1"),
    (["--hours-per-week", "0"], "more than 0, not 0"),
    (["--hours-per-week", "0.0001"], "between 0.5 and 100, not 0.0001"),
    (["--hours-per-week", "0.49"], "between 0.5 and 100"),
    (["--hours-per-week", "100.5"], "between 0.5 and 100"),
    (["--hours-per-week", "1e9"], "between 0.5 and 100, not 1e+09"),
    (["--hours-per-week", "1e400"], "between 0.5 and 100, not inf"),
    (["--hours-per-week", "8", "--start", "9999-12-31"], "between 1970-01-01 and 2999-12-31, not 9999-12-31"),
    (["--hours-per-week", "8", "--start", "3000-01-01"], "between 1970-01-01 and 2999-12-31"),
    (["--hours-per-week", "8", "--start", "1969-12-31"], "between 1970-01-01 and 2999-12-31, not 1969-12-31"),
    (["--hours-per-week", "8", "--start", "0001-01-01"], "between 1970-01-01"),
    (["--weekday-hours", "mon=1,funday=2"], "'funday' in weekday hours ('funday=2') is not a day of the week"),
    (["--weekday-hours", "monkey=1"], "'monkey' in weekday hours"),
    (["--weekday-hours", "mo=1"], "'mo' in weekday hours"),
    (["--weekday-hours", "=3"], "names no day"),
    (["--weekday-hours", "mon=1,monday=2"], "Monday is given twice"),
    (["--weekday-hours", "sat=1,SAT=1"], "Saturday is given twice"),
    (["--weekday-hours", "mon=nan"], "hours on Monday must be between 0 and 24, not 'nan'"),
    (["--weekday-hours", "mon=inf"], "hours on Monday must be between 0 and 24, not 'inf'"),
    (["--weekday-hours", "tue=-1"], "hours on Tuesday must be between 0 and 24, not '-1'"),
    (["--weekday-hours", "wed=25"], "hours on Wednesday must be between 0 and 24, not '25'"),
    (["--weekday-hours", "wed=lots"], "cannot read the hours in 'wed=lots'"),
    (["--weekday-hours", "mon=0,tue=0"], "add up to 0 h per week"),
    (["--weekday-hours", "mon=0.1"], "add up to 0.1 h per week; together they must come to 0.5 to 100"),
    (["--weekday-hours", "mon=24,tue=24,wed=24,thu=24,fri=24"], "add up to 120 h per week"),
    (["--weekday-hours", "mon=4", "--hours-per-week", "nan"], "between 0.5 and 100, not nan"),
    (["--weekday-hours", "mon=4", "--hours-per-week", "5"], "does not match the weekday hours"),
    (["--hours-per-week", "8", "--pace", "nan"], "pace must be between 0.25 and 4, not nan"),
    (["--hours-per-week", "8", "--pace", "inf"], "pace must be between 0.25 and 4, not inf"),
    (["--hours-per-week", "8", "--pace", "0"], "pace must be between 0.25 and 4, not 0"),
    (["--hours-per-week", "8", "--pace", "-1"], "pace must be between 0.25 and 4, not -1"),
    (["--hours-per-week", "8", "--pace", "1e300"], "pace must be between 0.25 and 4, not 1e+300"),
    (["--hours-per-week", "8", "--pace", "4.5"], "pace must be between 0.25 and 4"),
    (["--hours-per-week", "8", "--pace", "fast"], "--pace must be a number such as 1.2, or 'auto'"),
    (["--hours-per-week", "0.5", "--pace", "4"], "a plan must finish within 100 years"),
])
def test_absurd_numbers_are_clear_errors(capsys, data_dir, args, expected) -> None:
    code, out, err = plan(capsys, *args)
    assert code == 2, err
    assert err.startswith("roadmap-app: error: ") and expected in err
    assert "Traceback" not in err and out == ""


def test_a_mistake_in_a_number_is_reported_before_anything_is_opened(capsys, data_dir) -> None:
    assert plan(capsys, "--hours-per-week", "nan")[0] == 2
    assert plan(capsys, "--weekday-hours", "funday=1")[0] == 2
    assert list(data_dir.iterdir()) == []  # no progress database was created for a typo


def test_the_limits_themselves_are_accepted(capsys) -> None:
    for args in (["--hours-per-week", "0.5"], ["--hours-per-week", "100"], ["--hours-per-week", "8", "--pace", "0.25"],
                 ["--hours-per-week", "8", "--pace", "4"], ["--hours-per-week", "8", "--start", "1970-01-01"],
                 ["--hours-per-week", "8", "--start", "2999-12-31"], ["--weekday-hours", "mon=24,sat=0.5"]):
        code, out, err = plan(capsys, *args, "--goal", "numpy", "--format", "json")
        assert code == 0, (args, err)
        assert json.loads(out)["weeks"]


def test_a_plan_finishing_within_100_years_is_made() -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    # about 1,550 h at half an hour a week: 60 years, allowed
    made = build_plan(roadmap, ProgressSnapshot(roadmap), PlanRequest(hours_per_week=0.5, start=date(2026, 1, 5)))
    assert made.finish is not None and made.finish.year - 2026 < 100


def test_weekday_names_short_and_long() -> None:
    assert parse_weekday_hours("Mon=1, tues=2,WEDNESDAY=0.5,thur=1,fri=0,sat=24,sun=3") == {
        "mon": 1, "tue": 2, "wed": 0.5, "thu": 1, "fri": 0, "sat": 24, "sun": 3}
    with pytest.raises(UserError, match="give hours for at least one day"):
        parse_weekday_hours(", ,")


@pytest.mark.parametrize("make", [
    lambda: Capacity.weekly(float("nan")),
    lambda: Capacity.weekly(float("inf")),
    lambda: Capacity.weekly(0.0001),  # rounds to no minute at all: the plan would never end
    lambda: Capacity.per_weekday({"mon": float("nan")}),
    lambda: Capacity.per_weekday({"mon": float("inf")}),
])
def test_the_planner_itself_refuses_impossible_capacity(make) -> None:
    with pytest.raises(PlanError):
        make()


def test_the_planner_refuses_a_plan_past_100_years_or_past_the_calendar() -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    snapshot = ProgressSnapshot(roadmap)
    with pytest.raises(PlanError, match="within 100 years"):
        make_plan(roadmap, snapshot, capacity=Capacity.weekly(0.5), start=date(2026, 1, 5), pace=10)
    with pytest.raises(PlanError, match="after the year 9999"):
        make_plan(roadmap, snapshot, capacity=Capacity.weekly(8), start=date(9999, 6, 1))
    with pytest.raises(PlanError, match="pace"):
        make_plan(roadmap, snapshot, capacity=Capacity.weekly(8), start=date(2026, 1, 5), pace=float("nan"))


# ---------------------------------------------------------------------------------------------- the terminal

EVIL_TITLE = "A \x1b[31mred\x1b[0m title\rX\x1b]0;pwned\x07\x9b2J\u202eevil"


@pytest.fixture
def evil_roadmap(tmp_path) -> Path:
    title = json.dumps(EVIL_TITLE)  # a YAML double-quoted string takes JSON's escapes
    return write_roadmap(tmp_path / "evil.roadmap.yaml",
                         f"  - {{id: a, title: {title}, category: math, summary: s, hours: 1, "
                         "resources: [{kind: reading, title: R}]}\n"
                         f"  - {{id: b, title: {json.dumps('B' + chr(0x1b) + '[5m')}, category: code, summary: s, "
                         "hours: 2, requires: [a], resources: [{kind: reading, title: R}]}\n")


@pytest.fixture
def invalid_evil_roadmap(tmp_path) -> Path:
    return write_roadmap(tmp_path / "bad.roadmap.yaml",
                         '  - {id: a, title: A, category: "\\e[31mmath", summary: s, hours: 1, '
                         'requires: ["\\e]0;x\\a"], "\\e[2Jkey": 1, resources: [{kind: reading, title: R}]}\n')


def assert_no_raw_control(text: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control character {found.group()!r} in {text!r}"


def test_printable_escapes_every_control_character() -> None:
    assert printable("\x1b[31mred") == "\\x1b[31mred"
    assert printable("\x1b]0;title\x07") == "\\x1b]0;title\\x07"
    assert printable("a\rb\nc\td\x00\x7f\x85\x9b") == "a\\x0db\\x0ac\\x09d\\x00\\x7f\\x85\\x9b"
    assert printable("\u202eabc\u2066") == "\\u202eabc\\u2066"
    assert printable("Café ✔ → 数学 — ok") == "Café ✔ → 数学 — ok"
    assert printable_lines("one\x1b[2K\n\ttwo\r\n") == "one\\x1b[2K\n\ttwo\\x0d\n"
    assert printable(printable(EVIL_TITLE)) == printable(EVIL_TITLE)  # escaped text has nothing left to escape


def test_validate_messages_show_controls_escaped(capsys, invalid_evil_roadmap, evil_roadmap) -> None:
    code, out, err = run(capsys, "validate", str(invalid_evil_roadmap), str(evil_roadmap))
    assert code == 1
    assert_no_raw_control(out + err)
    assert "\\x1b[31mmath" in out and "\\x1b]0;x\\x07" in out
    assert f"{evil_roadmap}: ok (2 nodes)" in out


@pytest.mark.parametrize("command", [["plan", "--hours-per-week", "8"], ["export-image", "-o", "x.png"]])
def test_errors_quoting_an_invalid_file_show_controls_escaped(capsys, tmp_path, invalid_evil_roadmap,
                                                              command) -> None:
    name, *options = command
    if name == "export-image":
        options = ["-o", str(tmp_path / "x.png")]
    code, out, err = run(capsys, name, str(invalid_evil_roadmap), *options)
    assert code == 1 and "is not a valid roadmap" in err
    assert_no_raw_control(out + err)
    assert "\\x1b[31mmath" in err


@pytest.mark.parametrize("fmt", ["text", "md", "ics", "json"])
def test_plan_on_the_terminal_shows_controls_escaped(capsys, evil_roadmap, fmt) -> None:
    code, out, err = run(capsys, "plan", str(evil_roadmap), "--hours-per-week", "8", "--start", "2026-11-23",
                         "--format", fmt)
    assert code == 0, err
    assert_no_raw_control(out.replace("\r\n", "\n") + err)
    if fmt in ("text", "md"):
        assert "A \\x1b[31mred\\x1b[0m title\\x0dX\\x1b]0;pwned\\x07\\x9b2J\\u202eevil" in out


@pytest.mark.parametrize("fmt", ["md", "json", "ics"])
def test_plan_written_to_a_file_keeps_the_text(capsys, tmp_path, evil_roadmap, fmt) -> None:
    target = tmp_path / f"plan.{fmt}"
    code, out, _ = run(capsys, "plan", str(evil_roadmap), "--hours-per-week", "8", "--format", fmt, "-o", str(target))
    assert code == 0 and out.startswith("wrote ")
    written = target.read_bytes().decode("utf-8")
    if fmt == "md":
        assert f"**{EVIL_TITLE}**" in written
    elif fmt == "json":
        assert "\\u001b" not in out and json.loads(written)["critical_path"] == ["a", "b"]
    else:
        assert "\x1b[31mred" in written  # iCalendar keeps it; the calendar program decides how to show it


def test_nothing_to_plan_message_shows_controls_escaped(capsys, data_dir, evil_roadmap, tmp_path) -> None:
    assert run(capsys, "mark", str(evil_roadmap), "a", "done")[0] == 0
    for extra in ([], ["-o", str(tmp_path / "plan.md")], ["--format", "json"]):
        code, out, err = run(capsys, "plan", str(evil_roadmap), "--hours-per-week", "8", "--goal", "a", *extra)
        assert code == 0
        assert "Nothing to plan" in out + err and "\\x1b[31mred" in out + err
        assert_no_raw_control(out + err)


def test_limits_are_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"{MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK:g}" in out and "0.25 to 4" in out and "1970 to 2999" in out


def test_every_command_escapes_what_it_prints(capsys, data_dir, evil_roadmap) -> None:
    """Not only the commands written with care: main() routes all of a command's printing through the escaping."""
    steps = [["mark", str(evil_roadmap), "a", "learning"],
             ["log", str(evil_roadmap), "a", "30", "--note", "\x1b]0;retitled\x07"],
             ["sessions", str(evil_roadmap)],
             ["progress", str(evil_roadmap)]]
    printed = ""
    for step in steps:
        code, out, err = run(capsys, *step)
        assert code == 0, err
        printed += out + err
    assert_no_raw_control(printed)
    assert "\\x1b]0;retitled\\x07" in printed  # the note is printed, escaped


@pytest.mark.parametrize("args, option", [
    (["restore-backup", ""], "backup"),
    (["plan", "{roadmap}", "--hours-per-week", "8", "-o", ""], "output"),
    (["plan", "{roadmap}", "--hours-per-week", "8", "--start", ""], "start"),
])
def test_an_empty_value_is_an_error_not_the_default(capsys, data_dir, evil_roadmap, args, option) -> None:
    with pytest.raises(SystemExit) as exited:
        main([part.format(roadmap=evil_roadmap) for part in args])
    assert exited.value.code == 2 and f"{option} is empty" in capsys.readouterr().err


def test_an_output_name_ending_in_a_slash_is_a_folder(capsys, tmp_path, evil_roadmap) -> None:
    folder = f"{tmp_path / 'newdir'}/"
    code, _, err = run(capsys, "plan", str(evil_roadmap), "--hours-per-week", "8", "-o", folder)
    assert code == 2 and "names a folder" in err and not (tmp_path / "newdir").exists()
