"""Which history Edit ▸ Undo and Redo act on: the roadmap's edits while editing it, your progress otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_app.ui.edit_controller import EditController
    from roadmap_app.ui.main_window import MainWindow


class UndoRouter:
    """The one place that decides: the two histories never mix, and the menu names the step it would take."""

    def __init__(self, window: MainWindow, edits: EditController):
        self.window, self.edits = window, edits
        self._progress: tuple[str | None, str | None] = (None, None)

    def undo(self) -> None:
        if self.edits.editing:
            self.edits.undo()
        else:
            self.window.undo()

    def redo(self) -> None:
        if self.edits.editing:
            self.edits.redo()
        else:
            self.window.redo()

    def show_progress(self, undo_label: str | None, redo_label: str | None) -> None:
        """The progress history's labels changed (shown unless the roadmap is being edited)."""
        self._progress = (undo_label, redo_label)
        self.refresh()

    def refresh(self) -> None:
        editor = self.edits.editor
        if self.edits.editing:
            labels = (editor.undo_label, editor.redo_label) if editor is not None else (None, None)
        else:
            labels = self._progress
        self.window.commands.show_history(*labels)
