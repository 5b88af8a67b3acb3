"""Optimal layering by network simplex: the fewest total layers crossed by edges (shortest edges).

Gansner et al.'s method, as in Graphviz dot: start from any feasible layering, build a tree of
tight edges, and exchange tree edges with negative cut values until none is left. Cut values
come from subtree sums of each node's out-degree minus in-degree, and only the subtree under
the exchanged edge's common ancestor is renumbered. Deterministic: every choice follows node
and edge order, and work is bounded by a count of renumbered nodes (never by time), so small
and medium roadmaps get an optimal layering and huge ones stop early with a valid, no-worse one.
"""

from __future__ import annotations

WORK_BUDGET = 60_000  # tree nodes renumbered across all exchanges; bounds time, not results

Edges = list[tuple[int, int]]  # edge k runs from edges[k][0] to edges[k][1]
Incident = list[list[int]]  # incident[n]: the indices of the edges that touch node n


def network_simplex_layers(count: int, edges: list[tuple[int, int]], initial: list[int],
                           work_budget: int | None = None) -> list[int]:
    """Layers for nodes 0..count-1 such that every edge (u, v) has layer[v] >= layer[u] + 1."""
    budget = [WORK_BUDGET if work_budget is None else work_budget]
    rank = list(initial)
    incident: list[list[int]] = [[] for _ in range(count)]
    for k, (u, v) in enumerate(edges):
        incident[u].append(k)
        incident[v].append(k)
    seen = [False] * count
    for start in range(count):
        if seen[start]:
            continue
        component = _component(start, edges, incident, seen)
        if len(component) > 1:
            _optimise_component(component, edges, incident, rank, budget)
    low = min(rank, default=0)
    return [r - low for r in rank]


def _component(start: int, edges: Edges, incident: Incident, seen: list[bool]) -> list[int]:
    stack, members = [start], []
    seen[start] = True
    while stack:
        node = stack.pop()
        members.append(node)
        for k in incident[node]:
            u, v = edges[k]
            other = v if u == node else u
            if not seen[other]:
                seen[other] = True
                stack.append(other)
    return sorted(members)


def _slack(edges: Edges, rank: list[int], k: int) -> int:
    u, v = edges[k]
    return rank[v] - rank[u] - 1


class _Tree:
    """A rooted spanning tree with postorder ranges and subtree sums, updated in place."""

    def __init__(self, nodes: list[int], tree_edges: set[int], edges: Edges, net: dict[int, int]):
        self.edges, self.net = edges, net
        self.adjacency: dict[int, list[int]] = {n: [] for n in nodes}
        for k in sorted(tree_edges):
            u, v = edges[k]
            self.adjacency[u].append(k)
            self.adjacency[v].append(k)
        self.root = nodes[0]
        self.parent_edge: dict[int, int | None] = {self.root: None}
        self.parent: dict[int, int | None] = {self.root: None}
        self.low: dict[int, int] = {}
        self.post: dict[int, int] = {}
        self.subtree: dict[int, int] = {}
        self.by_post: list[int] = [0] * len(nodes)
        self.number(self.root, 0)

    def number(self, top: int, first: int) -> None:
        """Postorder-number the subtree under top from `first`, with subtree sums (iterative DFS)."""
        edges = self.edges
        stack = [(top, iter(self.adjacency[top]))]
        self.low[top] = first
        counter = first
        while stack:
            node, children = stack[-1]
            for k in children:
                if k == self.parent_edge[node]:
                    continue
                u, v = edges[k]
                child = v if u == node else u
                self.parent_edge[child], self.parent[child] = k, node
                self.low[child] = counter
                stack.append((child, iter(self.adjacency[child])))
                break
            else:
                stack.pop()
                self.post[node] = counter
                self.by_post[counter] = node
                counter += 1
                total = self.net[node]
                for k in self.adjacency[node]:
                    if k != self.parent_edge[node]:
                        u, v = edges[k]
                        total += self.subtree[v if u == node else u]
                self.subtree[node] = total

    def contains(self, top: int, node: int) -> bool:
        return self.low[top] <= self.post[node] <= self.post[top]

    def members(self, top: int) -> list[int]:
        return self.by_post[self.low[top]:self.post[top] + 1]

    def lca(self, a: int, b: int) -> int:
        node = a
        while not self.contains(node, b):
            parent = self.parent[node]
            assert parent is not None, "the root's subtree contains every node"
            node = parent
        return node

    def exchange(self, leaving: int, entering: int) -> int:
        a, b = self.edges[entering]
        top = self.lca(a, b)
        for k, add in ((leaving, False), (entering, True)):
            u, v = self.edges[k]
            for n in (u, v):
                if add:
                    self.adjacency[n].append(k)
                else:
                    self.adjacency[n].remove(k)
        self.number(top, self.low[top])
        return self.post[top] - self.low[top] + 1  # nodes renumbered


