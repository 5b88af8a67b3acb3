"""Big maps drawn quickly: far away the view draws every card and line itself in a few batches and still
follows every change; a scene is built with the garbage collector held off, and left on whatever happens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGraphicsItem

from roadmap_app.domain.progress import Status
from tests.benchmarks.generators import random_roadmap_yaml
from tests.conftest import saved, start_window

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_far_away_the_view_draws_the_map_in_batches_and_follows_changes(qtbot, data_dir, tmp_path) -> None:
    path = tmp_path / "generated.roadmap.yaml"
    path.write_text(random_roadmap_yaml(300, seed=2), encoding="utf-8")
    window, store = start_window(qtbot, data_dir, path, size=(1200, 800))
    try:
        view, scene = window.view, window.scene
        if window.commands.minimap.isChecked():  # nothing else in the viewport repaints it
            window.commands.minimap.trigger()
        view.zoom_by(0.1 / view.scale_factor())
        assert view.batched()
        assert all(item.flags() & NO_CONTENTS for item in [*scene.nodes.values(), *scene.edges])
        card = next(item for node_id, item in scene.nodes.items() if node_id == "n5")
        view.centerOn(card)
        qtbot.wait(50)
        spot = view.mapFromScene(card.sceneBoundingRect().center())
        counter = PaintCounter()
        view.viewport().installEventFilter(counter)
        qtbot.wait(100)
        counter.count = 0
        window.document.set_status("n5", Status.DONE)  # a done card is a solid block far away
        saved(qtbot, window)
        qtbot.waitUntil(lambda: counter.count > 0, timeout=2000)  # the change is painted, items or not
        after = view.viewport().grab().toImage().pixelColor(spot)
        assert after.rgb() == card.category_color.rgb()
        from roadmap_app.ui.canvas.export import export_scene

        drawn = export_scene(scene, tmp_path / "far.svg", "white").read_text(encoding="utf-8")
        assert scene.nodes["n5"].title in drawn  # a file has every card in full, however far the view is
        assert all(item.flags() & NO_CONTENTS for item in scene.nodes.values())
        view.reset_zoom()
        assert not view.batched()
        assert not any(item.flags() & NO_CONTENTS for item in scene.nodes.values())
    finally:
        window.close()
        store.close()


def test_the_garbage_collector_is_on_between_and_after_the_build_steps(qapp) -> None:
    import gc

    from roadmap_app.formats.loader import check_bytes
    from roadmap_app.services.layout_cache import compute_layout
    from roadmap_app.ui import theme as themes
    from roadmap_app.ui.canvas.scene import GraphScene

    roadmap = check_bytes(random_roadmap_yaml(60, seed=1).encode(), "generated").roadmap
    scene = GraphScene(roadmap, compute_layout(roadmap), themes.LIGHT)
    seen = []
    original = scene._add_edge

    def spy(edge) -> None:
        seen.append(gc.isenabled())
        original(edge)

    scene._add_edge = spy  # type: ignore[method-assign]
    steps = scene.build_steps(chunk=20)
    next(steps)
    assert gc.isenabled()  # between steps: the window's event loop runs with it
    del steps  # abandoned (a newer file was opened meanwhile)
    assert gc.isenabled()
    for _ in scene.build_steps(chunk=20):
        assert gc.isenabled()
    assert gc.isenabled() and seen and not any(seen)  # off while items were made
