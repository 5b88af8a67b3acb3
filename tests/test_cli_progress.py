"""`roadmap-app progress/mark/log/export-progress/import-progress` as a person uses them."""

from __future__ import annotations

import json

from roadmap_app.cli import main
from tests.conftest import ML_ROADMAP

R = str(ML_ROADMAP)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_mark_log_and_progress_json(capsys) -> None:
    assert run(capsys, "mark", R, "python-basics", "done")[0] == 0
    assert run(capsys, "mark", R, "linear-algebra-basics", "learning")[1].startswith("linear-algebra: todo -> learning")
    assert run(capsys, "log", R, "numpy", "40", "--date", "2026-11-02", "--note", "broadcasting")[0] == 0
    code, out, _ = run(capsys, "progress", R, "--json")
    data = json.loads(out)
    nodes = {n["node"]: n for n in data["nodes"]}
    assert code == 0 and data["roadmap"] == "ml-engineer"
    assert nodes["python-basics"]["status"] == "done"
    assert nodes["linear-algebra"]["status"] == "learning"
    assert nodes["numpy"]["minutes"] == 40
    assert nodes["numpy"]["resources_total"] == 2
    assert 0 < data["percent_complete"] < 100


def test_progress_text_lists_archived_entries(capsys) -> None:
    from roadmap_app.services import progress_ops as ops
    from roadmap_app.services.workspace import open_store

    ops.set_status(open_store(), "ml-engineer", "a-node-that-was-removed", "done")
    code, out, _ = run(capsys, "progress", R)
    assert code == 0 and "Archived" in out and "a-node-that-was-removed: done" in out
    assert "% complete by estimated hours" in out


def test_unknown_node_status_minutes_and_date_are_clear_errors(capsys) -> None:
    code, _, err = run(capsys, "mark", R, "numpi", "done")
    assert code == 2 and "unknown node 'numpi'" in err and "did you mean 'numpy'?" in err
    code, _, err = run(capsys, "mark", R, "numpy", "finished")
    assert code == 2 and "use one of: todo, learning, done, skipped" in err
    assert "whole number" in run(capsys, "log", R, "numpy", "-5")[2]
    assert "2026-03-14" in run(capsys, "log", R, "numpy", "5", "--date", "yesterday")[2]
    assert "Traceback" not in err


def test_invalid_roadmap_file_is_reported_with_positions(capsys, tmp_path) -> None:
    broken = tmp_path / "b.roadmap.yaml"
    broken.write_text("format: 1\nid: [x]\n")
    code, _, err = run(capsys, "progress", str(broken))
    assert code == 1 and f"{broken}:2:5: error:" in err


def test_export_then_import_elsewhere(capsys, tmp_path, monkeypatch) -> None:
    run(capsys, "mark", R, "pandas", "done")
    out_file = tmp_path / "mine.json"
    assert run(capsys, "export-progress", R, "-o", str(out_file))[0] == 0
    monkeypatch.setenv("ROADMAP_APP_DATA_DIR", str(tmp_path / "laptop"))
    assert "1 new" in run(capsys, "import-progress", R, str(out_file))[1]
    assert "(nothing new)" in run(capsys, "import-progress", R, str(out_file))[1]
    assert json.loads(run(capsys, "progress", R, "--json")[1])["nodes"][
        [n.id for n in __import__("roadmap_app.formats.loader", fromlist=["x"]).load_roadmap(R).nodes].index("pandas")
    ]["status"] == "done"


def test_data_dir_option_points_state_elsewhere(capsys, tmp_path) -> None:
    target = tmp_path / "elsewhere"
    assert run(capsys, "--data-dir", str(target), "mark", R, "pandas", "done")[0] == 0
    assert (target / "progress.sqlite3").exists()


def test_sessions_are_listed_edited_and_deleted_from_the_command_line(capsys) -> None:
    assert main(["log", str(ML_ROADMAP), "numpy", "45", "--date", "2026-03-01", "--note", "broadcasting"]) == 0
    assert main(["log", str(ML_ROADMAP), "pandas", "30", "--date", "2026-03-02"]) == 0
    capsys.readouterr()
    assert main(["sessions", str(ML_ROADMAP), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["node"], s["minutes"], s["note"]) for s in listed] == [("numpy", 45, "broadcasting"), ("pandas", 30, "")]
    numpy_id = listed[0]["id"]
    assert main(["sessions", str(ML_ROADMAP), "numpy"]) == 0
    text = capsys.readouterr().out
    assert numpy_id[:8] in text and "pandas" not in text and "0.8 h in all" in text

    assert main(["edit-session", str(ML_ROADMAP), numpy_id[:8], "--minutes", "50", "--note", "ufuncs"]) == 0
    assert main(["delete-session", str(ML_ROADMAP), listed[1]["id"][:8]]) == 0
    capsys.readouterr()
    assert main(["sessions", str(ML_ROADMAP), "--json"]) == 0
    assert [(s["node"], s["minutes"], s["note"]) for s in json.loads(capsys.readouterr().out)] == [
        ("numpy", 50, "ufuncs")]
    assert main(["progress", str(ML_ROADMAP), "--json"]) == 0
    minutes = {n["node"]: n["minutes"] for n in json.loads(capsys.readouterr().out)["nodes"]}
    assert minutes["numpy"] == 50 and minutes["pandas"] == 0


def test_deleting_an_unknown_session_is_a_clear_error(capsys) -> None:
    assert main(["delete-session", str(ML_ROADMAP), "abcdef12"]) == 2
    assert "no study session whose id starts with 'abcdef12'" in capsys.readouterr().err
    assert main(["edit-session", str(ML_ROADMAP), "abcdef12"]) == 2
    assert "say what to change" in capsys.readouterr().err
