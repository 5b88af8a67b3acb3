"""The skill editor of edit mode: one skill's fields, prerequisites and resources; each committed change is one edit.

A text field becomes an edit when it is left (or Enter is pressed), never one per keystroke. An edit the editor
refuses shows its message under the field, and the field goes back to what the file holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.roadmap import Node, Roadmap
from roadmap_app.formats.schema import MAX_HOURS
from roadmap_app.ui.edit_dialogs import error_label, fill_categories, show_error
from roadmap_app.ui.panels.skill_lists import RelationList, ResourceList, caption, hint
from roadmap_app.ui.text import LABEL_CHARS, elide
from roadmap_app.ui.theme import category_colors

if TYPE_CHECKING:
    from roadmap_app.services.roadmap_editing import EditResult
    from roadmap_app.ui.edit_controller import EditController


class SkillEditor(QWidget):
    """Edits the skill shown (node_id); with none shown, the roadmap's own title and description."""

    def __init__(self, controller: EditController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.node_id: str | None = None
        self._loading = False
        self._committing = False
        self._loaded: dict[str, object] = {}  # what each field showed when filled: only a change is an edit
        self._build()
        controller.edited.connect(lambda _result: self.refresh())

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the fields follow the dock
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        self.roadmap_box = self._build_roadmap_fields()
        self.skill_box = self._build_skill_fields()
        layout.addWidget(self.roadmap_box)
        layout.addWidget(self.skill_box)
        layout.addStretch(1)
        self.skill_box.hide()

    def _build_roadmap_fields(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(hint("Select a skill on the graph to edit it, or add one with Roadmap ▸ Add Skill "
                              "(Ctrl+Shift+K). Drag from a skill to the skill that needs it to connect them."))
        layout.addSpacing(8)
        self.roadmap_title = QLineEdit()
        self.roadmap_title.editingFinished.connect(self._commit_roadmap_title)
        self.roadmap_title_error = error_label()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        self.description.installEventFilter(self)
        self.description_error = error_label()
        for widget in (caption("Roadmap title"), self.roadmap_title, self.roadmap_title_error,
                       caption("Description"), self.description, self.description_error):
            layout.addWidget(widget)
        return box

    def _build_skill_fields(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.editingFinished.connect(self._commit_title)
        self.title_error = error_label()
        self.node_id_field = QLineEdit()
        self.node_id_field.setAccessibleName("Id")
        self.node_id_field.editingFinished.connect(self._commit_id)
        self.id_error = error_label()
        self.aliases = hint("")
        self.category = QComboBox()
        self.category.activated.connect(lambda _index: self._commit_category())
        self.category_error = error_label()
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.1, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(1)
        self.hours.setSuffix(" h")
        self.hours.editingFinished.connect(self._commit_hours)
        self.hours_error = error_label()
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("What the skill is and why it matters (Markdown)")
        self.summary.setMinimumHeight(120)
        self.summary.installEventFilter(self)
        self.summary_error = error_label()
        self.requires = RelationList(self, soft=False)
        self.recommends = RelationList(self, soft=True)
        self.resources = ResourceList(self)
        self.needed_by_caption = caption("Needed by")
        self.needed_by_caption.setContentsMargins(0, 8, 0, 0)
        self.unlocks = hint("")
        self.unlocks.setTextFormat(Qt.TextFormat.PlainText)
        rows: list[QWidget] = [
            caption("Title"), self.title, self.title_error,
            caption("Id"), self.node_id_field,
            hint("Changing the id keeps the old one as an alias, so progress recorded under it carries over."),
            self.aliases, self.id_error,
            caption("Category"), self.category, self.category_error,
            caption("Estimated hours"), self.hours, self.hours_error,
            caption("Summary"), self.summary, hint("Markdown; saved as one edit when you leave the field."),
            self.summary_error,
            self.requires, self.recommends, self.needed_by_caption, self.unlocks, self.resources,
        ]
        for widget in rows:
            layout.addWidget(widget)
            if widget in (self.title_error, self.id_error, self.category_error, self.hours_error,
                          self.summary_error):
                layout.addSpacing(6)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut:
            if watched is self.summary:
                self._commit_summary()
            elif watched is self.description:
                self._commit_description()
        return False

    # ------------------------------------------------------------------ showing
    @property
    def roadmap(self) -> Roadmap | None:
        return self.controller.roadmap

    @property
    def node(self) -> Node | None:
        roadmap = self.roadmap
        if roadmap is None or self.node_id is None:
            return None
        return roadmap.nodes_by_id.get(self.node_id)

    def show_node(self, node_id: str | None) -> None:
        if node_id == self.node_id and not self._committing:
            self.refresh()
            return
        self.commit()
        self.node_id = node_id
        for label in (self.title_error, self.id_error, self.category_error, self.hours_error, self.summary_error,
                      self.roadmap_title_error, self.description_error):
            show_error(label, None)
        self.refresh()

    def refresh(self) -> None:
        roadmap, node = self.roadmap, self.node
        self._loading = True
        try:
            self.skill_box.setVisible(node is not None)
            self.roadmap_box.setVisible(node is None)
            if self.controller.editing:
                self.controller.window.details_dock.setWindowTitle("Edit Skill" if node else "Edit Roadmap")
            if roadmap is None:
                return
            if node is None:
                self._set_text(self.roadmap_title, "roadmap_title", roadmap.title)
                self._set_plain(self.description, "description", roadmap.description)
                return
            self._set_text(self.title, "title", node.title)
            self._set_text(self.node_id_field, "id", node.id)
            self.aliases.setText(f"Former ids: {', '.join(node.aliases)}" if node.aliases else "")
            self.aliases.setVisible(bool(node.aliases))
            fill_categories(self.category, roadmap, category_colors(roadmap), node.category)
            self.hours.setValue(node.hours)
            self._loaded["hours"] = self.hours.value()
            self._set_plain(self.summary, "summary", node.summary)
            self.requires.fill(roadmap, node.requires)
            self.recommends.fill(roadmap, node.recommends)
            needed_by = [elide(roadmap.node(other).title, LABEL_CHARS) for other in roadmap.unlocks[node.id]]
            self.unlocks.setText(", ".join(needed_by) if needed_by else "Nothing needs it yet.")
            self.resources.fill(node.resources)
        finally:
            self._loading = False

    def _set_text(self, field: QLineEdit, key: str, text: str) -> None:
        if field.text() != text:
            field.setText(text)
            field.setCursorPosition(0)
        self._loaded[key] = text

    def _set_plain(self, field: QPlainTextEdit, key: str, text: str) -> None:
        if field.toPlainText() != text:
            field.setPlainText(text)
        self._loaded[key] = field.toPlainText()

    def focus_summary(self) -> None:
        self.summary.setFocus()

    # ------------------------------------------------------------------ commits
    def commit(self) -> None:
        """Every field typed in but not yet left becomes its edit now (before undo, save or another skill)."""
        if self._committing or self._loading:
            return
        self._committing = True
        try:
            if self.node is not None:
                self._commit_title()
                self._commit_hours()
                self._commit_summary()
                self._commit_id()
            elif self.roadmap is not None:
                self._commit_roadmap_title()
                self._commit_description()
        finally:
            self._committing = False

    def _changed(self, key: str, value: object) -> bool:
        return not self._loading and key in self._loaded and self._loaded[key] != value

    def edit(self, make, error: QLabel | None = None, **kwargs) -> EditResult | None:
        """Run one edit; a refusal is shown in `error` (else in the window) and the fields show the file again."""
        def refused(message: str) -> None:
            if error is not None:
                show_error(error, message)
            else:
                self.controller.window.statusBar().showMessage(message, 8000)
            self.refresh()

        if error is not None:
            show_error(error, None)
        return self.controller.run(make, on_refused=refused, **kwargs)

    def _commit_title(self) -> None:
        node, text = self.node, self.title.text().strip()
        if node is not None and self._changed("title", self.title.text()):
            if not text:
                show_error(self.title_error, "A skill needs a title.")
                self.refresh()
                return
            self.edit(lambda editor: editor.update_skill(node.id, title=text), self.title_error)

    def _commit_id(self) -> None:
        node, new_id = self.node, self.node_id_field.text().strip()
        if node is None or not self._changed("id", self.node_id_field.text()):
            return
        if new_id == node.id:
            self.refresh()
            return
        old_id = node.id
        self.node_id = new_id  # shown once renamed; put back if the rename is refused
        result = self.edit(lambda editor: editor.rename_skill(old_id, new_id), self.id_error, select=new_id)
        if result is None:
            self.node_id = old_id
            self.refresh()

    def _commit_category(self) -> None:
        node, category = self.node, self.category.currentData()
        if node is not None and not self._loading and category is not None and category != node.category:
            self.edit(lambda editor: editor.update_skill(node.id, category=str(category)), self.category_error)

    def _commit_hours(self) -> None:
        node, hours = self.node, self.hours.value()
        if node is not None and self._changed("hours", hours):
            self.edit(lambda editor: editor.update_skill(node.id, hours=hours), self.hours_error)

    def _commit_summary(self) -> None:
        node, text = self.node, self.summary.toPlainText()
        if node is not None and self._changed("summary", text):
            self.edit(lambda editor: editor.update_skill(node.id, summary=text), self.summary_error)

    def _commit_roadmap_title(self) -> None:
        text = self.roadmap_title.text().strip()
        if self.node is None and self._changed("roadmap_title", self.roadmap_title.text()):
            if not text:
                show_error(self.roadmap_title_error, "A roadmap needs a title.")
                self.refresh()
                return
            self.edit(lambda editor: editor.update_roadmap(title=text), self.roadmap_title_error)

    def _commit_description(self) -> None:
        text = self.description.toPlainText()
        if self.node is None and self._changed("description", text):
            self.edit(lambda editor: editor.update_roadmap(description=text), self.description_error)
