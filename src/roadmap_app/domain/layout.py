"""Layered (Sugiyama-style) drawing of a prerequisite DAG: layers, ordering, coordinates.

Pipeline: layering with the shortest edges (a linear program solved by HiGHS; without it,
longest-path layering, balanced, then improved by network simplex); dummy nodes on long
edges; median sweeps while they pay, then sifting on crossing matrices to reduce crossings (categories
grouped where it costs nothing); Brandes–Köpf coordinates.
Deterministic: no randomness (one solver thread); ordering ties broken by input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from roadmap_app.domain.layering import network_simplex_layers
from roadmap_app.domain.lp_layering import optimal_layers
from roadmap_app.domain.ordering import count_crossings, order_layers, renumber
from roadmap_app.domain.placement import assign_coordinates

LAYOUT_VERSION = 4


@dataclass(frozen=True)
class LayoutSpec:
    node_width: float = 200.0
    node_height: float = 58.0
    layer_gap: float = 90.0
    node_gap: float = 18.0
    dummy_size: float = 10.0
    max_sweeps: int = 24
    median_patience: int = 4  # median sweeps without a better order before sifting takes over
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
        optimal = optimal_layers(len(self.names), self.edges)
        if optimal is not None:
            self.layer = optimal
            return
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
        for i in range(len(self.layers)):
            renumber(self, i)

    # ------------------------------------------------------------------ ordering
    def crossings(self) -> int:
        return count_crossings(self)

    def order_layers(self, spec: LayoutSpec) -> None:
        self.crossing_count = order_layers(self, spec.max_sweeps, spec.median_patience, spec.min_gain)

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
