"""Small dialogs of roadmap editing: add a skill, pick a skill, edit a resource, and the unsaved-edits question."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.roadmap import Category, Resource, Roadmap
from roadmap_app.formats.schema import MAX_HOURS, RESOURCE_KINDS, URL_PATTERN
from roadmap_app.ui.dialogs import message_box
from roadmap_app.ui.text import LABEL_CHARS, elide

KIND_LABELS = {"reading": "Reading", "course": "Course", "video": "Video", "exercise": "Exercise",
               "practice": "Practice", "project": "Project"}


def swatch(color: QColor | str, size: int = 12) -> QIcon:
    """A square of a category's colour, for combo boxes and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def fill_categories(combo: QComboBox, roadmap: Roadmap, colors: dict[str, QColor], selected: str | None) -> None:
    """The roadmap's categories in file order, each with its colour; `selected` is shown."""
    combo.blockSignals(True)
    combo.clear()
    for category in roadmap.categories:
        combo.addItem(swatch(colors[category.id]), elide(category.title, LABEL_CHARS), category.id)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


ERROR_COLOR = "#e0484c"  # legible on the light and the dark window


def error_label(*, reserve: bool = False) -> QLabel:
    """A line under a field that says what is wrong with it: hidden while nothing is, or (reserve) keeping room
    for two lines, so a dialog need not grow when a message appears."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setProperty("reserve", reserve)
    if reserve:
        label.setMinimumHeight(2 * label.fontMetrics().lineSpacing() + 4)
    else:
        label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message) or label.property("reserve") is True)


class AddSkillDialog(QDialog):
    """Asks for a new skill's title and category (the selected skill's category at first)."""

    def __init__(self, roadmap: Roadmap, colors: dict[str, QColor], category: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add Skill")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Tokenizers")
        self.category = QComboBox()
        fill_categories(self.category, roadmap, colors, category)
        form.addRow("Title:", self.title)
        form.addRow("Category:", self.category)
        hint = QLabel("You can fill in its summary, hours, prerequisites and resources next.")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.title.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.title.text().strip(), str(self.category.currentData())


class SkillPicker(QDialog):
    """A filterable list of the roadmap's skills; the one chosen is returned by chosen()."""

    def __init__(self, roadmap: Roadmap, excluded: Iterable[str], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 460)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter by title or id")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        left_out = set(excluded)
        for node in sorted(roadmap.nodes, key=lambda n: n.title.casefold()):
            if node.id in left_out:
                continue
            item = QListWidgetItem(f"{elide(node.title, LABEL_CHARS)}  ({node.id})")
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.returnPressed.connect(self._accept_first)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._check())
        self.apply_filter("")
        self.filter.setFocus()

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(word in item.text().casefold() for word in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)
        else:
            self.list.setCurrentRow(-1)
        self._check()

    def _accept_first(self) -> None:
        if self.chosen() is not None:
            self.accept()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))


class ResourceDialog(QDialog):
    """A resource's kind, title, link, hours and note; the link is checked as the validator checks it."""

    def __init__(self, resource: Resource | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit Resource" if resource else "Add Resource")
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in RESOURCE_KINDS:
            self.kind.addItem(KIND_LABELS.get(kind, kind.title()), kind)
        self.title = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…  (optional)")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSpecialValueText("not given")
        self.hours.setSuffix(" h")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Which chapters, or why it is worth the time (optional)")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.problem = error_label(reserve=True)
        form.addRow("Kind:", self.kind)
        form.addRow("Title:", self.title)
        form.addRow("Link:", self.url)
        form.addRow("Hours:", self.hours)
        form.addRow("Note:", self.note)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if resource is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(resource.kind), 0))
            self.title.setText(resource.title)
            self.url.setText(resource.url or "")
            self.hours.setValue(resource.hours or 0)
            self.note.setPlainText(resource.note or "")
        self.title.textChanged.connect(self._check)
        self.url.textChanged.connect(self._check)
        self._check()
        self.title.setFocus()

    def problem_text(self) -> str | None:
        if not self.title.text().strip():
            return "Give the resource a title."
        url = self.url.text().strip()
        if url and not re.match(URL_PATTERN, url):
            return "The link must be a web address starting with http:// or https://, without spaces."
        return None

    def _check(self) -> None:
        problem = self.problem_text()
        show_error(self.problem, problem if self.title.text() or self.url.text() else None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def resource(self) -> Resource:
        hours = self.hours.value()
        return Resource(kind=str(self.kind.currentData()), title=self.title.text().strip(),
                        url=self.url.text().strip() or None, hours=hours if hours > 0 else None,
                        note=self.note.toPlainText().strip() or None)


def category_title(roadmap: Roadmap, category_id: str) -> str:
    category: Category | None = roadmap.categories_by_id.get(category_id)
    return category.title if category is not None else category_id


def ask_unsaved(parent: QWidget | None, title: str, doing: str) -> str:
    """'save', 'discard' or 'cancel': what to do with unsaved edits of `title` before `doing` ("closing")."""
    box = message_box(parent, "Unsaved changes",
                      f"“{elide(title, LABEL_CHARS)}” has changes that are not saved yet. Save them before {doing}?")
    box.setInformativeText("If you don't save, the edits are lost; your progress is kept either way.")
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    answer = box.exec()
    if answer == buttons.Save:
        return "save"
    if answer == buttons.Discard:
        return "discard"
    return "cancel"
