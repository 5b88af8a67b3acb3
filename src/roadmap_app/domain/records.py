"""Rows of the progress database as frozen values, and changes as exact before/after pairs of them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from roadmap_app.domain.progress import Status


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC, to the microsecond."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class NodeRecord:
    """Status and notes of one node, as stored under one id (the current id or a former one)."""

    roadmap_id: str
    node_id: str
    status: Status = Status.TODO
    started_at: datetime | None = None
    finished_at: datetime | None = None
    notes: str = ""
    updated_at: datetime | None = None

    @property
    def key(self) -> tuple:
        return ("node", self.roadmap_id, self.node_id)


@dataclass(frozen=True)
class ResourceRecord:
    """A ticked resource checkbox."""

    roadmap_id: str
    node_id: str
    resource_key: str
    done_at: datetime

    @property
    def key(self) -> tuple:
        return ("resource", self.roadmap_id, self.node_id, self.resource_key)


@dataclass(frozen=True)
class SessionRecord:
    """One study session: minutes spent on a node on a day."""

    uid: str
    roadmap_id: str
    node_id: str
    day: date
    minutes: int
    note: str
    created_at: datetime

    @property
    def key(self) -> tuple:
        return ("session", self.uid)


@dataclass(frozen=True)
class EventRecord:
    """One entry of the status log that charts read."""

    uid: str
    roadmap_id: str
    node_id: str
    old_status: Status
    new_status: Status
    at: datetime

    @property
    def key(self) -> tuple:
        return ("event", self.uid)


Record = NodeRecord | ResourceRecord | SessionRecord | EventRecord


@dataclass(frozen=True)
class RowChange:
    """One row before and after; None means the row does not exist on that side."""

    before: Record | None
    after: Record | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a row change needs a row on at least one side")
        if self.before is not None and self.after is not None and self.before.key != self.after.key:
            raise ValueError(f"a row change must keep its key: {self.before.key} != {self.after.key}")

    @property
    def key(self) -> tuple:
        row = self.after if self.after is not None else self.before
        assert row is not None
        return row.key

    @property
    def row(self) -> Record:
        """The row on whichever side exists (after, else before)."""
        row = self.after if self.after is not None else self.before
        assert row is not None
        return row

    def inverse(self) -> RowChange:
        return RowChange(self.after, self.before)


@dataclass(frozen=True)
class Change:
    """What one operation changed, exactly: apply `inverse()` to undo it."""

    label: str
    rows: tuple[RowChange, ...] = ()
    aspects: frozenset[str] = field(default_factory=frozenset)

    def inverse(self) -> Change:
        return replace(self, rows=tuple(r.inverse() for r in reversed(self.rows)))

    @property
    def empty(self) -> bool:
        return not self.rows

    def node_ids(self, roadmap_id: str) -> set[str]:
        """Stored node ids of one roadmap that this change touches."""
        return {r.row.node_id for r in self.rows if r.row.roadmap_id == roadmap_id}

    def roadmap_ids(self) -> set[str]:
        return {r.row.roadmap_id for r in self.rows}


def aspects_of(rows: tuple[RowChange, ...] | list[RowChange]) -> frozenset[str]:
    """Which parts of progress the rows touch: status, notes, resources, sessions, events."""
    found: set[str] = set()
    for change in rows:
        row = change.row
        if isinstance(row, NodeRecord):
            before = change.before if isinstance(change.before, NodeRecord) else None
            after = change.after if isinstance(change.after, NodeRecord) else None
            old_status = before.status if before else Status.TODO
            new_status = after.status if after else Status.TODO
            old_notes = before.notes if before else ""
            new_notes = after.notes if after else ""
            if old_status != new_status or (before and after and (before.started_at, before.finished_at)
                                            != (after.started_at, after.finished_at)):
                found.add("status")
            if old_notes != new_notes:
                found.add("notes")
        elif isinstance(row, ResourceRecord):
            found.add("resources")
        elif isinstance(row, SessionRecord):
            found.add("sessions")
        else:
            found.add("events")
    return frozenset(found)


def make_change(label: str, rows: list[RowChange]) -> Change:
    return Change(label, tuple(rows), aspects_of(rows))
