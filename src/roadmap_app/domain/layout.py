"""Layered (Sugiyama-style) drawing of a prerequisite DAG: layers, ordering, coordinates.

Pipeline: longest-path layering, balanced, then improved by network simplex (shortest edges);
dummy nodes on long edges; median sweeps, then sifting on crossing matrices to reduce
crossings (categories grouped where it costs nothing); Brandes–Köpf coordinates.
Deterministic: no randomness, all ties broken by input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from roadmap_app.domain.layering import network_simplex_layers
from roadmap_app.domain.placement import assign_coordinates

LAYOUT_VERSION = 2


@dataclass(frozen=True)
class LayoutSpec:
    node_width: float = 200.0
    node_height: float = 58.0
    layer_gap: float = 90.0
    node_gap: float = 18.0
    dummy_size: float = 10.0
    max_sweeps: int = 24
    median_sweeps: int = 2
    min_gain: float = 0.005


@dataclass
class LayoutResult:
    """Node centres and edge routes, left-to-right (prerequisites to the left of what they unlock)."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    layers: dict[str, int] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    crossings: int = 0

    def to_json(self) -> dict:
        return {
            "version": LAYOUT_VERSION,
            "positions": {k: list(v) for k, v in self.positions.items()},
            "routes": [[u, v, [list(p) for p in pts]] for (u, v), pts in self.routes.items()],
            "layers": self.layers, "width": self.width, "height": self.height, "crossings": self.crossings,
        }

    @classmethod
    def from_json(cls, data: dict) -> LayoutResult:
        return cls(
            positions={k: (v[0], v[1]) for k, v in data["positions"].items()},
            routes={(u, v): [(p[0], p[1]) for p in pts] for u, v, pts in data["routes"]},
            layers=dict(data["layers"]), width=data["width"], height=data["height"], crossings=data["crossings"],
        )


def layered_layout(nodes: list[str], edges: list[tuple[str, str]], *, groups: dict[str, int] | None = None,
                   spec: LayoutSpec = LayoutSpec()) -> LayoutResult:
    """Lay out a DAG given node ids (in a stable order) and edges (prerequisite, dependent)."""
    graph = _Graph(nodes, edges, groups or {})
    graph.assign_layers()
    graph.insert_dummies()
    graph.order_layers(spec)
    coords = graph.place(spec)
    return graph.result(coords, spec)


def _balance_layers(layer: list[int], order: list[int], pred: list[list[int]], succ: list[list[int]],
                    passes: int = 8) -> list[int]:
    """Shorten edges: move each node towards the side with more edges, within its constraints."""
    for _ in range(passes):
        moved = False
        for v in order:
            low = max((layer[u] + 1 for u in pred[v]), default=None)
            high = min((layer[w] - 1 for w in succ[v]), default=None)
            if low is None and high is None:
                continue
            if len(pred[v]) > len(succ[v]) or high is None:
                target = low if low is not None else layer[v]
            elif len(succ[v]) > len(pred[v]) or low is None:
                target = high
            else:
                continue
            target = max(target, low) if low is not None else target
            target = min(target, high) if high is not None else target
            if target != layer[v]:
                layer[v] = target
                moved = True
        if not moved:
            break
    base = min(layer, default=0)
    return [value - base for value in layer]


