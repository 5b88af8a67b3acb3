"""Showing what a new version of a tracked roadmap changes: a dialog for explicit opens (the bar for reloads is
UpdateBanner, in ui/update_banner.py, imported here too)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.services.update_preview import UpdatePreview, short_date
from roadmap_app.ui.text import LABEL_CHARS, elide
from roadmap_app.ui.update_banner import SELECTABLE, UpdateBanner

__all__ = ["Section", "UpdateBanner", "UpdatePreviewDialog", "sections"]

MAX_LINES = 400  # per section; the rest is counted, not listed
FOLDED_OVER = 10  # a list of skills longer than this starts folded, so progress and plan stay in view
ARCHIVE_PROMISE = ("Archived progress is kept, not deleted: it comes back if the skill returns, under its id or "
                   "listed among another skill's former ids.")
FIELD_WORDS = {"title": "title", "category": "category", "hours": "hours", "requires": "prerequisites",
               "recommends": "recommended skills", "summary": "summary", "resources": "resources"}


@dataclass(frozen=True)
class Section:
    """One part of the dialog: a heading and its lines of plain text."""

    key: str
    heading: str
    lines: tuple[str, ...]
    collapsed: bool = False  # folded under its heading until clicked
    note: str = ""  # shown muted under the lines


def _quoted(text: str) -> str:
    return f"‘{elide(text, LABEL_CHARS)}’"


def _titles_in(preview: UpdatePreview):
    """Title lookups in the old and in the new version: an id (or former id) -> the title of its skill there."""

    def old_title(node_id: str) -> str:
        current = preview.old.resolve(node_id)
        return preview.old.node(current).title if current is not None else preview.title(node_id)

    def new_title(node_id: str) -> str:
        current = preview.new.resolve(node_id)
        return preview.new.node(current).title if current is not None else preview.title(node_id)

    return old_title, new_title


def sections(preview: UpdatePreview) -> list[Section]:
    """What the dialog lists, section by section; sections with nothing in them are left out."""
    update = preview.update
    old_title, new_title = _titles_in(preview)
    found = [
        Section("added", f"Added ({len(update.added)})", tuple(_quoted(new_title(n)) for n in update.added)),
        Section("removed", f"Removed ({len(update.removed)})", tuple(_quoted(old_title(n)) for n in update.removed)),
        Section("renamed", f"Renamed ({len(update.renamed)})",
                tuple(_renaming(preview, old, new) for old, new in update.renamed)),
        Section("merged", f"Merged ({len(update.merged)})",
                tuple(f"{' and '.join(_quoted(old_title(o)) for o in olds)} become {_quoted(new_title(n))}"
                      for n, olds in update.merged)),
        Section("changed", f"Changed ({len(update.changed)} skill{'s' if len(update.changed) != 1 else ''})",
                tuple(_change(preview, n) for n in update.changed), collapsed=True),
        Section("categories", "Categories", _category_lines(preview)),
    ]
    found = [replace(section, collapsed=section.collapsed or len(section.lines) > FOLDED_OVER)
             for section in found if section.lines]
    promise = ARCHIVE_PROMISE if preview.update.to_archive else ""
    found.append(Section("progress", "Your progress", _progress_lines(preview), note=promise))
    line, note = _plan_lines(preview)
    found.append(Section("plan", "Your plan", (line,), note=note))
    return found


def _renaming(preview: UpdatePreview, old_id: str, new_id: str) -> str:
    old_title, new_title = _titles_in(preview)
    before, after = old_title(old_id), new_title(new_id)
    if before == after:
        return f"{_quoted(after)} (id {old_id} → {new_id})"
    return f"{_quoted(before)} → {_quoted(after)}"


def _change(preview: UpdatePreview, node_id: str) -> str:
    """‘Pandas’: hours 12 → 14, summary (with before and after where they are short)."""
    before, after = preview.old.node(node_id), preview.new.node(node_id)
    words = []
    for field in preview.update.fields_changed(node_id):
        if field == "title":
            words.append(f"title {_quoted(before.title)} → {_quoted(after.title)}")
        elif field == "hours":
            words.append(f"hours {before.hours:g} → {after.hours:g}")
        elif field == "category":
            old_category = preview.old.categories_by_id[before.category].title
            words.append(f"category {_quoted(old_category)} → "
                         f"{_quoted(preview.new.categories_by_id[after.category].title)}")
        else:
            words.append(FIELD_WORDS[field])
    return f"{_quoted(after.title)}: {', '.join(words)}"


def _category_lines(preview: UpdatePreview) -> tuple[str, ...]:
    update, old, new = preview.update, preview.old.categories_by_id, preview.new.categories_by_id
    lines = [f"Added: {_quoted(new[c].title)}" for c in update.categories_added]
    lines += [f"Removed: {_quoted(old[c].title)}" for c in update.categories_removed]
    lines += [f"Changed: {_quoted(old[c].title)}" + (f" → {_quoted(new[c].title)}" if old[c].title != new[c].title
                                                      else " (colour)") for c in update.categories_changed]
    return tuple(lines)


def _progress_lines(preview: UpdatePreview) -> tuple[str, ...]:
    update = preview.update
    old_title, new_title = _titles_in(preview)
    order = _file_order(preview)

    def what(stored: str) -> str:
        return preview.progress_by_id.get(stored, "progress")

    combined = {new_id for new_id, _ in update.combined}
    lines = [f"{_quoted(old_title(s))} ({what(s)}) moves to the archive."
             for s in sorted(update.to_archive, key=order)]
    lines += [f"{_quoted(new_title(s))} ({what(s)}) comes back from the archive."
              for s in sorted(update.from_archive, key=order)]
    lines += [f"Your progress stored under the former id ‘{s}’ of {_quoted(old_title(was))} ({what(s)}) now counts "
              f"for {_quoted(new_title(now))}." for s, was, now in update.reassigned]
    lines += [f"{_quoted(new_title(n))} shows your progress on {' and '.join(_quoted(old_title(s)) for s in ids)} "
              "together: the most recent status wins and logged time adds up." for n, ids in update.combined]
    follows = sorted(((s, n) for s, n in update.follows_rename if n not in combined), key=lambda pair: order(pair[0]))
    if len(follows) > FOLDED_OVER:
        lines.append(f"Your progress on {len(follows):,} renamed skills goes with them to their new ids.")
    else:
        lines += [f"{_quoted(old_title(s))} ({what(s)}) goes with the skill to "
                  + (f"{_quoted(new_title(n))}." if new_title(n) != old_title(s) else f"its new id ‘{n}’.")
                  for s, n in follows]
    return tuple(lines) or ("Your progress stays with the same skills.",)


def _file_order(preview: UpdatePreview):
    """A sort key putting stored ids in the order of their skills in the old file (then the new one)."""
    old_position = {node.id: i for i, node in enumerate(preview.old.nodes)}
    new_position = {node.id: i for i, node in enumerate(preview.new.nodes)}

    def key(stored: str) -> tuple[int, int, str]:
        was, now = preview.old.resolve(stored), preview.new.resolve(stored)
        if was is not None:
            return 0, old_position[was], stored
        return 1, new_position[now] if now is not None else 0, stored

    return key


def _plan_lines(preview: UpdatePreview) -> tuple[str, str]:
    """The finish dates in a line, and a note on why one is missing or which goals were dropped."""
    before, after = preview.finish_before, preview.finish_after
    if before is not None and after is not None:
        if before == after:
            line = f"Still finishes {short_date(after)}."
        else:
            line = f"Finishes {short_date(after)} instead of {short_date(before)} ({_shift(before, after)})."
    elif after is not None:
        line = f"Finishes {short_date(after)}."
    elif before is not None:
        line = f"Finishes {short_date(before)} now; no plan with the new version."
    else:
        line = "No plan."
    note = preview.plan_note
    return line, note[:1].upper() + note[1:] + "." if note else ""


def _shift(before: date, after: date) -> str:
    days = abs((after - before).days)
    amount = f"{round(days / 7)} weeks" if days >= 14 else f"{days} day{'s' if days != 1 else ''}"
    return f"{amount} {'later' if after > before else 'earlier'}"


class UpdatePreviewDialog(QDialog):
    """Asks before a new version replaces the tracked one: accept uses it, reject (and Escape) keeps the current."""

    def __init__(self, preview: UpdatePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"A new version of {_quoted(preview.new.title)}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = _text_label(self._intro())
        intro.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(intro)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        self.section_bodies: dict[str, QWidget] = {}
        self.section_buttons: dict[str, QToolButton] = {}
        for section in sections(preview):
            self._add_section(body_layout, section)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.use_button = buttons.addButton("Use New Version", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton("Keep Current Version", QDialogButtonBox.ButtonRole.RejectRole)
        self.use_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = 620
        content = body_layout.totalHeightForWidth(width - 40) + intro.heightForWidth(width - 20)
        self.resize(width, min(600, content + 90))

    def _intro(self) -> str:
        old, new = self.preview.old, self.preview.new
        versions = (f"Version {old.version or '(none)'} → {new.version}. " if old.version != new.version
                    and new.version else "")
        return f"{versions}This is what changes if you use the new version of {_quoted(new.title)}."

    def _add_section(self, layout: QVBoxLayout, section: Section) -> None:
        heading = QToolButton() if section.collapsed else _text_label(section.heading)
        heading.setText(section.heading)
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        body = QWidget()
        body.setObjectName(f"section-{section.key}")
        grid = QGridLayout(body)
        grid.setContentsMargins(10, 0, 0, 8)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        bullets = len(section.lines) > 1
        shown = list(section.lines[:MAX_LINES])
        if len(section.lines) > MAX_LINES:
            shown.append(f"… and {len(section.lines) - MAX_LINES:,} more")
        for row, line in enumerate(shown):
            if bullets:
                grid.addWidget(QLabel("•"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_text_label(line), row, 1)
        if section.note:
            note = _text_label(section.note)
            note.setObjectName(f"note-{section.key}")
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # the theme's muted text
            grid.addWidget(note, len(shown), 0, 1, 2)
        if isinstance(heading, QToolButton):  # not checkable: the style sheet paints checked buttons as pressed
            heading.setAutoRaise(True)
            heading.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            heading.setArrowType(Qt.ArrowType.RightArrow)
            heading.setAccessibleName(f"Show or hide the {section.heading.lower()}")
            body.setVisible(False)

            def toggle(_checked: bool = False, button: QToolButton = heading) -> None:
                body.setVisible(not body.isVisibleTo(self))
                button.setArrowType(Qt.ArrowType.DownArrow if body.isVisibleTo(self) else Qt.ArrowType.RightArrow)

            heading.clicked.connect(toggle)
            self.section_buttons[section.key] = heading
        self.section_bodies[section.key] = body
        layout.addWidget(heading)
        layout.addWidget(body)

    def section_lines(self, key: str) -> list[str]:
        """The text of each item a section lists (its note left out), as shown."""
        body = self.section_bodies[key]
        return [label.text() for label in body.findChildren(QLabel) if label.text() != "•"
                and not label.objectName().startswith("note-")]


def _text_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(SELECTABLE)
    return label
