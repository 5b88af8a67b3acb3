"""Hostile or odd input ends as a clear diagnostic, never an exception or a constructed object."""

from __future__ import annotations

import codecs
import contextlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.formats import loader
from roadmap_app.formats.loader import INTERNAL_ERROR, check_bytes, check_file
from roadmap_app.formats.tree import TreeError, is_non_finite, parse_text


def only_error(raw: bytes, *, is_json: bool = False):
    result = check_bytes(raw, "f", is_json=is_json)
    assert not result.ok
    return result.errors[0]


def test_utf16_file_is_reported_as_wrong_encoding() -> None:
    error = only_error(codecs.BOM_UTF16_LE + "format: 1\n".encode("utf-16-le"))
    assert (error.line, error.col) == (1, 1)
    assert "UTF-16" in error.message and "save it as UTF-8" in error.message


def test_invalid_utf8_byte_is_located() -> None:
    error = only_error(b"format: 1\nid: demo\ntitle: Caf\xe9\n")
    assert (error.line, error.col) == (3, 11)
    assert "not valid UTF-8" in error.message


def test_utf8_bom_is_accepted(tmp_path) -> None:
    from tests.conftest import write_roadmap

    path = write_roadmap(tmp_path / "a.roadmap.yaml", "  - {id: a, title: A, category: math, summary: s, hours: 1, "
                         "resources: [{kind: reading, title: R}]}\n")
    raw = codecs.BOM_UTF8 + path.read_bytes()
    assert check_bytes(raw, "a").errors == []


def test_recursive_alias_is_rejected() -> None:
    assert "recursive alias" in only_error(b"a: &x [1, *x]\n").message


def test_deep_nesting_is_rejected() -> None:
    error = only_error(b"a: " + b"[" * 5000 + b"]" * 5000)
    assert "nests deeper" in error.message


