"""How the open map is arranged: category lanes (a setting) and collapsed categories (remembered per roadmap).

Changing either lays the map out again (from the layout cache when it was drawn so before) and builds a
new scene for the same document: progress, undo history and selection stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from roadmap_app.domain.layout import LayoutResult
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.ui.canvas.scene import GraphScene
from roadmap_app.ui.document import RoadmapDocument
from roadmap_app.ui.layout_task import LayoutRunner
from roadmap_app.ui.theme import Theme
from roadmap_app.ui.view_memory import load_collapsed, save_collapsed


class MapArrangement(QObject):
    rearranged = Signal(object)  # a GraphScene built for the document that was open when it was asked for
    failed = Signal(str)

    def __init__(self, settings: QSettings, cache_dir: Path | None, theme: Callable[[], Theme],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.settings, self.theme, self.cache_dir = settings, theme, cache_dir
        self._latest = 0  # only the newest request's layout is shown

    @property
    def lanes(self) -> bool:
        return str(self.settings.value("category_lanes", "false")).lower() == "true"

    def collapsed(self, roadmap: Roadmap) -> frozenset[str]:
        known = {category.id for category in roadmap.categories}
        return load_collapsed(self.settings, roadmap.id) & known

    def set_lanes(self, shown: bool, document: RoadmapDocument | None) -> None:
        self.settings.setValue("category_lanes", shown)
        self._relayout(document)

    def set_collapsed(self, document: RoadmapDocument | None, category_ids: frozenset[str]) -> None:
        if document is None:
            return
        save_collapsed(self.settings, document.roadmap.id, category_ids)
        self._relayout(document)

    def collapse(self, document: RoadmapDocument | None, category_id: str) -> None:
        if document is not None:
            self.set_collapsed(document, self.collapsed(document.roadmap) | {category_id})

    def expand(self, document: RoadmapDocument | None, category_id: str) -> None:
        if document is not None:
            self.set_collapsed(document, self.collapsed(document.roadmap) - {category_id})

    def redraw(self, document: RoadmapDocument | None) -> None:
        """Lay the document's roadmap out again (a new version of it is shown) and emit the new scene."""
        self._relayout(document)

    def _relayout(self, document: RoadmapDocument | None) -> None:
        if document is None:
            return
        self._latest += 1
        request, lanes = self._latest, self.lanes
        runner = LayoutRunner(self.cache_dir, self)

        def finished(roadmap: Roadmap, layout: LayoutResult) -> None:
            runner.deleteLater()
            if request == self._latest and roadmap is document.roadmap:
                self.rearranged.emit(GraphScene.for_document(document, layout, self.theme(), lanes=lanes))

        def failed(_roadmap: Roadmap, message: str) -> None:
            runner.deleteLater()
            if request == self._latest:
                self.failed.emit(message)

        runner.finished.connect(finished)
        runner.failed.connect(failed)
        runner.start(document.roadmap, lanes, self.collapsed(document.roadmap))
