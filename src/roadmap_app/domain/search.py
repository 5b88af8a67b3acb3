"""Find skills by words in their titles, summaries and resources."""

from __future__ import annotations

import unicodedata

from roadmap_app.domain.roadmap import Node, Roadmap


def _fold(text: str) -> str:
    """Lowercase without accents, so 'regularisation' finds 'Régularisation'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _score(node: Node, terms: list[str]) -> int:
    title = _fold(node.title + " " + node.id)
    summary = _fold(node.summary)
    resources = _fold(" ".join(f"{r.title} {r.note or ''} {r.url or ''}" for r in node.resources))
    score = 0
    for term in terms:
        if term in title:
            score += 100
        elif term in summary:
            score += 10
        elif term in resources:
            score += 1
        else:
            return 0
    return score


def search_nodes(roadmap: Roadmap, query: str) -> list[str]:
    """Ids of nodes containing every word of the query; title hits first, then file order."""
    terms = [_fold(word) for word in query.split() if word.strip()]
    if not terms:
        return []
    scored = [(-_score(node, terms), i, node.id) for i, node in enumerate(roadmap.nodes)]
    return [node_id for score, _, node_id in sorted(scored) if score < 0]