def test_oversized_file_is_rejected_before_reading(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.roadmap.yaml"
    path.write_bytes(b"#" * 2000)
    result = check_file(path)
    assert "limited to" in result.errors[0].message


def test_too_many_nodes_is_rejected(monkeypatch) -> None:
    monkeypatch.setattr(loader, "MAX_NODES", 3)
    nodes = "".join(f"  - {{id: n{i}, title: N, category: math, summary: s, hours: 1}}\n" for i in range(4))
    raw = ("format: 1\nid: d\ntitle: D\ncategories: [{id: math, title: M}]\nnodes:\n" + nodes).encode()
    assert "the limit is 3" in only_error(raw).message


def test_yaml_tags_never_construct_objects(tmp_path) -> None:
    marker = tmp_path / "owned"
    raw = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    assert "not allowed" in only_error(raw).message
    assert not marker.exists()


def test_custom_tag_is_rejected() -> None:
    assert "!thing" in only_error(b"a: !thing 3\n").message


def test_merge_keys_are_reported() -> None:
    result = check_bytes(b"base: &b {x: 1}\nother:\n  <<: *b\n", "f")
    assert any(d.line == 3 and "merge keys" in d.message for d in result.errors)


def test_json_roadmap_loads_like_yaml(ml_roadmap_path, tmp_path) -> None:
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(ml_roadmap_path.read_text(encoding="utf-8"))
    json_path = tmp_path / "ml.roadmap.json"
    json_path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    from_json = check_file(json_path).roadmap
    from_yaml = check_file(ml_roadmap_path).roadmap
    assert from_json is not None and from_json == from_yaml


def test_json_duplicate_keys_are_found() -> None:
    raw = b'{\n  "format": 1,\n  "format": 1\n}\n'
    result = check_bytes(raw, "f.json", is_json=True)
    assert any(d.line == 3 and "duplicate key 'format'" in d.message for d in result.errors)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_diagnostics_not_exceptions(raw: bytes) -> None:
    result = check_bytes(raw, "fuzz")
    assert result.ok or result.errors
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.col >= 1 and diagnostic.message
        assert not diagnostic.message.startswith(INTERNAL_ERROR)


_yaml_chars = st.sampled_from([*"abc:-[]{},&*!#'\"\n |>?%@`\t0123", "id", "nodes", "format: 1\n", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_yaml_chars, max_size=80).map("".join))
def test_yaml_like_text_gives_diagnostics_not_exceptions(text: str) -> None:
    for is_json in (False, True):
        result = check_bytes(text.encode(), "fuzz", is_json=is_json)
        assert result.ok or result.errors
        assert not any(d.message.startswith(INTERNAL_ERROR) for d in result.diagnostics)


_NODE = "  - {{id: a, title: A, category: math, summary: s, "
_NUMBER_PLACES = {  # one node line with a number {v} in it
    "node hours": _NODE + "hours: {v}, resources: [{{kind: reading, title: R}}]}}\n",
    "resource hours": _NODE + "hours: 1, resources: [{{kind: reading, title: R, hours: {v}}}]}}\n",
    "unknown key": _NODE + "hours: 1, resources: [{{kind: reading, title: R}}], extra: [{v}]}}\n",
}


@pytest.mark.parametrize("token", [".nan", ".NaN", ".inf", "+.inf", "-.inf", ".INF", "1e400", "-1e400", "9" * 400])
@pytest.mark.parametrize("place", sorted(_NUMBER_PLACES))
def test_non_finite_numbers_are_errors_at_their_position(place: str, token: str) -> None:
    node_line = _NUMBER_PLACES[place].format(v=token)
    raw = f"format: 1\nid: d\ntitle: D\ncategories: [{{id: math, title: M}}]\nnodes:\n{node_line}".encode()
    result = check_bytes(raw, "f")
    assert not result.ok and result.roadmap is None
    at_token = [d for d in result.errors if (d.line, d.col) == (6, node_line.index(token) + 1)]
    assert len(at_token) == 1, result.lines()
    assert "must be a finite number such as 12 or 1.5, not " in at_token[0].message


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1E400"])
def test_json_non_finite_numbers_are_errors(token: str) -> None:
    raw = ('{"format": 1, "id": "d", "title": "D", "categories": [{"id": "math", "title": "M"}],\n'
           '"nodes": [{"id": "a", "title": "A", "category": "math", "summary": "s", "hours": 1,\n'
           f'"resources": [{{"kind": "reading", "title": "R", "hours": {token}}}]}}]}}\n')
    result = check_bytes(raw.encode(), "f.json", is_json=True)
    assert [(d.line, d.col) for d in result.errors] == [(3, raw.splitlines()[2].index(token) + 1)]
    assert result.errors[0].message.startswith(f"resource 1 of node 'a': 'hours' must be a finite number such as "
                                               f"12 or 1.5, not {token}")


def test_quoted_nan_in_json_is_text() -> None:
    raw = ('{"format": 1, "id": "d", "title": "NaN", "version": "Infinity", "categories": [{"id": "math", '
           '"title": "M"}], "nodes": [{"id": "a", "title": "A", "category": "math", "summary": "s", "hours": 1, '
           '"resources": [{"kind": "reading", "title": "R"}]}]}')
    result = check_bytes(raw.encode(), "f.json", is_json=True)
    assert result.ok and result.roadmap is not None
    assert (result.roadmap.title, result.roadmap.version) == ("NaN", "Infinity")


def test_non_finite_number_where_text_belongs_gets_one_message() -> None:
    raw = (b"format: 1\nid: d\ntitle: .nan\ncategories: [{id: math, title: M}]\n"
           b"nodes: [{id: a, title: A, category: math, summary: s, hours: 1, "
           b"resources: [{kind: reading, title: R}]}]\n")
    assert check_bytes(raw, "f").lines() == ["f:3:8: error: the roadmap: 'title' must be text, not a number"]


def test_non_finite_numbers_are_reported_even_when_the_format_is_unsupported() -> None:
    raw = b"format: 2\nid: d\nnodes: [{id: a, hours: .nan}]\n"
    assert check_bytes(raw, "f").lines() == [
        "f:1:9: error: unsupported format 2; this app reads format 1 (write 'format: 1', or update the app)",
        "f:3:24: error: node 'a': 'hours' must be a finite number such as 12 or 1.5, not .nan",
    ]


# -- deep nesting ---------------------------------------------------------------------------------------
# Inputs deep enough to crash ruamel's recursive composer run in a subprocess (test_cli_validate.py);
# these stay shallow enough (at most a few hundred levels) that no reader could crash on them.

def _nesting_error(raw: bytes, *, is_json: bool = False) -> tuple[int, int]:
    error = only_error(raw, is_json=is_json)
    assert error.message == "the file nests deeper than 64 levels; flatten it"
    return error.line, error.col


@pytest.mark.parametrize("text, position", [
    ("- " * 200 + "x\n", (1, 129)),  # the 65th '- ' starts at column 129
    ("? " * 200 + "x\n", (1, 129)),
    ("a:\n" + "".join(" " * i + "k:\n" for i in range(1, 200)), (65, 65)),  # one more space a line
    ("".join(" " * i + "-\n" for i in range(200)), (65, 65)),
    ("".join(" " * i + "- k:\n" for i in range(0, 400, 2)), (33, 65)),  # a sequence and a mapping a line
    ("? " * 30 + "- " * 30 + "[" * 200, (1, 125)),  # block levels count with flow levels
    ("a: " + "{b: " * 200, (1, 256)),
    ("a: [" + '"]]]", ' * 3 + "[" * 200, (1, 88)),  # brackets inside quotes are text, not levels
])
def test_nesting_deeper_than_the_limit_is_refused_where_it_is_crossed(text: str, position) -> None:
    assert _nesting_error(text.encode()) == position


def test_nesting_up_to_the_limit_is_accepted() -> None:
    deepest = check_bytes(("- " * 64 + "x\n").encode(), "f")
    assert not any("nests deeper" in d.message for d in deepest.diagnostics)
    assert "nests deeper" in only_error(("- " * 65 + "x\n").encode()).message


def test_deep_json_is_refused_with_a_position() -> None:
    assert _nesting_error(b"[" * 5000 + b"]" * 5000, is_json=True) == (1, 65)


# -- files that are not files ---------------------------------------------------------------------------

def _run(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Python code in a fresh interpreter: a hang or a crash there fails one test, not the whole run."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path) -> None:
    pipe = tmp_path / "pipe.roadmap.yaml"
    os.mkfifo(pipe)
    done = _run(f"from roadmap_app.formats.loader import check_file\nprint(check_file({str(pipe)!r}).lines())",
                timeout=30)
    assert "1:1: error: this is a named pipe (FIFO), not a file; give a roadmap file saved on disk" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_file_that_becomes_a_pipe_after_the_check_is_still_refused_at_once(tmp_path) -> None:
    """The race: stat says 'file', then a pipe is opened. O_NONBLOCK makes the open return, fstat refuses."""
    pipe = tmp_path / "pipe.roadmap.yaml"
    os.mkfifo(pipe)
    done = _run(
        "import os, stat\n"
        "from roadmap_app.formats import loader\n"
        "real = os.stat\n"
        f"def looks_regular(path, *args, **kwargs):\n"
        "    info = real(path, *args, **kwargs)\n"
        "    return os.stat_result((stat.S_IFREG | 0o644, *info[1:]))\n"
        "loader.os.stat = looks_regular\n"
        f"print(loader.check_file({str(pipe)!r}).lines())\n",
        timeout=30,
    )
    assert "this is a named pipe (FIFO), not a file" in done.stdout, done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused_without_opening_it(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a device was opened")

    monkeypatch.setattr(loader.os, "open", refuse)
    assert check_file("/dev/zero").lines() == [
        "/dev/zero:1:1: error: this is a character device, not a file; give a roadmap file saved on disk "
        "(NAME.roadmap.yaml or NAME.roadmap.json)"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets")
def test_socket_is_refused(tmp_path) -> None:
    path = tmp_path / "s.roadmap.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "this is a socket, not a file" in check_file(path).errors[0].message


def test_folder_raises_is_a_directory(tmp_path) -> None:
    with pytest.raises(IsADirectoryError):
        check_file(tmp_path)


def test_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch) -> None:
    path = tmp_path / "growing.roadmap.yaml"
    path.write_bytes(b"a: " + b"b" * 2000 + b"\n")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    real_stat = os.stat

    def small_when_checked(target, *args, **kwargs):
        info = real_stat(target, *args, **kwargs)
        return os.stat_result((*info[:6], 10, *info[7:])) if Path(target) == path else info

    monkeypatch.setattr(loader.os, "stat", small_when_checked)
    assert "limited to" in check_file(path).errors[0].message


# -- sizes ------------------------------------------------------------------------------------------------

def roadmap(node: str = "{id: a, title: A, category: math, summary: s, hours: 1, resources: [{kind: reading, "
            "title: R}]}", top: str = "") -> bytes:
    return (f"format: 1\nid: d\ntitle: D\n{top}categories: [{{id: math, title: M}}]\nnodes:\n  - {node}\n").encode()


def node_with(field: str, value: str) -> str:
    fields = {"id": "a", "title": "A", "category": "math", "summary": "s", "hours": "1"}
    resource = {"kind": "reading", "title": "R"}
    if field.startswith("resource "):
        resource[field.removeprefix("resource ")] = value
    elif field == "requires":
        fields["requires"] = f"[{value}]"
    else:
        fields[field] = value
    body = ", ".join(f"{k}: {v}" for k, v in fields.items())
    return "{" + body + ", resources: [{" + ", ".join(f"{k}: {v}" for k, v in resource.items()) + "}]}"


@pytest.mark.parametrize("field, limit, what", [
    ("title", 200, "'title'"),
    ("summary", 20_000, "'summary'"),
    ("resource title", 200, "'title'"),
    ("resource note", 20_000, "'note'"),
    ("requires", 100, "entry 1 of 'requires'"),
])
def test_too_long_text_is_refused_with_its_length_and_the_limit(field: str, limit: int, what: str) -> None:
    at_limit = check_bytes(roadmap(node_with(field, "a" * limit)), "f")
    assert not any("characters long" in d.message for d in at_limit.diagnostics), at_limit.lines()
    raw = roadmap(node_with(field, "a" * 250_000))
    errors = [d for d in check_bytes(raw, "f").errors if "characters long" in d.message]
    assert len(errors) == 1
    place = "resource 1 of node 'a'" if field.startswith("resource") else "node 'a'"
    assert errors[0].message == (f"{place}: {what} is 250,000 characters long; shorten it to at most "
                                 f"{limit:,} characters")
    line = raw.decode().splitlines()[errors[0].line - 1]
    assert line[errors[0].col - 1:].startswith("a" * 100)


def test_too_long_id_and_url_and_roadmap_text() -> None:
    raw = roadmap(node_with("resource url", '"https://example.org/' + "a" * 3000 + '"'),
                  top=f"description: {'d' * 20_001}\nlicense: {'l' * 201}\n")
    messages = [d.message for d in check_bytes(raw, "f").errors]
    assert messages == [
        "the roadmap: 'description' is 20,001 characters long; shorten it to at most 20,000 characters",
        "the roadmap: 'license' is 201 characters long; shorten it to at most 200 characters",
        "resource 1 of node 'a': 'url' is 3,020 characters long; shorten it to at most 2,000 characters",
    ]
    long_id = check_bytes(roadmap(node_with("id", "a" * 101)), "f").errors
    assert long_id[0].message.endswith("'id' is 101 characters long; shorten it to at most 100 characters")


def test_schema_states_the_limits() -> None:
    from roadmap_app.formats.schema import ROADMAP_SCHEMA

    node = ROADMAP_SCHEMA["properties"]["nodes"]["items"]["properties"]
    assert node["title"]["maxLength"] == 200 and node["id"]["maxLength"] == 100
    assert node["summary"]["maxLength"] == 20_000 and node["hours"]["maximum"] == 10_000
    assert node["resources"]["items"]["properties"]["hours"]["maximum"] == 10_000


@pytest.mark.parametrize("hostile", [
    "{id: " + "a" * 1_000_000 + ", title: A, category: math, summary: s, hours: 1}",
    "{id: a, title: A, category: " + "b" * 1_000_000 + ", summary: s, hours: 1}",
    "{id: a, title: A, category: math, summary: s, hours: 1, requires: [" + "c" * 1_000_000 + "]}",
    "{id: a, title: A, category: math, summary: s, hours: 1, " + "k" * 1_000_000 + ": 1}",
    "{id: 'A " + "d" * 1_000_000 + "', title: A, category: math, summary: s, hours: 1}",
    "{id: a, title: A, category: math, summary: s, hours: 1, resources: [{kind: " + "e" * 1_000_000
    + ", title: R, url: 'ftp://" + "f" * 1_000_000 + "'}]}",
    "{id: a, title: A, category: math, summary: s, hours: 1, id: " + "g" * 1_000_000 + "}",
])
def test_messages_never_repeat_a_huge_value(hostile: str) -> None:
    result = check_bytes(roadmap(hostile, top=f"version: {'v' * 1_000_000}\n"), "f")
    assert result.errors
    assert all(len(d.message) < 400 for d in result.diagnostics), [d.message[:200] for d in result.diagnostics]


def test_huge_format_value_is_shortened_in_its_message() -> None:
    result = check_bytes(("format: " + "9" * 1000 + "x\nid: d\n").encode(), "f")
    assert all(len(d.message) < 400 for d in result.diagnostics)


def test_nineteen_megabyte_string_is_refused_cheaply(tmp_path) -> None:
    """It once took 2.3 GB (a regular expression over the quoted text); now a few times the file size."""
    path = tmp_path / "big.roadmap.yaml"
    path.write_bytes(roadmap(node_with("title", '"' + "a" * 19_000_000 + '"')))
    done = _run(
        "import resource\n"
        "from pathlib import Path\n"
        "from roadmap_app.formats.loader import check_file\n"
        f"result = check_file({str(path)!r})\n"
        "status = Path('/proc/self/status')\n"  # VmHWM: this process's peak; ru_maxrss may hold pytest's
        "peak = (int(next(s for s in status.read_text().splitlines() if s.startswith('VmHWM')).split()[1])\n"
        "        if status.exists() else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "print(peak)\n"
        "print(*[d.message for d in result.errors], sep='\\n')\n",
        timeout=120,
    )
    kilobytes = float(done.stdout.splitlines()[0])
    assert done.stdout.splitlines()[1:] == [
        "node 'a': 'title' is 19,000,000 characters long; shorten it to at most 200 characters"]
    assert kilobytes < 500 * 1024, f"{kilobytes / 1024:.0f} MB"


def test_text_repeated_by_aliases_is_refused_before_the_tree_is_used() -> None:
    """A megabyte anchored once and aliased into 3,000 titles would be 3 GB of text downstream."""
    nodes = "".join(f"  - {{id: n{i}, title: *big, category: math, summary: s, hours: 1}}\n" for i in range(3000))
    raw = (f"format: 1\nid: d\ntitle: &big {'t' * 1_000_000}\ncategories: [{{id: math, title: M}}]\n"
           f"nodes:\n{nodes}").encode()
    error = only_error(raw)
    assert (error.line, error.col) == (7, 21)  # the second alias, which crosses the limit
    assert error.message == ("YAML aliases repeat 3,000,000,000 characters of text (limit: 1,000,000); write the "
                             "repeated parts out or remove the anchors")


def test_text_repeated_up_to_the_limit_is_accepted() -> None:
    nodes = "".join(f"  - {{id: n{i}, title: T, category: math, summary: *s, hours: 1, resources: "
                    "[{kind: reading, title: R}]}\n" for i in range(100))
    raw = (f"format: 1\nid: d\ntitle: D\ndescription: &s {'s' * 10_000}\ncategories: [{{id: math, title: M}}]\n"
           f"nodes:\n{nodes}").encode()
    assert check_bytes(raw, "f").ok


# -- numbers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("place", ["node", "resource"])
@pytest.mark.parametrize("token, shown", [("1e300", "1e+300"), ("10000.5", "10,000.5"), ("25000", "25,000")])
def test_absurd_but_finite_hours_are_refused(place: str, token: str, shown: str) -> None:
    field = "hours" if place == "node" else "resource hours"
    raw = roadmap(node_with(field, token))
    errors = check_bytes(raw, "f").errors
    assert len(errors) == 1
    owner = "node 'a'" if place == "node" else "resource 1 of node 'a'"
    assert errors[0].message == (f"{owner}: 'hours' is {shown}, more than the 10,000 hours an estimate may be; "
                                 "give a realistic estimate, or split so big a skill into smaller ones")
    line = raw.decode().splitlines()[errors[0].line - 1]
    assert line[errors[0].col - 1:].startswith(token)


def test_the_largest_allowed_hours_plan_without_overflow() -> None:
    from datetime import date

    from roadmap_app.domain.planner import Capacity, PlanError, make_plan
    from roadmap_app.domain.progress import ProgressSnapshot

    nodes = "".join(f"  - {{id: n{i}, title: N, category: math, summary: s, hours: 10000, resources: "
                    f"[{{kind: reading, title: R, hours: 10000}}]}}\n" for i in range(50))
    result = check_bytes(f"format: 1\nid: d\ntitle: D\ncategories: [{{id: math, title: M}}]\nnodes:\n{nodes}"
                         .encode(), "f")
    assert result.ok and result.roadmap is not None
    with contextlib.suppress(PlanError):  # "this plan would take about ... years": a message, not a crash
        make_plan(result.roadmap, ProgressSnapshot(result.roadmap), capacity=Capacity.weekly(0.02),
                  start=date(2026, 1, 5))


# -- aliases and left-out values ----------------------------------------------------------------------------

def test_anchor_inside_a_duplicate_keys_value_can_still_be_used() -> None:
    tree, soft = parse_text("a: {k: 1, k: &x {q: .nan}}\nb: *x\n", is_json=False)
    assert tree.data["b"].keys() == {"q"} and tree.number_text == {("b", "q"): ".nan"}
    assert tree.pos(("b", "q")) == (1, 21)
    assert [d.message for d in soft] == ["duplicate key 'k' (first at line 1); keep only one of them"]


def test_left_out_value_inside_an_anchor_is_not_repeated_by_its_alias() -> None:
    tree, _ = parse_text("a: &x {k: 1, k: .nan}\nb: *x\n", is_json=False)
    assert tree.data == {"a": {"k": 1}, "b": {"k": 1}} and tree.number_text == {}


def _tree_paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _tree_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _tree_paths(value, (*path, index))


_alias_yaml = st.recursive(
    st.sampled_from(["1", ".nan", "x", "*a", "*b", "1e400", "&a .inf", "&b 2", "''", "~"]),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["", "&a ", "&b "]),
                  st.lists(st.tuples(st.sampled_from(["k", "j", "k", "<<", "*a"]), inner), max_size=4))
        .map(lambda t: t[0] + "{" + ", ".join(f"{k}: {v}" for k, v in t[1]) + "}"),
        st.tuples(st.sampled_from(["", "&a ", "&b "]), st.lists(inner, max_size=4))
        .map(lambda t: t[0] + "[" + ", ".join(t[1]) + "]"),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "a", "<<"]), _alias_yaml), min_size=1, max_size=4))
