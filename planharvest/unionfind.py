"""Union-find (disjoint sets) over the integers 0..n-1: join pairs, then read the groups.

Used wherever pairwise evidence ("these two meet", "these two are spelt alike")
must become groups: the rules of a drawn grid, a batch's owner spellings.
"""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of ``range(size)`` with path halving."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, item: int) -> int:
        """The representative of ``item``'s set."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        """Join the sets of ``first`` and ``second``."""
        self._parent[self.root(first)] = self.root(second)

    def groups(self) -> list[list[int]]:
        """Every set as its members in ascending order, sets ordered by their least member."""
        groups: dict[int, list[int]] = {}
        for item in range(len(self._parent)):
            groups.setdefault(self.root(item), []).append(item)
        return list(groups.values())
