"""The Categories dialog: add, rename, recolour and remove the open roadmap's categories, each an undoable edit."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.ui.edit_dialogs import error_label, show_error, swatch
from roadmap_app.ui.text import LABEL_CHARS, elide
from roadmap_app.ui.theme import FALLBACK_CATEGORY_COLORS, category_colors

if TYPE_CHECKING:
    from roadmap_app.ui.edit_controller import EditController


def unused_color(roadmap: Roadmap) -> str:
    """A colour of the palette no category has yet (the first one again when all are taken)."""
    taken = {category.color.lower() for category in roadmap.categories if category.color}
    return next((color for color in FALLBACK_CATEGORY_COLORS if color not in taken), FALLBACK_CATEGORY_COLORS[0])


def ask_category_title(parent: QWidget | None, heading: str, current: str = "") -> str | None:
    title, ok = QInputDialog.getText(parent, heading, "Category title:", QLineEdit.EchoMode.Normal, current)
    title = title.strip()
    return title if ok and title else None


class CategoriesDialog(QDialog):
    """Every category with its colour and how many skills use it; each button makes one edit at once."""

    def __init__(self, controller: EditController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Categories")
        self.resize(460, 420)
        layout = QVBoxLayout(self)
        hint = QLabel("Each change is made at once; Edit ▸ Undo takes it back.")
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda _item: self._rename_clicked())
        row = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.color_button = QPushButton("Colour…")
        self.remove_button = QPushButton("Remove")
        for button, slot in ((self.add_button, self._add_clicked), (self.rename_button, self._rename_clicked),
                             (self.color_button, self._color_clicked), (self.remove_button, self._remove_clicked)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self.problem = error_label(reserve=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        controller.edited.connect(self._refresh_keeping_choice)
        self.refresh()

    # ------------------------------------------------------------------ showing
    @property
    def roadmap(self) -> Roadmap | None:
        return self.controller.roadmap

    def refresh(self, selected: str | None = None) -> None:
        roadmap = self.roadmap
        self.list.clear()
        if roadmap is None:
            return
        colors = category_colors(roadmap)
        uses = Counter(node.category for node in roadmap.nodes)
        for category in roadmap.categories:
            count = uses[category.id]
            skills = f"{count} skill{'' if count == 1 else 's'}"
            text = f"{elide(category.title, LABEL_CHARS)}   ·   {skills}"
            item = QListWidgetItem(swatch(colors[category.id], 14), text)
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            item.setToolTip(f"id: {category.id}")
            self.list.addItem(item)
            if category.id == selected:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _refresh_keeping_choice(self, *_: object) -> None:
        self.refresh(self.selected())

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.rename_button, self.color_button, self.remove_button):
            button.setEnabled(chosen)

    # ------------------------------------------------------------------ edits (the buttons ask, then call these)
    def add(self, title: str, color: str | None = None) -> bool:
        roadmap = self.roadmap
        color = color or (unused_color(roadmap) if roadmap is not None else None)
        result = self.controller.run(lambda editor: editor.add_category(title, color=color), on_refused=self._refused)
        if result is not None:
            new = [c.id for c in result.roadmap.categories if roadmap is None or c.id not in roadmap.categories_by_id]
            self.refresh(new[0] if new else None)
        return result is not None

    def rename(self, category_id: str, title: str) -> bool:
        return self._run(lambda editor: editor.update_category(category_id, title=title))

    def recolor(self, category_id: str, color: str) -> bool:
        return self._run(lambda editor: editor.update_category(category_id, color=color))

    def remove(self, category_id: str) -> bool:
        return self._run(lambda editor: editor.remove_category(category_id))

    def _run(self, edit) -> bool:
        show_error(self.problem, None)
        return self.controller.run(edit, on_refused=self._refused) is not None

    def _refused(self, message: str) -> None:
        show_error(self.problem, message)

    # ------------------------------------------------------------------ buttons
    def _add_clicked(self) -> None:
        title = ask_category_title(self, "Add Category")
        if title:
            self.add(title)

    def _rename_clicked(self) -> None:
        category_id, roadmap = self.selected(), self.roadmap
        if category_id is None or roadmap is None:
            return
        title = ask_category_title(self, "Rename Category", roadmap.categories_by_id[category_id].title)
        if title:
            self.rename(category_id, title)

    def _color_clicked(self) -> None:
        category_id, roadmap = self.selected(), self.roadmap
        if category_id is None or roadmap is None:
            return
        current = category_colors(roadmap)[category_id]
        color = QColorDialog.getColor(current, self, "Category Colour")
        if color.isValid():
            self.recolor(category_id, QColor(color).name())

    def _remove_clicked(self) -> None:
        category_id = self.selected()
        if category_id is not None:
            self.remove(category_id)
