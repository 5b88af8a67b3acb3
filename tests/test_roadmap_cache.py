"""The checked-roadmap cache: hits give the very roadmap the validator gives; anything doubtful is checked again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from roadmap_app.formats.loader import check_file
from roadmap_app.services import roadmap_cache
from roadmap_app.services.roadmap_cache import cached_check, is_valid_roadmap_data, roadmap_data
from tests.conftest import ML_ROADMAP, ROADMAPS, write_roadmap

NODES = ("  - {id: a, title: A, category: math, summary: s, hours: 2, resources: [{kind: reading, title: R}]}\n"
         "  - {id: b, title: B, category: code, summary: s, hours: 3, requires: [a]}\n")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The names of the files the cache had to parse and check."""
    seen: list[str] = []
    real = roadmap_cache.check_bytes

    def counting(raw: bytes, name: str, **kwargs):
        seen.append(name)
        return real(raw, name, **kwargs)

    monkeypatch.setattr(roadmap_cache, "check_bytes", counting)
    return seen


def only_entry(cache: Path) -> Path:
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1, entries
    return entries[0]


@pytest.mark.parametrize("path", sorted(ROADMAPS.glob("*.roadmap.yaml")), ids=lambda p: p.name)
def test_a_hit_is_the_roadmap_the_validator_gives(path, tmp_path, parses) -> None:
    expected = check_file(path).roadmap
    first, second = cached_check(path, tmp_path), cached_check(path, tmp_path)
    assert first.roadmap == second.roadmap == expected and second.ok
    assert second.roadmap.source_digest == expected.source_digest
    assert parses == [str(path)]  # the second one came from the cache


def test_an_edited_file_is_read_again(tmp_path, parses) -> None:
    path = write_roadmap(tmp_path / "demo.roadmap.yaml", NODES)
    cache = tmp_path / "cache"
    assert cached_check(path, cache).roadmap.node("b").title == "B"
    stat = path.stat()
    path.write_text(path.read_text().replace("title: B", "title: C"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the content decides
    assert cached_check(path, cache).roadmap.node("b").title == "C"
    assert len(parses) == 2


def test_a_file_that_became_invalid_shows_its_problems(tmp_path) -> None:
    path = write_roadmap(tmp_path / "demo.roadmap.yaml", NODES)
    cache = tmp_path / "cache"
    assert cached_check(path, cache).ok
    path.write_text(path.read_text().replace("requires: [a]", "requires: [zz]"))
    result = cached_check(path, cache)
    assert not result.ok and result.lines() == check_file(path).lines()
    assert len(list(cache.glob("*.json"))) == 1  # nothing stored for the broken content


def damaged_entries(entry: Path) -> list[tuple[str, str]]:
    """Ways an entry can be damaged or doctored; each must be ignored."""
    good = json.loads(entry.read_text())

    def doctored(change, fix_checksum: bool = True) -> str:
        stored = json.loads(json.dumps(good))
        change(stored)
        if fix_checksum:
            stored["checksum"] = roadmap_cache._checksum(stored["roadmap"])
        return json.dumps(stored)

    def cycle(stored) -> None:
        stored["roadmap"]["nodes"][0]["requires"] = ["b"]

    return [
        ("empty", ""),
        ("cut short", entry.read_text()[:200]),
        ("not an object", "[1, 2]"),
        ("deep", "[" * 100_000),
        ("title changed, checksum not", doctored(lambda s: s["roadmap"]["nodes"][1].update(title="X"), False)),
        ("a prerequisite cycle", doctored(cycle)),
        ("unknown prerequisite", doctored(lambda s: s["roadmap"]["nodes"][1].update(requires=["zz"]))),
        ("unknown category", doctored(lambda s: s["roadmap"]["nodes"][1].update(category="zz"))),
        ("duplicate id", doctored(lambda s: s["roadmap"]["nodes"][1].update(id="a"))),
        ("hours as text", doctored(lambda s: s["roadmap"]["nodes"][1].update(hours="3"))),
        ("no nodes", doctored(lambda s: s["roadmap"].update(nodes=[]))),
        ("another file's", doctored(lambda s: s.update(sha256="0" * 64))),
        ("another size", doctored(lambda s: s.update(size=1))),
        ("another version", doctored(lambda s: s.update(version=0))),
        ("another app", doctored(lambda s: s.update(app="0.0.0"))),
    ]


def test_a_damaged_or_doctored_entry_is_ignored_and_written_again(tmp_path, parses) -> None:
    path = write_roadmap(tmp_path / "demo.roadmap.yaml", NODES)
    cache = tmp_path / "cache"
    expected = cached_check(path, cache).roadmap
    entry = only_entry(cache)
    good = entry.read_text()
    for reason, text in damaged_entries(entry):
        entry.write_text(text)
        parses.clear()
        assert cached_check(path, cache).roadmap == expected, reason
        assert parses == [str(path)], reason
        assert json.loads(entry.read_text()) == json.loads(good), f"{reason}: the entry is written again"


def test_unusual_paths_behave_as_without_a_cache(tmp_path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(IsADirectoryError):
        cached_check(tmp_path, cache)
    with pytest.raises(FileNotFoundError):
        cached_check(tmp_path / "missing.roadmap.yaml", cache)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.roadmap.yaml"
        os.mkfifo(pipe)
        assert cached_check(pipe, cache).lines() == check_file(pipe).lines()
    assert not cache.exists()


def test_an_unwritable_cache_only_costs_speed(tmp_path, parses) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    assert cached_check(ML_ROADMAP, blocked).ok and cached_check(ML_ROADMAP, blocked).ok
    assert len(parses) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["blocked"]  # no partial file left anywhere


def test_old_entries_are_removed(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(roadmap_cache, "KEPT_ENTRIES", 3)
    cache = tmp_path / "cache"
    for i in range(5):
        path = write_roadmap(tmp_path / f"r{i}.roadmap.yaml", NODES, roadmap_id=f"r{i}")
        cached_check(path, cache)
        entries = sorted(cache.glob("*.json"), key=lambda p: p.stat().st_mtime)
        os.utime(entries[-1], (1_000_000 + i, 1_000_000 + i))  # in order, whatever the clock's resolution
    assert len(list(cache.iterdir())) == 3


def test_the_plain_data_is_what_the_validator_accepts() -> None:
    roadmap = check_file(ML_ROADMAP).roadmap
    assert is_valid_roadmap_data(roadmap_data(roadmap))
    assert not is_valid_roadmap_data({"nodes": []}) and not is_valid_roadmap_data(None)
