"""Checks beyond the schema: unique ids, known references, no cycles, likely mistakes."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.formats.messages import did_you_mean
from roadmap_app.formats.tree import Tree


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def check_semantics(tree: Tree) -> list[Diagnostic]:
    """Every reference, uniqueness and graph problem in a schema-shaped tree."""
    data = tree.data
    found: list[Diagnostic] = []

    def report(path: tuple, severity: str, message: str, *, key: bool = False) -> None:
        line, col = tree.pos(path, key=key)
        found.append(Diagnostic(line, col, severity, message))  # type: ignore[arg-type]

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
            report(("categories", i, "id"), "error", f"duplicate category id '{cid}' (first at line {first}); rename one")
        else:
            category_ids[cid] = i

    owner_line: dict[str, int] = {}
    node_ids: set[str] = set()
    alias_of: dict[str, str] = {}
    for i, node in nodes:
        names = []
        if _is_id(node.get("id")):
            names.append((("nodes", i, "id"), node["id"]))
        for j, alias in enumerate(node.get("aliases") or [] if isinstance(node.get("aliases"), list) else []):
            if _is_id(alias):
                names.append((("nodes", i, "aliases", j), alias))
        for path, name in names:
            if name in owner_line:
                report(path, "error",
                       f"duplicate id '{name}' (already used at line {owner_line[name]}); ids and aliases must be "
                       "unique across the file")
                continue
            owner_line[name] = tree.pos(path)[0]
            if path[2] == "id":
                node_ids.add(name)
            elif _is_id(node.get("id")):
                alias_of[name] = node["id"]

    graph = nx.DiGraph()
    for i, node in nodes:
        nid = node.get("id") if _is_id(node.get("id")) else f"node {i + 1}"
        category = node.get("category")
        if _is_id(category) and categories and category not in category_ids:
            hint = did_you_mean(category, category_ids) or f"; known categories: {', '.join(category_ids)}"
            report(("nodes", i, "category"), "error", f"node '{nid}': unknown category '{category}'{hint}")
        hours = node.get("hours")
        if isinstance(hours, float) and not math.isfinite(hours) and hours > 0:
            report(("nodes", i, "hours"), "error", f"node '{nid}': 'hours' must be a finite number of hours")
        required = _check_refs(node, i, nid, "requires", node_ids, alias_of, report)
        recommended = _check_refs(node, i, nid, "recommends", node_ids, alias_of, report)
        for j, ref in recommended:
            if ref in {r for _, r in required}:
                report(("nodes", i, "recommends", j), "warning",
                       f"node '{nid}': '{ref}' is both required and recommended; keep it under 'requires' only")
        if _is_id(node.get("id")):
            graph.add_node(nid)
            for j, ref in required:
                graph.add_edge(nid, ref, path=("nodes", i, "requires", j))
        resources = node.get("resources")
        if not resources:
            report(("nodes", i, "id"), "warning",
                   f"node '{nid}' has no resources; add at least one reading or exercise so learners know where to start")
        elif isinstance(resources, list):
            _check_resources(resources, i, nid, report)

    _check_cycles(graph, report)
    used = {n.get("category") for _, n in nodes}
    for cid, i in category_ids.items():
        if cid not in used:
            report(("categories", i, "id"), "warning", f"category '{cid}' has no nodes; remove it or assign nodes to it")
    return found


def _check_refs(node, i, nid, field, node_ids, alias_of, report) -> list[tuple[int, str]]:
    """Validated references of one list; returns the (index, id) pairs that point at real nodes."""
    refs = node.get(field)
    good: list[tuple[int, str]] = []
    if not isinstance(refs, list):
        return good
    seen: set[str] = set()
    for j, ref in enumerate(refs):
        if not _is_id(ref):
            continue
        path = ("nodes", i, field, j)
        if ref == nid:
            report(path, "error", f"node '{nid}' lists itself in '{field}'; remove it")
        elif ref in seen:
            report(path, "warning", f"node '{nid}': '{ref}' appears twice in '{field}'; remove the repeat")
        elif ref in alias_of:
            report(path, "error",
                   f"node '{nid}': '{ref}' is a former id of '{alias_of[ref]}'; write '{alias_of[ref]}' in '{field}'")
        elif ref not in node_ids:
            hint = did_you_mean(ref, node_ids) or "; add a node with that id or remove the reference"
            report(path, "error", f"node '{nid}': unknown node '{ref}' in '{field}'{hint}")
        else:
            good.append((j, ref))
        seen.add(ref)
    return good


def _check_resources(resources: list, i: int, nid: str, report) -> None:
    seen: dict[str, int] = {}
    for j, resource in enumerate(resources):
        if not isinstance(resource, dict):
            continue
        key = resource.get("url") or resource.get("title")
        if isinstance(key, str):
            if key in seen:
                report(("nodes", i, "resources", j), "warning",
                       f"node '{nid}': resource {j + 1} repeats resource {seen[key] + 1} ('{key}'); remove one")
            else:
                seen[key] = j
        hours = resource.get("hours")
        if isinstance(hours, float) and not math.isfinite(hours):
            report(("nodes", i, "resources", j, "hours"), "error",
                   f"resource {j + 1} of node '{nid}': 'hours' must be a finite number")


def _check_cycles(graph: nx.DiGraph, report) -> None:
    for component in sorted((sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)):
        start = component[0]
        sub = graph.subgraph(component)
        cycle = _shortest_cycle_through(sub, start)
        path_text = " -> ".join(cycle)
        report(graph.edges[cycle[0], cycle[1]]["path"], "error",
               f"prerequisite cycle: {path_text} (each requires the next); remove one of these requirements")


def _shortest_cycle_through(graph: nx.DiGraph, start: str) -> list[str]:
    best: list[str] | None = None
    for succ in sorted(graph.successors(start)):
        try:
            back = nx.shortest_path(graph, succ, start)
        except nx.NetworkXNoPath:
            continue
        candidate = [start] + back
        if best is None or len(candidate) < len(best):
            best = candidate
    return best or [start, start]
