"""What a new version of a roadmap changes against the old one: skills, categories, and where stored progress goes.

A skill of the old version lives on in the new one under the id the new version resolves its id to: the same
id, or the id of the node that lists it among its `aliases` (a rename, or a merge when that node existed too).
Stored progress follows `Roadmap.resolve`, exactly as the app reads it, so a former id the new file no longer
lists sends its progress to the archive even when a later id of the same skill is still listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadmap_app.domain.roadmap import Node, Roadmap

COMPARED_FIELDS = ("title", "category", "hours", "requires", "recommends", "summary", "resources")


@dataclass(frozen=True)
class RoadmapUpdate:
    """Everything a new version changes; ids are node ids unless said otherwise, each tuple in file order."""

    added: tuple[str, ...] = ()  # new ids that no old skill becomes
    removed: tuple[str, ...] = ()  # old ids the new version has neither as id nor as alias
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, new id): the new node lists the old id among its aliases
    merged: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (new id, old ids): two or more old skills become one
    changed: tuple[str, ...] = ()  # ids in both versions whose content differs (see fields_changed)
    changed_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (id, names from COMPARED_FIELDS)
    # progress, by the ids it is stored under (sorted)
    to_archive: tuple[str, ...] = ()  # stored ids with progress that resolve in old but not in new
    from_archive: tuple[str, ...] = ()  # stored ids with progress that resolve in new but not in old
    reassigned: tuple[tuple[str, str, str], ...] = ()  # (stored id, old skill, new skill): now counts elsewhere
    combined: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (new id, stored ids): progress of merged skills
    follows_rename: tuple[tuple[str, str], ...] = ()  # (stored id, new id): progress going with a renamed skill
    categories_added: tuple[str, ...] = ()
    categories_removed: tuple[str, ...] = ()
    categories_changed: tuple[str, ...] = ()  # same id, another title or colour

    def is_empty(self) -> bool:
        """True when the new version adds, removes, renames or changes nothing and moves no progress."""
        return not (self.added or self.removed or self.renamed or self.changed or self.categories_added
                    or self.categories_removed or self.categories_changed or self.moves_progress())

    def moves_progress(self) -> bool:
        """True when stored progress would show elsewhere (or nowhere) in the new version than in the old."""
        return bool(self.to_archive or self.from_archive or self.reassigned or self.combined)

    def fields_changed(self, node_id: str) -> tuple[str, ...]:
        """Which of COMPARED_FIELDS differ for a skill in `changed` (empty for any other id)."""
        return dict(self.changed_fields).get(node_id, ())


def compare_roadmaps(old: Roadmap, new: Roadmap, stored_ids: Iterable[str] = ()) -> RoadmapUpdate:
    """What replacing `old` by `new` changes; `stored_ids` are the ids progress is stored under (with rows)."""
    successor = {node.id: new.resolve(node.id) for node in old.nodes}  # old id -> the new id it becomes, or None
    becomes = set(successor.values())
    added = tuple(node.id for node in new.nodes if node.id not in becomes)
    removed = tuple(old_id for old_id, new_id in successor.items() if new_id is None)
    renamed = tuple((old_id, new_id) for old_id, new_id in successor.items() if new_id is not None and new_id != old_id)
    changes = []
    for node in old.nodes:
        if node.id in new.nodes_by_id:
            fields = node_changes(node, new.node(node.id), successor)
            if fields:
                changes.append((node.id, fields))
    to_archive, from_archive, reassigned, combined, follows = _progress_moves(old, new, successor, stored_ids)
    old_categories, new_categories = old.categories_by_id, new.categories_by_id
    return RoadmapUpdate(
        added=added, removed=removed, renamed=renamed,
        changed=tuple(node_id for node_id, _ in changes), changed_fields=tuple(changes),
        to_archive=to_archive, from_archive=from_archive, reassigned=reassigned, combined=combined,
        follows_rename=follows,
        categories_added=tuple(c for c in new_categories if c not in old_categories),
        categories_removed=tuple(c for c in old_categories if c not in new_categories),
        categories_changed=tuple(c for c, category in old_categories.items()
                                 if c in new_categories and new_categories[c] != category),
        merged=tuple((new_id, olds) for new_id, olds in _sources(successor).items() if len(olds) > 1),
    )


def _sources(successor: dict[str, str | None]) -> dict[str, tuple[str, ...]]:
    """new id -> the old ids that become it, in file order."""
    found: dict[str, list[str]] = {}
    for old_id, new_id in successor.items():
        if new_id is not None:
            found.setdefault(new_id, []).append(old_id)
    return {new_id: tuple(olds) for new_id, olds in found.items()}


def node_changes(before: Node, after: Node, successor: dict[str, str | None]) -> tuple[str, ...]:
    """Names of COMPARED_FIELDS that differ; prerequisites are compared by the ids they become, in any order."""

    def links(ids: tuple[str, ...]) -> set[str]:
        return {successor.get(i) or i for i in ids}

    found = []
    for name in COMPARED_FIELDS:
        if name in ("requires", "recommends"):
            differs = links(getattr(before, name)) != set(getattr(after, name))
        else:
            differs = getattr(before, name) != getattr(after, name)
        if differs:
            found.append(name)
    return tuple(found)


def _progress_moves(old: Roadmap, new: Roadmap, successor: dict[str, str | None], stored_ids: Iterable[str]
                    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...],
                               tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, str], ...]]:
    """Stored ids whose progress goes to the archive, comes back, counts for another skill, combines, or follows
    its skill to a new id."""
    to_archive, from_archive, reassigned, follows = [], [], [], []
    landing: dict[str, list[tuple[str, str]]] = {}  # new id -> (stored id, old skill) of progress shown there
    for stored in sorted(set(stored_ids)):
        was, now = old.resolve(stored), new.resolve(stored)
        if was is not None and now is None:
            to_archive.append(stored)
        elif was is None and now is not None:
            from_archive.append(stored)
        elif was is not None and now is not None:
            landing.setdefault(now, []).append((stored, was))
            if successor[was] != now:
                reassigned.append((stored, was, now))
            elif now != was:
                follows.append((stored, now))
    combined = tuple((now, tuple(stored for stored, _ in found)) for now, found in sorted(landing.items())
                     if len({was for _, was in found}) > 1)
    return tuple(to_archive), tuple(from_archive), tuple(reassigned), combined, tuple(follows)
