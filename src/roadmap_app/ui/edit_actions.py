"""The Roadmap menu's actions and the slim bar shown above the graph while a roadmap is edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from roadmap_app.ui.text import LABEL_CHARS, elide
from roadmap_app.ui.window_actions import make_action

if TYPE_CHECKING:
    from roadmap_app.ui.edit_controller import EditController
    from roadmap_app.ui.main_window import MainWindow

EDIT_MODE_KEY = "Ctrl+E"
ADD_SKILL_KEY = "Ctrl+Shift+K"


class EditActions:
    """Built once with the window; enabled as edit mode, the selection and the editor's state allow."""

    def __init__(self, w: MainWindow, c: EditController):
        def a(text: str, slot, shortcut=None, tip: str | None = None, checkable: bool = False) -> QAction:
            return make_action(w, text, slot, shortcut, tip, checkable)

        self.edit_mode: QAction = a("&Edit Roadmap", lambda: c.set_editing(self.edit_mode.isChecked()), EDIT_MODE_KEY,
                           "Change the roadmap's skills, prerequisites, categories and resources", checkable=True)
        self.add_skill = a("&Add Skill…", c.add_skill, ADD_SKILL_KEY, "Add a skill to the roadmap")
        # Delete only acts on the graph: in a text field it deletes a character
        self.delete_skill = QAction("&Delete Skill", w.view)
        self.delete_skill.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_skill.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_skill.setStatusTip("Remove the selected skill and every line to it")
        self.delete_skill.triggered.connect(lambda: c.delete_skill())
        w.view.addAction(self.delete_skill)
        self.add_category = a("Add &Category…", c.add_category, None, "Add a category for skills")
        self.categories = a("Ca&tegories…", c.manage_categories, None,
                            "Rename, recolour, add and remove the roadmap's categories")
        self.save = a("&Save", c.files.save, "Ctrl+S", "Write your edits to the roadmap file")
        self.save_as = a("Save &As…", c.files.save_as, "Ctrl+Shift+S",
                         "Write the roadmap to another file (.json saves as JSON)")
        self.new_roadmap = a("&New Roadmap…", c.files.new_roadmap, "Ctrl+N",
                             "Start a roadmap of your own from a small template")
        self.controller = c
        menu = w.menuBar()
        roadmap_menu = menu.addMenu("&Roadmap")
        help_menu = next((action for action in menu.actions() if action.text() == "&Help"), None)
        if help_menu is not None:  # before Help, which stays last
            menu.removeAction(roadmap_menu.menuAction())
            menu.insertMenu(help_menu, roadmap_menu)
        for item in (self.edit_mode, None, self.add_skill, self.delete_skill, None, self.add_category,
                     self.categories, None, self.save, self.save_as, None, self.new_roadmap):
            roadmap_menu.addSeparator() if item is None else roadmap_menu.addAction(item)
        self.menu = roadmap_menu

    def update(self, selected: str | None) -> None:
        c = self.controller
        editing, has_document = c.editing, c.window.document is not None
        self.edit_mode.setEnabled(has_document)
        for action in (self.add_skill, self.add_category, self.categories):
            action.setEnabled(editing)
        self.delete_skill.setEnabled(editing and selected is not None)
        self.save.setEnabled(c.unsaved)
        self.save_as.setEnabled(has_document)


class EditBar(QFrame):
    """“Editing ‘Title’ — drag from a skill to the skill that needs it to connect them”, with a Done button."""

    doneClicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("editBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)  # a long title takes two lines rather than widening the window
        self.done = QPushButton("Done")
        self.done.setToolTip(f"Stop editing ({QKeySequence(EDIT_MODE_KEY).toString()})")
        self.done.clicked.connect(self.doneClicked)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.done)

    def set_title(self, title: str) -> None:
        self.label.setText(f"Editing ‘{elide(title, LABEL_CHARS)}’ — drag from a skill to the skill that needs it "
                           "to connect them (Shift: recommended)")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """The window's colour with a little of the accent, taken from the palette when drawn (so it follows a
        change of theme), and a line in the accent colour below."""
        palette = QApplication.palette()
        base, accent = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Highlight)
        share = 0.16
        tint = QColor.fromRgbF(base.redF() * (1 - share) + accent.redF() * share,
                               base.greenF() * (1 - share) + accent.greenF() * share,
                               base.blueF() * (1 - share) + accent.blueF() * share)
        painter = QPainter(self)
        painter.fillRect(self.rect(), tint)
        painter.fillRect(0, self.height() - 2, self.width(), 2, accent)
