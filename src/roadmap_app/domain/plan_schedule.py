"""Fit the skills of a plan into weeks: a critical-path track and an intended-order track, no slivers.

Two tracks share each day's hours. The critical track works on the ready skill with the longest
remaining chain after it; the order track on the ready skill whose turn comes first in the file
(its rank: its own position, or the earliest position among what it leads to), preferring a
category the other track is not on. A skill starts only after its prerequisites are finished;
before a skill starts, the skills it recommends that are planned, ready and not started yet go
first (a soft order: they are ready, so no hour waits for them). Within one slot (a day with
weekday hours, the week otherwise) a skill gets at least MIN_PIECE_MINUTES unless that finishes
it; time that would only make a smaller piece goes to a skill already studied in the slot, to a
ready skill it finishes, or stays unused.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from roadmap_app.domain.roadmap import Roadmap

if TYPE_CHECKING:
    from roadmap_app.domain.planner import Capacity

MIN_PIECE_MINUTES = 30
NEAR_CRITICAL = 0.9
CANDIDATES = 6
CRITICAL, ORDER = 0, 1  # the two tracks

Entry = tuple[int, int, str]  # (key: -minutes on the longest chain, or rank; file position; node id)


@dataclass(frozen=True)
class PlanItem:
    node: str
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass
class PlanWeek:
    index: int
    start: date
    items: list[PlanItem] = field(default_factory=list)
    sessions: list[tuple[date, str, int]] = field(default_factory=list)  # (day, node, minutes)

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    def add(self, node: str, minutes: int) -> None:
        """Add study time; items stay in the order each node was first studied this week."""
        for i, item in enumerate(self.items):
            if item.node == node:
                self.items[i] = PlanItem(node, item.minutes + minutes)
                return
        self.items.append(PlanItem(node, minutes))


def chain_priorities(roadmap: Roadmap, remaining: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """Per planned node: minutes on the longest chain it starts, and its rank in the intended (file) order."""
    position = {node.id: i for i, node in enumerate(roadmap.nodes)}
    order = [node.id for node in roadmap.nodes if node.id in remaining]
    indegree = {n: sum(1 for r in roadmap.node(n).requires if r in remaining) for n in order}
    queue = [n for n in order if indegree[n] == 0]
    topo = []
    while queue:
        current = queue.pop()
        topo.append(current)
        for nxt in roadmap.unlocks[current]:
            if nxt in remaining:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    queue.append(nxt)
    tail: dict[str, int] = {}
    rank: dict[str, int] = {}
    for node_id in reversed(topo):  # dependents before their prerequisites
        after = [n for n in roadmap.unlocks[node_id] if n in remaining]
        tail[node_id] = remaining[node_id] + max((tail[n] for n in after), default=0)
        rank[node_id] = min([position[node_id], *(rank[n] for n in after)])
    return tail, rank


def schedule(roadmap: Roadmap, remaining: dict[str, int], capacity: Capacity, start: date,
             priorities: tuple[dict[str, int], dict[str, int]]) -> tuple[list[PlanWeek], date | None]:
    """The weeks of the plan and the day its last skill is finished (None when nothing is planned).

    priorities: what chain_priorities() gives for the same roadmap and remaining minutes.
    """
    if not remaining:
        return [], None
    return _Scheduler(roadmap, remaining, capacity, priorities).run(start)


class _Scheduler:
    def __init__(self, roadmap: Roadmap, remaining: dict[str, int], capacity: Capacity,
                 priorities: tuple[dict[str, int], dict[str, int]]) -> None:
        self.roadmap, self.capacity = roadmap, capacity
        self.tail, self.rank = priorities
        self.position = {node.id: i for i, node in enumerate(roadmap.nodes)}
        planned = [node for node in roadmap.nodes if node.id in remaining]
        self.category = {node.id: node.category for node in planned}
        self.recommends = {node.id: [r for r in node.recommends if r in remaining and r != node.id] for node in planned}
        self.waiting = {node.id: sum(1 for r in node.requires if r in remaining) for node in planned}
        self.planned, self.left = remaining, dict(remaining)
        self.started: set[str] = set()  # on a track or finished; entries of these in the heaps are stale
        self.heaps: tuple[list[Entry], list[Entry]] = ([], [])
        self.tracks: list[str | None] = [None, None]
        self.finish: date | None = None
        for n in remaining:
            if self.waiting[n] == 0:
                self._make_ready(n)

    def run(self, start: date) -> tuple[list[PlanWeek], date | None]:
        weeks: list[PlanWeek] = []
        while self.left:
            week = PlanWeek(len(weeks) + 1, start + timedelta(days=7 * len(weeks)))
            for day, budget in self.capacity.slots(week.start):
                self._fill_slot(week, day, budget)
            weeks.append(week)
        return weeks, self.finish

    def _entry(self, track: int, node: str) -> Entry:
        return (-self.tail[node] if track == CRITICAL else self.rank[node], self.position[node], node)

    def _make_ready(self, node: str) -> None:
        for track in (CRITICAL, ORDER):
            heapq.heappush(self.heaps[track], self._entry(track, node))

    def _fill_slot(self, week: PlanWeek, day: date, budget: int) -> None:
        free, floor = budget, min(MIN_PIECE_MINUTES, budget)
        in_slot: dict[str, int] = {}
        while free > 0 and self.left:
            self._fill_tracks(week)
            grants = self._even_shares(free, floor, in_slot) or self._one_taker(free, floor)
            if not grants:
                return  # only a sliver would fit: the rest of the slot stays unused
            for track, node, share in grants:
                minutes = min(share, free)  # an even share of one minute each can be more than is free
                if minutes == 0:
                    continue
                week.add(node, minutes)
                week.sessions.append((day, node, minutes))
                free -= minutes
                in_slot[node] = in_slot.get(node, 0) + minutes
                self.left[node] -= minutes
                if self.left[node] == 0:
                    self._finished(node, track, week, day)

    def _even_shares(self, free: int, floor: int, in_slot: dict[str, int]) -> list[tuple[int | None, str, int]]:
        """The free minutes split evenly over the tracks, leaving out a skill whose share would be a sliver."""
        active = [(t, n) for t, n in enumerate(self.tracks) if n is not None]
        while active:
            share = max(1, free // len(active))
            fitting = [(t, n) for t, n in active if n in in_slot or _whole_enough(share, floor, self.left[n])]
            if len(fitting) == len(active):
                return [(t, n, min(share, self.left[n])) for t, n in active]
            active = fitting
        return []

    def _one_taker(self, free: int, floor: int) -> list[tuple[int | None, str, int]]:
        """All free minutes to one skill: a track's (one already begun first), or a ready skill they finish."""
        active = sorted(((t, n) for t, n in enumerate(self.tracks) if n is not None),
                        key=lambda entry: (entry[1] not in self._begun(), entry[0]))
        for t, n in active:
            if _whole_enough(free, floor, self.left[n]):
                return [(t, n, min(free, self.left[n]))]
        for _, _, n in sorted(self.heaps[ORDER]):
            if n not in self.started and self.left[n] <= free:
                self.started.add(n)
                return [(None, n, self.left[n])]
        if not active and not any(n not in self.started for _, _, n in self.heaps[ORDER]):
            raise ValueError("nothing is ready to study: the prerequisites form a cycle")
        return []

    def _begun(self) -> set[str]:
        return {n for n in self.tracks if n is not None and self.left[n] < self.planned[n]}

    def _finished(self, node: str, track: int | None, week: PlanWeek, day: date) -> None:
        del self.left[node]
        self.finish = day if self.capacity.by_weekday else _day_in_week(week, self.capacity)
        if track is not None:
            self.tracks[track] = None
        for nxt in self.roadmap.unlocks[node]:
            if nxt in self.waiting:
                self.waiting[nxt] -= 1
                if self.waiting[nxt] == 0:
                    self._make_ready(nxt)

    def _fill_tracks(self, week: PlanWeek) -> None:
        for track in (CRITICAL, ORDER):
            if self.tracks[track] is not None:
                continue
            busy = {self.category[n] for n in self.tracks if n is not None}
            if track == CRITICAL:
                node = self._pick(track, busy | {self.category[i.node] for i in week.items}, busy,
                                  _near(self._critical_threshold()))
            else:
                node = self._pick(track, busy, busy, lambda entry: False)
            if node is None:
                continue
            first = self._recommended_first(node)
            if first != node:  # the picked skill waits in its track's order for another turn
                heapq.heappush(self.heaps[track], self._entry(track, node))
            self.started.add(first)
            self.tracks[track] = first

    def _critical_threshold(self) -> float:
        heap = self.heaps[CRITICAL]
        while heap and heap[0][2] in self.started:
            heapq.heappop(heap)
        return -heap[0][0] * NEAR_CRITICAL if heap else 0

    def _pick(self, track: int, avoid: set[str], forbid: set[str], near: Callable[[Entry], bool]) -> str | None:
        """The first ready node of the track's order; among the first few, prefer a category not in avoid.

        A category in forbid (the other track's) is taken only when none of the first few has another.
        """
        heap = self.heaps[track]
        top: list[Entry] = []
        while heap and len(top) < CANDIDATES:
            entry = heap[0]
            if entry[2] in self.started:
                heapq.heappop(heap)
                continue
            if top and not near(entry) and not all(self.category[e[2]] in forbid for e in top):
                break
            top.append(heapq.heappop(heap))
        if not top:
            return None
        chosen = (next((e for e in top if self.category[e[2]] not in avoid), None)
                  or next((e for e in top if self.category[e[2]] not in forbid), None) or top[0])
        for entry in top:
            if entry is not chosen:
                heapq.heappush(heap, entry)
        return chosen[2]

    def _recommended_first(self, node: str) -> str:
        """A skill this one recommends that is planned, ready and not started yet goes first (then its own)."""
        seen = {node}
        while True:
            due = [r for r in self.recommends[node]
                   if r in self.left and r not in self.started and self.waiting[r] == 0 and r not in seen]
            if not due:
                return node
            node = min(due, key=self.position.__getitem__)
            seen.add(node)


def _near(threshold: float) -> Callable[[Entry], bool]:
    """Whether a critical-track entry's chain is within NEAR_CRITICAL of the longest."""
    return lambda entry: -entry[0] >= threshold


def _whole_enough(minutes: int, floor: int, left: int) -> bool:
    """Whether a new piece of at most `minutes` is no sliver: at least `floor` long, or the skill's whole rest."""
    return min(minutes, left) >= min(floor, left)


def _day_in_week(week: PlanWeek, capacity: Capacity) -> date:
    """With a weekly budget, the day by which the week's work so far is done, spread evenly."""
    days = max(1, -(-7 * week.minutes // capacity.week_minutes))
    return week.start + timedelta(days=min(7, days) - 1)
