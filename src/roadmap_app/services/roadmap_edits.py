"""The edits a roadmap file allows, each made on its round-trip tree through a journal that can undo it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roadmap_app.domain.roadmap import Resource, Roadmap
from roadmap_app.formats import tree_values as values
from roadmap_app.formats.messages import did_you_mean
from roadmap_app.formats.tree import shorten
from roadmap_app.formats.tree_journal import Journal, add_entry, remove_entry, replace
from roadmap_app.services.edit_checks import (
    EditRefused,
    check_color,
    check_hours,
    check_long_text,
    check_resource,
    check_slug,
    check_title,
    resource_pairs,
    slug_for,
)

#: The order keys are written in; a key an edit adds goes after the keys that come before it here.
NODE_KEYS = ("id", "title", "category", "hours", "requires", "recommends", "aliases", "summary", "resources")
ROADMAP_KEYS = ("format", "id", "title", "version", "license", "authors", "description", "categories", "nodes")
CATEGORY_KEYS = ("id", "title", "color")
UNCHANGED: Any = ...  # an argument left out: keep what the file has


class TreeEdits:
    """The edit operations on one roadmap tree. Each checks what it can first (so a refusal changes nothing),
    makes its changes through `journal`, and returns (label, touched node ids)."""

    def __init__(self, data: Any, roadmap: Roadmap, is_json: bool):
        self.data = data
        self.roadmap = roadmap
        self.is_json = is_json
        self.journal = Journal()

    # -- skills ---------------------------------------------------------------------------------------------

    def add_skill(self, title: str, category: str, *, hours: float = 1.0, summary: str = "",
                  node_id: str | None = None, requires: Sequence[str] = ()) -> tuple[str, frozenset[str]]:
        title = check_title(title)
        self.category_map(category)
        taken = self.taken_ids()
        if node_id is None:
            node_id = slug_for(title, taken)
        check_slug(node_id, "skill id")
        if node_id in taken:
            raise EditRefused(f"a skill with id '{node_id}' already exists ({self.owner(node_id)}); choose another id")
        for prerequisite in requires:
            self.node_map(prerequisite)
        pairs: list[tuple[str, Any]] = [("id", node_id), ("title", self.text(title)), ("category", category),
                                        ("hours", check_hours(hours))]
        if requires:
            pairs.append(("requires", values.id_list(dict.fromkeys(requires), self._sibling_list("requires"),
                                                     is_json=self.is_json)))
        if summary.strip():
            pairs.append(("summary", self.text(check_long_text(summary, "summary"))))
        nodes = self.data["nodes"]
        node = values.mapping(pairs, nodes[0] if len(nodes) else None, is_json=self.is_json)
        same_category = [i for i, existing in enumerate(nodes) if existing.get("category") == category]
        add_entry(self.journal, nodes, same_category[-1] + 1 if same_category else len(nodes), node)
        return f"Add skill ‘{title}’", frozenset({node_id, *requires})

    def update_skill(self, node_id: str, *, title: Any = UNCHANGED, summary: Any = UNCHANGED,
                     hours: Any = UNCHANGED, category: Any = UNCHANGED) -> tuple[str, frozenset[str]]:
        node = self.node_map(node_id)
        changes: list[tuple[str, Any]] = []
        if title is not UNCHANGED:
            changes.append(("title", check_title(title)))
        if category is not UNCHANGED:
            self.category_map(category)
            changes.append(("category", category))
        if hours is not UNCHANGED:
            changes.append(("hours", check_hours(hours)))
        if summary is not UNCHANGED:
            changes.append(("summary", check_long_text(summary or "", "summary")))
        for key, value in changes:
            self.set_key(node, key, value, NODE_KEYS)
        shown = self.roadmap.node(node_id).title
        what = changes[0][0] if len(changes) == 1 else "skill"
        return f"Change {what} of ‘{shown}’" if what != "skill" else f"Change ‘{shown}’", frozenset({node_id})

    def remove_skill(self, node_id: str) -> tuple[str, frozenset[str]]:
        node = self.node_map(node_id)
        touched = {node_id}
        for other in self.data["nodes"]:
            for key in ("requires", "recommends"):
                if node_id in (other.get(key) or ()):
                    self.set_id_list(other, key, [ref for ref in other[key] if ref != node_id])
                    touched.add(other["id"])
        nodes = self.data["nodes"]
        remove_entry(self.journal, nodes, list(nodes).index(node), self.data)
        return f"Remove skill ‘{self.roadmap.node(node_id).title}’", frozenset(touched)

    def rename_skill(self, old_id: str, new_id: str) -> tuple[str, frozenset[str]]:
        node = self.node_map(old_id)
        check_slug(new_id, "skill id")
        own_aliases = list(node.get("aliases") or [])
        if new_id == old_id:
            raise EditRefused(f"the skill is already called '{old_id}'")
        if new_id in self.taken_ids() and new_id not in own_aliases:
            raise EditRefused(f"the id '{new_id}' is already used ({self.owner(new_id)}); choose another id")
        touched = {new_id}
        self.set_key(node, "id", new_id, NODE_KEYS)
        self.set_id_list(node, "aliases", [alias for alias in own_aliases if alias != new_id] + [old_id])
        for other in self.data["nodes"]:
            for key in ("requires", "recommends"):
                refs = other.get(key)
                for index, ref in enumerate(refs or ()):
                    if ref == old_id:
                        replace(self.journal, refs, index, self.text(new_id, ref))
                        touched.add(other["id"])
        return f"Rename ‘{old_id}’ to ‘{new_id}’", frozenset(touched)

    # -- prerequisites --------------------------------------------------------------------------------------

    def add_prerequisite(self, node_id: str, prerequisite_id: str, *, soft: bool = False
                         ) -> tuple[str, frozenset[str]]:
        node = self.node_map(node_id)
        self.node_map(prerequisite_id)
        key, other_key = ("recommends", "requires") if soft else ("requires", "recommends")
        names = (self.roadmap.node(node_id).title, self.roadmap.node(prerequisite_id).title)
        if prerequisite_id == node_id:
            raise EditRefused(f"a skill cannot need itself; pick another skill for ‘{names[0]}’")
        if prerequisite_id in (node.get(key) or ()):
            raise EditRefused(f"‘{names[0]}’ already {key[:-1]}s ‘{names[1]}’")
        if soft and prerequisite_id in (node.get("requires") or ()):
            raise EditRefused(f"‘{names[0]}’ already requires ‘{names[1]}’; remove that requirement first to make "
                              "it only recommended")
        if not soft:
            cycle = self.path_between(prerequisite_id, node_id)
            if cycle:
                loop = [node_id, *cycle]
                raise EditRefused(f"‘{names[0]}’ cannot require ‘{names[1]}’: that would make a cycle "
                                  f"{' -> '.join(loop)} (each requires the next); remove one of those requirements "
                                  "first", cycle=loop)
            if prerequisite_id in (node.get(other_key) or ()):
                self.set_id_list(node, other_key, [ref for ref in node[other_key] if ref != prerequisite_id])
        self.set_id_list(node, key, [*(node.get(key) or ()), prerequisite_id])
        verb = "Recommend" if soft else "Require"
        return f"{verb} ‘{names[1]}’ for ‘{names[0]}’", frozenset({node_id, prerequisite_id})

    def remove_prerequisite(self, node_id: str, prerequisite_id: str, *, soft: bool = False
                            ) -> tuple[str, frozenset[str]]:
        node = self.node_map(node_id)
        key = "recommends" if soft else "requires"
        if prerequisite_id not in (node.get(key) or ()):
            raise EditRefused(f"‘{self.roadmap.node(node_id).title}’ does not list '{prerequisite_id}' in '{key}'")
        self.set_id_list(node, key, [ref for ref in node[key] if ref != prerequisite_id])
        shown = self.roadmap.node(prerequisite_id).title if prerequisite_id in self.roadmap.nodes_by_id else (
            prerequisite_id)
        verb = "recommendation" if soft else "requirement"
        return (f"Remove {verb} ‘{shown}’ from ‘{self.roadmap.node(node_id).title}’",
                frozenset({node_id, prerequisite_id}))

    def path_between(self, start: str, goal: str) -> list[str]:
        """The shortest chain of `requires` from start to goal ([start, …, goal]), or [] when there is none."""
        came_from: dict[str, str | None] = {start: None}
        frontier = [start]
        while frontier:
            following = []
            for current in frontier:
                if current == goal:
                    chain: list[str] = []
                    step: str | None = current
                    while step is not None:
                        chain.append(step)
                        step = came_from[step]
                    return chain[::-1]
                for nxt in self.roadmap.nodes_by_id[current].requires:
                    if nxt not in came_from:
                        came_from[nxt] = current
                        following.append(nxt)
            frontier = following
        return []

    # -- categories -----------------------------------------------------------------------------------------

    def add_category(self, title: str, *, color: str | None = None, category_id: str | None = None
                     ) -> tuple[str, frozenset[str]]:
        title = check_title(title, "category's title")
        taken = set(self.roadmap.categories_by_id)
        category_id = check_slug(category_id or slug_for(title, taken), "category id")
        if category_id in taken:
            raise EditRefused(f"a category with id '{category_id}' already exists; choose another id")
        pairs: list[tuple[str, Any]] = [("id", category_id), ("title", self.text(title))]
        if check_color(color):
            pairs.append(("color", color))
        categories = self.data["categories"]
        add_entry(self.journal, categories, len(categories), values.mapping(pairs, categories[-1],
                                                                            is_json=self.is_json))
        return f"Add category ‘{title}’", frozenset()

    def update_category(self, category_id: str, *, title: Any = UNCHANGED, color: Any = UNCHANGED
                        ) -> tuple[str, frozenset[str]]:
        category = self.category_map(category_id)
        if title is not UNCHANGED:
            self.set_key(category, "title", check_title(title, "category's title"), CATEGORY_KEYS)
        if color is not UNCHANGED:
            self.set_key(category, "color", check_color(color), CATEGORY_KEYS)
        members = frozenset(node.id for node in self.roadmap.nodes if node.category == category_id)
        return f"Change category ‘{self.roadmap.categories_by_id[category_id].title}’", members

    def remove_category(self, category_id: str) -> tuple[str, frozenset[str]]:
        category = self.category_map(category_id)
        users = [node.id for node in self.roadmap.nodes if node.category == category_id]
        shown = self.roadmap.categories_by_id[category_id].title
        if users:
            some = ", ".join(users[:3]) + (" …" if len(users) > 3 else "")
            raise EditRefused(f"category ‘{shown}’ is used by {len(users)} skill{'s' * (len(users) != 1)} ({some}); "
                              "move them to another category or remove them first")
        if len(self.data["categories"]) == 1:
            raise EditRefused("a roadmap needs at least one category; add another before removing this one")
        categories = self.data["categories"]
        remove_entry(self.journal, categories, list(categories).index(category), self.data)
        return f"Remove category ‘{shown}’", frozenset()

    # -- resources ------------------------------------------------------------------------------------------

    def add_resource(self, node_id: str, resource: Resource) -> tuple[str, frozenset[str]]:
        node = self.node_map(node_id)
        check_resource(resource)
        resources = node.get("resources")
        like = self._sibling_resource()
        new = values.mapping(resource_pairs(resource, self.is_json), like, is_json=self.is_json)
        if resources is None:
            self.set_key(node, "resources", values.block_list([new], is_json=self.is_json), NODE_KEYS)
        else:
            add_entry(self.journal, resources, len(resources), new)
        return f"Add resource ‘{resource.title.strip()}’ to ‘{self.roadmap.node(node_id).title}’", frozenset({node_id})

    def update_resource(self, node_id: str, index: int, resource: Resource) -> tuple[str, frozenset[str]]:
        item = self._resource_at(node_id, index)
        check_resource(resource)
        wanted = dict(resource_pairs(resource, self.is_json))
        for key in list(item):
            if key not in wanted:
                remove_entry(self.journal, item, key, self.data)
        for key, value in wanted.items():
            self.set_key(item, key, value, ("kind", "title", "url", "hours", "note"))
        return f"Change resource ‘{resource.title.strip()}’", frozenset({node_id})

    def remove_resource(self, node_id: str, index: int) -> tuple[str, frozenset[str]]:
        item = self._resource_at(node_id, index)
        node = self.node_map(node_id)
        if len(node["resources"]) == 1:
            remove_entry(self.journal, node, "resources", self.data)
        else:
            remove_entry(self.journal, node["resources"], index, self.data)
        return f"Remove resource ‘{item.get('title')}’", frozenset({node_id})

    def _resource_at(self, node_id: str, index: int) -> Any:
        resources = self.node_map(node_id).get("resources") or []
        if not 0 <= index < len(resources):
            raise EditRefused(f"‘{self.roadmap.node(node_id).title}’ has {len(resources)} resources; there is no "
                              f"resource number {index + 1}")
        return resources[index]

    def _sibling_resource(self) -> Any:
        """A resource written the way most of the file's resources are (`{...}` on one line, or a block)."""
        every = [item for node in self.data["nodes"] for item in node.get("resources") or ()]
        flow = [item for item in every if values.is_flow(item)]
        block = [item for item in every if not values.is_flow(item)]
        return (flow if len(flow) >= len(block) else block or [None])[-1] if every else None

    # -- the roadmap itself ---------------------------------------------------------------------------------

    def update_roadmap(self, *, title: Any = UNCHANGED, description: Any = UNCHANGED,
                       roadmap_id: Any = UNCHANGED) -> tuple[str, frozenset[str]]:
        if title is not UNCHANGED:
            self.set_key(self.data, "title", check_title(title, "roadmap's title"), ROADMAP_KEYS)
        if description is not UNCHANGED:
            self.set_key(self.data, "description", check_long_text(description or "", "description"), ROADMAP_KEYS)
        if roadmap_id is not UNCHANGED:
            self.set_key(self.data, "id", check_slug(roadmap_id, "roadmap id"), ROADMAP_KEYS)
            return f"Change the roadmap's id to ‘{roadmap_id}’", frozenset()
        return "Change the roadmap's details", frozenset()

    # -- looking things up ----------------------------------------------------------------------------------

    def node_map(self, node_id: str) -> Any:
        for node in self.data["nodes"]:
            if node.get("id") == node_id:
                return node
        former = self.roadmap.alias_map.get(node_id)
        if former:
            raise EditRefused(f"'{node_id}' is a former id of '{former}'; use '{former}'")
        hint = did_you_mean(node_id, set(self.roadmap.nodes_by_id)) or ""
        raise EditRefused(f"there is no skill with id '{shorten(node_id)}'{hint}")

    def category_map(self, category_id: str) -> Any:
        for category in self.data["categories"]:
            if category.get("id") == category_id:
                return category
        hint = did_you_mean(category_id, set(self.roadmap.categories_by_id)) or (
            f"; the categories are {', '.join(self.roadmap.categories_by_id)}")
        raise EditRefused(f"there is no category with id '{shorten(category_id)}'{hint}")

    def taken_ids(self) -> set[str]:
        return set(self.roadmap.nodes_by_id) | set(self.roadmap.alias_map)

    def owner(self, node_id: str) -> str:
        if node_id in self.roadmap.nodes_by_id:
            return f"‘{self.roadmap.node(node_id).title}’"
        return f"a former id of '{self.roadmap.alias_map[node_id]}'"

    # -- writing values -------------------------------------------------------------------------------------

    def text(self, value: str, like: Any = None, *, flow: bool = False) -> str:
        return values.text(value, like, is_json=self.is_json, flow=flow)

    def set_key(self, mapping: Any, key: str, value: Any, order: Sequence[str]) -> None:
        """Set mapping[key], adding the key where `order` puts it; None or "" removes the key."""
        if value is None or value == "":
            if key in mapping:
                remove_entry(self.journal, mapping, key, self.data)
            return
        flow = values.is_flow(mapping)
        if key in mapping:
            if isinstance(value, str):
                value = self.text(value, mapping[key], flow=flow)
            if mapping[key] != value or type(mapping[key]) is not type(value):
                replace(self.journal, mapping, key, value)
            return
        rank = order.index(key) if key in order else len(order)
        keys = list(mapping)
        position = next((i for i, existing in enumerate(keys) if existing in order and order.index(existing) > rank),
                        len(keys))
        if isinstance(value, str):
            value = self.text(value, flow=flow)
        add_entry(self.journal, mapping, position, value, key)

    def set_id_list(self, node: Any, key: str, ids: list[str]) -> None:
        """Make node[key] the list ids: items added at the end or removed, the list's own style kept."""
        current = node.get(key)
        if not ids:
            if current is not None:
                remove_entry(self.journal, node, key, self.data)
            return
        if current is None:
            self.set_key(node, key, values.id_list(ids, self._sibling_list(key), is_json=self.is_json), NODE_KEYS)
            return
        for index in reversed(range(len(current))):
            if current[index] not in ids:
                remove_entry(self.journal, current, index, self.data)
        for new in ids:
            if new not in current:
                add_entry(self.journal, current, len(current), new)

    def _sibling_list(self, key: str) -> Any:
        return next((node[key] for node in self.data["nodes"] if node.get(key)), None)