def _optimise_component(nodes: list[int], edges: Edges, incident: Incident, rank: list[int],
                        budget: list[int]) -> None:
    tree_edges = _tight_tree(nodes, edges, incident, rank)
    net = {n: 0 for n in nodes}
    for n in nodes:
        for k in incident[n]:
            if edges[k][0] == n:
                net[n] += 1
            else:
                net[n] -= 1
    tree = _Tree(nodes, tree_edges, edges, net)
    in_tree = set(tree_edges)
    half = len(nodes) // 2
    while budget[0] > 0:
        steepest: tuple[int, int] | None = None  # (leaving tree edge, the node below it)
        most = 0
        for node in nodes:  # most negative cut value (steepest descent), ties by node order
            up = tree.parent_edge[node]
            if up is None:
                continue
            cut = tree.subtree[node] if edges[up][0] == node else -tree.subtree[node]
            if cut < most:
                steepest, most = (up, node), cut
        if steepest is None:
            return
        leaving, child = steepest
        tail_is_subtree = edges[leaving][0] == child
        inside = tree.members(child)
        side = inside if len(inside) <= half else [n for n in nodes if not tree.contains(child, n)]
        best: tuple[int, int] | None = None  # (slack, entering edge)
        for node in side:
            for k in incident[node]:
                if k in in_tree:
                    continue
                a, b = edges[k]
                a_in, b_in = tree.contains(child, a), tree.contains(child, b)
                # the entering edge goes from the head component to the tail component
                if (b_in and not a_in) if tail_is_subtree else (a_in and not b_in):
                    candidate = (_slack(edges, rank, k), k)
                    if best is None or candidate < best:
                        best = candidate
        if best is None:
            return
        slack, entering = best
        if slack:
            shift = -slack if tree.contains(child, edges[entering][1]) else slack
            for node in inside:
                rank[node] += shift
        in_tree.discard(leaving)
        in_tree.add(entering)
        budget[0] -= tree.exchange(leaving, entering)


def _tight_tree(nodes: list[int], edges: Edges, incident: Incident, rank: list[int]) -> set[int]:
    """A spanning tree of tight edges, shifting the growing tree's layers where needed."""
    in_tree = {nodes[0]}
    tree: set[int] = set()
    total = len(nodes)
    while True:
        stack = sorted(in_tree)
        while stack:  # grow along tight edges
            node = stack.pop()
            for k in incident[node]:
                u, v = edges[k]
                other = v if u == node else u
                if other not in in_tree and _slack(edges, rank, k) == 0:
                    in_tree.add(other)
                    tree.add(k)
                    stack.append(other)
        if len(in_tree) == total:
            return tree
        nearest: tuple[int, int] | None = None  # (edge leaving the tree, its slack)
        for node in sorted(in_tree):
            for k in incident[node]:
                u, v = edges[k]
                if (u in in_tree) != (v in in_tree):
                    slack = _slack(edges, rank, k)
                    if nearest is None or slack < nearest[1]:
                        nearest = (k, slack)
        assert nearest is not None, "a connected component always has an edge leaving a partial tree"
        best_k, best_slack = nearest
        u, v = edges[best_k]
        delta = best_slack if u in in_tree else -best_slack
        for node in in_tree:
            rank[node] += delta
