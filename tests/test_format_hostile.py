"""Hostile or odd input ends as a clear diagnostic, never an exception or a constructed object."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.formats import loader
from roadmap_app.formats.loader import check_bytes, check_file


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


_yaml_chars = st.sampled_from([*"abc:-[]{},&*!#'\"\n |>?%@`\t0123", "id", "nodes", "format: 1\n", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_yaml_chars, max_size=80).map("".join))
def test_yaml_like_text_gives_diagnostics_not_exceptions(text: str) -> None:
    for is_json in (False, True):
        result = check_bytes(text.encode(), "fuzz", is_json=is_json)
        assert result.ok or result.errors


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
