"""`roadmap-app validate` and `schema`: exit codes, output format and help for every command."""

from __future__ import annotations

import argparse
import re

import pytest

from roadmap_app.cli import build_parser, main
from tests.conftest import ROADMAPS

CORPUS = ROADMAPS.parent / "tests" / "corpus"


def test_valid_files_exit_zero(capsys) -> None:
    assert main(["validate", *map(str, sorted(ROADMAPS.glob("*.roadmap.yaml")))]) == 0
    assert "ok (94 nodes)" in capsys.readouterr().out


def test_invalid_file_exits_one_with_file_line_col(capsys) -> None:
    path = CORPUS / "cycle.roadmap.yaml"
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{path}:7:112: error: prerequisite cycle: a -> b -> c -> a (each requires the next); "
                   "remove one of these requirements"]


def test_every_problem_is_reported_not_just_the_first(capsys) -> None:
    assert main(["validate", str(CORPUS / "bad-urls.roadmap.yaml")]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4
    assert all(re.match(r".+:\d+:\d+: error: ", line) for line in lines)


def test_missing_file_exits_two(capsys, tmp_path) -> None:
    assert main(["validate", str(tmp_path / "nope.roadmap.yaml"), str(ROADMAPS / "ml-engineer.roadmap.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_usage_error_exits_two(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_every_subcommand_has_help(capsys) -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    commands = subparsers.choices
    assert {"validate", "schema", "gui"} <= set(commands)
    for name in commands:
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        assert "usage: roadmap-app" in capsys.readouterr().out
