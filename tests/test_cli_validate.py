"""`roadmap-app validate` and `schema`: exit codes, output format and help for every command."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys

import pytest

from roadmap_app.cli import build_parser, main
from roadmap_app.formats.loader import load_roadmap
from tests.conftest import REPO, ROADMAPS

CORPUS = REPO / "tests" / "corpus"


def test_valid_files_exit_zero(capsys) -> None:
    files = sorted(ROADMAPS.glob("*.roadmap.yaml"))
    assert main(["validate", *map(str, files)]) == 0
    out = capsys.readouterr().out
    for file in files:
        assert f"{file}: ok ({len(load_roadmap(file).nodes)} nodes)" in out


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


# -- hostile files, end to end: each run is a fresh process, so a crash or a hang fails one test -------------

def validate_in_a_process(path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_app", "validate", str(path)], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO)


# Thousands of levels crash a reader that recurses once per level (ruamel's composer, in C: SIGSEGV).
DEEP = {
    "block-sequences.roadmap.yaml": ("- " * 200_000 + "x\n", "1:129"),
    "complex-keys.roadmap.yaml": ("? " * 200_000 + "x\n", "1:129"),
    "keys-and-sequences.roadmap.yaml": ("- ? " * 100_000 + "x\n", "1:129"),
    "block-then-flow.roadmap.yaml": ("? " * 30 + "- " * 30 + "[" * 1_000_000 + "\n", "1:125"),
    "flow-mappings.roadmap.yaml": ("{a: " * 2_000_000 + "\n", "1:257"),
    "indented-keys.roadmap.yaml": ("".join(" " * i + "k:\n" for i in range(5000)), "65:65"),
    "deep.roadmap.json": ("[" * 5_000_000 + "]" * 5_000_000, "1:65"),
}


def test_deep_block_nesting_crashes_a_recursive_reader(tmp_path) -> None:
    """The danger is real: ruamel's own composer dies on the first of these inputs."""
    code = ("import io\nfrom ruamel.yaml import YAML\n"
            "YAML(typ='safe', pure=False).compose(io.StringIO('- ' * 200_000 + 'x'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if done.returncode >= 0:
        pytest.skip("ruamel's composer survives here (a larger C stack, or a fixed ruamel.yaml.clib)")
    assert done.returncode == -signal.SIGSEGV


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_exits_one_with_a_message(tmp_path, name: str) -> None:
    text, position = DEEP[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = validate_in_a_process(path)
    assert (done.returncode, done.stdout, done.stderr) == (
        1, f"{path}:{position}: error: the file nests deeper than 64 levels; flatten it\n", "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipe_exits_one_at_once(tmp_path) -> None:
    pipe = tmp_path / "pipe.roadmap.yaml"
    os.mkfifo(pipe)
    done = validate_in_a_process(pipe, timeout=30)
    assert done.returncode == 1
    assert done.stdout == (f"{pipe}:1:1: error: this is a named pipe (FIFO), not a file; give a roadmap file saved "
                           "on disk (NAME.roadmap.yaml or NAME.roadmap.json)\n")
