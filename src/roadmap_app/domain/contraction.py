"""Collapsing categories for the drawing: each becomes one summary node, and any cycle that makes is broken."""

from __future__ import annotations

from dataclasses import dataclass


def summary_name(group: int) -> str:
    return f"\0summary{group}"


@dataclass
class Contracted:
    """The graph with collapsed categories as single nodes; edges in drawing direction."""

    names: list[str]
    edges: list[tuple[int, int]]  # after reversing the few that close a cycle
    backwards: set[tuple[int, int]]  # pairs (in their own direction) laid out turned round, drawn against the flow
    node_of: dict[str, int]  # every original node to its index here (a collapsed node to its summary)


def contract(nodes: list[str], edges: list[tuple[str, str]], groups: dict[str, int],
             collapsed: frozenset[int]) -> Contracted:
    """Merge the nodes of each collapsed group; drop edges inside a group and repeats; break cycles.

    Two categories can need each other (a skill of A needs one of B, another of B needs one of A):
    merged, that is a cycle. The edges that close cycles in a depth-first search (in input order, so
    the result is deterministic) are turned round for layering and drawn backwards.
    """
    names: list[str] = []
    node_of: dict[str, int] = {}
    summary_of: dict[int, int] = {}
    for name in nodes:
        group = groups.get(name, 0)
        if group in collapsed:
            if group not in summary_of:
                summary_of[group] = len(names)
                names.append(summary_name(group))
            node_of[name] = summary_of[group]
        else:
            node_of[name] = len(names)
            names.append(name)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    for source, target in edges:
        pair = (node_of[source], node_of[target])
        if pair[0] != pair[1] and pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    backwards = _feedback_edges(len(names), pairs) if collapsed else set()
    drawn = [(v, u) if (u, v) in backwards else (u, v) for u, v in pairs]
    unique = list(dict.fromkeys(drawn))
    return Contracted(names, unique, backwards, node_of)


def _feedback_edges(count: int, edges: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Edges that point back to a node still on the depth-first stack: turning them round leaves a DAG."""
    succ: list[list[int]] = [[] for _ in range(count)]
    for u, v in edges:
        succ[u].append(v)
    state = [0] * count  # 0 new, 1 on the stack, 2 finished
    back: set[tuple[int, int]] = set()
    for root in range(count):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state[child] == 1:
                back.add((node, child))
            elif state[child] == 0:
                state[child] = 1
                stack.append((child, iter(succ[child])))
    return back
