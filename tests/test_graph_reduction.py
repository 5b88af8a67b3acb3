"""The drawing leaves out prerequisite lines that a longer chain implies (the transitive reduction)."""

from __future__ import annotations

import html

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain.graph import implied_requirements
from roadmap_app.domain.roadmap import Category, Node, Roadmap


def roadmap_of(requires: dict[int, set[int]]) -> Roadmap:
    nodes = tuple(Node(id=f"n{i}", title=f"N{i}", category="c", summary="s", hours=1.0,
                       requires=tuple(f"n{j}" for j in sorted(requires[i])))
                  for i in sorted(requires))
    return Roadmap(id="r", title="R", categories=(Category(id="c", title="C"),), nodes=nodes)


@st.composite
def dags(draw) -> dict[int, set[int]]:
    size = draw(st.integers(1, 14))
    return {i: draw(st.sets(st.integers(0, i - 1), max_size=4)) if i else set() for i in range(size)}


@settings(max_examples=200, deadline=None)
@given(dags())
def test_implied_lines_are_exactly_those_outside_the_transitive_reduction(requires) -> None:
    roadmap = roadmap_of(requires)
    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in roadmap.nodes)
    graph.add_edges_from((r, node.id) for node in roadmap.nodes for r in node.requires)
    assert implied_requirements(roadmap) == set(graph.edges()) - set(nx.transitive_reduction(graph).edges())


def test_the_window_hides_implied_lines_until_asked(window, qtbot) -> None:
    implied = implied_requirements(window.document.roadmap)
    assert implied  # the bundled roadmap has some (e.g. pandas -> exploratory-data-analysis)
    drawn = {(e.source, e.target): e for e in window.scene.edges if not e.soft}
    assert {key for key, edge in drawn.items() if not edge.isVisible()} == implied
    window.commands.all_lines.trigger()
    assert all(edge.isVisible() for edge in drawn.values())
    window.commands.all_lines.trigger()
    source, target = next(iter(sorted(implied)))
    window.select_and_show(target)  # the details still list every direct prerequisite
    needs = window.details.relations.text().split("<br>")[0]
    assert html.escape(window.document.roadmap.node(source).title) in needs
