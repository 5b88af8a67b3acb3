"""Accepted versions: the last version of a roadmap id comes back as it was; a damaged entry is only ignored."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from roadmap_app.formats.loader import load_roadmap
from roadmap_app.services.accepted_versions import entry_path, last_accepted, remember
from tests.conftest import ML_ROADMAP
from tests.update_examples import newer_copy


def test_the_accepted_version_comes_back_equal(data_dir) -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    assert last_accepted(data_dir, roadmap.id) is None
    assert remember(data_dir, roadmap)
    assert entry_path(data_dir, roadmap.id) == data_dir / "accepted" / "ml-engineer.json"
    assert last_accepted(data_dir, roadmap.id) == roadmap
    newer = newer_copy(roadmap)
    assert remember(data_dir, newer)
    assert last_accepted(data_dir, roadmap.id) == newer
    assert [p.name for p in (data_dir / "accepted").iterdir()] == ["ml-engineer.json"]  # no partial file left


def test_each_roadmap_id_has_its_own_entry(data_dir) -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    other = replace(roadmap, id="other-map", title="Other")
    assert remember(data_dir, roadmap) and remember(data_dir, other)
    assert last_accepted(data_dir, "other-map") == other
    assert last_accepted(data_dir, roadmap.id) == roadmap


def damage_by_garbage(path) -> None:
    path.write_bytes(b"\x00\xff not json")


def damage_by_truncating(path) -> None:
    path.write_bytes(path.read_bytes()[:500])


def damage_by_editing(path) -> None:  # the checksum no longer matches
    path.write_text(path.read_text().replace("Algebra and functions", "Algebra"))


def damage_by_other_id(path) -> None:  # a whole, valid entry of another roadmap id under this name
    stored = json.loads(path.read_text())
    stored["roadmap_id"] = "someone-else"
    path.write_text(json.dumps(stored))


def damage_by_copying_another_roadmap(path) -> None:  # whole and checksummed, but of another id inside
    from roadmap_app.services.roadmap_cache import _checksum

    stored = json.loads(path.read_text())
    stored["roadmap"]["id"] = "someone-else"
    stored["checksum"] = _checksum(stored["roadmap"])
    path.write_text(json.dumps(stored))


def damage_by_folder(path) -> None:
    path.unlink()
    path.mkdir()


def damage_by_invalid_roadmap(path) -> None:  # a cycle, with a checksum that matches it
    from roadmap_app.services.roadmap_cache import _checksum

    stored = json.loads(path.read_text())
    nodes = stored["roadmap"]["nodes"]
    nodes[0]["requires"] = [nodes[-1]["id"]]
    nodes[-1]["requires"] = [nodes[0]["id"]]
    stored["checksum"] = _checksum(stored["roadmap"])
    path.write_text(json.dumps(stored))


@pytest.mark.parametrize("damage", [damage_by_garbage, damage_by_truncating, damage_by_editing, damage_by_other_id,
                                    damage_by_copying_another_roadmap, damage_by_folder, damage_by_invalid_roadmap])
def test_a_damaged_entry_is_ignored(data_dir, damage) -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    remember(data_dir, roadmap)
    damage(entry_path(data_dir, roadmap.id))
    assert last_accepted(data_dir, roadmap.id) is None


def test_an_id_that_is_no_file_name_is_neither_kept_nor_read(data_dir) -> None:
    roadmap = replace(load_roadmap(ML_ROADMAP), id="../../escape")
    assert entry_path(data_dir, roadmap.id) is None
    assert not remember(data_dir, roadmap)
    assert last_accepted(data_dir, roadmap.id) is None
    assert not (data_dir / "accepted").exists()


def test_a_data_folder_that_refuses_the_entry_keeps_nothing_and_raises_nothing(data_dir) -> None:
    roadmap = load_roadmap(ML_ROADMAP)
    (data_dir / "accepted").write_text("a file where the folder should be")
    assert not remember(data_dir, roadmap)
    assert last_accepted(data_dir, roadmap.id) is None
    assert (data_dir / "accepted").read_text() == "a file where the folder should be"