class _Graph:
    def __init__(self, nodes: list[str], edges: list[tuple[str, str]], groups: dict[str, int]):
        self.names: list[str] = list(nodes)
        index = {name: i for i, name in enumerate(self.names)}
        self.real_count = len(self.names)
        self.group: list[int] = [groups.get(name, 0) for name in self.names]
        seen: set[tuple[int, int]] = set()
        self.edges: list[tuple[int, int]] = []
        for source, target in edges:
            pair = (index[source], index[target])
            if pair[0] != pair[1] and pair not in seen:
                seen.add(pair)
                self.edges.append(pair)
        self.succ: list[list[int]] = [[] for _ in self.names]
        self.pred: list[list[int]] = [[] for _ in self.names]
        for u, v in self.edges:
            self.succ[u].append(v)
            self.pred[v].append(u)
        self.layer: list[int] = []
        self.chains: dict[tuple[int, int], list[int]] = {}
        self.layers: list[list[int]] = []
        self.pos: list[int] = []

    # ------------------------------------------------------------------ layering
    def _topological(self) -> list[int]:
        indegree = [len(p) for p in self.pred]
        ready = [v for v in range(len(self.names)) if indegree[v] == 0]
        order: list[int] = []
        head = 0
        while head < len(ready):
            v = ready[head]
            head += 1
            order.append(v)
            for w in self.succ[v]:
                indegree[w] -= 1
                if indegree[w] == 0:
                    ready.append(w)
        if len(order) != len(self.names):
            raise ValueError("the graph has a cycle; layered layout needs a DAG")
        return order

    def assign_layers(self) -> None:
        order = self._topological()
        layer = [0] * len(self.names)
        for v in order:
            for w in self.succ[v]:
                layer[w] = max(layer[w], layer[v] + 1)
        for v in reversed(order):  # pull each node right, next to its nearest dependent
            if self.succ[v]:
                layer[v] = max(layer[v], min(layer[w] for w in self.succ[v]) - 1)
        layer = _balance_layers(layer, order, self.pred, self.succ)
        self.layer = network_simplex_layers(len(self.names), self.edges, layer)

    def insert_dummies(self) -> None:
        new_succ: list[list[int]] = [[] for _ in self.names]
        new_pred: list[list[int]] = [[] for _ in self.names]
        for u, v in self.edges:
            chain = [u]
            for level in range(self.layer[u] + 1, self.layer[v]):
                dummy = len(self.names)
                self.names.append(f"\0dummy{dummy}")
                self.group.append(-1)
                self.layer.append(level)
                new_succ.append([])
                new_pred.append([])
                chain.append(dummy)
            chain.append(v)
            for a, b in pairwise(chain):
                new_succ[a].append(b)
                new_pred[b].append(a)
            self.chains[(u, v)] = chain
        self.succ, self.pred = new_succ, new_pred
        height = max(self.layer, default=-1) + 1
        self.layers = [[] for _ in range(height)]
        for v in range(len(self.names)):  # input order within a layer, then grouped by category
            self.layers[self.layer[v]].append(v)
        for rank in self.layers:
            rank.sort(key=lambda v: (self.group[v] if self.group[v] >= 0 else 1 << 30, v))
        self._renumber()

    def _renumber(self) -> None:
        self.pos = [0] * len(self.names)
        for rank in self.layers:
            for i, v in enumerate(rank):
                self.pos[v] = i

    # ------------------------------------------------------------------ ordering
    def crossings(self) -> int:
        return sum(self._crossings_between(i) for i in range(len(self.layers) - 1))

    def _crossings_between(self, i: int) -> int:
        """Inversions among edges between layer i and i+1 (Fenwick tree count)."""
        size = len(self.layers[i + 1])
        pairs = sorted((self.pos[u], self.pos[w]) for u in self.layers[i] for w in self.succ[u])
        tree = [0] * (size + 1)
        count = 0
        for seen, (_, q) in enumerate(pairs):  # seen: edges counted so far
            j = q + 1  # count earlier edges whose lower end lies strictly right of q
            smaller_or_equal = 0
            while j > 0:
                smaller_or_equal += tree[j]
                j -= j & -j
            count += seen - smaller_or_equal
            j = q + 1
            while j <= size:
                tree[j] += 1
                j += j & -j
        return count

    def order_layers(self, spec: LayoutSpec) -> None:
        """Median sweeps for a quick start, then sifting sweeps until they stop paying off."""
        best = [list(rank) for rank in self.layers]
        best_count = self.crossings()
        for sweep in range(spec.max_sweeps):
            if best_count == 0:
                break
            downward = sweep % 2 == 0
            indices = range(1, len(self.layers)) if downward else range(len(self.layers) - 2, -1, -1)
            for i in indices:
                if sweep < spec.median_sweeps:
                    self._reorder(i, self.pred if downward else self.succ)
                else:
                    self._sift(i)
            count = self.crossings()
            gained = best_count - count
            if count < best_count:
                best, best_count = [list(rank) for rank in self.layers], count
            if sweep >= spec.median_sweeps and gained < spec.min_gain * max(best_count, 1):
                break
        self.layers = best
        self._renumber()
        for i in range(len(self.layers)):
            self._group_categories(i)
        self.crossing_count = self.crossings()

    def _reorder(self, i: int, fixed_neighbours: list[list[int]]) -> None:
        rank = self.layers[i]
        keys = {}
        for v in rank:
            positions = sorted(self.pos[u] for u in fixed_neighbours[v])
            if not positions:
                keys[v] = (float(self.pos[v]), 0.0)
                continue
            n = len(positions)
            median = positions[n // 2] if n % 2 else (positions[n // 2 - 1] + positions[n // 2]) / 2
            keys[v] = (median, sum(positions) / n)
        rank.sort(key=lambda v: (keys[v][0], keys[v][1], self.group[v] if self.group[v] >= 0 else 1 << 30, self.pos[v]))
        for j, v in enumerate(rank):
            self.pos[v] = j

    def _edge_arrays(self, i: int, neighbours: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """(node, neighbour) id pairs of layer i towards one side; edges never change, so cached."""
        cache = self.__dict__.setdefault("_edge_cache", {})
        key = (i, neighbours is self.pred)
        if key not in cache:
            sources = [v for v in self.layers[i] for _ in neighbours[v]]
            targets = [u for v in self.layers[i] for u in neighbours[v]]
            cache[key] = (np.array(sources, dtype=np.int64), np.array(targets, dtype=np.int64))
        return cache[key]

    def _crossing_matrix(self, i: int) -> np.ndarray:
        """C[a, b]: crossings between edges of the a-th and b-th node of layer i when a is left of b."""
        size = len(self.layers[i])
        total = np.zeros((size, size))  # float64: BLAS matmul, exact for these counts
        positions = np.array(self.pos, dtype=np.int64)
        for neighbours, j in ((self.pred, i - 1), (self.succ, i + 1)):
            if not 0 <= j < len(self.layers) or not self.layers[j]:
                continue
            sources, targets = self._edge_arrays(i, neighbours)
            if not len(sources):
                continue
            width = len(self.layers[j])
            flat = positions[sources] * width + positions[targets]
            incidence = np.bincount(flat, minlength=size * width).reshape(size, width).astype(float)
            before = np.cumsum(incidence, axis=1) - incidence
            total += incidence @ before.T
        return total

    def _sift(self, i: int) -> None:
        """Move each node of layer i to the position with the fewest crossings (both sides)."""
        rank = self.layers[i]
        size = len(rank)
        if size < 2:
            return
        matrix = self._crossing_matrix(i)
        order = list(range(size))
        columns = np.arange(size)
        slots = np.arange(size)
        degree = [len(self.pred[v]) + len(self.succ[v]) for v in rank]
        prefix = np.zeros(size + 1)
        for row in sorted(order, key=lambda r: (-degree[r], r)):
            current = order.index(row)
            gain = matrix[row, columns] - matrix[columns, row]  # change if the node moves left past each one
            np.cumsum(gain, out=prefix[1:])
            # left of current: sum(gain[p:current]); right: -sum(gain[current+1:p+1]); staying: 0
            costs = np.where(slots < current, prefix[current] - prefix[:-1],
                             np.where(slots > current, prefix[current + 1] - prefix[1:], 0.0))
            best = int(np.argmin(costs))
            if costs[best] < -0.5:
                order.insert(best, order.pop(current))
                columns = np.array(order)
        self.layers[i] = [rank[r] for r in order]
        for j, v in enumerate(self.layers[i]):
            self.pos[v] = j

    def _group_categories(self, i: int) -> None:
        """Bubble same-category nodes together where a swap costs no crossing."""
        rank = self.layers[i]
        if len(rank) < 2:
            return
        matrix = self._crossing_matrix(i)
        index = {v: a for a, v in enumerate(rank)}
        for _ in range(len(rank)):
            swapped = False
            for j in range(len(rank) - 1):
                u, v = rank[j], rank[j + 1]
                if self.group[u] < 0 or self.group[v] < 0 or self.group[u] <= self.group[v]:
                    continue
                if matrix[index[v], index[u]] <= matrix[index[u], index[v]]:
                    rank[j], rank[j + 1] = v, u
                    swapped = True
            if not swapped:
                break
        for j, v in enumerate(rank):
            self.pos[v] = j

    # ------------------------------------------------------------------ coordinates
    def place(self, spec: LayoutSpec) -> list[float]:
        return assign_coordinates(self, spec.node_height, spec.dummy_size, spec.node_gap)

    # ------------------------------------------------------------------ result
    def result(self, coords: list[float], spec: LayoutSpec) -> LayoutResult:
        low = min(coords, default=0.0) - spec.node_height / 2
        column = spec.node_width + spec.layer_gap
        out = LayoutResult(crossings=getattr(self, "crossing_count", 0))
        for v in range(self.real_count):
            x = self.layer[v] * column + spec.node_width / 2
            out.positions[self.names[v]] = (x, coords[v] - low)
            out.layers[self.names[v]] = self.layer[v]
        for (u, v), chain in self.chains.items():
            points = [(self.layer[u] * column + spec.node_width, coords[u] - low)]
            points += [(self.layer[d] * column + spec.node_width / 2, coords[d] - low) for d in chain[1:-1]]
            points.append((self.layer[v] * column, coords[v] - low))
            out.routes[(self.names[u], self.names[v])] = points
        out.width = (max(self.layer[:self.real_count], default=0) + 1) * column - spec.layer_gap
        out.height = max((y for _, y in out.positions.values()), default=0.0) + spec.node_height / 2
        return out
