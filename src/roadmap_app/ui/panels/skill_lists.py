"""The lists of the skill editor: prerequisites or recommendations, and resources; each button makes one edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from roadmap_app.domain.roadmap import Resource, Roadmap
from roadmap_app.ui.edit_dialogs import KIND_LABELS, ResourceDialog, SkillPicker, error_label
from roadmap_app.ui.text import LABEL_CHARS, elide

if TYPE_CHECKING:
    from roadmap_app.services.roadmap_editing import EditResult, RoadmapEditor
    from roadmap_app.ui.panels.skill_editor import SkillEditor


def caption(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("fieldHint")
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def row_label(text: str) -> QLabel:
    """A list row's text: wrapped, so a long title never pushes the row's buttons out of the dock."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setMinimumWidth(80)
    return label


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def list_section(widget: QWidget, title: str, add_tip: str) -> tuple[QPushButton, QVBoxLayout, QLabel]:
    """A captioned list with Add… beside its caption: the button, the layout for its rows, the error line."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.setSpacing(2)
    heading = QHBoxLayout()
    heading.addWidget(caption(title), 1)
    add_button = QPushButton("Add…")
    add_button.setToolTip(add_tip)
    heading.addWidget(add_button)
    layout.addLayout(heading)
    rows = QVBoxLayout()
    rows.setSpacing(0)
    layout.addLayout(rows)
    error = error_label()
    layout.addWidget(error)
    return add_button, rows, error


class RelationList(QWidget):
    """A skill's prerequisites (or recommendations): one row each with a remove button, and Add…."""

    def __init__(self, form: SkillEditor, *, soft: bool):
        super().__init__()
        self.form, self.soft = form, soft
        self.add_button, self.rows, self.error = list_section(
            self, "Recommended first" if soft else "Needs (prerequisites)",
            "Recommend a skill to learn first" if soft
            else "Add a skill this one needs (or drag from that skill to this one)")
        self.add_button.clicked.connect(self._add_clicked)
        self.ids: tuple[str, ...] = ()

    def fill(self, roadmap: Roadmap, ids: tuple[str, ...]) -> None:
        self.ids = ids
        clear_layout(self.rows)
        if not ids:
            self.rows.addWidget(hint("None."))
        for other in ids:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            title = roadmap.node(other).title if other in roadmap.nodes_by_id else other
            label = row_label(elide(title, LABEL_CHARS))
            label.setToolTip(other)
            remove = QToolButton()
            remove.setText("×")
            remove.setAccessibleName(f"Remove {title}")
            remove.setToolTip("No longer recommend it" if self.soft else "Remove this prerequisite")
            remove.clicked.connect(lambda _=False, prerequisite=other: self.remove(prerequisite))
            line.addWidget(label, 1)
            line.addWidget(remove)
            self.rows.addWidget(row)

    def remove(self, prerequisite: str) -> EditResult | None:
        node = self.form.node
        if node is None:
            return None
        return self.form.edit(lambda editor: editor.remove_prerequisite(node.id, prerequisite, soft=self.soft),
                              self.error)

    def add(self, prerequisite: str) -> EditResult | None:
        node = self.form.node
        if node is None:
            return None
        return self.form.edit(lambda editor: editor.add_prerequisite(node.id, prerequisite, soft=self.soft),
                              self.error, proposed=(prerequisite, node.id))

    def _add_clicked(self) -> None:
        node, roadmap = self.form.node, self.form.roadmap
        if node is None or roadmap is None:
            return
        title = "Recommend First" if self.soft else "Add Prerequisite"
        picker = SkillPicker(roadmap, {node.id, *node.requires, *node.recommends}, title, self)
        if picker.exec() and picker.chosen() is not None:
            self.add(str(picker.chosen()))


class ResourceList(QWidget):
    """A skill's resources in order: edit, move up or down, remove; Add… below."""

    def __init__(self, form: SkillEditor):
        super().__init__()
        self.form = form
        self.add_button, self.rows, self.error = list_section(self, "Resources",
                                                             "Add reading, a course, a video or an exercise")
        self.add_button.clicked.connect(self._add_clicked)
        self.resources: tuple[Resource, ...] = ()

    def fill(self, resources: tuple[Resource, ...]) -> None:
        self.resources = resources
        clear_layout(self.rows)
        if not resources:
            self.rows.addWidget(hint("None yet."))
        for index, resource in enumerate(resources):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(2)
            label = row_label(f"{KIND_LABELS.get(resource.kind, resource.kind)}: {elide(resource.title, LABEL_CHARS)}")
            label.setToolTip(resource.url or "No link")
            line.addWidget(label, 1)
            buttons = (("Edit…", "Edit this resource", lambda _=False, i=index: self._edit_clicked(i), True),
                       ("↑", "Move up", lambda _=False, i=index: self.shift(i, -1), index > 0),
                       ("↓", "Move down", lambda _=False, i=index: self.shift(i, +1), index < len(resources) - 1),
                       ("×", "Remove this resource", lambda _=False, i=index: self.remove(i), True))
            for text, tip, slot, enabled in buttons:
                if text in "↑↓" and not self.can_move():
                    continue
                button = QToolButton()
                button.setText(text)
                button.setToolTip(tip)
                button.setEnabled(enabled)
                button.clicked.connect(slot)
                line.addWidget(button)
            self.rows.addWidget(row)

    def _run(self, make) -> EditResult | None:
        return self.form.edit(make, self.error) if self.form.node is not None else None

    def add(self, resource: Resource) -> EditResult | None:
        node_id = self.form.node_id
        return self._run(lambda editor: editor.add_resource(str(node_id), resource))

    def change(self, index: int, resource: Resource) -> EditResult | None:
        node_id = self.form.node_id
        return self._run(lambda editor: editor.update_resource(str(node_id), index, resource))

    def remove(self, index: int) -> EditResult | None:
        node_id = self.form.node_id
        return self._run(lambda editor: editor.remove_resource(str(node_id), index))

    def shift(self, index: int, step: int) -> EditResult | None:
        node_id, target = self.form.node_id, index + step
        if not 0 <= target < len(self.resources):
            return None

        def move(editor: RoadmapEditor) -> EditResult:
            return editor.move_resource(str(node_id), index, target)  # type: ignore[attr-defined]

        return self._run(move) if self.can_move() else None

    def can_move(self) -> bool:
        """Moving a resource is one edit of the editor, where it has one (RoadmapEditor.move_resource)."""
        return hasattr(self.form.controller.editor, "move_resource")

    def _add_clicked(self) -> None:
        dialog = ResourceDialog(None, self)
        if dialog.exec():
            self.add(dialog.resource())

    def _edit_clicked(self, index: int) -> None:
        dialog = ResourceDialog(self.resources[index], self)
        if dialog.exec():
            self.change(index, dialog.resource())