def test_aliases_anchors_and_repeated_keys_keep_the_tree_consistent(entries) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in entries)
    assert not any(d.message.startswith(INTERNAL_ERROR) for d in check_bytes(text.encode(), "f").diagnostics)
    try:
        tree, _ = parse_text(text, is_json=False)
    except TreeError:
        return
    paths = list(_tree_paths(tree.data))
    assert all(path in tree.value_pos for path in paths)
    assert set(tree.number_text) == {path for path in paths if is_non_finite(_at(tree.data, path))}


def _at(data, path):
    for part in path:
        data = data[part]
    return data


# -- the quick schema check agrees with jsonschema ------------------------------------------------------------

def test_valid_roadmaps_take_the_quick_path() -> None:
    from ruamel.yaml import YAML

    from tests.benchmarks.generators import random_roadmap_yaml
    from tests.conftest import ROADMAPS

    for text in [*(p.read_text(encoding="utf-8") for p in ROADMAPS.glob("*.roadmap.yaml")), random_roadmap_yaml(50)]:
        assert loader._surely_valid(YAML(typ="safe").load(text))


def _valid_data() -> dict:
    return {"format": 1, "id": "d", "title": "D", "categories": [{"id": "m", "title": "M"}],
            "nodes": [{"id": "a", "title": "A", "category": "m", "summary": "s", "hours": 1,
                       "resources": [{"kind": "reading", "title": "R", "hours": 2}]}]}


