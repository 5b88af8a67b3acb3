"""Every other layer of a layered graph at once: barycentres, crossing matrices and neighbour swaps in NumPy."""

from __future__ import annotations

import numpy as np

Array = np.ndarray


class LayerBatch:
    """Some layers of one parity, padded to one width so that NumPy works on all of them at once.

    Layers of one parity never share an edge, so reordering them together is the same as reordering them
    one after another. Each node keeps a fixed local id (its slot when the batch was made); `at[r, k]` is
    the local id in slot k of row r. Slot and local id `width - 1` are padding: never a node, no edges.
    Crossing matrices are flat: entry (r, a, b) at r*width*width + a*width + b counts the crossings between
    the edges of local ids a and b (to both neighbouring layers) when a is left of b.
    """

    def __init__(self, layer_ids: list[int], layers: list[list[int]], layer_of: Array, pos: Array,
                 tails: Array, heads: Array, sentinel: int):
        self.layer_ids = layer_ids
        rows = len(layer_ids)
        self.sizes = np.array([len(layers[i]) for i in layer_ids], dtype=np.int64)
        width = int(self.sizes.max()) + 1
        self.rows, self.width = rows, width
        self.row_base = (np.arange(rows, dtype=np.int64) * width)[:, None]
        self.matrix_base = self.row_base * width
        slots = np.arange(width, dtype=np.int64)
        self.slots = slots[None, :]
        self.real = self.slots < self.sizes[:, None]  # slots (and local ids) that hold a node
        self.at = np.where(self.real, self.slots, width - 1)
        self.tiled_slots = np.tile(slots, rows)
        nodes = np.concatenate([np.asarray(layers[i], dtype=np.int64) for i in layer_ids])
        self.members = np.full(rows * width, sentinel, dtype=np.int64)  # global id of each (row, local id)
        self.members[np.repeat(np.arange(rows), self.sizes) * width + pos[nodes]] = nodes
        row_of_layer = np.full(int(layer_of.max()) + 2, -1, dtype=np.int64)
        row_of_layer[layer_ids] = np.arange(rows)
        # each edge seen from its end in this batch: (row, local id, side, the other end)
        tail_row, head_row = row_of_layer[layer_of[tails]], row_of_layer[layer_of[heads]]
        down, up = tail_row >= 0, head_row >= 0
        row = np.concatenate((tail_row[down], head_row[up]))
        local = np.concatenate((pos[tails[down]], pos[heads[up]]))
        side = np.concatenate((np.ones(int(down.sum()), dtype=np.int64), np.zeros(int(up.sum()), dtype=np.int64)))
        other = np.concatenate((heads[down], tails[up]))
        flat = row * width + local
        by_node = np.argsort(flat, kind="stable")
        self.end_flat, self.end_other = flat[by_node], other[by_node]
        adjacent = [len(layers[j]) for i in layer_ids for j in (i - 1, i + 1) if 0 <= j < len(layers)]
        self.span = max(adjacent, default=0) + 1  # positions 0..span-1 in the prefix counts
        line = (side[by_node] * rows + row[by_node]) * self.span
        self.end_line = line  # the prefix-count line of this end's side and row
        self.end_cell = line * width + local[by_node]  # its own cell, at position 0
        self.count_cells = 2 * rows * self.span * width
        # the k-th end of every node, for adding prefix rows without collisions
        count = len(flat)
        if count:
            first = np.flatnonzero(np.concatenate(([True], self.end_flat[1:] != self.end_flat[:-1])))
            nth = np.arange(count) - np.repeat(first, np.diff(np.append(first, count)))
            self.nth = [np.flatnonzero(nth == k) for k in range(int(nth.max()) + 1)]
        else:
            self.nth = []
        keys = np.sort((self.end_flat * 2 + side[by_node]) * (sentinel + 1) + self.end_other)
        self.unique_ends = not bool((keys[1:] == keys[:-1]).any())  # no edge twice: one end per cell
        self._before: Array | None = None
        self._matrix = np.empty(0, dtype=np.int32)
        self.degree = np.bincount(self.end_flat, minlength=rows * width).reshape(rows, width)
        self.lone = bool((self.real & (self.degree == 0)).any())

    # ------------------------------------------------------------------ positions
    def write_positions(self, pos: Array) -> None:
        pos[self.members[(self.row_base + self.at).ravel()]] = self.tiled_slots

    def layer_orders(self) -> list[tuple[int, list[int]]]:
        nodes = self.members[self.row_base + self.at]
        return [(layer, nodes[r, :self.sizes[r]].tolist()) for r, layer in enumerate(self.layer_ids)]

    # ------------------------------------------------------------------ barycentres
    def barycentres(self, pos: Array, tie: Array | None = None) -> None:
        """Sort each layer by the mean position of its nodes' neighbours on both sides (ties: `tie` by local
        id, then slot); nodes without neighbours keep their slots."""
        sums = np.bincount(self.end_flat, weights=pos[self.end_other], minlength=self.rows * self.width)
        with np.errstate(invalid="ignore", divide="ignore"):
            key = (sums.reshape(self.rows, self.width) / self.degree)[np.arange(self.rows)[:, None], self.at]
        fixed = ~self.real | np.isnan(key) if self.lone else ~self.real
        key[fixed] = np.inf
        if tie is None:
            order = np.argsort(key, axis=1, kind="stable")
        else:
            order = np.lexsort((np.take_along_axis(tie, self.at, 1), key), axis=1)
        if not self.lone:
            self.at = np.take_along_axis(self.at, order, 1)
            return
        moved = np.empty_like(self.at)  # nodes with neighbours into their own slots, in the new order
        np.put_along_axis(moved, np.argsort(fixed, axis=1, kind="stable"), np.take_along_axis(self.at, order, 1), 1)
        self.at = moved

    # ------------------------------------------------------------------ crossing matrices
    def matrix(self, pos: Array) -> Array:
        """Crossing matrices of all rows, flat (see the class docstring), in a buffer the next call reuses."""
        width = self.width
        x = pos[self.end_other]
        if self._before is None:  # buffers, allocated once: fresh large arrays each time cost page faults
            self._before = np.zeros(self.count_cells, dtype=np.int32)
            self._matrix = np.zeros(self.rows * width * width, dtype=np.int32)
        before, matrix = self._before, self._matrix.reshape(-1, width)
        before.fill(0)
        if self.unique_ends:
            before[self.end_cell + (x + 1) * width] = 1
        else:
            np.add.at(before, self.end_cell + (x + 1) * width, 1)
        lines = before.reshape(-1, self.span, width)
        np.cumsum(lines, axis=1, out=lines)  # before[line, x, b]: b's edges on that side left of x
        before_rows = before.reshape(-1, width)
        at_x = self.end_line + x
        matrix.fill(0)
        for chosen in self.nth:
            matrix[self.end_flat[chosen]] += before_rows[at_x[chosen]]
        return self._matrix

    def _pairs(self, first: Array, second: Array) -> Array:
        return self.matrix_base + first * self.width + second

    def count(self, matrix: Array) -> int:
        """Crossings on both sides of these layers, in the current order."""
        slot_of = np.empty_like(self.at)
        np.put_along_axis(slot_of, self.at, np.broadcast_to(self.slots, self.at.shape), 1)
        left_of = slot_of[:, :, None] < slot_of[:, None, :]
        return int(np.einsum("i,i->", matrix, left_of.ravel(), dtype=np.int64))

    # ------------------------------------------------------------------ local moves
    def swap_neighbours(self, matrix: Array, max_passes: int) -> int:
        """Swap neighbours, odd and even pairs in turn, where that removes crossings or keeps their number
        (when some are involved: a step off a plateau); each row stops after a pass that removes none in it,
        so a row ends the same whichever rows share its batch. Returns the crossings removed."""
        at, width, base, removed = self.at, self.width, self.matrix_base, 0
        active = np.ones((self.rows, 1), dtype=bool)
        for _ in range(max_passes):
            gained = np.zeros(self.rows, dtype=np.int64)
            for start in (0, 1):
                left, right = at[:, start:-1:2], at[:, start + 1::2]
                keep = matrix.take(base + left * width + right)
                swapped = matrix.take(base + right * width + left)
                swap = (swapped <= keep) & (keep > 0) & active
                if swap.any():
                    gained += np.where(swap, keep - swapped, 0).sum(axis=1)
                    left_copy = left.copy()
                    np.copyto(left, right, where=swap)
                    np.copyto(right, left_copy, where=swap)
            removed += int(gained.sum())
            active = (gained > 0)[:, None]
            if not active.any():
                break
        return removed

    def group_categories(self, matrix: Array, group: Array) -> None:
        """Swap neighbours into category order (`group` by local id, -1 for none) where that costs no crossing."""
        at = self.at
        for _ in range(self.width):
            moved = False
            for start in (0, 1):
                left, right = at[:, start:-1:2], at[:, start + 1::2]
                first, second = np.take_along_axis(group, left, 1), np.take_along_axis(group, right, 1)
                swap = (first >= 0) & (second >= 0) & (first > second)
                swap &= matrix[self._pairs(right, left)] <= matrix[self._pairs(left, right)]
                if swap.any():
                    moved = True
                    new_left = np.where(swap, right, left)
                    at[:, start + 1::2] = np.where(swap, left, right)
                    at[:, start:-1:2] = new_left
            if not moved:
                break
