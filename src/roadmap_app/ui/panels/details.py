"""The details panel: what a skill is, what it needs and unlocks, resources, status and notes."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import SessionRecord
from roadmap_app.domain.roadmap import Node
from roadmap_app.ui.canvas.status_glyph import STATUS_LABELS
from roadmap_app.ui.document import RoadmapDocument
from roadmap_app.ui.links import is_web_link, open_web_link
from roadmap_app.ui.panels.sessions import SessionList, describe_minutes
from roadmap_app.ui.text import LABEL_CHARS, TOOLTIP_CHARS, elide, plain_tooltip

if TYPE_CHECKING:  # QImage's and QTextDocument's Python types (two dozen enums) are made when first needed
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

KIND_HEADINGS = [("reading", "Reading"), ("course", "Courses"), ("video", "Videos"), ("exercise", "Exercises"),
                 ("practice", "Practice"), ("project", "Projects")]
STATUS_BUTTONS = [(Status.DONE, "Done", "D"), (Status.LEARNING, "Learning", "L"), (Status.SKIPPED, "Skipped", "S"),
                  (Status.TODO, "Reset", "R")]
SYMBOL = {Status.DONE: "✔", Status.LEARNING: "◐", Status.SKIPPED: "⤼", Status.TODO: "○"}
NOTES_SAVE_DELAY_MS = 600
TITLE_CHARS = 300  # the heading; longer titles are cut, with the rest in its tooltip
RESOURCE_CHARS = 300
NOTE_CHARS = 1000


class OfflineTextBrowser(QTextBrowser):
    """Rich text that never loads anything: no local file, no web address, no Qt resource.

    A summary comes from a roadmap file, which anyone may have written: `![x](file:///etc/passwd)` would show
    a local file's contents and `![x](/dev/zero)` (or a style sheet `@import`ed from it) froze the window.
    QTextDocument loads a resource itself when this returns nothing, and Qt's image handler opens an image
    file itself when it is given no image, so every image is a blank pixel and everything else is empty.
    Links are only reported (anchorClicked); the panel opens http and https ones in the browser.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt API
        from PySide6.QtGui import QTextDocument

        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return ""


def _blank_image() -> QImage:
    from PySide6.QtGui import QImage

    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


