"""`roadmap-app stats` and `roadmap-app chart` as a person uses them."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from roadmap_app.cli import main
from roadmap_app.services.stats import StreakSettings, load_stats, to_data
from roadmap_app.services.workspace import open_roadmap, open_store
from tests.conftest import ML_ROADMAP
from tests.test_history import finish, log

R = str(ML_ROADMAP)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def history() -> None:
    store = open_store()
    today = date.today()
    for i, node in enumerate(("algebra-functions", "probability-basics", "python-basics")):
        finish(store, node, today - timedelta(days=40 - 7 * i))
        log(store, node, today - timedelta(days=41 - 7 * i), 600)
    store.close()


def test_stats_json_equals_the_stats_value(capsys) -> None:
    history()
    code, out, err = run(capsys, "stats", R, "--json", "--hours-per-week", "6", "--streak")
    assert code == 0 and err == ""
    roadmap, store = open_roadmap(ML_ROADMAP), open_store()
    from roadmap_app.services.planning import PlanRequest, build_plan

    plan = build_plan(roadmap, store.snapshot(roadmap), PlanRequest(hours_per_week=6, start=date.today()))
    expected = load_stats(store, roadmap, date.today(), plan, StreakSettings())
    store.close()
    data = json.loads(out)
    assert data == to_data(expected)
    assert data["burnup"]["done"] == list(expected.burnup.done) and data["burnup"]["done"][-1] > 0
    assert data["calibration"]["overall"]["skills"] == 3 and data["pace"]["pace"] is not None
    assert data["forecast"]["promised"] == plan.finish.isoformat()


def test_stats_text_has_a_few_lines_per_chart(capsys) -> None:
    history()
    code, out, _ = run(capsys, "stats", R)
    assert code == 0
    for heading in ("Burn-up:", "Weekly hours:", "Study days (last 365):", "Time by subject", "Estimates:"):
        assert heading in out
    assert "you took" in out and "forecast:" in out


def test_chart_writes_an_image_and_never_over_an_input(capsys, tmp_path) -> None:
    history()
    out = tmp_path / "burnup.png"
    code, printed, _ = run(capsys, "chart", R, "burnup", "-o", str(out), "--theme", "dark", "--hide-numbers")
    assert code == 0 and out.read_bytes().startswith(b"\x89PNG") and "wrote" in printed
    code, _, err = run(capsys, "chart", R, "weekly", "-o", str(tmp_path / "x.txt"))
    assert code == 2 and ".png, .svg or .pdf" in err
    with pytest.raises(SystemExit):
        main(["chart", R, "pie", "-o", str(out)])
    assert "invalid choice: 'pie'" in capsys.readouterr().err


def test_chart_refuses_to_write_over_a_database(capsys, tmp_path) -> None:
    history()
    database = open_store().path
    fake = tmp_path / "backup.png"
    fake.write_bytes(database.read_bytes())
    code, _, err = run(capsys, "chart", R, "calendar", "-o", str(fake))
    assert code == 2 and "is a database" in err and fake.read_bytes() == database.read_bytes()
