"""Dialogs that make a roadmap file: a new one from the template, or an editable copy of a bundled one.

Both write into the person's roadmaps folder and never over a file that is already there.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats.schema import MAX_ID_CHARS, SLUG_PATTERN
from roadmap_app.ui.edit_dialogs import error_label, show_error
from roadmap_app.ui.text import LABEL_CHARS, elide

SLUG_RULE = "lowercase letters, digits and single hyphens (e.g. my-roadmap)"
# Fusion draws a radio button's ring in the window's colour: on a dark window it is all but invisible
RADIO_STYLE = """
    QRadioButton::indicator { width: 12px; height: 12px; border: 1px solid palette(text); border-radius: 7px;
                              background: palette(base); }
    QRadioButton::indicator:checked { border: 4px solid palette(highlight); width: 6px; height: 6px; }
"""


def plain_slug(text: str) -> str:
    """A slug made from a title: 'Data Engineering 101' -> 'data-engineering-101'."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.casefold()))[:MAX_ID_CHARS].strip("-")
    return slug or "roadmap"


def id_problem(roadmap_id: str) -> str | None:
    if not roadmap_id:
        return "Give the roadmap an id."
    if len(roadmap_id) > MAX_ID_CHARS or not re.match(SLUG_PATTERN, roadmap_id):
        return f"The id may only have {SLUG_RULE}."
    return None


class FileNameField(QWidget):
    """A file name inside a fixed folder; it follows a suggested name until the person types their own."""

    def __init__(self, folder: Path, suffix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder, self.suffix = folder, suffix
        self._typed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit()
        self.name.textEdited.connect(self._on_typed)
        where = QLabel(f"In {folder}")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setObjectName("folderHint")
        layout.addWidget(self.name)
        layout.addWidget(where)

    def _on_typed(self, _text: str) -> None:
        self._typed = True

    def suggest(self, stem: str) -> None:
        if not self._typed:
            self.name.setText(f"{stem}{self.suffix}")

    def path(self) -> Path:
        return self.folder / self.name.text().strip()

    def problem(self) -> str | None:
        name = self.name.text().strip()
        if not name or "/" in name or "\\" in name or name.startswith("."):
            return "Give the file a name (no folders in it)."
        if not name.endswith((".yaml", ".yml", ".json")):
            return "The file name must end with .roadmap.yaml (or .json)."
        if self.path().exists():
            return f"{name} is already in your roadmaps folder; choose another name."
        return None


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class BundledCopyDialog(QDialog):
    """Bundled roadmaps are read-only: offers a copy to edit, keeping the id (and the progress) or a new id."""

    def __init__(self, roadmap: Roadmap, folder: Path, suffix: str = ".roadmap.yaml", parent: QWidget | None = None):
        super().__init__(parent)
        self.roadmap = roadmap
        self.setWindowTitle("Edit a Copy")
        self.setStyleSheet(RADIO_STYLE)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = _bold(QLabel("Bundled roadmaps can't be changed. Save a copy to edit:"))
        layout.addWidget(heading)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.group = QButtonGroup(self)
        title = elide(roadmap.title, LABEL_CHARS)
        self.keep = QRadioButton(f"Keep the id ‘{roadmap.id}’")
        keep_text = QLabel(f"Your progress on “{title}” stays with the copy, and from now on you track the copy: "
                           "the bundled version is no longer the one you open.")
        self.new = QRadioButton("A new id")
        new_text = QLabel("The copy starts with no progress; your progress stays with the bundled roadmap.")
        self.new_id = QLineEdit(f"{roadmap.id}-copy"[:MAX_ID_CHARS])
        self.new_id.setPlaceholderText("e.g. my-ml-engineer")
        for row, (button, text) in enumerate(((self.keep, keep_text), (self.new, new_text))):
            self.group.addButton(button)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setIndent(22)
            grid.addWidget(button, row * 3, 0, 1, 2)
            grid.addWidget(text, row * 3 + 1, 0, 1, 2)
        grid.addWidget(QLabel("New id:"), 5, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.new_id, 5, 1)
        grid.setRowMinimumHeight(2, 10)
        layout.addLayout(grid)
        form = QFormLayout()
        self.file = FileNameField(folder, suffix)
        form.addRow("Save as:", self.file)
        layout.addSpacing(6)
        layout.addLayout(form)
        self.problem = error_label(reserve=True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save Copy and Edit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.keep.setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self.new_id.textChanged.connect(lambda *_: self._update())
        self.file.name.textChanged.connect(lambda *_: self._check())
        self._update()

    def choose(self, *, keep_id: bool, new_id: str | None = None) -> None:
        """Pick a choice as a click and typing would (tests and keyboard-free use)."""
        (self.keep if keep_id else self.new).setChecked(True)
        if new_id is not None:
            self.new_id.setText(new_id)

    def chosen_id(self) -> str:
        return self.roadmap.id if self.keep.isChecked() else self.new_id.text().strip()

    def _update(self) -> None:
        self.new_id.setEnabled(self.new.isChecked())
        self.file.suggest(self.chosen_id() or self.roadmap.id)
        self._check()

    def problem_text(self) -> str | None:
        if self.new.isChecked():
            problem = id_problem(self.chosen_id())
            if problem:
                return problem
            if self.chosen_id() == self.roadmap.id:
                return "A new id must differ from the bundled roadmap's; or choose “Keep the id”."
        return self.file.problem()

    def _check(self) -> None:
        problem = self.problem_text()
        show_error(self.problem, problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def path(self) -> Path:
        return self.file.path()


class NewRoadmapDialog(QDialog):
    """A new roadmap's title, its id (made from the title unless typed) and its file in the roadmaps folder."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New Roadmap")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Data Engineering")
        self.roadmap_id = QLineEdit()
        self.roadmap_id.setPlaceholderText("made from the title")
        id_hint = QLabel("Your progress is kept under this id; " + SLUG_RULE + ".")
        id_hint.setWordWrap(True)
        self.file = FileNameField(folder, ".roadmap.yaml")
        self.problem = error_label(reserve=True)
        form.addRow("Title:", self.title)
        form.addRow("Id:", self.roadmap_id)
        form.addRow("", id_hint)
        form.addRow("File:", self.file)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create and Edit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._id_typed = False
        self.roadmap_id.textEdited.connect(self._on_id_typed)
        self.title.textChanged.connect(self._on_title)
        self.roadmap_id.textChanged.connect(lambda *_: self._update())
        self.file.name.textChanged.connect(lambda *_: self._check())
        self._update()

    def _on_id_typed(self, _text: str) -> None:
        self._id_typed = True

    def _on_title(self, title: str) -> None:
        if not self._id_typed:
            self.roadmap_id.setText(plain_slug(title) if title.strip() else "")
        self._check()

    def _update(self) -> None:
        if self.roadmap_id.text().strip():
            self.file.suggest(self.roadmap_id.text().strip())
        self._check()

    def problem_text(self) -> str | None:
        if not self.title.text().strip():
            return "Give the roadmap a title."
        return id_problem(self.roadmap_id.text().strip()) or self.file.problem()

    def _check(self) -> None:
        problem = self.problem_text()
        show_error(self.problem, problem if self.title.text() else None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def values(self) -> tuple[str, str, Path]:
        return self.title.text().strip(), self.roadmap_id.text().strip(), self.file.path()
