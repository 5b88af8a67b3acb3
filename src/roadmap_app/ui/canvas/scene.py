"""The graph scene: items built from a layout, updated from the document's signals."""

from __future__ import annotations

import gc
from collections.abc import Iterator

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from roadmap_app.domain.graph import all_prerequisites, all_unlocks, implied_requirements
from roadmap_app.domain.layout import LayoutResult, LayoutSpec
from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.ui.canvas.card_text import card_height
from roadmap_app.ui.canvas.category_items import LANE_MARGIN, LaneItem, SummaryItem
from roadmap_app.ui.canvas.edge_item import EdgeItem
from roadmap_app.ui.canvas.legend_item import LegendItem
from roadmap_app.ui.canvas.node_item import NodeItem
from roadmap_app.ui.document import RoadmapDocument
from roadmap_app.ui.text import CARD_CHARS, elide
from roadmap_app.ui.theme import Theme, category_colors

DIM = 0.22
FILTERED = 0.1
BUILD_CHUNK = 1000  # items added between two pauses of build_steps(): about 20 ms


class GraphScene(QGraphicsScene):
    """Owns one NodeItem per skill and one EdgeItem per prerequisite or recommendation."""

    selectedNodeChanged = Signal(object)  # node id or None
    expandRequested = Signal(str)  # a collapsed category's id (its card was double-clicked)

    def __init__(self, roadmap: Roadmap, layout: LayoutResult, theme: Theme, spec: LayoutSpec = LayoutSpec(),
                 parent=None, lanes: bool = False):
        """An empty scene: build_steps() adds the items, attach() connects a document's progress.

        lanes: draw each category's band (the layout was made with lanes)."""
        super().__init__(parent)
        self.lanes_shown = lanes
        self.lanes: list[LaneItem] = []
        self.summaries: dict[str, SummaryItem] = {}
        self.roadmap = roadmap
        self.document: RoadmapDocument | None = None
        self.layout = layout
        self.theme = theme
        self.spec = spec
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.ready_only = False
        self.matches: set[str] | None = None
        self.plan_nodes: set[str] = set()
        self.show_implied = False  # prerequisite lines a longer chain implies (a→c beside a→b→c)
        self.batched = False  # set by a view that draws the cards and lines itself (far away): repaint on changes
        self.visual_version = 0  # counts changes of how items look (state, emphasis, visibility, theme)

    @classmethod
    def for_document(cls, document: RoadmapDocument, layout: LayoutResult, theme: Theme,
                     spec: LayoutSpec = LayoutSpec(), parent=None, lanes: bool = False) -> GraphScene:
        """A scene built in one go and showing the document's progress."""
        scene = cls(document.roadmap, layout, theme, spec, parent, lanes)
        for _ in scene.build_steps():
            pass
        scene.attach(document)
        return scene

    def build_steps(self, chunk: int = BUILD_CHUNK) -> Iterator[None]:
        """Add the items, pausing after every `chunk` of them, so a caller can keep its window responsive.

        Python's garbage collector is held off while a chunk is built: it would walk every new item again and
        again (at 5,000 skills, 70 to 150 ms of a 300 ms build), and the items are kept anyway."""
        steps, finished = self._build_chunks(chunk), object()
        while True:
            collecting = gc.isenabled()
            gc.disable()
            try:
                step = next(steps, finished)
            finally:
                if collecting:
                    gc.enable()
            if step is finished:
                return
            yield

    def _build_chunks(self, chunk: int) -> Iterator[None]:
        roadmap, spec, positions = self.roadmap, self.spec, self.layout.positions
        colors = category_colors(roadmap)
        for count, node in enumerate(roadmap.nodes, 1):
            height = card_height(elide(node.title, CARD_CHARS), spec.node_width)
            item = NodeItem(node, spec.node_width, height, colors[node.category], self.theme)
            item.setPos(*positions[node.id])
            self.addItem(item)
            self.nodes[node.id] = item
            if count % chunk == 0:
                yield
        self._add_categories(colors)
        implied = implied_requirements(roadmap)
        drawn: set[tuple[tuple[float, float], tuple[float, float]]] = set()
        for count, ((source, target), points) in enumerate(self.layout.routes.items(), 1):
            ends = (points[0], points[-1])
            if ends in drawn:  # two prerequisites into or out of one collapsed category: one line
                continue
            drawn.add(ends)
            edge = EdgeItem(source, target, points, self.theme)
            edge.implied = (source, target) in implied
            edge.setVisible(self.show_implied or not edge.implied)
            self._add_edge(edge)
            if count % chunk == 0:
                yield
        for (source, target), points in self.layout.soft_routes.items():
            self._add_edge(EdgeItem(source, target, points, self.theme, soft=True))
        self.legend = LegendItem(roadmap.title, [(c.title, colors[c.id]) for c in roadmap.categories], self.theme,
                                 self.layout.width)
        self.legend.setPos(0, -self.legend.boundingRect().height() - 30)
        self.addItem(self.legend)

    def _looks_changed(self) -> None:
        """Items changed how they look: what is drawn in batches is made again, and repainted here when the view
        draws the cards and lines itself (their own repaint requests are dropped: they have no contents then)."""
        self.visual_version += 1
        if self.batched:
            self.update()

    def _add_categories(self, colors: dict[str, QColor]) -> None:
        """Collapsed categories' cards (their skills hidden), then the lanes behind every category."""
        roadmap, spec = self.roadmap, self.spec
        for group, (x, y) in self.layout.summaries.items():
            category = roadmap.categories[group]
            members = [node.id for node in roadmap.nodes if node.category == category.id]
            item = SummaryItem(category, members, colors[category.id], spec.node_width, spec.summary_height,
                               self.theme)
            item.setPos(x, y)
            self.addItem(item)
            self.summaries[category.id] = item
            for node_id in members:
                self.nodes[node_id].setVisible(False)
        if not self.lanes_shown:
            return
        for category in roadmap.categories:
            boxes = [item.box().translated(item.pos()) for item in self.nodes.values()
                     if item.node.category == category.id and item.isVisible()]
            if category.id in self.summaries:
                summary = self.summaries[category.id]
                boxes.append(summary.box().translated(summary.pos()))
            if not boxes:
                continue
            top = min(box.top() for box in boxes) - spec.lane_gap + 8
            bottom = max(box.bottom() for box in boxes) + 4
            rect = QRectF(-LANE_MARGIN, top, self.layout.width + 2 * LANE_MARGIN, bottom - top)
            lane = LaneItem(category, colors[category.id], rect, self.theme)
            self.addItem(lane)
            self.lanes.append(lane)

    def _add_edge(self, edge: EdgeItem) -> None:
        self.addItem(edge)
        self.edges.append(edge)

    def attach(self, document: RoadmapDocument) -> None:
        """Show the document's progress (of this scene's roadmap) and follow its changes from now on."""
        assert document.roadmap is self.roadmap, "a scene shows the roadmap it was built for"
        self.document = document
        self._refresh_states()
        self._apply_visuals()
        document.nodesChanged.connect(self._on_nodes_changed)
        self.selectionChanged.connect(self._on_selection_changed)

    @property
    def _snapshot(self) -> ProgressSnapshot:
        assert self.document is not None, "attach() a document first"
        return self.document.snapshot

    # ------------------------------------------------------------------ model signals
    def _on_nodes_changed(self, node_ids: set[str], aspects: frozenset[str]) -> None:
        if not aspects & {"status", "resources"}:
            return
        snapshot = self._snapshot
        for node_id in node_ids:
            item = self.nodes.get(node_id)
            if item is not None:
                item.set_state(snapshot.status(node_id), snapshot.resources_done(node_id))
        if "status" in aspects:  # a finished prerequisite can make what it unlocks ready
            touched = {n for node_id in node_ids if node_id in self.nodes for n in self.roadmap.unlocks[node_id]}
            for node_id in touched | (node_ids & self.nodes.keys()):
                self.nodes[node_id].set_ready(snapshot.ready(node_id))
        if self.ready_only and "status" in aspects:
            self._apply_visuals()
        if "status" in aspects:
            self._refresh_summaries()
        self._looks_changed()

    def _refresh_states(self) -> None:
        snapshot = self._snapshot
        for node_id, item in self.nodes.items():
            item.set_state(snapshot.status(node_id), snapshot.resources_done(node_id))
            item.set_ready(snapshot.ready(node_id))
        self._refresh_summaries()

    def _refresh_summaries(self) -> None:
        snapshot, roadmap = self._snapshot, self.roadmap
        for item in self.summaries.values():
            done = sum(1 for node_id in item.members if snapshot.status(node_id) is Status.DONE)
            left = sum(roadmap.node(node_id).hours for node_id in item.members if not snapshot.closed(node_id))
            item.set_progress(done, len(item.members), round(left, 1))

    def _on_selection_changed(self) -> None:
        self._apply_visuals()
        self.selectedNodeChanged.emit(self.selected_node())

    # ------------------------------------------------------------------ view state
    def selected_node(self) -> str | None:
        for item in self.selectedItems():
            if isinstance(item, NodeItem):
                return item.node.id
        return None

    def select_node(self, node_id: str | None) -> None:
        self.clearSelection()
        if node_id in self.nodes:
            self.nodes[node_id].setSelected(True)

    def ready_area(self) -> QRectF:
        """The area of the cards marked ready to learn (where a newcomer starts); empty when there are none."""
        area = QRectF()
        for item in self.nodes.values():
            if item.ready:
                area = area.united(item.sceneBoundingRect())
        return area

    def set_show_implied(self, shown: bool) -> None:
        """Show every prerequisite line, or (the default) leave out those a longer chain implies."""
        self.show_implied = shown
        for edge in self.edges:
            if edge.implied:
                edge.setVisible(shown)
        self._looks_changed()

    def set_ready_only(self, enabled: bool) -> None:
        if enabled != self.ready_only:
            self.ready_only = enabled
            self._apply_visuals()

    def set_matches(self, matches: set[str] | None) -> None:
        if matches != self.matches:
            self.matches = matches
            self._apply_visuals()

    def set_plan_nodes(self, node_ids: set[str]) -> None:
        self.plan_nodes = set(node_ids)
        self._apply_visuals()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        items: list[NodeItem | EdgeItem | LegendItem | LaneItem | SummaryItem] = [
            *self.nodes.values(), *self.edges, self.legend, *self.lanes, *self.summaries.values()]
        for item in items:
            item.set_theme(theme)
        self._looks_changed()

    def related_to_selection(self) -> tuple[set[str], set[str]]:
        selected = self.selected_node()
        if selected is None:
            return set(), set()
        roadmap = self.roadmap
        return all_prerequisites(roadmap, selected), all_unlocks(roadmap, selected)

    def _apply_visuals(self) -> None:
        """Combine filter, selection, search and plan into each item's opacity and emphasis."""
        snapshot = self._snapshot
        selected = self.selected_node()
        needs, unlocks = self.related_to_selection()
        related = needs | unlocks | ({selected} if selected else set())
        visible_opacity: dict[str, float] = {}
        for node_id, item in self.nodes.items():
            opacity = 1.0
            if self.ready_only and not snapshot.ready(node_id):
                opacity = FILTERED
            if selected and node_id not in related:
                opacity = min(opacity, DIM)
            if self.matches is not None and node_id not in self.matches:
                opacity = min(opacity, DIM)
            emphasis = None
            if self.matches is not None and node_id in self.matches:
                emphasis = "match"
            elif selected and node_id in related and node_id != selected:
                emphasis = "related"
            elif node_id in self.plan_nodes:
                emphasis = "plan"
            item.setOpacity(opacity)
            item.set_emphasis(emphasis)
            visible_opacity[node_id] = opacity
        chain_needs, chain_unlocks = needs | {selected}, unlocks | {selected}
        for edge in self.edges:
            on_path = bool(selected) and not edge.soft and (
                (edge.source in chain_needs and edge.target in chain_needs)
                or (edge.source in chain_unlocks and edge.target in chain_unlocks))
            edge.set_emphasis(on_path)
            edge.setOpacity(1.0 if on_path else min(visible_opacity[edge.source], visible_opacity[edge.target]))
        self._looks_changed()
