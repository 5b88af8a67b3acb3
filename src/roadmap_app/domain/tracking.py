"""Progress of one roadmap kept in step with its stored rows: apply a change, get the skills it touched."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from roadmap_app.domain.progress import ArchivedEntry, NodeState, ProgressSnapshot, Status
from roadmap_app.domain.records import Change, EventRecord, NodeRecord, Record, ResourceRecord, RowChange, SessionRecord
from roadmap_app.domain.roadmap import Roadmap

_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class ProgressRecords:
    """Every stored row of one roadmap's progress, keyed by the node id it was stored under."""

    roadmap_id: str
    nodes: dict[str, NodeRecord] = field(default_factory=dict)
    resources: dict[str, dict[str, ResourceRecord]] = field(default_factory=lambda: defaultdict(dict))
    sessions: dict[str, dict[str, SessionRecord]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def from_rows(cls, roadmap_id: str, rows: list[Record]) -> ProgressRecords:
        records = cls(roadmap_id)
        for row in rows:
            records.put(row.key, row)
        return records

    def all_rows(self) -> dict[tuple, Record]:
        rows: dict[tuple, Record] = {r.key: r for r in self.nodes.values()}
        for by_key in self.resources.values():
            rows.update((r.key, r) for r in by_key.values())
        for by_uid in self.sessions.values():
            rows.update((r.key, r) for r in by_uid.values())
        return rows

    def put(self, key: tuple, row: Record | None) -> None:
        """Store a row (or remove the row with that key when row is None)."""
        kind = key[0]
        if kind == "node":
            if row is None:
                self.nodes.pop(key[2], None)
            else:
                assert isinstance(row, NodeRecord)
                self.nodes[row.node_id] = row
        elif kind == "resource":
            if row is None:
                self.resources[key[2]].pop(key[3], None)
            else:
                assert isinstance(row, ResourceRecord)
                self.resources[row.node_id][row.resource_key] = row
        elif kind == "session":
            for by_uid in self.sessions.values():
                by_uid.pop(key[1], None)
            if row is not None:
                assert isinstance(row, SessionRecord)
                self.sessions[row.node_id][row.uid] = row

    def diff(self, newer: ProgressRecords) -> list[RowChange]:
        """The row changes that turn these records into `newer` (used when the database changed outside)."""
        mine, theirs = self.all_rows(), newer.all_rows()
        changes = [RowChange(mine.get(k), theirs.get(k)) for k in mine.keys() | theirs.keys()
                   if mine.get(k) != theirs.get(k)]
        return sorted(changes, key=lambda c: repr(c.key))

    def stored_ids(self) -> set[str]:
        with_resources = {n for n, r in self.resources.items() if r}
        return set(self.nodes) | with_resources | {n for n, s in self.sessions.items() if s}


class ProgressTotals:
    """Counts by status and estimated hours done per category, kept up to date one skill at a time."""

    def __init__(self, roadmap: Roadmap, snapshot: ProgressSnapshot):
        self.roadmap = roadmap
        self.counts = {status: 0 for status in Status}
        self.done_hours = {c.id: 0.0 for c in roadmap.categories}
        self.counted_hours = dict(self.done_hours)
        self.nodes_in = {c.id: 0 for c in roadmap.categories}
        for node in roadmap.nodes:
            self.nodes_in[node.category] = self.nodes_in.get(node.category, 0) + 1
            self.add(node.id, snapshot.status(node.id), +1)

    def add(self, node_id: str, status: Status, sign: int) -> None:
        """Count a skill in (sign +1) or out (sign -1) with the given status."""
        node = self.roadmap.node(node_id)
        self.counts[status] += sign
        if status is not Status.SKIPPED:
            self.counted_hours[node.category] = self.counted_hours.get(node.category, 0.0) + sign * node.hours
            if status is Status.DONE:
                self.done_hours[node.category] = self.done_hours.get(node.category, 0.0) + sign * node.hours

    def percent_complete(self) -> float:
        """Done hours over all hours, by estimate; skipped skills count as neither done nor remaining."""
        total = sum(self.counted_hours.values())
        return 100.0 * sum(self.done_hours.values()) / total if total > 1e-9 else (100.0 if self.roadmap.nodes else 0.0)

    def category_percent(self) -> dict[str, float]:
        return {c.id: (100.0 * self.done_hours[c.id] / self.counted_hours[c.id] if self.counted_hours[c.id] > 1e-9
                       else (100.0 if self.nodes_in[c.id] else 0.0)) for c in self.roadmap.categories}


class TrackedProgress:
    """A roadmap's stored rows and the snapshot resolved from them, updated together change by change."""

    def __init__(self, roadmap: Roadmap, records: ProgressRecords):
        self.roadmap = roadmap
        self.records = records
        self.snapshot = ProgressSnapshot(roadmap)
        for current in {self._current(s) for s in records.stored_ids()} - {None}:
            self._recompute(current)  # type: ignore[arg-type]
        self._recompute_archived()
        self.totals = ProgressTotals(roadmap, self.snapshot)

    def _current(self, stored_id: str) -> str | None:
        return self.roadmap.resolve(stored_id)

    def apply(self, change: Change) -> set[str]:
        """Apply a committed change; returns the current ids of the skills whose state changed."""
        return self.apply_rows(change.rows)

    def apply_rows(self, rows: tuple[RowChange, ...] | list[RowChange]) -> set[str]:
        touched_stored: set[str] = set()
        for row_change in rows:
            row = row_change.row
            if row.roadmap_id != self.roadmap.id or isinstance(row, EventRecord):
                continue
            self.records.put(row_change.key, row_change.after)
            touched_stored.add(row.node_id)
        touched = {c for c in (self._current(s) for s in touched_stored) if c is not None}
        for current in touched:
            self.totals.add(current, self.snapshot.status(current), -1)
            self._recompute(current)
            self.totals.add(current, self.snapshot.status(current), +1)
        if any(self._current(s) is None for s in touched_stored):
            self._recompute_archived()
        return touched

    def sessions(self, node_id: str) -> list[SessionRecord]:
        """Study sessions of a skill (under its current id and former ids), oldest first."""
        found = [s for stored in self._stored_ids_of(node_id) for s in self.records.sessions.get(stored, {}).values()]
        return sorted(found, key=lambda s: (s.day, s.created_at, s.uid))

    def _stored_ids_of(self, node_id: str) -> list[str]:
        node = self.roadmap.node(node_id)
        return [node.id, *node.aliases]

    def _state_of(self, stored_id: str) -> NodeState | None:
        row = self.records.nodes.get(stored_id)
        resources = self.records.resources.get(stored_id) or {}
        sessions = self.records.sessions.get(stored_id) or {}
        if row is None and not resources and not sessions:
            return None
        state = NodeState() if row is None else NodeState(row.status, row.started_at, row.finished_at, row.notes,
                                                          set(), 0, row.updated_at)
        state.done_resources = set(resources)
        state.minutes = sum(s.minutes for s in sessions.values())
        return state

    def _recompute(self, current: str) -> None:
        merged: NodeState | None = None
        for stored in sorted(self._stored_ids_of(current)):
            state = self._state_of(stored)
            if state is not None:
                merged = state if merged is None else merge_states(merged, state)
        if merged is None:
            self.snapshot.states.pop(current, None)
        else:
            self.snapshot.states[current] = merged

    def _recompute_archived(self) -> None:
        archived = []
        for stored in sorted(self.records.stored_ids()):
            if self._current(stored) is None:
                state = self._state_of(stored)
                if state is not None:
                    archived.append(ArchivedEntry(stored, state))
        self.snapshot.archived = archived


def merged_record(roadmap_id: str, node_id: str, rows: list[NodeRecord]) -> NodeRecord:
    """One row under `node_id` that shows what `rows` (stored under it and its former ids) show together."""
    merged: NodeState | None = None
    for row in sorted(rows, key=lambda r: r.node_id):
        state = NodeState(row.status, row.started_at, row.finished_at, row.notes, set(), 0, row.updated_at)
        merged = state if merged is None else merge_states(merged, state)
    assert merged is not None, "merged_record needs at least one row"
    return NodeRecord(roadmap_id, node_id, merged.status, merged.started_at, merged.finished_at, merged.notes,
                      merged.updated_at)


def merge_states(first: NodeState, second: NodeState) -> NodeState:
    """Combine progress found under a node's current id and under a former id: the newer status wins."""
    newer, older = ((first, second) if (first.updated_at or _EARLIEST) >= (second.updated_at or _EARLIEST)
                    else (second, first))
    notes = newer.notes if not older.notes or older.notes == newer.notes else f"{older.notes}\n\n{newer.notes}".strip()
    return NodeState(
        status=newer.status if newer.updated_at else older.status,
        started_at=min((d for d in (first.started_at, second.started_at) if d), default=None),
        finished_at=(newer.finished_at or older.finished_at) if newer.status is Status.DONE else newer.finished_at,
        notes=notes,
        done_resources=first.done_resources | second.done_resources,
        minutes=first.minutes + second.minutes,
        updated_at=newer.updated_at or older.updated_at,
    )