_NOT_TEXT = [None, True, 1, 1.5, ["x"], {"x": 1}]
_BOUNDARIES = {  # (place, field): values on both sides of each rule
    ((), "format"): [1, 2, 0, True, "1", None],
    ((), "id"): ["a" * 100, "a" * 101, "a-b", "a--b", "A", "", *_NOT_TEXT],
    ((), "title"): ["t" * 200, "t" * 201, "", *_NOT_TEXT],
    ((), "description"): ["d" * 20_000, "d" * 20_001, "", *_NOT_TEXT],
    ((), "version"): ["v" * 200, "v" * 201, 1.5, 10**30, True, None, []],
    ((), "license"): ["l" * 200, "l" * 201, 1],
    ((), "authors"): [[], ["a" * 200], ["a" * 201], [""], [1], "a"],
    ((), "categories"): [[], [{"id": "m", "title": "M"}, {"id": "n", "title": "N"}], {}, None],
    ((), "extra"): [1],
    (("nodes", 0), "hours"): [10_000, 10_000.0, 10_000.5, 0, 0.001, -1, 1e300, float("nan"), float("inf"), True, "1"],
    (("nodes", 0), "summary"): ["s" * 20_000, "s" * 20_001, "", 1],
    (("nodes", 0), "requires"): [[], ["a" * 100], ["a" * 101], ["B"], [1], "a"],
    (("nodes", 0), "category"): ["m" * 100, "m" * 101, "M", None],
    (("nodes", 0), "resources"): [[], [1], {}, [{"kind": "reading"}]],
    (("nodes", 0), "extra"): [None],
    (("nodes", 0, "resources", 0), "kind"): ["reading", "Reading", "project", "", 1, None],
    (("nodes", 0, "resources", 0), "url"): ["https://x.org/" + "a" * 1986, "https://x.org/" + "a" * 1987,
                                            "http://x", "https://", "ftp://x", "https://x y", 1],
    (("nodes", 0, "resources", 0), "hours"): [10_000, 10_001, 0, -0.5, 1e300, float("nan")],
    (("nodes", 0, "resources", 0), "note"): ["n" * 20_000, "n" * 20_001, None],
    (("categories", 0), "color"): ["#1f77b4", "#1F77B4", "#1f77b", "1f77b4", 1],
    (("categories", 0), "title"): ["t" * 200, "t" * 201, ""],
}


