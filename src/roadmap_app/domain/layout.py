"""Layered (Sugiyama-style) drawing of a prerequisite DAG: layers, ordering, coordinates, routes.

Pipeline: collapsed categories merged into one node each (contraction.py); layering with the
shortest edges (a linear program solved by HiGHS; without it, longest-path layering, balanced, then
improved by network simplex); recommendations added as soft edges; dummy nodes on long edges; a
smoothed breadth-first order, then rounds of barycentres and neighbour swaps on exact crossing
counts (ordering.py; categories grouped where it costs nothing, or sorted into lanes); coordinates
by weighted sweeps (sweep_placement.py), separate parts packed (packing.py), or a linear program
when categories keep to lanes (lp_placement.py). Edges run through their dummies' slots, so no line
crosses a card.
Deterministic: no randomness (one solver thread); ordering ties broken by input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

# The modules that compute a layout (contraction, layering, ordering, placement, packing; numpy and HiGHS) are
# imported where it is computed, not with this module: the window and the layout cache need LayoutResult before
# their first frame, and a cached layout none of them (numpy alone costs ~0.1 s).

LAYOUT_VERSION = 8

Point = tuple[float, float]


@dataclass(frozen=True)
class LayoutSpec:
    node_width: float = 180.0
    node_height: float = 64.0  # a card's height when the caller gives none
    layer_gap: float = 40.0
    node_gap: float = 12.0
    dummy_size: float = 2.0
    dummy_gap: float = 4.0  # between two lines passing a column side by side
    lane_gap: float = 48.0  # between two category lanes: room for the lane's name
    summary_height: float = 76.0  # a collapsed category's card
    hook: float = 20.0  # how far a line between two cards of one column reaches into the gap
    max_sweeps: int = 24
    median_patience: int = 4  # ordering rounds in a row without a better order before it stops
    min_gain: float = 0.005


@dataclass
class LayoutResult:
    """Node centres and edge routes, left-to-right (prerequisites to the left of what they unlock).

    A node of a collapsed category has its category's summary card as position; routes are missing for
    prerequisites inside a collapsed category. summaries maps a collapsed group to its card's centre.
    """

    positions: dict[str, Point] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    layers: dict[str, int] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    crossings: int = 0
    soft_routes: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    summaries: dict[int, Point] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "version": LAYOUT_VERSION,
            "positions": {k: list(v) for k, v in self.positions.items()},
            "routes": _routes_to_json(self.routes),
            "soft_routes": _routes_to_json(self.soft_routes),
            "summaries": [[group, list(point)] for group, point in self.summaries.items()],
            "layers": self.layers, "width": self.width, "height": self.height, "crossings": self.crossings,
        }

    @classmethod
    def from_json(cls, data: dict) -> LayoutResult:
        return cls(
            positions={k: (v[0], v[1]) for k, v in data["positions"].items()},
            routes=_routes_from_json(data["routes"]),
            layers=dict(data["layers"]), width=data["width"], height=data["height"], crossings=data["crossings"],
            soft_routes=_routes_from_json(data["soft_routes"]),
            summaries={group: (point[0], point[1]) for group, point in data["summaries"]},
        )


def _routes_to_json(routes: dict[tuple[str, str], list[Point]]) -> list:
    return [[u, v, [list(p) for p in pts]] for (u, v), pts in routes.items()]


def _routes_from_json(data: list) -> dict[tuple[str, str], list[Point]]:
    return {(u, v): [(p[0], p[1]) for p in pts] for u, v, pts in data}


def layered_layout(nodes: list[str], edges: list[tuple[str, str]], *, groups: dict[str, int] | None = None,
                   soft_edges: list[tuple[str, str]] | None = None, heights: dict[str, float] | None = None,
                   lanes: bool = False, collapsed: frozenset[int] = frozenset(),
                   spec: LayoutSpec = LayoutSpec()) -> LayoutResult:
    """Lay out a DAG given node ids (in a stable order) and edges (prerequisite, dependent).

    groups: each node's category rank; soft_edges: recommendations, drawn but not ordering the layers;
    heights: each card's height (spec.node_height otherwise); lanes: each category in a band of its own;
    collapsed: groups drawn as one summary card each.
    """
    from roadmap_app.domain.contraction import contract

    groups = groups or {}
    merged = contract(nodes, edges, groups, collapsed)
    group_of = {name: groups.get(name, 0) for name in nodes}
    group_of.update({merged.names[merged.node_of[name]]: groups.get(name, 0) for name in nodes
                     if groups.get(name, 0) in collapsed})
    sizes = {name: (heights or {}).get(name, spec.node_height) for name in nodes}
    sizes.update({name: spec.summary_height for name in merged.names if name not in sizes})
    graph = _Graph(merged.names, [(merged.names[u], merged.names[v]) for u, v in merged.edges], group_of, sizes)
    graph.assign_layers()
    hooks = graph.add_soft_edges([(merged.node_of[u], merged.node_of[v]) for u, v in soft_edges or []])
    graph.insert_dummies()
    graph.order_layers(spec)
    if lanes:
        graph.sort_into_lanes()
    coords = graph.place(spec, lanes, frozenset(v for hook in hooks for v in hook))
    return _result(graph, merged, coords, spec, nodes, edges, soft_edges or [], hooks, groups, collapsed)
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
    def __init__(self, nodes: list[str], edges: list[tuple[str, str]], groups: dict[str, int],
                 sizes: dict[str, float] | None = None):
        self.names: list[str] = list(nodes)
        self.sizes = sizes or {}
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
        from roadmap_app.domain.layering import network_simplex_layers
        from roadmap_app.domain.lp_layering import optimal_layers

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

    def add_soft_edges(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Recommendations between columns become edges (turned round when they point back); the pairs
        within one column are returned, to be drawn as hooks through the gap on the column's right."""
        hooks: list[tuple[int, int]] = []
        present = set(self.edges)
        for u, v in pairs:
            if u == v or (u, v) in present:
                continue
            if self.layer[u] == self.layer[v]:
                hooks.append((u, v))
                continue
            edge = (u, v) if self.layer[u] < self.layer[v] else (v, u)
            if edge not in present:
                present.add(edge)
                self.edges.append(edge)
                self.succ[edge[0]].append(edge[1])
                self.pred[edge[1]].append(edge[0])
        return hooks

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
        from roadmap_app.domain.ordering import renumber

        self.pos = [0] * len(self.names)
        for i in range(len(self.layers)):
            renumber(self, i)

    # ------------------------------------------------------------------ ordering
    def crossings(self) -> int:
        from roadmap_app.domain.ordering import count_crossings

        return count_crossings(self)

    def order_layers(self, spec: LayoutSpec) -> None:
        from roadmap_app.domain.ordering import order_layers

        self.crossing_count = order_layers(self, spec.max_sweeps, spec.median_patience, spec.min_gain)

    def sort_into_lanes(self) -> None:
        """Each layer in category order (crossing order kept within a category); a dummy goes with the
        category of the skill its line leads to."""
        lane = list(self.group)
        for chain in self.chains.values():
            for dummy in chain[1:-1]:
                lane[dummy] = self.group[chain[-1]]
        for rank in self.layers:
            rank.sort(key=lambda v: (lane[v], self.pos[v]))
        self._renumber()
        self.crossing_count = self.crossings()

    # ------------------------------------------------------------------ coordinates
    def size(self, v: int, spec: LayoutSpec) -> float:
        return self.sizes.get(self.names[v], spec.node_height) if v < self.real_count else spec.dummy_size

    def place(self, spec: LayoutSpec, lanes: bool = False, fixed: frozenset[int] = frozenset()) -> list[float]:
        """Coordinates along the layers; fixed: nodes that must keep their layer (a hook's ends)."""
        from roadmap_app.domain.lp_placement import LARGEST_MODEL, lp_coordinates
        from roadmap_app.domain.packing import pack_components
        from roadmap_app.domain.sweep_placement import sweep_coordinates

        size = [self.size(v, spec) for v in range(len(self.names))]
        if lanes and len(self.names) <= LARGEST_MODEL:
            bands = {v: self.group[v] for v in range(self.real_count)}
            coords = lp_coordinates(self.layers, self.succ, self.real_count, size, spec.node_gap, bands,
                                    spec.lane_gap, spec.dummy_gap)
            if coords is not None:
                return coords
        coords = sweep_coordinates(self.layers, self.pred, self.succ, self.real_count, size, spec.node_gap,
                                   spec.dummy_gap)
        loose = frozenset(v for v in range(self.real_count) if not self.pred[v] and not self.succ[v]) - fixed
        packed = pack_components(self.layer, self.succ, size, coords, spec.node_gap, loose)
        if packed is not coords:  # parts moved past each other: the drawing's order, and its crossings
            self.layers = [[] for _ in self.layers]
            for v in range(len(self.names)):
                self.layers[self.layer[v]].append(v)
            for rank in self.layers:
                rank.sort(key=lambda v: packed[v])
            self._renumber()
            self.crossing_count = self.crossings()
        return packed


