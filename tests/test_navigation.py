"""Arrow-key navigation over the drawn roadmap, and the keyboard in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from roadmap_app.domain.navigation import neighbour, start_node
from roadmap_app.ui.shortcuts_dialog import ShortcutsDialog


def test_left_and_right_follow_prerequisites_and_unlocks(ml_layout) -> None:
    roadmap, layout = ml_layout
    for node in roadmap.nodes:
        left, right = neighbour(roadmap, layout, node.id, "left"), neighbour(roadmap, layout, node.id, "right")
        assert (left in node.requires) if node.requires else left is None
        assert (right in roadmap.unlocks[node.id]) if roadmap.unlocks[node.id] else right is None


def test_up_and_down_walk_a_whole_layer_in_order(ml_layout) -> None:
    roadmap, layout = ml_layout
    first = start_node(roadmap, layout)
    assert first is not None and layout.layers[first] == min(layout.layers.values())
    visited = [first]
    while (below := neighbour(roadmap, layout, visited[-1], "down")) is not None:
        visited.append(below)
    layer = [n.id for n in roadmap.nodes if layout.layers[n.id] == layout.layers[first]]
    assert sorted(visited) == sorted(layer)
    assert [layout.positions[n][1] for n in visited] == sorted(layout.positions[n][1] for n in visited)
    assert neighbour(roadmap, layout, visited[-1], "down") is None
    assert neighbour(roadmap, layout, visited[1], "up") == first


def test_arrow_keys_move_the_selection_on_the_graph(window, qtbot) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # nothing selected: the first skill
    first = window.scene.selected_node()
    assert first == start_node(window.document.roadmap, window.scene.layout)
    window.select_and_show("pandas")
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    assert window.scene.selected_node() == "numpy" and window.details.title.text() == "NumPy"
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.selected_node() in window.document.roadmap.unlocks["numpy"]


def test_tab_reaches_the_graph(window, qtbot) -> None:
    window.select_and_show("pandas")
    window.details.setFocus()
    for _ in range(40):
        if QApplication.focusWidget() is window.view:
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.view


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Question])
def test_f1_and_question_mark_list_the_shortcuts(window, qtbot, key) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None)
    dialog = window.findChild(ShortcutsDialog)
    meanings = [meaning for _, meaning in dialog.rows]
    assert "Undo" in meanings and "Mark Done" in meanings and any("prerequisite" in m for m in meanings)
    dialog.close()


def test_skills_ready_to_learn_are_marked_and_follow_progress(window, qtbot) -> None:
    from roadmap_app.domain.progress import Status
    from tests.conftest import saved

    roadmap = window.document.roadmap
    marked = {node_id for node_id, item in window.scene.nodes.items() if item.ready}
    assert marked == {node.id for node in roadmap.nodes if not node.requires}
    first = sorted(marked)[0]
    window.document.set_status(first, Status.DONE)
    saved(qtbot, window)
    snapshot = window.document.snapshot
    now = {node_id for node_id, item in window.scene.nodes.items() if item.ready}
    assert first not in now and now == {node.id for node in roadmap.nodes if snapshot.ready(node.id)}
    assert now - marked  # something it unlocked became ready
    assert "ready to learn" in window.scene.nodes[sorted(now - marked)[0]].tooltip_text()


def test_the_first_view_shows_where_to_start(window) -> None:
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    ready = [item for item in window.scene.nodes.values() if item.ready]
    assert ready and any(visible.contains(item.sceneBoundingRect()) for item in ready)
    assert window.view.scale_factor() >= 0.6  # titles are drawn


def test_the_overview_map_shows_and_moves_the_view(window, qtbot) -> None:
    from roadmap_app.domain.progress import Status

    minimap = window.minimap
    assert minimap.isVisible()
    before = window.view.mapToScene(window.view.viewport().rect().center())
    target = minimap.rect().bottomRight() - QPoint(20, 20)
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=target)
    after = window.view.mapToScene(window.view.viewport().rect().center())
    assert after.x() > before.x() + 100 and after.y() > before.y()  # moved towards the bottom right of the graph
    assert minimap.visible_part().contains(QPointF(target)) or minimap.visible_part().intersects(
        QRectF(minimap.rect()))
    window.commands.minimap.trigger()
    assert not minimap.isVisible()
    window.scene.nodes["numpy"].set_state(Status.DONE, (0, 1))  # the scene changes while the map is hidden
    qtbot.wait(10)
    assert not minimap._redraw.isActive()  # no drawing for a map nobody sees
    window.commands.minimap.trigger()
    assert minimap.isVisible()
