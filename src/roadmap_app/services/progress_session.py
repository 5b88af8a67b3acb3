"""One window's access to progress: operations, exact undo and redo per roadmap, outside changes noticed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from roadmap_app.domain.records import Change, RowChange, make_change
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress
from roadmap_app.persistence.store import ConflictError, ProgressStore
from roadmap_app.services.errors import UserError

UNDO_LIMIT = 500
Operation = Callable[[ProgressStore], Change]


@dataclass
class UndoHistory:
    """Changes this window made, newest last; undo applies a change's exact inverse."""

    done: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)

    def record(self, change: Change) -> None:
        self.done.append(change)
        del self.done[:-UNDO_LIMIT]
        self.undone.clear()

    @property
    def undo_label(self) -> str | None:
        return self.done[-1].label if self.done else None

    @property
    def redo_label(self) -> str | None:
        return self.undone[-1].label if self.undone else None

    def labels(self) -> tuple[str | None, str | None]:
        """What Undo and Redo would do now (a copy, safe to hand to another thread)."""
        return self.undo_label, self.redo_label


@dataclass(frozen=True)
class Outcome:
    """What an operation, undo or redo applied, and the history's labels afterwards."""

    change: Change
    undo_label: str | None
    redo_label: str | None
    refused: str | None = None  # why an undo or redo was refused (nothing was changed)


@dataclass(frozen=True)
class OutsideChange:
    """Rows that changed in the database without this window (another process, the CLI, a restore)."""

    rows: tuple[RowChange, ...]
    reopened: bool


class ProgressSession:
    """Used from one thread only (the window's database thread); the store's connection stays on it."""

    def __init__(self, store: ProgressStore):
        self.store = store
        self.histories: dict[str, UndoHistory] = {}
        self._watched: ProgressRecords | None = None
        self._version: int | None = None

    def history(self, roadmap_id: str) -> UndoHistory:
        return self.histories.setdefault(roadmap_id, UndoHistory())

    def _outcome(self, roadmap_id: str, change: Change) -> Outcome:
        self._remember(change)
        history = self.history(roadmap_id)
        return Outcome(change, history.undo_label, history.redo_label)

    def load(self, roadmap: Roadmap) -> TrackedProgress:
        """Progress of a roadmap, which is then watched for outside changes."""
        self._version = self.store.data_version()
        tracked = self.store.tracked(roadmap)
        self._watched = ProgressRecords.from_rows(roadmap.id, list(tracked.records.all_rows().values()))
        return tracked

    def perform(self, roadmap_id: str, operation: Operation) -> Outcome:
        change = operation(self.store)
        if not change.empty:
            self.history(roadmap_id).record(change)
        return self._outcome(roadmap_id, change)

    def undo(self, roadmap_id: str) -> Outcome:
        history = self.history(roadmap_id)
        return self._step(roadmap_id, "undo", history.done, history.undone, lambda change: change.inverse())

    def redo(self, roadmap_id: str) -> Outcome:
        history = self.history(roadmap_id)
        return self._step(roadmap_id, "redo", history.undone, history.done, lambda change: change)

    def _step(self, roadmap_id: str, verb: str, source: list[Change], target: list[Change],
              direction: Callable[[Change], Change]) -> Outcome:
        """Move the newest entry of `source` to `target`, applying it in the given direction."""
        if not source:
            raise UserError(f"there is nothing to {verb}")
        change = source[-1]  # stays in place if the database fails (locked, moved): try again later
        applied = self._apply_or_refuse(direction(change), change, verb)
        source.pop()
        if isinstance(applied, str):
            history = self.history(roadmap_id)
            return Outcome(Change(""), history.undo_label, history.redo_label, refused=applied)
        target.append(change)
        return self._outcome(roadmap_id, applied)

    def _apply_or_refuse(self, change: Change, original: Change, verb: str) -> Change | str:
        """The applied change, or why it was refused: a row it would overwrite was changed by someone else.

        A refused entry is dropped from the history: it can never apply cleanly again, and keeping it
        would block the older entries below it.
        """
        try:
            rows = self.store.apply(change.rows)
        except ConflictError:
            return (f"Cannot {verb} “{original.label}”: it was changed outside this window since (by the command "
                    "line, another window or an import), and undoing would overwrite that. Nothing was changed.")
        return make_change(change.label, rows)

    # ------------------------------------------------------------------ outside changes
    def _remember(self, change: Change) -> None:
        if self._watched is not None:
            for row in change.rows:
                if row.row.roadmap_id == self._watched.roadmap_id:
                    self._watched.put(row.key, row.after)

    def poll(self, roadmap_id: str) -> OutsideChange | None:
        """Rows changed by someone else since the last look; None when nothing did."""
        if self._watched is None or self._watched.roadmap_id != roadmap_id:
            return None
        reopened = False
        if self.store.file_replaced():
            if not self.store.path.exists():
                return None  # a restore is half-way; look again next time
            self.store.reopen()
            reopened = True
        version = self.store.data_version()
        if not reopened and version == self._version:
            return None
        self._version = version
        fresh = self.store.records(roadmap_id)
        rows = self._watched.diff(fresh)
        self._watched = fresh
        return OutsideChange(tuple(rows), reopened) if rows or reopened else None
