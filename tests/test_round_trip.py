"""Reading a roadmap file into a round-trip tree and writing it back changes nothing that was not edited."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from roadmap_app.formats import round_trip
from roadmap_app.formats.comment_gaps import normalize
from roadmap_app.formats.round_trip import RoadmapSource, SourceError, guess_indent
from roadmap_app.formats.tree_values import folded, needs_quotes, text
from tests.conftest import ROADMAPS

FIXTURES = Path(__file__).parent / "fixtures"
COMMENTED = FIXTURES / "commented.roadmap.yaml"
CORPUS = Path(__file__).parent / "corpus"

SMALL = """\
format: 1
id: demo
title: Demo
categories: [{id: math, title: Maths}]
nodes:
  - id: a
    title: A
    category: math
    hours: 2
"""


@pytest.mark.parametrize("path", [*sorted(ROADMAPS.glob("*.roadmap.yaml")), COMMENTED], ids=lambda p: p.name)
def test_an_unedited_file_is_written_back_byte_for_byte(path: Path) -> None:
    assert RoadmapSource.read(path).dump() == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    SMALL.replace("  - ", "- ").replace("    ", "  "),  # lists not indented under their key
    SMALL.replace("    ", "      ").replace("  - ", "    - "),  # four spaces before the dash
    SMALL + "    summary: |\n        Four spaces deeper than the key.\n        Second line.\n",
    SMALL + "    summary: >-\n      Folded text\n      on two lines.\n",
    "# made by hand\n\n---\n" + SMALL + "...\n# after the end\n",
    "--- # the document\n" + SMALL,
    SMALL.replace("\n", "\r\n"),
    "\ufeff" + SMALL,
    SMALL.rstrip("\n"),
    SMALL + "\n\n# trailing comment\n",
    SMALL.replace("title: Demo", "title: 'Demo'   # quoted\n\n# between keys\n").replace("hours: 2", "hours: 2.50"),
], ids=["no-offset", "deep-offset", "literal-indent-4", "folded", "document-markers", "start-comment", "crlf", "bom",
        "no-final-newline", "trailing-comment", "quotes-and-comments"])
def test_layouts_people_write_round_trip_unchanged(text: str) -> None:
    raw = text.encode("utf-8")
    assert RoadmapSource.from_bytes(raw, is_json=False).dump().encode("utf-8") == raw


@pytest.mark.parametrize("indent", [2, 4, "\t", None])
@pytest.mark.parametrize("final_newline", [True, False])
def test_json_round_trips_with_its_indentation(indent, final_newline: bool) -> None:
    data = YAML(typ="safe").load(COMMENTED.read_text(encoding="utf-8"))
    text = json.dumps(data, indent=indent, ensure_ascii=False) + ("\n" if final_newline else "")
    source = RoadmapSource.from_text(text, is_json=True)
    assert source.is_json and source.dump() == text
    assert list(source.data) == list(data)  # key order kept


def test_indentation_is_read_from_the_text() -> None:
    assert guess_indent(SMALL) == (2, 4, 2)
    assert guess_indent(SMALL.replace("  - ", "- ").replace("    ", "  ")) == (2, 2, 0)
    assert guess_indent("a:\n    b: 1\n") == (4, 4, 2)
    assert guess_indent("a:\n  - s: |\n        x\n") == (4, 4, 2)


@pytest.mark.parametrize("name", ["deep-nesting.roadmap.yaml", "alias-bomb.roadmap.yaml", "python-tag.roadmap.yaml",
                                  "cycle.roadmap.yaml"])
def test_hostile_or_invalid_text_is_refused_before_ruamel_reads_it(name: str, monkeypatch) -> None:
    def no_ruamel(*args, **kwargs):
        raise AssertionError("ruamel parsed a file the safe reader refuses")

    monkeypatch.setattr(round_trip, "_yaml", no_ruamel)
    with pytest.raises(SourceError) as refused:
        RoadmapSource.read(CORPUS / name)
    assert refused.value.diagnostics and any(d.is_error for d in refused.value.diagnostics)
    assert str(CORPUS / name) in str(refused.value) and ": error: " in str(refused.value)


def test_text_that_changed_after_it_was_checked_is_checked_again(tmp_path, monkeypatch) -> None:
    path = tmp_path / "a.roadmap.yaml"
    path.write_text(SMALL, encoding="utf-8")
    real_check = round_trip.check_file

    def check_then_break(name):
        result = real_check(name)
        path.write_text("a: [", encoding="utf-8")  # someone saves a broken file just after the check
        return result

    monkeypatch.setattr(round_trip, "check_file", check_then_break)
    with pytest.raises(SourceError, match="syntax error"):
        RoadmapSource.read(path)


@pytest.mark.parametrize("text", [
    "a:\n  - x: 1\n    r: [p, q]   # eol\n\n  # c\n  - x: 2\n",
    "a:\n  - x: 1\n    r:\n      - p\n      - q  # eol\n\n  # c\n  - x: 2\n",
    "a:\n  - x: 1\n    r: {p: 1}\n\n  # c\n  - x: 2\n",
    "a:\n  - {p: 1}\n\n  # c\n  - {p: 2}\n",
    "a:\n  - p\n\n  # c\n  - q\n",
    "a:\n  - x: 1\n    s: >-\n      long\n      text\n\n  # c\n  - x: 2\n",
    "a:\n  - x: 1\n    s: q\n\n# c\n",
    "a:\n  - x: 1\n    s: [q]  # eol\n\n# c\n",
    "k: 1   # e\n\n\n# c1\nl: [1]\n# c2\nm: 'x'\n",
    "a:\n  - x: |\n      t\n\n# end\n",
])
def test_moving_gaps_to_the_entry_after_them_prints_the_same_text(text: str) -> None:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    data = yaml.load(text)
    normalize(data)
    out = io.StringIO()
    yaml.dump(data, out)
    assert out.getvalue() == text


def test_new_text_is_quoted_only_where_the_apps_reader_needs_it() -> None:
    assert not needs_quotes("Dice two onions") and not needs_quotes("https://example.org/a")
    assert needs_quotes("https://example.org/a", flow=True)  # ruamel would write it plain; libyaml refuses that
    for value in ["2.0", "true", "null", "#123456", "key: value", "- dash", "[x]", " padded"]:
        assert needs_quotes(value), value
    assert type(text("Mise en place: a primer")).__name__ == "DoubleQuotedScalarString"


def test_a_folded_summary_keeps_its_lines_before_and_after_an_edit() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    old = folded(words, 40)
    new_text = words.replace("word30", "a-much-longer-word-30")
    new = text(new_text, old)
    old_lines = _folded_lines(old)
    new_lines = _folded_lines(new)
    assert old_lines[:4] == new_lines[:4] and old_lines[-3:] == new_lines[-3:]
    assert all(len(line) <= 45 for line in new_lines)


def _folded_lines(value) -> list[str]:
    out = io.StringIO()
    YAML(typ="rt").dump({"s": value}, out)
    return [line.strip() for line in out.getvalue().splitlines()[1:]]