def _result(graph: _Graph, merged, coords: list[float], spec: LayoutSpec, nodes: list[str],
            edges: list[tuple[str, str]], soft_edges: list[tuple[str, str]], hooks: list[tuple[int, int]],
            groups: dict[str, int], collapsed: frozenset[int]) -> LayoutResult:
    low = min((coords[v] - graph.size(v, spec) / 2 for v in range(len(coords))), default=0.0)
    column = spec.node_width + spec.layer_gap

    def y(v: int) -> float:
        return coords[v] - low

    def left(v: int) -> float:
        return graph.layer[v] * column

    def route(u: int, v: int) -> list[Point]:
        """From u's right side to v's left side, straight through each dummy's slot in the columns between."""
        chain = graph.chains[(u, v)]
        points = [(left(u) + spec.node_width, y(u))]
        for dummy in chain[1:-1]:
            points += [(left(dummy), y(dummy)), (left(dummy) + spec.node_width, y(dummy))]
        points.append((left(v), y(v)))
        return points

    def drawn(u: int, v: int, backwards: bool) -> list[Point]:
        return route(v, u)[::-1] if backwards else route(u, v)

    out = LayoutResult(crossings=getattr(graph, "crossing_count", 0))
    for name in nodes:
        v = merged.node_of[name]
        out.positions[name] = (left(v) + spec.node_width / 2, y(v))
        out.layers[name] = graph.layer[v]
    for name in nodes:
        group = groups.get(name, 0)
        if group in collapsed:
            out.summaries[group] = out.positions[name]
    for source, target in edges:
        u, v = merged.node_of[source], merged.node_of[target]
        if u != v:
            out.routes[(source, target)] = drawn(u, v, (u, v) in merged.backwards)
    hooked = set(hooks)
    for source, target in soft_edges:
        u, v = merged.node_of[source], merged.node_of[target]
        if u == v:
            continue
        if (u, v) in hooked:
            x = left(u) + spec.node_width
            out.soft_routes[(source, target)] = [(x, y(u)), (x + spec.hook, y(u)), (x + spec.hook, y(v)), (x, y(v))]
        else:  # laid out as an edge, in its own direction or turned round
            out.soft_routes[(source, target)] = drawn(u, v, (u, v) not in graph.chains)
    out.width = (max(graph.layer[:graph.real_count], default=0) + 1) * column - spec.layer_gap
    out.height = max((y(v) + graph.size(v, spec) / 2 for v in range(graph.real_count)), default=0.0)
    return out
