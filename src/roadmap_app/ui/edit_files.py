"""Roadmap files of edit mode: save, save as, a new roadmap, an editable copy of a bundled one, unsaved edits.

Saving writes only the file being edited (or the one chosen in Save As); a new roadmap or a copy is created in
the person's roadmaps folder and never over a file already there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from roadmap_app.paths import user_roadmaps_dir
from roadmap_app.services.errors import UserError
from roadmap_app.services.file_saving import is_bundled
from roadmap_app.ui.dialogs import message_box, tell

if TYPE_CHECKING:
    from roadmap_app.ui.edit_controller import EditController
    from roadmap_app.ui.main_window import MainWindow

SAVE_FILTER = "Roadmap YAML (*.roadmap.yaml *.yaml *.yml);;Roadmap JSON (*.roadmap.json *.json)"
CONFIRM_MS = 8000


class EditFiles(QObject):
    def __init__(self, window: MainWindow, controller: EditController):
        super().__init__(controller)
        self.window, self.controller = window, controller
        self._enter_on_open: Path | None = None  # a file just made: edit mode starts once it is open

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        controller = self.controller
        if controller._form is not None:
            controller._form.commit()
        editor = controller.editor
        if editor is None or editor.path is None:
            self.window.statusBar().showMessage("Nothing to save: the roadmap has not been edited.", CONFIRM_MS)
            return True
        overwrite = False
        if editor.changed_on_disk():
            answer = self._ask_overwrite(editor.path)
            if answer == "save as":
                return self.save_as()
            if answer != "overwrite":
                return False
            overwrite = True
        try:
            path = editor.save(replace_outside_changes=overwrite)
        except UserError as exc:
            tell(self.window, "Not saved", str(exc))
            return False
        except OSError as exc:
            tell(self.window, "Not saved", f"Cannot write {editor.path}: {exc.strerror or exc}. "
                 "Your edits are still here; try Save As to put them somewhere else.")
            return False
        self.window.statusBar().showMessage(f"Saved “{editor.roadmap.title}” to {path}", CONFIRM_MS)
        controller.stateChanged.emit()
        return True

    def _ask_overwrite(self, path: Path) -> str:
        """The file changed on disk since it was read for editing: replace it, save elsewhere, or not save."""
        from PySide6.QtWidgets import QMessageBox

        box = message_box(self.window, "File changed on disk",
                          f"{path.name} was changed by another program since you started editing it. Saving "
                          "replaces that version with yours; Save As keeps both.", QMessageBox.Icon.Warning)
        overwrite = box.addButton("Replace It", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "overwrite" if clicked is overwrite else "save as" if clicked is save_as else "cancel"

    def save_as(self) -> bool:
        document = self.window.document
        if document is None:
            return False
        own_file = document.path is not None and not is_bundled(document.path)
        current = document.path.name if own_file and document.path else f"{document.roadmap.id}.roadmap.yaml"
        path = self.window.files.ask_save("Save Roadmap As", current, SAVE_FILTER)
        return path is not None and self.save_as_to(path)

    def save_as_to(self, path: Path) -> bool:
        """Write the roadmap as it is now to `path` (.json: as JSON) and go on with that file."""
        from roadmap_app.services.roadmap_editing import RoadmapEditor

        controller, window = self.controller, self.window
        document = window.document
        if document is None:
            return False
        if controller._form is not None:
            controller._form.commit()
        if is_bundled(path):
            tell(window, "Not saved", "The folder of the bundled roadmaps is read-only; save your copy in "
                 f"your roadmaps folder ({user_roadmaps_dir(window.data_dir)}) or anywhere else.")
            return False
        editor = controller.editor
        try:
            if editor is None:  # Save As without an edit: a copy of the file as it is
                if document.path is None:
                    return False
                editor = RoadmapEditor.open(document.path)
            written = editor.save_as(Path(path))
        except UserError as exc:
            tell(window, "Not saved", str(exc))
            return False
        except OSError as exc:
            tell(window, "Not saved", f"Cannot write {path}: {exc.strerror or exc}")
            return False
        controller.editor = editor if editor.roadmap.id == document.roadmap.id else None
        window.replace_roadmap(editor.roadmap, written)
        window.settings.setValue("last_roadmap", str(written.resolve()))
        window.statusBar().showMessage(f"Saved “{editor.roadmap.title}” to {written}", CONFIRM_MS)
        controller.stateChanged.emit()
        return True

    # ------------------------------------------------------------------ new files
    def new_roadmap(self) -> bool:
        from roadmap_app.ui.roadmap_file_dialogs import NewRoadmapDialog

        dialog = NewRoadmapDialog(user_roadmaps_dir(self.window.data_dir), self.window)
        if not dialog.exec():
            return False
        return self.create_new(*dialog.values())

    def create_new(self, title: str, roadmap_id: str, path: Path) -> bool:
        """Write the template for a new roadmap (never over a file) and open it in edit mode."""
        from roadmap_app.services.roadmap_editing import new_roadmap_text

        if not self.confirm_unsaved("starting a new roadmap"):
            return False
        text = new_roadmap_text(title, roadmap_id, json=path.suffix == ".json")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="") as file:  # "x": never over an existing file
                file.write(text)
        except FileExistsError:
            tell(self.window, "Not created", f"{path} already exists; choose another file name.")
            return False
        except OSError as exc:
            tell(self.window, "Not created", f"Cannot write {path}: {exc.strerror or exc}")
            return False
        return self._open_to_edit(path)

    def copy_bundled(self) -> bool:
        """A bundled roadmap is read-only: offer a copy in the roadmaps folder (same id or a new one) and edit it."""
        from roadmap_app.ui.roadmap_file_dialogs import BundledCopyDialog

        document = self.window.document
        if document is None or document.path is None:
            return False
        suffix = ".roadmap.json" if document.path.suffix == ".json" else ".roadmap.yaml"
        dialog = BundledCopyDialog(document.roadmap, user_roadmaps_dir(self.window.data_dir), suffix, self.window)
        if not dialog.exec():
            return False
        return self.make_copy(dialog.path(), None if dialog.keep.isChecked() else dialog.chosen_id())

    def make_copy(self, path: Path, new_id: str | None) -> bool:
        from roadmap_app.services.roadmap_editing import RoadmapEditor

        document = self.window.document
        if document is None or document.path is None:
            return False
        if path.exists():
            tell(self.window, "Not copied", f"{path} already exists; choose another file name.")
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            RoadmapEditor.open(document.path).save_as(path, roadmap_id=new_id)
        except UserError as exc:
            tell(self.window, "Not copied", str(exc))
            return False
        except OSError as exc:
            tell(self.window, "Not copied", f"Cannot write {path}: {exc.strerror or exc}")
            return False
        return self._open_to_edit(path)

    def _open_to_edit(self, path: Path) -> bool:
        window = self.window
        self._enter_on_open = path
        if not window.open_roadmap(path):
            self._enter_on_open = None
            return False
        window.settings.setValue("last_roadmap", str(path.resolve()))
        document = window.document
        if self._enter_on_open is not None and document is not None and document.path == path:
            self._enter_on_open = None  # the same roadmap in another file: opened at once, in place
            self.controller.document_changed(document)
            self.controller.set_editing(True)
        return True

    def take_pending_entry(self, path: Path | None) -> bool:
        """True (once) when `path` is the file just made to be edited."""
        if path is not None and self._enter_on_open is not None and Path(path) == self._enter_on_open:
            self._enter_on_open = None
            return True
        return False

    # ------------------------------------------------------------------ unsaved edits
    def confirm_unsaved(self, doing: str) -> bool:
        """Unsaved edits are saved or dropped as the person says; False when they chose to cancel."""
        from roadmap_app.ui.edit_dialogs import ask_unsaved

        controller = self.controller
        if controller._form is not None:
            controller._form.commit()
        if not controller.unsaved or controller.roadmap is None:
            return True
        answer = ask_unsaved(self.window, controller.roadmap.title, doing)
        if answer == "save":
            return self.save()
        if answer == "discard":
            controller.discard()
            return True
        return False