@pytest.mark.parametrize("place, field", sorted(_BOUNDARIES, key=repr))
def test_quick_schema_check_agrees_with_jsonschema_at_each_limit(place, field) -> None:
    for value in [*_BOUNDARIES[place, field], "<deleted>"]:
        data = _valid_data()
        if value == "<deleted>":
            _at(data, place).pop(field, None)
        else:
            _at(data, place)[field] = value
        quick, full = loader._surely_valid(data), not list(loader._VALIDATOR.iter_errors(data))
        if value != value:  # NaN passes jsonschema's comparisons; the quick check leaves it to jsonschema
            assert not quick
        else:
            assert quick == full, (field, value, quick, full)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 20_000), st.floats(allow_nan=True),
    st.sampled_from([0, 0.0, 1.0, 10_000, 10_000.0, 10_000.5, -1, 1e300]),
    st.text(max_size=5), st.sampled_from(["a" * 100, "a" * 101, "t" * 200, "t" * 201, "reading", "Reading",
                                          "https://x.org/p", "http://", "#1f77b4", "linear-algebra", "A-b"]),
)
_json_like = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(["id", "title", "kind", "x"]), inner, max_size=3),
                          max_leaves=6)
_FIELDS = {
    (): ["format", "id", "title", "description", "version", "authors", "license", "categories", "nodes", "extra"],
    ("nodes", 0): ["id", "title", "category", "summary", "hours", "requires", "recommends", "aliases", "resources",
                   "extra"],
    ("nodes", 0, "resources", 0): ["kind", "title", "url", "hours", "note", "extra"],
    ("categories", 0): ["id", "title", "color", "extra"],
}


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(_FIELDS)), st.data()), min_size=1, max_size=3))
def test_quick_schema_check_never_passes_what_jsonschema_refuses(changes) -> None:
    data = _valid_data()
    for where, draw in changes:
        try:
            target = _at(data, where)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced it
        if not isinstance(target, dict):
            continue
        field = draw.draw(st.sampled_from(_FIELDS[where]))
        if draw.draw(st.booleans()) and field in target:
            del target[field]
        else:
            target[field] = draw.draw(_json_like)
    if loader._surely_valid(data):
        assert list(loader._VALIDATOR.iter_errors(data)) == []
