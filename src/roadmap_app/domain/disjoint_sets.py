"""Disjoint sets (union-find with path halving): which nodes have been joined so far."""

from __future__ import annotations


class DisjointSets:
    def __init__(self, count: int):
        self.parent = list(range(count))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: int, b: int) -> bool:
        """Put a's set into b's; False when they were one set already."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return False
        self.parent[a] = b
        return True
