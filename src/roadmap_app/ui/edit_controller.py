"""Edit mode of the main window: runs each roadmap edit, shows its result on the map, undoes and redoes edits.

Each edit goes RoadmapEditor -> MainWindow.replace_roadmap (the same document: progress stays) -> the skill it
touched is selected once the new map is drawn. Progress commands are off while editing, so the two undo
histories (the file's edits, your progress) never mix; UndoRouter sends Edit ▸ Undo to the right one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu, QMessageBox, QStackedWidget, QVBoxLayout

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.services.errors import UserError
from roadmap_app.ui.dialogs import message_box, tell
from roadmap_app.ui.edit_actions import EditActions, EditBar
from roadmap_app.ui.edit_files import EditFiles, is_bundled
from roadmap_app.ui.text import LABEL_CHARS, elide
from roadmap_app.ui.undo_routing import UndoRouter

if TYPE_CHECKING:
    from roadmap_app.services.roadmap_editing import EditResult, RoadmapEditor
    from roadmap_app.ui.canvas.connect_drag import ConnectDrag
    from roadmap_app.ui.canvas.cycle_highlight import CycleHighlight
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.main_window import MainWindow
    from roadmap_app.ui.panels.skill_editor import SkillEditor

CYCLE_COLORS = {"light": "#d1363a", "dark": "#ff6b6b"}
STATUS_MS = 5000

Edit = Callable[["RoadmapEditor"], "EditResult"]


class EditController(QObject):
    modeChanged = Signal(bool)
    stateChanged = Signal()  # the editor's history or saved state changed: menus and the title follow
    edited = Signal(object)  # an EditResult: an edit, undo or redo was shown

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.editor: RoadmapEditor | None = None
        self.editing = False
        self._form: SkillEditor | None = None
        self._dock_stack: QStackedWidget | None = None
        self._document: RoadmapDocument | None = None
        self._applying = False  # the document's roadmap is being replaced by an edit of ours
        self.history = UndoRouter(window, self)
        self.files = EditFiles(window, self)
        self._drag: ConnectDrag | None = None  # made with edit mode, not before the window's first frame
        self._highlight: CycleHighlight | None = None
        self.bar = EditBar()
        self.bar.doneClicked.connect(lambda: self.set_editing(False))
        self.bar.hide()
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout), "the window's centre is a column: the bar goes on top of it"
        layout.insertWidget(0, self.bar)
        self.actions = EditActions(window, self)
        self.stateChanged.connect(self._show_state)
        self._show_state()

    @property
    def drag(self) -> ConnectDrag:
        """The drag that connects two skills (its module loads when edit mode is first used)."""
        if self._drag is None:
            from roadmap_app.ui.canvas.connect_drag import ConnectDrag

            window = self.window
            self._drag = ConnectDrag(window.view, lambda: window.theme.color("accent"), self)
            self._drag.connectRequested.connect(self.connect_skills)
        return self._drag

    def _clear_highlight(self) -> None:
        if self._highlight is not None:
            self._highlight.clear()

    @property
    def highlight(self) -> CycleHighlight:
        """The red rings and lines of a refused cycle."""
        if self._highlight is None:
            from roadmap_app.ui.canvas.cycle_highlight import CycleHighlight

            self._highlight = CycleHighlight(self)
        return self._highlight

    # ------------------------------------------------------------------ what is open
    @property
    def roadmap(self) -> Roadmap | None:
        if self.editor is not None:
            return self.editor.roadmap
        document = self.window.document
        return document.roadmap if document is not None else None

    @property
    def unsaved(self) -> bool:
        return self.editor is not None and self.editor.modified

    @property
    def form(self) -> SkillEditor:
        """The skill editor in the details dock, made when edit mode is first turned on."""
        if self._form is None:
            from roadmap_app.ui.panels.skill_editor import SkillEditor

            self._form = SkillEditor(self)
            stack = QStackedWidget()
            stack.addWidget(self.window.details)
            stack.addWidget(self._form)
            self.window.details_dock.setWidget(stack)
            self._dock_stack = stack
        return self._form

    def document_changed(self, document: RoadmapDocument) -> None:
        """Another roadmap (or another file of it) is open now: the editor of the last one goes."""
        if self._document is not None:
            self._document.roadmapReplaced.disconnect(self._on_roadmap_replaced)
        self._document = document
        document.roadmapReplaced.connect(self._on_roadmap_replaced)
        entering = self.files.take_pending_entry(document.path)
        self._drop_editor()
        if entering:
            self.set_editing(True)
        elif self.editing:
            self._show_mode(False)

    def _on_roadmap_replaced(self, _old: Roadmap) -> None:
        """A new version of the file was read (not one of our edits): edit that version from now on."""
        document = self.window.document
        if self._applying or document is None:
            return
        if self.editor is not None and document.roadmap == self.editor.roadmap:
            return
        self._drop_editor()
        if self.editing and not self._open_editor():
            self._show_mode(False)

    def discard(self) -> None:
        """Forget the unsaved edits (the map shows them until the file is read again or another is opened)."""
        self._drop_editor()

    def reload_discarding_edits(self) -> None:
        """Drop unsaved edits and show the file as it is on disk; edit mode goes on with that version."""
        self._drop_editor()
        self.window.reload()
        if self.editing and self.editor is None and not self._open_editor():
            self._show_mode(False)

    def _drop_editor(self) -> None:
        self.editor = None
        self._clear_highlight()
        self.stateChanged.emit()

    def _open_editor(self) -> bool:
        from roadmap_app.services.roadmap_editing import RoadmapEditor

        document = self.window.document
        if document is None or document.path is None:
            return False
        try:
            self.editor = RoadmapEditor.open(document.path)
        except UserError as exc:
            tell(self.window, "Cannot edit roadmap", str(exc))
            return False
        except OSError as exc:
            tell(self.window, "Cannot edit roadmap", f"Cannot read {document.path}: {exc.strerror or exc}")
            return False
        if self.editor.roadmap != document.roadmap:  # the file changed since it was shown: show what is edited
            self._replace(self.editor.roadmap)
        self.stateChanged.emit()
        return True

    # ------------------------------------------------------------------ edit mode
    def set_editing(self, on: bool) -> bool:
        """Turn edit mode on or off; True when it is as asked afterwards."""
        if on and not self._editor_ready():
            self.actions.edit_mode.setChecked(self.editing and self.editor is not None)
            return self.editing if self.window.document is None else self._copy_if_bundled()
        if not on and self.editing:
            self.form.commit()
            if self._drag is not None:
                self._drag.cancel()
            self._clear_highlight()
        self._show_mode(on)
        return True

    def _editor_ready(self) -> bool:
        """An editor of the open file exists (opened now if need be); a bundled file gets none."""
        document = self.window.document
        if document is None or document.path is None or is_bundled(document.path):
            return False
        if self.editor is not None and self.editor.path == document.path:
            return True
        return self._open_editor()

    def _copy_if_bundled(self) -> bool:
        document = self.window.document
        if document is not None and document.path is not None and is_bundled(document.path):
            if self.editing:
                self._show_mode(False)
            return self.files.copy_bundled()
        return False

    def _show_mode(self, on: bool) -> None:
        window = self.window
        changed = on != self.editing
        self.editing = on
        self.actions.edit_mode.setChecked(on)
        form = self.form
        assert self._dock_stack is not None
        self._dock_stack.setCurrentWidget(form if on else window.details)
        window.details_dock.setWindowTitle("Edit Skill" if on else "Details")
        selected = window.selected_node()
        if on:
            window.details_dock.show()
            form.show_node(selected)
        self.bar.set_title(self.roadmap.title if self.roadmap is not None else "")
        self.bar.setVisible(on)
        if on or self._drag is not None:
            self.drag.set_active(on)
        for action in self.progress_actions():
            action.setEnabled(not on and (selected is not None or action is window.commands.import_progress))
        self.actions.update(selected)
        self.history.refresh()
        if changed:
            self.modeChanged.emit(on)
        self.stateChanged.emit()

    def progress_actions(self) -> list:
        commands = self.window.commands
        return [*commands.status.values(), commands.log, commands.import_progress]

    def on_selection(self, node_id: str | None) -> None:
        """The window's selection changed (after it set the node actions): progress actions stay off while editing."""
        if self.editing:
            for action in self.progress_actions():
                action.setEnabled(False)
            self.form.show_node(node_id)
        self.actions.update(node_id)

    # ------------------------------------------------------------------ edits
    def run(self, edit: Edit, *, select: str | None = None, on_refused: Callable[[str], None] | None = None,
            proposed: tuple[str, str] | None = None) -> EditResult | None:
        """Make one edit and show it; a refused edit says why (to `on_refused`, else in the window)."""
        from roadmap_app.services.roadmap_editing import EditRefused

        if self.editor is None:
            return None
        try:
            result = edit(self.editor)
        except EditRefused as exc:
            self._refused(str(exc), exc.cycle, proposed, on_refused)
            return None
        except UserError as exc:
            self._refused(str(exc), (), None, on_refused)
            return None
        self._show(result, select)
        self.window.statusBar().showMessage(f"{result.label} (Ctrl+Z undoes it)", STATUS_MS)
        return result

    def connect_skills(self, prerequisite: str, dependent: str, soft: bool) -> EditResult | None:
        """A drag from `prerequisite` ended on `dependent`: it needs (or, soft, recommends) the other."""
        return self.run(lambda editor: editor.add_prerequisite(dependent, prerequisite, soft=soft), select=dependent,
                        proposed=(prerequisite, dependent))

    def undo(self) -> None:
        self._step(back=True)

    def redo(self) -> None:
        self._step(back=False)

    def _step(self, *, back: bool) -> None:
        if self.editor is None:
            return
        if self._form is not None:
            self._form.commit()  # a field being typed in becomes its own edit first
        result = self.editor.undo() if back else self.editor.redo()
        if result is None:
            return
        self._show(result, None)
        self.window.statusBar().showMessage(f"{'Undid' if back else 'Redid'} {result.label}", STATUS_MS)

    def _show(self, result: EditResult, select: str | None) -> None:
        window, roadmap = self.window, result.roadmap
        shown = window.document.roadmap if window.document is not None else None
        focus = select if select in roadmap.nodes_by_id else self._focus_after(result, shown)
        self._clear_highlight()
        if roadmap != shown:
            window.select_when_drawn(focus)  # a small map is drawn again before replace_roadmap() returns
            self._replace(roadmap)
        elif window.scene is not None and focus is not None:
            window.scene.select_node(focus)
        if self._form is not None:
            self._form.show_node(focus)
        self.bar.set_title(roadmap.title)
        self.edited.emit(result)
        self.stateChanged.emit()

    def _focus_after(self, result: EditResult, before: Roadmap | None) -> str | None:
        """The skill to show after an edit: one it added; else the one in the form if it is still there (by its id,
        or the id it was renamed to); else the one skill the edit touched."""
        roadmap = result.roadmap
        added = sorted(node_id for node_id in result.touched
                       if node_id in roadmap.nodes_by_id and (before is None or node_id not in before.nodes_by_id))
        if len(added) == 1:
            return added[0]
        shown = self._form.node_id if self._form is not None else self.window.selected_node()
        if shown is not None and shown in roadmap.nodes_by_id:
            return shown
        if shown is not None and roadmap.resolve(shown) is not None:
            return roadmap.resolve(shown)
        touched = sorted(node_id for node_id in result.touched if node_id in roadmap.nodes_by_id)
        return touched[0] if len(touched) == 1 else None

    def _replace(self, roadmap: Roadmap) -> None:
        self._applying = True
        try:
            self.window.replace_roadmap(roadmap)
        finally:
            self._applying = False

    def _refused(self, message: str, cycle: tuple[str, ...], proposed: tuple[str, str] | None,
                 on_refused: Callable[[str], None] | None) -> None:
        scene = self.window.scene
        if cycle and scene is not None:
            color = QColor(CYCLE_COLORS.get(self.window.theme.name, CYCLE_COLORS["light"]))
            self.highlight.show(scene, scene.nodes, scene.edges, cycle, color, proposed)
        if on_refused is not None:
            on_refused(message)
            return
        self.window.statusBar().showMessage(elide(message, 200), STATUS_MS * 2)
        box = message_box(self.window, "Not changed", message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.open()

    # ------------------------------------------------------------------ menu commands
    def add_skill(self) -> None:
        from roadmap_app.ui.edit_dialogs import AddSkillDialog
        from roadmap_app.ui.theme import category_colors

        roadmap = self.roadmap
        if not self.editing or roadmap is None or not roadmap.categories:
            return
        selected = self.window.selected_node()
        category = roadmap.node(selected).category if selected else roadmap.categories[0].id
        dialog = AddSkillDialog(roadmap, category_colors(roadmap), category, self.window)
        if dialog.exec():
            title, category = dialog.values()
            self.add_skill_titled(title, category)

    def add_skill_titled(self, title: str, category: str) -> EditResult | None:
        result = self.run(lambda editor: editor.add_skill(title, category))  # shows and selects the new skill
        if result is not None:
            self.form.focus_summary()
        return result

    def delete_skill(self, node_id: str | None = None, *, confirm: bool = True) -> EditResult | None:
        node_id = node_id or self.window.selected_node()
        document, roadmap = self.window.document, self.roadmap
        if not self.editing or node_id is None or document is None or roadmap is None:
            return None
        if node_id not in roadmap.nodes_by_id:
            return None
        state = document.snapshot.state(node_id)
        has_progress = state.status is not Status.TODO or bool(state.notes or state.minutes or state.done_resources)
        if confirm and has_progress:
            title = elide(roadmap.node(node_id).title, LABEL_CHARS)
            box = message_box(self.window, "Delete Skill",
                              f"You have progress on “{title}”. Delete the skill anyway?")
            box.setInformativeText("Your progress on it moves to the archive; it comes back if you undo, or if you "
                                   f"add a skill with the id ‘{node_id}’ again.")
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return None
        return self.run(lambda editor: editor.remove_skill(node_id))

    def add_category(self) -> None:
        from roadmap_app.ui.categories_dialog import ask_category_title, unused_color

        roadmap = self.roadmap
        if not self.editing or roadmap is None:
            return
        title = ask_category_title(self.window, "Add Category")
        if title:
            color = unused_color(roadmap)
            self.run(lambda editor: editor.add_category(title, color=color))

    def manage_categories(self) -> None:
        from roadmap_app.ui.categories_dialog import CategoriesDialog

        if self.editing and self.editor is not None:
            dialog = CategoriesDialog(self, self.window)
            dialog.exec()
            dialog.deleteLater()

    def add_node_actions(self, menu: QMenu, node_id: str) -> None:
        """In edit mode a skill's right-click menu also edits it (its progress entries are off meanwhile)."""
        if not self.editing:
            return
        menu.addSeparator()
        menu.addAction(self.actions.add_skill)
        menu.addAction("Add Prerequisite…", lambda: self._pick_prerequisite(node_id))
        menu.addAction(self.actions.delete_skill)

    def _pick_prerequisite(self, node_id: str) -> None:
        self.window.select_and_show(node_id)
        if self._form is not None and self._form.node_id == node_id:
            self._form.requires.add_button.click()

    # ------------------------------------------------------------------ state shown in the window
    def _show_state(self) -> None:
        self.window.setWindowModified(self.unsaved)
        self.actions.update(self.window.selected_node() if self.window.document is not None else None)
        self.history.refresh()
