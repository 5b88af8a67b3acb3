"""Compute a roadmap's layout in a worker thread, so large graphs never block the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from roadmap_app.domain.layout import LayoutSpec
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.services.layout_cache import LARGE_GRAPH_NODES, LayoutOptions, cached_layout
from roadmap_app.ui.canvas.card_text import card_heights


def layout_options(roadmap: Roadmap, lanes: bool = False, collapsed: frozenset[str] = frozenset()) -> LayoutOptions:
    """The layout the canvas draws: cards as tall as their titles, and the window's category choices."""
    heights = card_heights({node.id: node.title for node in roadmap.nodes}, LayoutSpec().node_width)
    return LayoutOptions(heights, lanes, collapsed & {category.id for category in roadmap.categories})


class _Signals(QObject):
    finished = Signal(object, object)  # roadmap, LayoutResult
    failed = Signal(object, str)


class _LayoutRunnable(QRunnable):
    def __init__(self, roadmap: Roadmap, cache_dir: Path | None, lanes: bool, collapsed: frozenset[str],
                 signals: _Signals):
        super().__init__()
        self.roadmap, self.cache_dir, self.signals = roadmap, cache_dir, signals
        self.lanes, self.collapsed = lanes, collapsed

    def run(self) -> None:
        try:  # the cards are measured here too: 5,000 titles take 0.1 to 0.25 s (Qt's text layout is reentrant)
            options = layout_options(self.roadmap, self.lanes, self.collapsed)
            result = cached_layout(self.roadmap, self.cache_dir, options=options)
        except Exception as exc:  # noqa: BLE001 - reported to the window, never raised in a thread
            self.signals.failed.emit(self.roadmap, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(self.roadmap, result)


class LayoutRunner(QObject):
    """Small graphs are laid out at once; large ones in the thread pool."""

    finished = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, cache_dir: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.cache_dir = cache_dir
        self._signals = _Signals()
        self._signals.finished.connect(self.finished)
        self._signals.failed.connect(self.failed)

    def start(self, roadmap: Roadmap, lanes: bool = False, collapsed: frozenset[str] = frozenset()) -> bool:
        """Returns True when the result was delivered synchronously."""
        if len(roadmap.nodes) + sum(len(n.requires) for n in roadmap.nodes) <= LARGE_GRAPH_NODES:
            try:
                result = cached_layout(roadmap, self.cache_dir, options=layout_options(roadmap, lanes, collapsed))
            except Exception as exc:  # noqa: BLE001
                self.failed.emit(roadmap, f"{type(exc).__name__}: {exc}")
            else:
                self.finished.emit(roadmap, result)
            return True
        QThreadPool.globalInstance().start(_LayoutRunnable(roadmap, self.cache_dir, lanes, collapsed, self._signals))
        return False
