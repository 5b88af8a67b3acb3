"""A person's progress on one roadmap as plain values: statuses, resources, study time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from roadmap_app.domain.roadmap import Roadmap


class Status(StrEnum):
    TODO = "todo"
    LEARNING = "learning"
    DONE = "done"
    SKIPPED = "skipped"

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls(text.strip().lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status '{text}'; use one of: {allowed}") from None

    @property
    def closes_prerequisite(self) -> bool:
        """Done and skipped both unlock the nodes that require this one."""
        return self in (Status.DONE, Status.SKIPPED)


_CLOSED = frozenset(status for status in Status if status.closes_prerequisite)


@dataclass
class NodeState:
    """Everything recorded about one node."""

    status: Status = Status.TODO
    started_at: datetime | None = None
    finished_at: datetime | None = None
    notes: str = ""
    done_resources: set[str] = field(default_factory=set)
    minutes: int = 0
    updated_at: datetime | None = None


@dataclass
class ArchivedEntry:
    """Progress stored under an id the roadmap no longer has; kept, never deleted."""

    node_id: str
    state: NodeState


@dataclass
class ProgressSnapshot:
    """Progress of one roadmap, resolved against its current node ids and aliases."""

    roadmap: Roadmap
    states: dict[str, NodeState] = field(default_factory=dict)
    archived: list[ArchivedEntry] = field(default_factory=list)

    def state(self, node_id: str) -> NodeState:
        return self.states.get(node_id) or NodeState()

    # status, closed, resources_done and ready run for every skill when a map opens: no NodeState is made up
    # for a skill without progress, and no resource key is built when nothing is ticked.
    def status(self, node_id: str) -> Status:
        state = self.states.get(node_id)
        return Status.TODO if state is None else state.status

    def closed(self, node_id: str) -> bool:
        return self.status(node_id) in _CLOSED

    def resources_done(self, node_id: str) -> tuple[int, int]:
        resources = self.roadmap.node(node_id).resources
        state = self.states.get(node_id)
        if state is None or not state.done_resources:
            return 0, len(resources)
        done = state.done_resources
        return sum(1 for r in resources if r.key in done), len(resources)

    def ready(self, node_id: str) -> bool:
        """Not finished yet, and every hard prerequisite done or skipped."""
        states = self.states
        if node_id in states and states[node_id].status in _CLOSED:
            return False
        return all(req in states and states[req].status in _CLOSED for req in self.roadmap.node(node_id).requires)

    def percent_complete(self, node_ids: list[str] | None = None) -> float:
        """Done hours over all hours, by estimate. Skipped nodes count as neither done nor remaining."""
        nodes = [self.roadmap.node(n) for n in node_ids] if node_ids is not None else list(self.roadmap.nodes)
        counted = [n for n in nodes if self.status(n.id) is not Status.SKIPPED]
        total = sum(n.hours for n in counted)
        done = sum(n.hours for n in counted if self.status(n.id) is Status.DONE)
        return 100.0 * done / total if total else (100.0 if nodes else 0.0)

    def counts(self) -> dict[Status, int]:
        result = {status: 0 for status in Status}
        for node in self.roadmap.nodes:
            result[self.status(node.id)] += 1
        return result

    def category_percent(self) -> dict[str, float]:
        """Percent complete of each category, in one pass over the nodes."""
        done: dict[str, float] = {c.id: 0.0 for c in self.roadmap.categories}
        total: dict[str, float] = dict(done)
        present: set[str] = set()
        for node in self.roadmap.nodes:
            present.add(node.category)
            status = self.status(node.id)
            if status is Status.SKIPPED or node.category not in total:
                continue
            total[node.category] += node.hours
            if status is Status.DONE:
                done[node.category] += node.hours
        return {cid: 100.0 * done[cid] / total[cid] if total[cid] else (100.0 if cid in present else 0.0)
                for cid in total}
