"""Crossing reduction within layers: a smooth start, then barycentres and neighbour swaps on every other layer at once.

Works on the layout's internal graph (layers of node indices, pred/succ, pos, group). The start is a
breadth-first order (as Graphviz dot's) smoothed by 150 averaging steps over the whole graph
(spectral_order.py), which finds the long-range arrangement that layer-by-layer sweeps miss on deep
graphs. Then a few iterations: the layers of one parity sorted by the mean position of their neighbours
on both sides, then those of the other parity; then neighbours swapped where that removes crossings, or
keeps them (to get off plateaus), judged on exact crossing matrices, one parity after the other. Layers
of one parity share no edge, so each step handles all of them at once in NumPy (layer_batches.py)
instead of looping over layers in Python. The best order seen is kept, never worse than the given one.
No BLAS: no threads to fight other processes for the cores. Deterministic: stable sorts, ties broken by
category, then slot.
"""

from __future__ import annotations

from collections import deque
from itertools import chain
from typing import Protocol

import numpy as np

from roadmap_app.domain.layer_batches import LayerBatch
from roadmap_app.domain.spectral_order import smooth_positions

NO_GROUP = 1 << 30  # sorts after every category (dummies have group -1)
MATRIX_CELLS = 8_000_000  # largest dense array for one layer; wider layers keep their barycentre order
BATCH_CELLS = 2_000_000  # layers padded into one batch: rows x width x neighbours' width, at most
ITERATIONS = 4  # barycentre-and-swap iterations after the smooth start, at most
SWAP_PASSES = 4  # odd-and-even passes of neighbour swaps on one parity, at most

Orders = list[list[np.ndarray]]


class OrderedGraph(Protocol):
    """What crossing reduction reads from and rearranges in the layout's graph."""

    layers: list[list[int]]
    pred: list[list[int]]
    succ: list[list[int]]
    pos: list[int]
    group: list[int]


def renumber(graph: OrderedGraph, i: int) -> None:
    for j, v in enumerate(graph.layers[i]):
        graph.pos[v] = j


def count_crossings(graph: OrderedGraph) -> int:
    return sum(crossings_between(graph, i) for i in range(len(graph.layers) - 1))


def crossings_between(graph: OrderedGraph, i: int) -> int:
    """Inversions among edges between layer i and i+1 (Fenwick tree count)."""
    pos, succ = graph.pos, graph.succ
    size = len(graph.layers[i + 1])
    pairs = sorted((pos[u], pos[w]) for u in graph.layers[i] for w in succ[u])
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


def breadth_first_layers(graph: OrderedGraph, layer_of: list[int]) -> list[list[int]]:
    """Each layer in the order a breadth-first walk from the sources (in node order) reaches its nodes."""
    seen = [False] * len(graph.pred)
    layers: list[list[int]] = [[] for _ in graph.layers]
    for source, pred in enumerate(graph.pred):
        if seen[source] or pred:
            continue
        seen[source] = True
        queue = deque([source])
        while queue:
            v = queue.popleft()
            layers[layer_of[v]].append(v)
            for w in graph.succ[v]:
                if not seen[w]:
                    seen[w] = True
                    queue.append(w)
    return layers


