"""Checks beyond the schema: unique ids, known references, no cycles, likely mistakes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeGuard

import networkx as nx

from roadmap_app.formats.diagnostics import Diagnostic, Severity
from roadmap_app.formats.messages import did_you_mean, non_finite_message
from roadmap_app.formats.tree import Path as TreePath
from roadmap_app.formats.tree import Tree, shorten


class _Report(Protocol):
    """Records one diagnostic at the key or value a path points to."""

    def __call__(self, path: TreePath, severity: Severity, message: str, *, key: bool = False) -> None: ...


def _is_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value)


def check_numbers(tree: Tree, numbers: Iterable[tuple[TreePath, float | int]]) -> list[Diagnostic]:
    """An error at each of the given non-finite numbers, saying what to write instead."""
    found = []
    for path, value in numbers:
        line, col = tree.pos(path)
        message = non_finite_message(path, value, tree.number_text.get(path), tree.data)
        found.append(Diagnostic(line, col, "error", message))
    return found


def check_semantics(tree: Tree) -> list[Diagnostic]:
    """Every reference, uniqueness and graph problem in a schema-shaped tree."""
    data = tree.data
    found: list[Diagnostic] = []

    def report(path: TreePath, severity: Severity, message: str, *, key: bool = False) -> None:
        line, col = tree.pos(path, key=key)
        found.append(Diagnostic(line, col, severity, message))

    categories = [c for c in data.get("categories") or [] if isinstance(c, dict)] if isinstance(
        data.get("categories"), list) else []
    nodes_raw = data.get("nodes") if isinstance(data.get("nodes"), list) else []
    nodes = [(i, n) for i, n in enumerate(nodes_raw) if isinstance(n, dict)]

    category_ids: dict[str, int] = {}
    for i, category in enumerate(data.get("categories") or []):
        if not isinstance(category, dict) or not _is_id(category.get("id")):
            continue
        cid = category["id"]
        if cid in category_ids:
            first = tree.pos(("categories", category_ids[cid], "id"))[0]
            report(("categories", i, "id"), "error",
                   f"duplicate category id '{shorten(cid)}' (first at line {first}); rename one")
        else:
            category_ids[cid] = i

    owner_line: dict[str, int] = {}
    node_ids: set[str] = set()
    alias_of: dict[str, str] = {}
    for i, node in nodes:
        names: list[tuple[TreePath, str]] = []
        if _is_id(node.get("id")):
            names.append((("nodes", i, "id"), node["id"]))
        for j, alias in enumerate(node.get("aliases") or [] if isinstance(node.get("aliases"), list) else []):
            if _is_id(alias):
                names.append((("nodes", i, "aliases", j), alias))
        for path, name in names:
            if name in owner_line:
                report(path, "error", f"duplicate id '{shorten(name)}' (already used at line {owner_line[name]}); "
                       "ids and aliases must be unique across the file")
                continue
            owner_line[name] = tree.pos(path)[0]
            if path[2] == "id":
                node_ids.add(name)
            elif _is_id(node.get("id")):
                alias_of[name] = node["id"]

    graph = nx.DiGraph()
    for i, node in nodes:
        raw_id = node.get("id")
        nid = raw_id if _is_id(raw_id) else f"node {i + 1}"
        label = shorten(nid)
        category = node.get("category")
        if _is_id(category) and categories and category not in category_ids:
            hint = did_you_mean(category, category_ids) or f"; known categories: {', '.join(category_ids)}"
            report(("nodes", i, "category"), "error", f"node '{label}': unknown category '{shorten(category)}'{hint}")
        required = _check_refs(node, i, nid, "requires", node_ids, alias_of, report)
        recommended = _check_refs(node, i, nid, "recommends", node_ids, alias_of, report)
        for j, ref in recommended:
            if ref in {r for _, r in required}:
                report(("nodes", i, "recommends", j), "warning",
                       f"node '{label}': '{shorten(ref)}' is both required and recommended; keep it under "
                       "'requires' only")
        if _is_id(raw_id):
            graph.add_node(nid)
            for j, ref in required:
                graph.add_edge(nid, ref, path=("nodes", i, "requires", j))
        summary = node.get("summary")
        if summary is None or (isinstance(summary, str) and not summary.strip()):
            report(("nodes", i, "id"), "warning", f"node '{label}' has no summary; add a sentence or two saying "
                   "what the skill covers and why it matters")
        resources = node.get("resources")
        if not resources:
            report(("nodes", i, "id"), "warning", f"node '{label}' has no resources; add at least one reading or "
                   "exercise so learners know where to start")
        elif isinstance(resources, list):
            _check_resources(resources, i, nid, report)

    _check_cycles(graph, report)
    used = {n.get("category") for _, n in nodes}
    for cid, i in category_ids.items():
        if cid not in used:
            report(("categories", i, "id"), "warning",
                   f"category '{shorten(cid)}' has no nodes; remove it or assign nodes to it")
    return found


def _check_refs(node: dict[str, Any], i: int, nid: str, field: str, node_ids: set[str], alias_of: dict[str, str],
                report: _Report) -> list[tuple[int, str]]:
    """Validated references of one list; returns the (index, id) pairs that point at real nodes."""
    refs = node.get(field)
    good: list[tuple[int, str]] = []
    if not isinstance(refs, list):
        return good
    seen: set[str] = set()
    label = shorten(nid)
    for j, ref in enumerate(refs):
        if not _is_id(ref):
            continue
        path = ("nodes", i, field, j)
        if ref == nid:
            report(path, "error", f"node '{label}' lists itself in '{field}'; remove it")
        elif ref in seen:
            report(path, "warning", f"node '{label}': '{shorten(ref)}' appears twice in '{field}'; remove the repeat")
        elif ref in alias_of:
            report(path, "error",
                   f"node '{label}': '{shorten(ref)}' is a former id of '{shorten(alias_of[ref])}'; write "
                   f"'{shorten(alias_of[ref])}' in '{field}'")
        elif ref not in node_ids:
            hint = did_you_mean(ref, node_ids) or "; add a node with that id or remove the reference"
            report(path, "error", f"node '{label}': unknown node '{shorten(ref)}' in '{field}'{hint}")
        else:
            good.append((j, ref))
        seen.add(ref)
    return good


def _check_resources(resources: list[Any], i: int, nid: str, report: _Report) -> None:
    seen: dict[str, int] = {}
    label = shorten(nid)
    for j, resource in enumerate(resources):
        if not isinstance(resource, dict):
            continue
        key = resource.get("url") or resource.get("title")
        if isinstance(key, str):
            if key in seen:
                report(("nodes", i, "resources", j), "warning",
                       f"node '{label}': resource {j + 1} repeats resource {seen[key] + 1} ('{shorten(key)}'); "
                       "remove one")
            else:
                seen[key] = j


def _check_cycles(graph: nx.DiGraph, report: _Report) -> None:
    for component in sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1):
        start = component[0]
        sub = graph.subgraph(component)
        cycle = _shortest_cycle_through(sub, start)
        path_text = " -> ".join(shorten(name) for name in cycle)
        report(graph.edges[cycle[0], cycle[1]]["path"], "error",
               f"prerequisite cycle: {path_text} (each requires the next); remove one of these requirements")


def _shortest_cycle_through(graph: nx.DiGraph, start: str) -> list[str]:
    best: list[str] | None = None
    for succ in sorted(graph.successors(start)):
        try:
            back = nx.shortest_path(graph, succ, start)
        except nx.NetworkXNoPath:
            continue
        candidate = [start, *back]
        if best is None or len(candidate) < len(best):
            best = candidate
    return best or [start, start]
