"""Edit a roadmap file: checked edits with undo and redo, saved so that only the edited lines change."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

from roadmap_app.domain.roadmap import Resource, Roadmap
from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.formats.loader import check_bytes
from roadmap_app.formats.round_trip import RoadmapSource, SourceError, check_tree, plain
from roadmap_app.formats.tree_journal import Journal
from roadmap_app.services.edit_checks import EditRefused, check_slug, slug_for
from roadmap_app.services.errors import UserError
from roadmap_app.services.file_saving import read_only_reason, write_atomically
from roadmap_app.services.roadmap_edits import UNCHANGED, TreeEdits
from roadmap_app.services.roadmap_template import new_roadmap_text

__all__ = ["EditRefused", "EditResult", "RoadmapEditor", "new_roadmap_text", "slug_for"]


@dataclass(frozen=True)
class EditResult:
    """One step done, undone or redone."""

    label: str  # "Add skill ‘Tokenizers’": what Edit ▸ Undo names
    roadmap: Roadmap  # the roadmap after the step (valid)
    touched: frozenset[str]  # ids of the skills the step added, changed or removed


@dataclass
class _Step:
    label: str
    touched: frozenset[str]
    journal: Journal
    serial: int


_serials = count(1)


class RoadmapEditor:
    """A roadmap file being edited: every edit is checked like the file itself, and can be undone."""

    def __init__(self, source: RoadmapSource, path: Path | None):
        self.source = source
        self.path = Path(path) if path is not None else None
        checked = source.checked
        if checked is not None and checked.roadmap is not None:
            self.roadmap: Roadmap = checked.roadmap
            self.diagnostics: list[Diagnostic] = list(checked.diagnostics)
        else:
            self.roadmap, self.diagnostics = self._validated()
        # what the file held when it was read or last written here, to notice another program's changes
        self._disk_digest = checked.roadmap.source_digest if checked and checked.roadmap else None
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._saved_state = 0
        self._text: tuple[int, str] | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> RoadmapEditor:
        """The file at path, ready to edit; a UserError says why it cannot be (an invalid file lists its errors)."""
        try:
            source = RoadmapSource.read(path)
        except SourceError as exc:
            raise UserError(str(exc), code=1) from None
        except IsADirectoryError:
            raise UserError(f"{path} is a folder; give a roadmap file such as {path}/NAME.roadmap.yaml") from None
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
        return cls(source, Path(path))

    # -- the edits --------------------------------------------------------------------------------------------

    def add_skill(self, title: str, category: str, *, hours: float = 1.0, summary: str = "",
                  node_id: str | None = None, requires: Sequence[str] = ()) -> EditResult:
        """A new skill after the last one of its category; its id is made from the title unless given."""
        return self._do("add_skill", title, category, hours=hours, summary=summary, node_id=node_id,
                        requires=tuple(requires))

    def update_skill(self, node_id: str, *, title: Any = UNCHANGED, summary: Any = UNCHANGED,
                     hours: Any = UNCHANGED, category: Any = UNCHANGED) -> EditResult:
        """Change only the given fields (an empty summary removes it)."""
        return self._do("update_skill", node_id, title=title, summary=summary, hours=hours, category=category)

    def remove_skill(self, node_id: str) -> EditResult:
        """Remove a skill and every `requires`/`recommends` entry that names it."""
        return self._do("remove_skill", node_id)

    def rename_skill(self, old_id: str, new_id: str) -> EditResult:
        """Change a skill's id everywhere; the old id joins its `aliases`, so progress under it carries over."""
        return self._do("rename_skill", old_id, new_id)

    def add_prerequisite(self, node_id: str, prerequisite_id: str, *, soft: bool = False) -> EditResult:
        """node_id requires (or, soft, recommends) prerequisite_id; refused with the cycle it would make."""
        return self._do("add_prerequisite", node_id, prerequisite_id, soft=soft)

    def remove_prerequisite(self, node_id: str, prerequisite_id: str, *, soft: bool = False) -> EditResult:
        return self._do("remove_prerequisite", node_id, prerequisite_id, soft=soft)

    def add_category(self, title: str, *, color: str | None = None, category_id: str | None = None) -> EditResult:
        return self._do("add_category", title, color=color, category_id=category_id)

    def update_category(self, category_id: str, *, title: Any = UNCHANGED, color: Any = UNCHANGED) -> EditResult:
        """Change the title or colour (None removes the colour; the app then picks one)."""
        return self._do("update_category", category_id, title=title, color=color)

    def remove_category(self, category_id: str) -> EditResult:
        """Refused while skills use the category."""
        return self._do("remove_category", category_id)

    def add_resource(self, node_id: str, resource: Resource) -> EditResult:
        return self._do("add_resource", node_id, resource)

    def update_resource(self, node_id: str, index: int, resource: Resource) -> EditResult:
        return self._do("update_resource", node_id, index, resource)

    def remove_resource(self, node_id: str, index: int) -> EditResult:
        return self._do("remove_resource", node_id, index)

    def update_roadmap(self, *, title: Any = UNCHANGED, description: Any = UNCHANGED) -> EditResult:
        return self._do("update_roadmap", title=title, description=description)

    def _do(self, operation: str, *args: Any, **kwargs: Any) -> EditResult:
        edits = TreeEdits(self.source.data, self.roadmap, self.source.is_json)
        try:
            label, touched = getattr(edits, operation)(*args, **kwargs)
            if not edits.journal.changes:
                return EditResult(label, self.roadmap, touched)  # nothing changed: nothing to undo
            roadmap, diagnostics = self._validated()
        except BaseException:
            edits.journal.undo()
            raise
        step = _Step(label, touched, edits.journal, next(_serials))
        self._undo.append(step)
        self._redo.clear()
        self.roadmap, self.diagnostics = roadmap, diagnostics
        return EditResult(label, roadmap, touched)

    def _validated(self) -> tuple[Roadmap, list[Diagnostic]]:
        """The roadmap the tree holds now, checked by the same rules as a file; EditRefused with the problems."""
        roadmap, diagnostics = check_tree(self.source.data)
        if roadmap is None:
            errors = [d.message for d in diagnostics if d.is_error]
            raise EditRefused("the change would make the roadmap invalid: " + "; ".join(errors[:5]))
        return roadmap, diagnostics

    # -- undo and redo ----------------------------------------------------------------------------------------

    def undo(self) -> EditResult | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        step.journal.undo()
        self._redo.append(step)
        self.roadmap, self.diagnostics = self._validated()
        return EditResult(step.label, self.roadmap, step.touched)

    def redo(self) -> EditResult | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        step.journal.redo()
        self._undo.append(step)
        self.roadmap, self.diagnostics = self._validated()
        return EditResult(step.label, self.roadmap, step.touched)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    @property
    def _state(self) -> int:
        return self._undo[-1].serial if self._undo else 0

    @property
    def modified(self) -> bool:
        """The text differs from what was last opened or saved (undoing back to it clears this)."""
        return self._state != self._saved_state

    # -- text and saving --------------------------------------------------------------------------------------

    def text(self) -> str:
        """What saving writes."""
        if self._text is None or self._text[0] != self._state:
            self._text = (self._state, self.source.dump())
        return self._text[1]

    @property
    def read_only_reason(self) -> str | None:
        """Why save() would refuse to write self.path (a bundled roadmap, a read-only file), else None."""
        return read_only_reason(self.path) if self.path is not None else "the roadmap has no file yet; use Save As"

    def changed_on_disk(self) -> bool:
        """True when another program changed (or removed) the file since it was opened or saved here."""
        if self.path is None or self._disk_digest is None:
            return False
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest() != self._disk_digest
        except OSError:
            return True

    def save(self, *, replace_outside_changes: bool = False) -> Path:
        """Write the file in place (through a temporary file in its folder), keeping its permissions.

        Refused when another program changed the file meanwhile, unless replace_outside_changes.
        """
        if self.path is None:
            raise UserError("the roadmap has no file yet; use Save As")
        reason = read_only_reason(self.path)
        if reason:
            raise UserError(reason)
        if not replace_outside_changes and self.changed_on_disk():
            raise UserError(f"{self.path} was changed by another program since it was opened; nothing was saved. "
                            "Save your version under another name with Save As, or reopen the file")
        self._write(self.path)
        return self.path

    def save_as(self, path: str | os.PathLike[str], *, roadmap_id: str | None = None) -> Path:
        """Write to another file (`.json` as JSON, anything else as YAML) and edit that file from now on.

        roadmap_id gives the copy its own id (so progress on it is kept apart), as a step that can be undone.
        Saving in the other format starts a fresh undo history (the tree is rebuilt for it).
        """
        target = Path(path)
        if self.path is not None and target.resolve() == self.path.resolve() and roadmap_id is None:
            return self.save()
        reason = read_only_reason(target, new_file_ok=True)
        if reason:
            raise UserError(reason)
        if roadmap_id is not None and roadmap_id != self.roadmap.id:
            check_slug(roadmap_id, "roadmap id")
            self._do("update_roadmap", roadmap_id=roadmap_id)
        wants_json = target.name.lower().endswith(".json")
        if wants_json != self.source.is_json:
            self.source = RoadmapSource.converted(plain(self.source.data), is_json=wants_json)
            self._undo.clear()
            self._redo.clear()
            self._text = None
        self._write(target)
        self.path = target
        return target

    def _write(self, path: Path) -> None:
        text = self.text()
        problems = check_bytes(text.encode("utf-8"), str(path), is_json=self.source.is_json).errors
        if problems:  # a bug here, never the person's: say so rather than write a file the app cannot open
            raise UserError(f"nothing was saved: the text made for {path} does not read back as a valid roadmap "
                            f"({problems[0].format(str(path))}); please report this")
        try:
            write_atomically(path, text)
        except OSError as exc:
            raise UserError(f"cannot save {path}: {exc.strerror or exc}; the file was not changed") from None
        self._saved_state = self._state
        self._disk_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
