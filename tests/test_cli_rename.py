"""`roadmap-app rename FILE OLD NEW` as a person uses it: progress follows, comments stay, bad input is refused."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from roadmap_app.cli import main
from tests.conftest import ML_ROADMAP

COMMENTED = Path(__file__).parent / "fixtures" / "commented.roadmap.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def roadmap_file(tmp_path) -> Path:
    path = tmp_path / "kitchen.roadmap.yaml"
    shutil.copyfile(COMMENTED, path)
    return path


def test_rename_keeps_progress_and_comments_and_changes_only_the_id_lines(capsys, roadmap_file) -> None:
    before = roadmap_file.read_text(encoding="utf-8")
    assert run(capsys, "mark", str(roadmap_file), "mise-en-place", "done")[0] == 0
    assert run(capsys, "log", str(roadmap_file), "mise-en-place", "25", "--date", "2026-11-02")[0] == 0

    code, out, err = run(capsys, "rename", str(roadmap_file), "mise-en-place", "prep-work")
    assert code == 0 and not err
    assert out.strip() == (f"renamed 'mise-en-place' to 'prep-work' in {roadmap_file}: 2 references updated; "
                           "progress under 'mise-en-place' carries over through aliases")

    after = roadmap_file.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]
    assert sorted(diff) == sorted([
        "-  - id: mise-en-place", "+  - id: prep-work", "+    aliases: [mise-en-place]",
        "-    requires: [mise-en-place]   # nothing goes in the pot unprepared",
        "+    requires: [prep-work]       # nothing goes in the pot unprepared",
        "-      - mise-en-place", "+      - prep-work",
    ])
    assert all(line in after for line in before.splitlines() if line.lstrip().startswith("#"))

    code, out, _ = run(capsys, "progress", str(roadmap_file), "--json")
    nodes = {node["node"]: node for node in json.loads(out)["nodes"]}
    assert code == 0 and "mise-en-place" not in nodes
    assert nodes["prep-work"]["status"] == "done" and nodes["prep-work"]["minutes"] == 25
    assert run(capsys, "validate", str(roadmap_file))[0] == 0


@pytest.mark.parametrize("old, new, phrase", [
    ("mise-en-plac", "prep", "unknown node 'mise-en-plac' in roadmap 'kitchen-basics'; did you mean 'mise-en-place'?"),
    ("boiling", "knife-skills", "the id 'knife-skills' is already used"),
    ("boiling", "Boiling_Water", "use lowercase letters and digits, words joined by single hyphens"),
    ("boiling", "boiling", "already called 'boiling'"),
])
def test_rename_refuses_bad_ids_and_leaves_the_file_alone(capsys, roadmap_file, old, new, phrase) -> None:
    before = roadmap_file.read_bytes()
    code, out, err = run(capsys, "rename", str(roadmap_file), old, new)
    assert code == 2 and not out and phrase in err and "Traceback" not in err
    assert roadmap_file.read_bytes() == before


def test_rename_refuses_a_bundled_roadmap(capsys, data_dir, tmp_path, monkeypatch) -> None:
    from roadmap_app.services import file_saving

    assert file_saving.is_bundled(ML_ROADMAP)
    bundled = tmp_path / "bundled"  # a stand-in, so a broken check never writes the real bundled file
    bundled.mkdir()
    copy = bundled / ML_ROADMAP.name
    shutil.copyfile(ML_ROADMAP, copy)
    monkeypatch.setattr(file_saving, "bundled_roadmaps_dir", lambda: bundled)
    code, _, err = run(capsys, "rename", str(copy), "numpy", "numpy-basics")
    assert code == 2
    assert "bundled roadmaps are read-only; copy it to your roadmaps folder first" in err
    assert str(data_dir / "roadmaps") in err
    assert copy.read_bytes() == ML_ROADMAP.read_bytes()


def test_rename_of_an_invalid_or_missing_file_says_so(capsys, tmp_path) -> None:
    broken = tmp_path / "broken.roadmap.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    code, _, err = run(capsys, "rename", str(broken), "a", "b")
    assert code == 1 and "is not a valid roadmap" in err and "missing required key" in err
    code, _, err = run(capsys, "rename", str(tmp_path / "none.roadmap.yaml"), "a", "b")
    assert code == 2 and "does not exist" in err


def test_rename_of_a_json_file_keeps_it_json(capsys, tmp_path) -> None:
    from ruamel.yaml import YAML

    path = tmp_path / "kitchen.roadmap.json"
    path.write_text(json.dumps(YAML(typ="safe").load(COMMENTED.read_text(encoding="utf-8")), indent=2) + "\n",
                    encoding="utf-8")
    assert run(capsys, "rename", str(path), "boiling", "boil")[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["nodes"][2]["id"] == "boil" and data["nodes"][2]["aliases"] == ["boiling"]
    assert data["nodes"][3]["requires"] == ["mise-en-place", "boil"]