class Orderer:
    """The graph's layers as batches of every other layer, with node positions in one NumPy array."""

    def __init__(self, graph: OrderedGraph):
        self.graph = graph
        layers = graph.layers
        count = len(graph.pred)
        self.pos = np.zeros(count + 1, dtype=np.int64)  # the last entry is the padding's
        self.pos[:count] = graph.pos
        self.local = self.pos.copy()  # a node's local id in its batch: its slot now
        self.layer_of = np.zeros(count, dtype=np.int64)
        self.layer_of[np.fromiter(chain.from_iterable(layers), dtype=np.int64, count=count)] = np.repeat(
            np.arange(len(layers)), list(map(len, layers)))
        degrees = list(map(len, graph.succ))
        self.heads = np.fromiter(chain.from_iterable(graph.succ), dtype=np.int64, count=sum(degrees))
        self.tails = np.repeat(np.arange(count), degrees)
        self.too_wide = [self._too_wide(i) for i in range(len(layers))]
        layer_of = np.append(self.layer_of, len(layers))
        self.parities = [[LayerBatch(chosen, layers, layer_of, self.pos, self.tails, self.heads, count)
                          for chosen in self._chunks([i for i in range(parity, len(layers), 2) if layers[i]])]
                         for parity in (0, 1)]
        self.counting = 1 if self.parities[1] else 0  # every edge has one end on a layer of each parity
        self.grouped = len({g for g in graph.group if g >= 0}) > 1
        self.ties: list[list[np.ndarray | None]] = [[None] * len(batches) for batches in self.parities]
        if self.grouped:  # ties in barycentre order broken by category (dummies last)
            group_key = np.array([*graph.group, NO_GROUP], dtype=np.int64)
            group_key[group_key < 0] = NO_GROUP
            self.ties = [[group_key[b.members].reshape(b.rows, b.width) for b in batches] for batches in self.parities]

    def _too_wide(self, i: int) -> bool:
        layers = self.graph.layers
        widest = max(len(layers[j]) + 1 for j in range(max(i - 1, 0), min(i + 2, len(layers))))
        return len(layers[i]) * widest > MATRIX_CELLS

    def _chunks(self, indices: list[int]) -> list[list[int]]:
        """Consecutive layers of one parity grouped so that each group's padded arrays stay small; a layer too
        wide for a crossing matrix alone."""
        layers = self.graph.layers
        chunks: list[list[int]] = []
        widest = 0
        for i in indices:
            near = max(len(layers[j]) for j in range(max(i - 1, 0), min(i + 2, len(layers)))) + 1
            width = max(widest, near)
            if chunks and not self.too_wide[i] and not self.too_wide[chunks[-1][0]] and (
                    len(chunks[-1]) + 1) * width * width <= BATCH_CELLS:
                chunks[-1].append(i)
                widest = width
            else:
                chunks.append([i])
                widest = near
        return chunks

    # ------------------------------------------------------------------ orders
    def save(self) -> Orders:
        return [[b.at.copy() for b in batches] for batches in self.parities]

    def restore(self, saved: Orders) -> None:
        for batches, orders in zip(self.parities, saved, strict=True):
            for batch, at in zip(batches, orders, strict=True):
                batch.at = at.copy()
                batch.write_positions(self.pos)

    def arrange(self, layers: list[list[int]] | list[np.ndarray]) -> None:
        """Put every layer in the given order (of the same nodes)."""
        for batches in self.parities:
            for batch in batches:
                for r, i in enumerate(batch.layer_ids):
                    batch.at[r, :batch.sizes[r]] = self.local[layers[i]]
                batch.write_positions(self.pos)

    def smooth_start(self) -> None:
        """Breadth-first order, smoothed (spectral_order.py); ties keep the breadth-first order."""
        layers = breadth_first_layers(self.graph, self.layer_of.tolist())
        self.arrange(layers)
        start = self.pos[:-1] - ((np.bincount(self.layer_of) - 1) / 2)[self.layer_of]
        smooth = smooth_positions(self.layer_of, len(layers), self.tails, self.heads, start)
        order = np.lexsort((self.pos[:-1], smooth, self.layer_of))
        sizes = [len(rank) for rank in layers]
        self.arrange(np.split(order, np.cumsum(sizes)[:-1]))

    def write_back(self) -> None:
        """Copy the orders into the graph's layers and pos."""
        for batches in self.parities:
            for batch in batches:
                for i, order in batch.layer_orders():
                    self.graph.layers[i] = order
        self.graph.pos[:] = self.pos[:-1].tolist()

    # ------------------------------------------------------------------ steps
    def barycentres(self, parity: int) -> None:
        for batch, tie in zip(self.parities[parity], self.ties[parity], strict=True):
            batch.barycentres(self.pos, tie)
            batch.write_positions(self.pos)

    def matrices(self, parity: int) -> list[np.ndarray | None]:
        return [None if self.too_wide[b.layer_ids[0]] else b.matrix(self.pos) for b in self.parities[parity]]

    def swap_neighbours(self, parity: int) -> list[np.ndarray | None]:
        """Neighbour swaps on the layers of one parity; returns the crossing matrices they used."""
        matrices = self.matrices(parity)
        for batch, matrix in zip(self.parities[parity], matrices, strict=True):
            if matrix is not None:
                batch.swap_neighbours(matrix, SWAP_PASSES)
                batch.write_positions(self.pos)
        return matrices

    def count(self, matrices: list[np.ndarray | None] | None = None) -> int:
        """All crossings, from the counting parity's matrices (given: built since the other parity last moved)."""
        batches = self.parities[self.counting]
        if matrices is None:
            matrices = self.matrices(self.counting)
        total = 0
        for batch, matrix in zip(batches, matrices, strict=True):
            if matrix is not None:
                total += batch.count(matrix)
            else:  # a layer too wide for a matrix: count the edges on its two sides directly
                self.write_back()
                i = batch.layer_ids[0]
                total += sum(crossings_between(self.graph, gap) for gap in (i - 1, i)
                             if 0 <= gap < len(self.graph.layers) - 1)
        return total

    def group_categories(self) -> None:
        """Same-category nodes swapped together where a swap costs no crossing, one parity after the other."""
        groups = np.array([*self.graph.group, -1], dtype=np.int64)
        for parity in (0, 1):
            for batch, matrix in zip(self.parities[parity], self.matrices(parity), strict=True):
                if matrix is not None:
                    batch.group_categories(matrix, groups[batch.members].reshape(batch.rows, batch.width))
                    batch.write_positions(self.pos)


def order_layers(graph: OrderedGraph, max_sweeps: int, median_patience: int, min_gain: float) -> int:
    """Reorder the graph's layers to reduce crossings; returns the crossings.

    A smooth start, then at most min(max_sweeps, ITERATIONS) iterations, stopping after median_patience
    in a row that did not find an order with min_gain (a share) fewer crossings than the best so far.
    """
    if not any(len(rank) > 1 for rank in graph.layers):
        return count_crossings(graph)
    orderer = Orderer(graph)
    best, best_count = orderer.save(), orderer.count()
    if best_count:
        orderer.smooth_start()  # not counted: the first iteration improves on it
    stale = 0
    other = 1 - orderer.counting
    for sweep in range(min(max_sweeps, ITERATIONS)):
        if best_count == 0 or stale >= median_patience:
            break
        stale += 1
        first = sweep % 2
        orderer.barycentres(first)
        orderer.barycentres(1 - first)
        orderer.swap_neighbours(other)
        count = orderer.count(orderer.swap_neighbours(orderer.counting))
        if count < best_count:
            if count < (1 - min_gain) * best_count:
                stale = 0
            best, best_count = orderer.save(), count
    orderer.restore(best)
    if orderer.grouped:
        orderer.group_categories()
        best_count = orderer.count()
    orderer.write_back()
    return best_count
