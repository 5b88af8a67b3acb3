"""Deterministic random DAGs and roadmaps for benchmarks."""

from __future__ import annotations

import random


def random_layered_dag(nodes: int = 2000, edges: int = 3500, layers: int = 20, seed: int = 7,
                       max_span: int = 3) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes spread over layers; edges go forward by 1..max_span layers (mostly 1)."""
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(nodes)]
    layer_of = {name: i * layers // nodes for i, name in enumerate(names)}
    by_layer: dict[int, list[str]] = {}
    for name, layer in layer_of.items():
        by_layer.setdefault(layer, []).append(name)
    chosen: set[tuple[str, str]] = set()
    while len(chosen) < edges:
        u = rng.choice(names)
        span = 1 if rng.random() < 0.7 else rng.randint(2, max_span)
        target_layer = layer_of[u] + span
        if target_layer not in by_layer:
            continue
        chosen.add((u, rng.choice(by_layer[target_layer])))
    return names, sorted(chosen)


def random_roadmap_yaml(nodes: int = 5000, seed: int = 11, categories: int = 8) -> str:
    """A valid roadmap file text with random prerequisites (each node requires 0-3 earlier ones)."""
    rng = random.Random(seed)
    lines = ["format: 1", "id: generated", "title: Generated", "categories:"]
    lines += [f"  - {{id: c{i}, title: Category {i}}}" for i in range(categories)]
    lines.append("nodes:")
    for i in range(nodes):
        requires = sorted({f"n{rng.randrange(max(0, i - 200), i)}" for _ in range(rng.randint(0, 3))}) if i else []
        lines.append(f"  - {{id: n{i}, title: Node {i}, category: c{rng.randrange(categories)}, summary: s, "
                     f"hours: {rng.randint(1, 20)}, requires: [{', '.join(requires)}], "
                     f"resources: [{{kind: reading, title: R{i}}}]}}")
    return "\n".join(lines) + "\n"


# Graph shapes the layout is measured on: (name, layers, longest edge span in layers).
LAYOUT_SHAPES: list[tuple[str, int, int]] = [
    ("20 layers, spans 1-3", 20, 3),
    ("30 layers, spans 1-5", 30, 5),
    ("50 layers, spans 1-5", 50, 5),
]


def layout_shape(nodes: int, layers: int, max_span: int, seed: int = 7) -> tuple[list[str], list[tuple[str, str]]]:
    """A random layered DAG with 1.75 prerequisites per skill (edges skip up to max_span - 1 layers)."""
    return random_layered_dag(nodes, round(nodes * 1.75), layers, seed=seed, max_span=max_span)
