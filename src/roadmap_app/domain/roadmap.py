"""The roadmap model: categories, skill nodes and their resources (immutable values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Resource:
    """Reading, a course or an exercise linked to a skill."""

    kind: str
    title: str
    url: str | None = None
    hours: float | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        """Stable identity for progress: the URL, or the title where there is none."""
        return self.url if self.url else f"title:{self.title}"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    color: str | None = None


@dataclass(frozen=True)
class Node:
    """One skill of the roadmap."""

    id: str
    title: str
    category: str
    summary: str
    hours: float
    requires: tuple[str, ...] = ()
    recommends: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class Roadmap:
    """A whole roadmap file's content; personal progress lives elsewhere."""

    id: str
    title: str
    categories: tuple[Category, ...]
    nodes: tuple[Node, ...]
    description: str = ""
    version: str | None = None
    authors: tuple[str, ...] = ()
    license: str | None = None
    format: int = 1
    source_digest: str = field(default="", compare=False)

    @cached_property
    def nodes_by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}

    @cached_property
    def categories_by_id(self) -> dict[str, Category]:
        return {category.id: category for category in self.categories}

    @cached_property
    def alias_map(self) -> dict[str, str]:
        """Former id -> current id."""
        return {alias: node.id for node in self.nodes for alias in node.aliases}

    @cached_property
    def unlocks(self) -> dict[str, tuple[str, ...]]:
        """node id -> ids of the nodes that require it directly, in file order."""
        result: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for node in self.nodes:
            for required in node.requires:
                result[required].append(node.id)
        return {key: tuple(value) for key, value in result.items()}

    def node(self, node_id: str) -> Node:
        return self.nodes_by_id[node_id]

    def resolve(self, node_id: str) -> str | None:
        """The current id for an id or a former id (alias), or None."""
        if node_id in self.nodes_by_id:
            return node_id
        return self.alias_map.get(node_id)

    @property
    def total_hours(self) -> float:
        return sum(node.hours for node in self.nodes)
