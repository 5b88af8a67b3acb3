"""compare_roadmaps lists exactly what a new version adds, removes, renames and changes, and where progress goes."""

from __future__ import annotations

from roadmap_app.domain.roadmap import Category, Node, Resource, Roadmap
from roadmap_app.domain.roadmap_diff import RoadmapUpdate, compare_roadmaps

CATEGORIES = (Category("math", "Maths"), Category("code", "Code"))


def skill(node_id: str, title: str = "", *, category: str = "math", hours: float = 2, requires: tuple = (),
          recommends: tuple = (), aliases: tuple = (), summary: str = "s", resources: tuple = ()) -> Node:
    return Node(node_id, title or node_id.upper(), category, summary, hours, requires, recommends, aliases, resources)


def roadmap(*nodes: Node, categories: tuple[Category, ...] = CATEGORIES) -> Roadmap:
    return Roadmap("demo", "Demo", categories, nodes)


def test_the_same_roadmap_changes_nothing() -> None:
    old = roadmap(skill("a"), skill("b", requires=("a",)))
    update = compare_roadmaps(old, old, {"a", "b"})
    assert update == RoadmapUpdate()
    assert update.is_empty() and not update.moves_progress()


def test_added_removed_renamed_and_changed_are_exact() -> None:
    old = roadmap(skill("a"), skill("b", requires=("a",)), skill("c"), skill("d"))
    new = roadmap(skill("a", "A again"), skill("b2", "B", requires=("a",), aliases=("b",)), skill("d"), skill("e"),
                  skill("f"))
    update = compare_roadmaps(old, new, {"b", "d"})
    assert update.added == ("e", "f")
    assert update.removed == ("c",)
    assert update.renamed == (("b", "b2"),)
    assert update.changed == ("a",)
    assert update.fields_changed("a") == ("title",)
    assert update.merged == ()
    assert update.follows_rename == (("b", "b2"),)  # progress on b goes with it to b2
    assert not update.is_empty() and not update.moves_progress()


def test_a_removed_skill_whose_id_is_now_an_alias_is_a_merge() -> None:
    old = roadmap(skill("a"), skill("b"))
    new = roadmap(skill("b", aliases=("a",)))
    update = compare_roadmaps(old, new, {"a", "b"})
    assert update.removed == () and update.added == ()
    assert update.renamed == (("a", "b"),)
    assert update.merged == (("b", ("a", "b")),)
    assert update.combined == (("b", ("a", "b")),)  # both skills had progress; it now shows on one
    assert update.follows_rename == (("a", "b"),)
    assert update.to_archive == () and update.moves_progress()


def test_a_renamed_skill_whose_former_id_becomes_a_new_skill() -> None:
    """'x' was renamed from 'a' once; the new version drops that alias and gives 'a' to a new skill."""
    old = roadmap(skill("x", "Algebra", aliases=("a",)))
    new = roadmap(skill("x", "Algebra"), skill("a", "Assembly", category="code"))
    update = compare_roadmaps(old, new, {"a", "x"})
    assert update.added == ("a",)
    assert update.renamed == () and update.removed == () and update.changed == ()
    assert update.reassigned == (("a", "x", "a"),)  # progress on Algebra stored under 'a' now counts for Assembly
    assert update.to_archive == () and update.from_archive == ()
    assert update.moves_progress()


def test_an_id_listed_as_both_id_and_alias_follows_the_id() -> None:
    """Not a valid file, but a Roadmap made in code may have it: resolve() prefers the id, so does the diff."""
    old = roadmap(skill("a"))
    new = roadmap(skill("a", "New A"), skill("b", aliases=("a",)))
    update = compare_roadmaps(old, new, {"a"})
    assert update.added == ("b",) and update.renamed == () and update.changed == ("a",)
    assert not update.moves_progress()


def test_alias_chains_follow_resolve_exactly() -> None:
    old = roadmap(skill("b", aliases=("a",)))
    listed_all = roadmap(skill("c", aliases=("b", "a")))
    update = compare_roadmaps(old, listed_all, {"a", "b"})
    assert update.renamed == (("b", "c"),) and update.to_archive == ()
    assert update.reassigned == () and update.combined == ()
    assert update.follows_rename == (("a", "c"), ("b", "c"))
    # the new version lists only the last former id: progress under the oldest id goes to the archive
    listed_last = roadmap(skill("c", aliases=("b",)))
    update = compare_roadmaps(old, listed_last, {"a", "b"})
    assert update.renamed == (("b", "c"),)
    assert update.to_archive == ("a",)


def test_progress_under_an_alias_goes_to_the_archive_and_comes_back() -> None:
    old = roadmap(skill("x", aliases=("old-x",)), skill("y"))
    new = roadmap(skill("y", aliases=("gone",)))
    update = compare_roadmaps(old, new, {"old-x", "y", "gone", "never"})
    assert update.removed == ("x",)
    assert update.to_archive == ("old-x",)
    assert update.from_archive == ("gone",)
    assert update.reassigned == ()
    back = compare_roadmaps(new, old, {"old-x", "y", "gone", "never"})
    assert back.added == ("x",) and back.from_archive == ("old-x",) and back.to_archive == ("gone",)


def test_only_ids_with_progress_move() -> None:
    old = roadmap(skill("a"), skill("b"))
    new = roadmap(skill("a"))
    assert compare_roadmaps(old, new, {"a"}).to_archive == ()
    assert compare_roadmaps(old, new, ["b", "b"]).to_archive == ("b",)


def test_a_category_move_and_category_changes() -> None:
    categories = (Category("math", "Maths"), Category("code", "Code"), Category("art", "Art"))
    old = roadmap(skill("a"), skill("b"), categories=categories)
    new = roadmap(skill("a", category="code"), skill("b"),
                  categories=(Category("math", "Mathematics"), Category("code", "Code"), Category("ops", "Ops")))
    update = compare_roadmaps(old, new)
    assert update.changed == ("a",) and update.fields_changed("a") == ("category",)
    assert update.categories_added == ("ops",)
    assert update.categories_removed == ("art",)
    assert update.categories_changed == ("math",)


def test_prerequisites_are_compared_through_renames() -> None:
    old = roadmap(skill("a"), skill("b", requires=("a",), recommends=("c",)), skill("c"))
    renamed_prerequisite = roadmap(skill("a2", aliases=("a",)), skill("b", requires=("a2",), recommends=("c",)),
                                   skill("c"))
    assert compare_roadmaps(old, renamed_prerequisite).changed == ()
    reordered = roadmap(skill("a"), skill("c"), skill("b", requires=("a", "c"), recommends=()))
    update = compare_roadmaps(old, reordered)
    assert update.changed == ("b",) and update.fields_changed("b") == ("requires", "recommends")


def test_every_compared_field() -> None:
    old = roadmap(skill("a", hours=2, summary="s", resources=(Resource("reading", "R"),)))
    new = roadmap(skill("a", hours=3, summary="t", resources=(Resource("reading", "R", "https://example.org/r"),)))
    assert compare_roadmaps(old, new).fields_changed("a") == ("hours", "summary", "resources")
    assert compare_roadmaps(old, new).fields_changed("zzz") == ()
