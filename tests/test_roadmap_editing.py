"""Editing a roadmap file: each edit changes only its own lines, undoes byte for byte, and bad edits are refused."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.domain.roadmap import Resource
from roadmap_app.formats.loader import check_bytes
from roadmap_app.formats.round_trip import RoadmapSource
from roadmap_app.services.errors import UserError
from roadmap_app.services.roadmap_editing import EditRefused, RoadmapEditor, new_roadmap_text, slug_for
from tests.conftest import ML_ROADMAP

COMMENTED = Path(__file__).parent / "fixtures" / "commented.roadmap.yaml"
ORIGINAL = COMMENTED.read_text(encoding="utf-8")


def editor_for(text: str = ORIGINAL) -> RoadmapEditor:
    return RoadmapEditor(RoadmapSource.from_text(text, is_json=False), None)


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) as difflib sees them."""
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if not line.startswith(("---", "+++", "@@")):
            (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


Edit = Callable[[RoadmapEditor], Any]
EDITS: dict[str, tuple[Edit, list[str], list[str]]] = {
    "add skill at the end": (
        lambda e: e.add_skill("Frying eggs", "heat", hours=2, summary="Eggs in a pan.", requires=["boiling"]),
        [], ["  - id: frying-eggs", "    title: Frying eggs", "    category: heat", "    hours: 2",
             "    requires: [boiling]", "    summary: Eggs in a pan.", ""]),
    "add skill inside its category, no summary": (
        lambda e: e.add_skill("Peeling", "prep"),
        [], ["", "  - id: peeling", "    title: Peeling", "    category: prep", "    hours: 1"]),
    "change a quoted title": (
        lambda e: e.update_skill("boiling", title="Boiling water"),
        ['    title: "Boiling and simmering"'], ['    title: "Boiling water"']),
    "change a literal summary": (
        lambda e: e.update_skill("mise-en-place", summary="Everything ready before the heat goes on.\n"
                                                          "A calm cook is a prepared cook.\n"),
        ["      Getting every ingredient measured and ready before the heat goes on."],
        ["      Everything ready before the heat goes on."]),
    "change a folded summary": (
        lambda e: e.update_skill("sauteing", summary="Cooking small pieces quickly in a little fat over high heat, "
                                                     "tossing so nothing burns at all."),
        ["      so nothing burns."], ["      so nothing burns at all."]),
    "change hours and category beside a comment": (
        lambda e: e.update_skill("knife-skills", hours=4.5, category="heat"),
        ["    category: prep   # the first skill of all", "    hours: 4"],
        ["    category: heat   # the first skill of all", "    hours: 4.5"]),
    "remove a skill and the references to it": (
        lambda e: e.remove_skill("boiling"),
        ["  - id: boiling", '    title: "Boiling and simmering"', "    category: heat", "    hours: 3",
         "    requires: [mise-en-place]   # nothing goes in the pot unprepared",
         "    summary: Water, salt, and knowing the difference between a boil and a simmer.", "    resources:",
         "      - {kind: reading, title: Boiling guide}", "", "      - boiling"], []),
    "remove the first skill under a heading": (
        lambda e: e.remove_skill("knife-skills"),
        ["  - id: knife-skills", "    title: Knife skills", "    category: prep   # the first skill of all",
         "    hours: 4", "    summary: Holding a knife safely, and the basic cuts.", "    resources:",
         '      - {kind: video, title: "Basic knife cuts", url: "https://example.org/knives"}',
         "      - kind: practice", "        title: Dice two onions", "        hours: 1", "",
         "    requires: [knife-skills]", "    recommends: [knife-skills]"], []),
    "rename a skill": (
        lambda e: e.rename_skill("mise-en-place", "prep-work"),
        ["  - id: mise-en-place", "    requires: [mise-en-place]   # nothing goes in the pot unprepared",
         "      - mise-en-place"],
        ["  - id: prep-work", "    aliases: [mise-en-place]",
         "    requires: [prep-work]       # nothing goes in the pot unprepared", "      - prep-work"]),
    "require into a flow list with a comment": (
        lambda e: e.add_prerequisite("boiling", "knife-skills"),
        ["    requires: [mise-en-place]   # nothing goes in the pot unprepared"],
        ["    requires: [mise-en-place, knife-skills] # nothing goes in the pot unprepared"]),
    "recommend: a new key": (
        lambda e: e.add_prerequisite("boiling", "knife-skills", soft=True),
        [], ["    recommends: [knife-skills]"]),
    "require what was recommended": (
        lambda e: e.add_prerequisite("sauteing", "knife-skills"),
        ["    recommends: [knife-skills]"], ["      - knife-skills"]),
    "remove the only requirement": (
        lambda e: e.remove_prerequisite("mise-en-place", "knife-skills"),
        ["    requires: [knife-skills]"], []),
    "remove a requirement from a block list": (
        lambda e: e.remove_prerequisite("sauteing", "boiling"),
        ["      - boiling"], []),
    "add a category": (
        lambda e: e.add_category("Baking", color="#123456"),
        [], ["  - id: baking", "    title: Baking", '    color: "#123456"']),
    "change a category": (
        lambda e: e.update_category("heat", title="Heat", color=None),
        ["    title: 'Cooking with heat'   # single quotes on purpose", '    color: "#e15759"'],
        ["    title: 'Heat'                # single quotes on purpose"]),
    "add the first resource": (
        lambda e: e.add_resource("mise-en-place", Resource("reading", "Mise en place: a primer",
                                                           "https://example.org/mise")),
        [], ["    resources:",
             '      - {kind: reading, title: "Mise en place: a primer", url: "https://example.org/mise"}']),
    "add a resource": (
        lambda e: e.add_resource("knife-skills", Resource("video", "Sharpening")),
        [], ["      - {kind: video, title: Sharpening}"]),
    "change a resource": (
        lambda e: e.update_resource("knife-skills", 1, Resource("practice", "Dice three onions", hours=1.5)),
        ["        title: Dice two onions", "        hours: 1"],
        ["        title: Dice three onions", "        hours: 1.5"]),
    "remove a resource": (
        lambda e: e.remove_resource("knife-skills", 0),
        ['      - {kind: video, title: "Basic knife cuts", url: "https://example.org/knives"}'], []),
    "remove the only resource": (
        lambda e: e.remove_resource("boiling", 0),
        ["    resources:", "      - {kind: reading, title: Boiling guide}"], []),
    "change the roadmap's title and description": (
        lambda e: e.update_roadmap(title="Kitchen basics, revised", description="New words."),
        ['title: "Kitchen basics"', "description: Cooking skills for someone who has never followed a recipe."],
        ['title: "Kitchen basics, revised"', "description: New words."]),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_changes_only_its_lines_and_undoes_and_redoes_exactly(name: str) -> None:
    edit, removed, added = EDITS[name]
    editor = editor_for()
    result = edit(editor)
    edited = editor.text()
    assert sorted(changes(ORIGINAL, edited)[0]) == sorted(removed)
    assert sorted(changes(ORIGINAL, edited)[1]) == sorted(added)
    fresh = check_bytes(edited.encode("utf-8"))
    assert fresh.roadmap == editor.roadmap == result.roadmap
    assert editor.modified and editor.undo_label == result.label and not editor.can_redo

    assert editor.undo() is not None
    assert editor.text() == ORIGINAL and not editor.modified and editor.redo_label == result.label
    assert editor.roadmap == check_bytes(ORIGINAL.encode("utf-8")).roadmap
    assert editor.redo() is not None
    assert editor.text() == edited and editor.roadmap == fresh.roadmap and editor.modified


def test_a_new_skill_goes_after_the_last_of_its_category_and_the_next_heading_stays() -> None:
    editor = editor_for()
    editor.add_skill("Peeling", "prep")
    text = editor.text()
    assert text.index("A calm cook is a prepared cook.") < text.index("- id: peeling") < text.index("-- heat")
    assert "- id: peeling\n    title: Peeling\n    category: prep\n    hours: 1\n\n  # ----" in text


def test_removing_an_unused_category() -> None:
    text = ORIGINAL.replace('    color: "#e15759"\n', '    color: "#e15759"\n  - {id: spare, title: Spare}\n')
    editor = editor_for(text)
    editor.remove_category("spare")
    assert editor.text() == ORIGINAL
    editor.undo()
    assert editor.text() == text


def test_a_json_file_saves_as_json_and_undoes_exactly(tmp_path) -> None:
    import json

    from ruamel.yaml import YAML

    path = tmp_path / "k.roadmap.json"
    original = json.dumps(YAML(typ="safe").load(ORIGINAL), indent=4, ensure_ascii=False) + "\n"
    path.write_text(original, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.rename_skill("boiling", "boil")
    editor.add_resource("boil", Resource("video", "Watch: a pot"))
    data = json.loads(editor.text())
    assert data["nodes"][2]["id"] == "boil" and data["nodes"][2]["aliases"] == ["boiling"]
    assert data["nodes"][3]["requires"] == ["mise-en-place", "boil"] and '\n    "format": 1,' in editor.text()
    editor.save()
    assert json.loads(path.read_text(encoding="utf-8")) == data
    editor.undo()
    editor.undo()
    assert editor.text() == original and editor.modified  # differs from what was saved


# -- refusals -------------------------------------------------------------------------------------------------

REFUSALS: dict[str, tuple[Edit, str]] = {
    "cycle": (lambda e: e.add_prerequisite("knife-skills", "sauteing"),
              "cycle knife-skills -> sauteing -> mise-en-place -> knife-skills"),
    "duplicate id": (lambda e: e.add_skill("Boiling again", "heat", node_id="boiling"), "already exists"),
    "rename onto an id in use": (lambda e: e.rename_skill("boiling", "knife-skills"), "already used"),
    "unknown category": (lambda e: e.add_skill("Bread", "bake"), "no category with id 'bake'"),
    "invalid slug": (lambda e: e.rename_skill("boiling", "Boiling Water"), "lowercase letters and digits"),
    "category in use": (lambda e: e.remove_category("prep"), "used by 2 skills"),
    "unknown skill": (lambda e: e.remove_skill("boilng"), "did you mean 'boiling'"),
    "a former id": (lambda e: (e.rename_skill("boiling", "boil"), e.remove_skill("boiling")), "former id of 'boil'"),
    "hours": (lambda e: e.update_skill("boiling", hours=float("nan")), "more than 0"),
    "link": (lambda e: e.add_resource("boiling", Resource("reading", "R", "file:///etc/passwd")), "http"),
    "colour": (lambda e: e.add_category("Baking", color="red"), "#rrggbb"),
    "self": (lambda e: e.add_prerequisite("boiling", "boiling"), "cannot need itself"),
    "empty title": (lambda e: e.update_skill("boiling", title="  "), "empty"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_a_refused_edit_changes_nothing(name: str) -> None:
    edit, phrase = REFUSALS[name]
    editor = editor_for()
    editor.update_skill("sauteing", hours=6)  # something to undo, so the undo stack is seen unchanged
    before, label = editor.text(), editor.undo_label
    with pytest.raises(EditRefused) as refused:
        edit(editor)
    assert phrase in str(refused.value)
    if name == "a former id":
        editor.undo()
        editor.undo()
        assert editor.text() == ORIGINAL
        return
    assert editor.text() == before and editor.undo_label == label and not editor.can_redo
    assert editor.roadmap == check_bytes(before.encode("utf-8")).roadmap


def test_a_cycle_is_refused_with_the_cycle_in_order() -> None:
    with pytest.raises(EditRefused) as refused:
        editor_for().add_prerequisite("knife-skills", "sauteing")
    assert refused.value.cycle == ("knife-skills", "sauteing", "mise-en-place", "knife-skills")
    assert refused.value.cycle[0] == refused.value.cycle[-1]


def test_a_new_edit_clears_redo_and_undo_back_to_saved_clears_modified(tmp_path) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.update_skill("boiling", hours=4)
    editor.save()
    editor.update_skill("boiling", hours=5)
    assert editor.modified
    editor.undo()
    assert not editor.modified and editor.can_redo
    editor.update_skill("boiling", title="Boil")
    assert not editor.can_redo and editor.modified
    editor.undo()
    editor.undo()
    assert editor.text() == ORIGINAL and editor.modified  # the saved file has hours 4
    assert editor.undo() is None


def test_a_roadmap_without_a_file_is_saved_with_save_as(tmp_path) -> None:
    editor = RoadmapEditor(RoadmapSource.from_text(new_roadmap_text("Baking", "baking"), is_json=False), None)
    editor.add_skill("Kneading", "basics")
    with pytest.raises(UserError, match="use Save As"):
        editor.save()
    path = editor.save_as(tmp_path / "baking.roadmap.yaml")
    assert editor.path == path and not editor.modified and check_bytes(path.read_bytes()).ok
    editor.update_skill("kneading", hours=3)
    assert editor.save() == path and "hours: 3" in path.read_text(encoding="utf-8")


def test_an_edit_that_changes_nothing_records_nothing() -> None:
    editor = editor_for()
    editor.update_skill("boiling", title="Boiling and simmering")
    assert not editor.can_undo and not editor.modified


# -- saving ---------------------------------------------------------------------------------------------------

def test_save_writes_in_place_keeping_permissions_and_leaves_no_temporary_file(tmp_path) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    os.chmod(path, 0o640)
    editor = RoadmapEditor.open(path)
    editor.rename_skill("boiling", "boil")
    assert editor.save() == path
    assert path.read_text(encoding="utf-8") == editor.text() and not editor.modified
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.roadmap.yaml"]


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.update_skill("boiling", hours=4)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UserError, match=r"cannot save .*No space left on device; the file was not changed"):
        editor.save()
    assert path.read_text(encoding="utf-8") == ORIGINAL and editor.modified
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.roadmap.yaml"]


def test_save_refuses_to_overwrite_another_programs_changes(tmp_path) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.update_skill("boiling", hours=4)
    editor.save()
    assert not editor.changed_on_disk()
    outside = ORIGINAL.replace("hours: 5", "hours: 7")
    path.write_text(outside, encoding="utf-8")
    editor.update_skill("boiling", hours=6)
    assert editor.changed_on_disk()
    with pytest.raises(UserError, match="changed by another program"):
        editor.save()
    assert path.read_text(encoding="utf-8") == outside
    editor.save(replace_outside_changes=True)
    assert "hours: 6" in path.read_text(encoding="utf-8") and not editor.changed_on_disk()


def test_save_refuses_a_read_only_file_and_a_bundled_roadmap(tmp_path, data_dir, monkeypatch) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    os.chmod(path, 0o444)
    editor = RoadmapEditor.open(path)
    editor.update_skill("boiling", hours=9)
    assert editor.read_only_reason and "read-only" in editor.read_only_reason
    with pytest.raises(UserError, match="read-only; save a copy with Save As"):
        editor.save()
    assert path.read_text(encoding="utf-8") == ORIGINAL and editor.modified

    from roadmap_app.services import file_saving

    folder = tmp_path / "bundled"  # a stand-in, so a broken check never writes the real bundled file
    folder.mkdir()
    copy = folder / ML_ROADMAP.name
    copy.write_bytes(ML_ROADMAP.read_bytes())
    monkeypatch.setattr(file_saving, "bundled_roadmaps_dir", lambda: folder)
    bundled = RoadmapEditor.open(copy)
    bundled.update_skill("numpy", hours=9)
    with pytest.raises(UserError) as refused:
        bundled.save()
    assert "bundled roadmaps are read-only; copy it to your roadmaps folder first" in str(refused.value)
    assert str(data_dir / "roadmaps") in str(refused.value) and bundled.read_only_reason
    assert copy.read_bytes() == ML_ROADMAP.read_bytes()


def test_save_as_json_and_with_a_new_id(tmp_path) -> None:
    import json

    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.update_skill("boiling", hours=4)
    copy = editor.save_as(tmp_path / "copy.roadmap.json", roadmap_id="kitchen-copy")
    data = json.loads(copy.read_text(encoding="utf-8"))
    assert data["id"] == "kitchen-copy" and data["nodes"][2]["hours"] == 4
    assert editor.path == copy and not editor.modified and editor.source.is_json
    assert path.read_text(encoding="utf-8") == ORIGINAL  # the file it was read from is left alone
    back = editor.save_as(tmp_path / "back.roadmap.yaml")
    assert check_bytes(back.read_bytes()).roadmap == editor.roadmap


def test_save_as_yaml_keeps_comments_and_the_id_change_can_be_undone(tmp_path) -> None:
    path = tmp_path / "k.roadmap.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.save_as(tmp_path / "mine.roadmap.yaml", roadmap_id="my-kitchen")
    saved = (tmp_path / "mine.roadmap.yaml").read_text(encoding="utf-8")
    assert changes(ORIGINAL, saved) == (["id: kitchen-basics   # progress is stored under this id"],
                                        ["id: my-kitchen       # progress is stored under this id"])
    assert editor.undo_label == "Change the roadmap's id to ‘my-kitchen’"
    editor.undo()
    assert editor.text() == ORIGINAL and editor.modified


def test_save_as_never_writes_over_a_database(tmp_path) -> None:
    database = tmp_path / "progress.roadmap.yaml"
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    editor = editor_for()
    with pytest.raises(UserError, match="database"):
        editor.save_as(database)
    assert database.read_bytes().startswith(b"SQLite format 3")


# -- new files and ids ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("as_json", [False, True])
def test_a_new_roadmap_from_the_template_is_valid_and_editable(as_json: bool, tmp_path) -> None:
    text = new_roadmap_text("Baking: bread & cakes", "baking", json=as_json)
    result = check_bytes(text.encode("utf-8"), is_json=as_json)
    assert result.ok and not result.diagnostics and result.roadmap is not None
    assert result.roadmap.title == "Baking: bread & cakes" and result.roadmap.id == "baking"
    assert as_json or text.count("\n#") >= 3  # the YAML explains its keys
    path = tmp_path / ("b.roadmap.json" if as_json else "b.roadmap.yaml")
    path.write_text(text, encoding="utf-8")
    editor = RoadmapEditor.open(path)
    editor.add_skill("Kneading", "basics", requires=["first-skill"])
    editor.save()
    assert check_bytes(path.read_bytes(), is_json=as_json).ok


def test_the_template_refuses_a_bad_id() -> None:
    with pytest.raises(EditRefused, match="not a valid roadmap id"):
        new_roadmap_text("Baking", "Baking Stuff")


def test_slugs_are_made_from_titles() -> None:
    assert slug_for("Linear algebra", set()) == "linear-algebra"
    assert slug_for("Sautéing & Frying!", set()) == "sauteing-frying"
    assert slug_for("Linear algebra", {"linear-algebra", "linear-algebra-2"}) == "linear-algebra-3"
    assert slug_for("日本語", set()) == "skill"
    assert len(slug_for("x " * 300, set())) <= 100


def test_a_skill_without_summary_opens_with_a_warning() -> None:
    editor = editor_for()
    editor.add_skill("Peeling", "prep")
    assert any("'peeling' has no summary" in d.message and not d.is_error for d in editor.diagnostics)


# -- any sequence of edits undoes to the original text ---------------------------------------------------------

_IDS = ["knife-skills", "mise-en-place", "boiling", "sauteing", "new-a", "prep"]
_operations = st.one_of(
    st.tuples(st.just("add_skill"), st.sampled_from(["New a", "Knife skills", "Zest"]), st.sampled_from(["prep",
                                                                                                        "heat"])),
    st.tuples(st.just("remove_skill"), st.sampled_from(_IDS)),
    st.tuples(st.just("rename_skill"), st.sampled_from(_IDS), st.sampled_from([*_IDS, "renamed"])),
    st.tuples(st.just("add_prerequisite"), st.sampled_from(_IDS), st.sampled_from(_IDS)),
    st.tuples(st.just("remove_prerequisite"), st.sampled_from(_IDS), st.sampled_from(_IDS)),
    st.tuples(st.just("update_skill"), st.sampled_from(_IDS), st.sampled_from(["T", "A longer title"])),
    st.tuples(st.just("add_resource"), st.sampled_from(_IDS)),
    st.tuples(st.just("remove_resource"), st.sampled_from(_IDS), st.integers(0, 2)),
    st.tuples(st.just("add_category"), st.sampled_from(["Baking", "Prep"])),
    st.tuples(st.just("remove_category"), st.sampled_from(["prep", "heat", "baking"])),
)


def _apply(editor: RoadmapEditor, operation: tuple) -> None:
    name, *args = operation
    if name == "add_resource":
        editor.add_resource(args[0], Resource("reading", "A: b", "https://example.org/x"))
    elif name == "update_skill":
        editor.update_skill(args[0], title=args[1], summary="Line one.\nLine two.")
    else:
        getattr(editor, name)(*args)


def _json_text() -> str:
    import json

    from ruamel.yaml import YAML

    return json.dumps(YAML(typ="safe").load(ORIGINAL), indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(_operations, min_size=1, max_size=8))
def test_any_edits_undone_give_back_the_original_text(as_json: bool, operations: list[tuple]) -> None:
    original = _json_text() if as_json else ORIGINAL
    editor = RoadmapEditor(RoadmapSource.from_text(original, is_json=as_json), None)
    texts = [original]
    for operation in operations:
        try:
            _apply(editor, operation)
        except EditRefused:
            assert editor.text() == texts[-1]
            continue
        if editor.text() == texts[-1]:  # the same values again: nothing to undo
            continue
        texts.append(editor.text())
        assert check_bytes(texts[-1].encode("utf-8"), is_json=as_json).roadmap == editor.roadmap
    for expected in reversed(texts[:-1]):
        editor.undo()
        assert editor.text() == expected
    assert not editor.can_undo and not editor.modified
    for expected in texts[1:]:
        editor.redo()
        assert editor.text() == expected
