"""Crossing reduction within layers: median sweeps while they pay, then sifting on per-layer crossing matrices.

Works on the layout's internal graph (layers of node indices, pred/succ, pos, group). Sifting knows
exactly how many crossings each move saves, so after the median sweeps the count is kept up to date
incrementally instead of being recounted. No BLAS: crossing matrices are built by summing rows of
prefix counts per edge, which is cheaper than a dense product for sparse layers and does not start
threads that fight other processes for the cores.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

NO_GROUP = 1 << 30  # sorts after every category (dummies have group -1)
MATRIX_CELLS = 8_000_000  # largest dense array for one layer (32 MB); wider layers keep their median order


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


class Orderer:
    """Reorders the graph's layers in place; positions are mirrored in a NumPy array for the matrices."""

    def __init__(self, graph: OrderedGraph):
        self.graph = graph
        self.positions = np.array(graph.pos, dtype=np.int64)
        self._edges: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray]] = {}
        self.group_key = np.array([g if g >= 0 else NO_GROUP for g in graph.group], dtype=np.int64)
        # Sifting a layer again moves nothing if it moved nothing last time and no layer it sees changed since.
        self._step = 0
        self._changed = [0] * len(graph.layers)  # step at which each layer last got a new order
        self._settled = [-1] * len(graph.layers)  # step at which sifting each layer last moved nothing

    def placed(self, i: int) -> None:
        """Layer i has a new order: update pos and its NumPy mirror."""
        rank = self.graph.layers[i]
        renumber(self.graph, i)
        self.positions[rank] = np.arange(len(rank))
        self._step += 1
        self._changed[i] = self._step

    def _still_settled(self, i: int) -> bool:
        settled, seen = self._settled[i], range(max(i - 1, 0), min(i + 2, len(self._changed)))
        return settled >= 0 and all(self._changed[j] < settled for j in seen)

    def restore(self, layers: list[list[int]]) -> None:
        self.graph.layers = [list(rank) for rank in layers]
        for i in range(len(layers)):
            self.placed(i)

    def sweep_medians(self, downward: bool) -> None:
        count = len(self.graph.layers)
        for i in range(1, count) if downward else range(count - 2, -1, -1):
            self._reorder(i, towards_pred=downward)

    def sweep_sifting(self, downward: bool) -> int:
        """Sift every layer once; returns the change in the total crossing count (never positive)."""
        count = len(self.graph.layers)
        indices = range(1, count) if downward else range(count - 2, -1, -1)
        return sum(self._sift(i) for i in indices)

    def _reorder(self, i: int, towards_pred: bool) -> None:
        """Sort layer i by the median position of each node's fixed neighbours (ties: mean, category, slot);
        nodes without any keep their slot."""
        sources, targets = self._edge_arrays(i, towards_pred)
        if not len(sources):
            return
        rank = np.array(self.graph.layers[i])
        slots, neighbour = self.positions[sources], self.positions[targets]
        by_slot = np.lexsort((neighbour, slots))
        slots, neighbour = slots[by_slot], neighbour[by_slot]
        counts = np.bincount(slots, minlength=len(rank))
        placed = np.flatnonzero(counts)  # slots whose nodes have fixed neighbours, left to right
        starts, n = (np.cumsum(counts) - counts)[placed], counts[placed]
        median = (neighbour[starts + (n - 1) // 2] + neighbour[starts + n // 2]) / 2
        mean = np.bincount(slots, weights=neighbour, minlength=len(rank))[placed] / n
        order = np.lexsort((placed, self.group_key[rank[placed]], mean, median))
        rank[placed] = rank[placed][order]
        self.graph.layers[i] = rank.tolist()
        self.placed(i)

    def count(self) -> int:
        """The graph's crossings: a 2D prefix count per pair of layers where that is small, else count_crossings's."""
        layers, total = self.graph.layers, 0
        for i in range(len(layers) - 1):
            sources, targets = self._edge_arrays(i, towards_pred=False)
            height, width = len(layers[i]), len(layers[i + 1])
            if len(sources) < 2:
                continue
            if height * width > min(512 * len(sources), MATRIX_CELLS):  # sparse: a sort-and-count is cheaper
                total += crossings_between(self.graph, i)
                continue
            cells = self.positions[sources] * width + self.positions[targets]
            edges = np.bincount(cells, minlength=height * width).reshape(height, width)
            above = np.cumsum(edges, axis=0) - edges  # edges from an earlier node into the same slot
            above_right = np.cumsum(above[:, ::-1], axis=1)[:, ::-1] - above  # ... into a later slot
            total += int((edges * above_right).sum())
        return total

    def _edge_arrays(self, i: int, towards_pred: bool) -> tuple[np.ndarray, np.ndarray]:
        """(node, neighbour) id pairs of layer i towards one side; edges never change, so cached."""
        key = (i, towards_pred)
        if key not in self._edges:
            neighbours = self.graph.pred if towards_pred else self.graph.succ
            rank = self.graph.layers[i]
            sources = [v for v in rank for _ in neighbours[v]]
            targets = [u for v in rank for u in neighbours[v]]
            self._edges[key] = (np.array(sources, dtype=np.int64), np.array(targets, dtype=np.int64))
        return self._edges[key]

    def _too_wide(self, i: int) -> bool:
        layers = self.graph.layers
        widest = max(len(layers[j]) + 1 for j in range(max(i - 1, 0), min(i + 2, len(layers))))
        return len(layers[i]) * widest > MATRIX_CELLS

    def crossing_matrix(self, i: int) -> np.ndarray:
        """C[a, b]: crossings between edges of the a-th and b-th node of layer i when a is left of b."""
        layers = self.graph.layers
        size = len(layers[i])
        total = np.zeros((size, size), dtype=np.int32)
        for towards_pred, j in ((True, i - 1), (False, i + 1)):
            if not 0 <= j < len(layers) or not layers[j]:
                continue
            sources, targets = self._edge_arrays(i, towards_pred)
            if not len(sources):
                continue
            rows, columns = self.positions[sources], self.positions[targets]
            before = np.zeros((len(layers[j]) + 1, size), dtype=np.int32)
            np.add.at(before, (columns + 1, rows), 1)
            np.cumsum(before, axis=0, out=before)  # before[p, b]: b's edges that end left of p
            # C[a, b] = sum over a's edges (a, p) of before[p, b]: add before's rows, a's k-th edges at once
            by_row = np.argsort(rows, kind="stable")
            rows, columns = rows[by_row], columns[by_row]
            first = np.concatenate(([True], rows[1:] != rows[:-1]))
            starts = np.flatnonzero(first)
            nth = np.arange(len(rows)) - np.repeat(starts, np.diff(np.append(starts, len(rows))))
            for k in range(int(nth.max()) + 1):
                chosen = nth == k
                total[rows[chosen]] += before[columns[chosen]]
        return total

    def _sift(self, i: int) -> int:
        """Move each node of layer i to the slot with the fewest crossings (both sides); returns the change."""
        graph = self.graph
        rank = graph.layers[i]
        size = len(rank)
        if size < 2 or self._still_settled(i) or self._too_wide(i):
            return 0
        matrix = self.crossing_matrix(i)
        gain = matrix - matrix.T  # gain[a, b]: change when a moves from right of b to left of it
        slot_of = np.arange(size)  # slot of the a-th node
        at_slot = np.arange(size)  # which node is at each slot
        prefix = np.zeros(size + 1, dtype=np.int64)
        change = 0
        degree = [len(graph.pred[v]) + len(graph.succ[v]) for v in rank]
        for row in sorted(range(size), key=lambda r: (-degree[r], r)):
            current = int(slot_of[row])
            np.cumsum(gain[row, at_slot], out=prefix[1:])
            # to slot p < current: prefix[current] - prefix[p]; to p > current: prefix[current+1] - prefix[p+1]
            best, best_cost = current, 0
            if current > 0:
                p = int(np.argmax(prefix[:current]))
                best, best_cost = p, int(prefix[current] - prefix[p])
            if current < size - 1:
                p = current + 1 + int(np.argmax(prefix[current + 2:]))
                cost = int(prefix[current + 1] - prefix[p + 1])
                if cost < best_cost:
                    best, best_cost = p, cost
            if best_cost >= 0:
                continue
            if best < current:
                at_slot[best + 1:current + 1] = at_slot[best:current].copy()
                low, high = best, current + 1
            else:
                at_slot[current:best] = at_slot[current + 1:best + 1].copy()
                low, high = current, best + 1
            at_slot[best] = row
            slot_of[at_slot[low:high]] = np.arange(low, high)
            change += best_cost
        if change:
            graph.layers[i] = [rank[r] for r in at_slot.tolist()]
            self.placed(i)
        else:
            self._step += 1
            self._settled[i] = self._step
        return change

    def group_categories(self, i: int) -> None:
        """Bubble same-category nodes together where a swap costs no crossing."""
        graph = self.graph
        rank = graph.layers[i]
        if len(rank) < 2 or self._too_wide(i):
            return
        matrix = self.crossing_matrix(i)
        index = {v: a for a, v in enumerate(rank)}
        group = graph.group
        for _ in range(len(rank)):
            swapped = False
            for j in range(len(rank) - 1):
                u, v = rank[j], rank[j + 1]
                if group[u] < 0 or group[v] < 0 or group[u] <= group[v]:
                    continue
                if matrix[index[v], index[u]] <= matrix[index[u], index[v]]:
                    rank[j], rank[j + 1] = v, u
                    swapped = True
            if not swapped:
                break
        self.placed(i)


def order_layers(graph: OrderedGraph, max_sweeps: int, median_patience: int, min_gain: float) -> int:
    """Median sweeps while they keep finding better orders, then sifting sweeps from the best one until they
    stop paying off; returns the crossings."""
    orderer = Orderer(graph)
    best, best_count = [list(rank) for rank in graph.layers], orderer.count()
    stale = 0
    for sweep in range(max_sweeps):
        if best_count == 0 or stale >= median_patience:
            break
        orderer.sweep_medians(downward=sweep % 2 == 0)
        count = orderer.count()
        if count < best_count:
            best, best_count, stale = [list(rank) for rank in graph.layers], count, 0
        else:
            stale += 1
    orderer.restore(best)
    count = best_count
    for sweep in range(max_sweeps):
        if count == 0:
            break
        gained = -orderer.sweep_sifting(downward=sweep % 2 == 0)
        count -= gained
        if gained < min_gain * max(count, 1):
            break
    for i in range(len(graph.layers)):
        orderer.group_categories(i)
    return orderer.count()