class ClickLabel(QLabel):
    """A wrapping label that toggles its checkbox when clicked, like a checkbox's own text."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()


class DetailsPanel(QWidget):
    """Shows one node; every change goes through the document (and so the store) at once."""

    nodeLinkActivated = Signal(str)
    logStudyRequested = Signal(str)
    editSessionRequested = Signal(object)  # SessionRecord

    def __init__(self, document: RoadmapDocument | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document: RoadmapDocument | None = None
        self.node: Node | None = None
        self._loading = False
        self._resource_boxes: dict[str, QCheckBox] = {}
        self._save_timer = QTimer(self, singleShot=True, interval=NOTES_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_notes)
        self._build()
        self.set_document(document)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(14, 12, 14, 12)
        self.layout_.setSpacing(8)

        self.empty = QLabel("Select a skill on the graph to see what it needs, what it unlocks and where to learn it.")
        self.empty.setWordWrap(True)
        self.empty.setObjectName("emptyHint")
        self.layout_.addWidget(self.empty)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title like "<img src=x>" is text
        self.title.setWordWrap(True)
        self.title.setObjectName("nodeTitle")
        title_font = self.title.font()  # a font, not a style sheet: a style sheet would keep the old theme's colour
        title_font.setPixelSize(17)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        content.addWidget(self.title)
        content.addWidget(self.meta)

        status_row = QHBoxLayout()
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[Status, QToolButton] = {}
        for status, label, key in STATUS_BUTTONS:
            button = QToolButton()
            button.setText(f"{SYMBOL[status]} {label}")
            button.setToolTip(f"{label} ({key})")
            button.setCheckable(status is not Status.TODO)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, s=status: self._set_status(s))
            status_row.addWidget(button)
            self.status_buttons[status] = button
            if button.isCheckable():
                self.status_group.addButton(button)
        status_row.addStretch(1)
        content.addLayout(status_row)

        self.summary = OfflineTextBrowser()
        self.summary.anchorClicked.connect(lambda url: open_web_link(url.toString()))
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.summary.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.addWidget(self.summary)

        self.relations = QLabel()
        self.relations.setWordWrap(True)
        self.relations.setTextFormat(Qt.TextFormat.RichText)
        self.relations.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.relations.linkActivated.connect(lambda link: self.nodeLinkActivated.emit(link.removeprefix("node:")))
        content.addWidget(self.relations)

        self.resources_box = QVBoxLayout()
        self.resources_box.setSpacing(4)
        content.addLayout(self.resources_box)

        study_row = QHBoxLayout()
        self.study_label = QLabel()
        self.log_button = QPushButton("Log study time…")
        self.log_button.clicked.connect(self._request_log_study)
        study_row.addWidget(self.study_label, 1)
        study_row.addWidget(self.log_button)
        content.addLayout(study_row)
        self.sessions = SessionList()
        self.sessions.editRequested.connect(self.editSessionRequested)
        self.sessions.deleteRequested.connect(self._delete_session)
        content.addWidget(self.sessions)

        notes_label = QLabel("<b>Notes</b> (Markdown, saved as you type)")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on (to the graph too), as everywhere else in the window
        self.notes.setPlaceholderText("Your notes on this skill…")
        self.notes.setMinimumHeight(110)
        self.notes.textChanged.connect(self._notes_edited)
        content.addWidget(notes_label)
        content.addWidget(self.notes)
        self.layout_.addWidget(self.content)
        self.layout_.addStretch(1)
        self.content.hide()

    # ------------------------------------------------------------------ binding
    def set_document(self, document: RoadmapDocument | None) -> None:
        self.save_notes()
        if self.document is not None:
            self.document.nodesChanged.disconnect(self._on_nodes_changed)
            self.document.roadmapReplaced.disconnect(self._on_roadmap_replaced)
        self.document = document
        self.node = None
        if document is not None:
            document.nodesChanged.connect(self._on_nodes_changed)
            document.roadmapReplaced.connect(self._on_roadmap_replaced)
        self.show_node(None)

    def _on_roadmap_replaced(self, _old) -> None:
        """A new version of the roadmap: show the same skill as it is now, or nothing if it is gone."""
        assert self.document is not None
        shown = self.node.id if self.node is not None else None
        self.node = None  # notes were saved before the roadmap was replaced (the window does that first)
        self.show_node(shown if shown in self.document.roadmap.nodes_by_id else None)

    def show_node(self, node_id: str | None) -> None:
        self.save_notes()
        if self.document is None or node_id is None:
            self.node = None
            self.content.hide()
            self.empty.show()
            return
        self.node = self.document.roadmap.node(node_id)
        self.empty.hide()
        self.content.show()
        self._refresh(full=True)

    def _on_nodes_changed(self, node_ids: set[str], aspects: frozenset[str]) -> None:
        if self.node is None or self.document is None:
            return
        node = self.node
        shown = {node.id, *node.requires, *node.recommends, *self.document.roadmap.unlocks[node.id]}
        if node_ids & shown:
            self._refresh(full=False, aspects=aspects if node.id in node_ids else frozenset({"status"}))

    def _refresh(self, *, full: bool, aspects: frozenset[str] = frozenset()) -> None:
        assert self.document is not None and self.node is not None
        self._loading = True
        node, roadmap, snapshot = self.node, self.document.roadmap, self.document.snapshot
        state = snapshot.state(node.id)
        category = roadmap.categories_by_id[node.category]
        color = category.color or "#888888"
        self.title.setText(elide(node.title, TITLE_CHARS))
        self.title.setToolTip(plain_tooltip(node.title) if len(node.title) > TITLE_CHARS else "")
        self.meta.setText(
            f'<span style="color:{color}">■</span> {html.escape(elide(category.title))} &nbsp;·&nbsp; '
            f"{node.hours:g} h estimated &nbsp;·&nbsp; {SYMBOL[state.status]} {STATUS_LABELS[state.status]}")
        self.status_group.setExclusive(False)  # an exclusive group cannot show "none pressed" (not started)
        for status, button in self.status_buttons.items():
            if button.isCheckable():
                button.setChecked(status is state.status)
        self.status_group.setExclusive(True)
        if full:
            self.summary.setMarkdown(node.summary)
            self.summary.document().setTextWidth(max(self.summary.viewport().width(), 260))
            self.summary.setFixedHeight(int(self.summary.document().size().height()) + 8)
            self.notes.setPlainText(state.notes)
            self._fill_resources(state.done_resources)
        else:
            if "notes" in aspects and not self._save_timer.isActive() and self.notes.toPlainText() != state.notes:
                self.notes.setPlainText(state.notes)  # an undo, or a change made outside the window
            for key, box in self._resource_boxes.items():
                box.setChecked(key in state.done_resources)
        self.relations.setText(self._relations_html())
        if full or "sessions" in aspects:
            self.sessions.set_sessions(self.document.sessions(node.id))
        self.study_label.setText(f"Study time logged: {describe_minutes(state.minutes)}" if state.minutes
                                 else "No study time logged yet")
        self._loading = False

    def _relations_html(self) -> str:
        assert self.document is not None and self.node is not None
        roadmap, snapshot = self.document.roadmap, self.document.snapshot

        def links(ids) -> str:
            items = [f'<a href="node:{i}">{html.escape(elide(roadmap.node(i).title, LABEL_CHARS))}</a> '
                     f"{SYMBOL[snapshot.status(i)]}"
                     for i in ids]
            return ", ".join(items) if items else "<i>nothing</i>"

        parts = [f"<b>Needs:</b> {links(self.node.requires)}"]
        if self.node.recommends:
            parts.append(f"<b>Recommended first:</b> {links(self.node.recommends)}")
        parts.append(f"<b>Unlocks:</b> {links(roadmap.unlocks[self.node.id])}")
        ready = snapshot.ready(self.node.id)
        if not snapshot.closed(self.node.id):
            parts.append("<i>Ready to learn: every prerequisite is done or skipped.</i>" if ready
                         else "<i>Not ready yet: some prerequisites are still open.</i>")
        return "<br>".join(parts)

    def _fill_resources(self, done: set[str]) -> None:
        self._resource_boxes.clear()
        while self.resources_box.count():
            item = self.resources_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget:
                widget.deleteLater()
        assert self.node is not None
        for kind, heading in KIND_HEADINGS:
            resources = [r for r in self.node.resources if r.kind == kind]
            if not resources:
                continue
            label = QLabel(f"<b>{heading}</b>")
            self.resources_box.addWidget(label)
            for resource in resources:
                self.resources_box.addWidget(self._resource_row(resource, resource.key in done))

    def _resource_row(self, resource, checked: bool) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QCheckBox()
        box.setChecked(checked)
        self._resource_boxes[resource.key] = box
        box.setAccessibleName(elide(resource.title, TOOLTIP_CHARS))
        tip = [resource.url or "No link"] + ([f"{resource.hours:g} h"] if resource.hours else [])
        box.setToolTip(plain_tooltip(*tip))
        box.toggled.connect(lambda on, key=resource.key: self._set_resource(key, on))
        text = html.escape(elide(resource.title, RESOURCE_CHARS))
        if resource.note:
            note = html.escape(elide(resource.note, NOTE_CHARS))
            text += f'<br><small style="color: palette(placeholder-text)">{note}</small>'
        label = ClickLabel(text, box)
        label.setToolTip(box.toolTip())
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label, 1)
        if is_web_link(resource.url):
            button = QToolButton()
            button.setText("Open ↗")
            button.setToolTip(plain_tooltip(f"Open {resource.url} in your browser"))
            button.clicked.connect(lambda _=False, url=resource.url: open_web_link(url))
            layout.addWidget(button)
        return row

    # ------------------------------------------------------------------ actions
    def _set_status(self, status: Status) -> None:
        if self.document is not None and self.node is not None:
            self.document.set_status(self.node.id, status)

    def _set_resource(self, key: str, done: bool) -> None:
        if not self._loading and self.document is not None and self.node is not None:
            self.document.set_resource_done(self.node.id, key, done)

    def _request_log_study(self) -> None:
        if self.node:
            self.logStudyRequested.emit(self.node.id)

    def _delete_session(self, session: SessionRecord) -> None:
        if self.document is not None:
            self.document.delete_session(session)

    def _notes_edited(self) -> None:
        if not self._loading:
            self._save_timer.start()

    def save_notes(self) -> None:
        """Write pending notes now (also called when switching nodes and on close)."""
        self._save_timer.stop()
        if self.document is not None and self.node is not None and not self._loading:
            self.document.set_notes(self.node.id, self.notes.toPlainText())
