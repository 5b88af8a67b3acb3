"""The shipped roadmaps are valid, rich and agree with the published JSON Schema."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import jsonschema
import pytest
from ruamel.yaml import YAML

from roadmap_app.formats.loader import check_file, load_roadmap
from tests.conftest import ROADMAPS

BUNDLED = sorted(ROADMAPS.glob("*.roadmap.*"))


def test_there_are_several_bundled_roadmaps_with_distinct_ids() -> None:
    ids = [load_roadmap(path).id for path in BUNDLED]
    assert len(ids) >= 2 and len(set(ids)) == len(ids)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_roadmap_has_no_errors_or_warnings(path) -> None:
    result = check_file(path)
    assert result.ok, result.lines()
    assert result.diagnostics == [], result.lines()


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_schema_printed_by_cli_validates_bundled_roadmap(path) -> None:
    out = subprocess.run([sys.executable, "-m", "roadmap_app", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_schema_rejects_what_the_validator_rejects() -> None:
    out = subprocess.run([sys.executable, "-m", "roadmap_app", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    node = {"id": "a", "title": "A", "category": "m", "summary": "s", "hours": 1}
    base = {"format": 1, "id": "d", "title": "D", "categories": [{"id": "m", "title": "M"}], "nodes": [node]}
    jsonschema.validate(base, schema)
    for broken in [
        {**base, "format": 2},
        {**base, "nodes": [{**node, "hours": 0}]},
        {**base, "nodes": [{**node, "titel": "x"}]},
        {**base, "nodes": [{**node, "id": "Bad Id"}]},
        {**base, "nodes": [{**node, "resources": [{"kind": "book", "title": "t"}]}]},
        {**base, "nodes": [{**node, "resources": [{"kind": "reading", "title": "t", "url": "ftp://x.org"}]}]},
    ]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_ml_engineer_roadmap_covers_the_seed_material(ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    assert len(roadmap.nodes) >= 60
    per_category = Counter(node.category for node in roadmap.nodes)
    for category in ["mathematics", "cs-fundamentals", "programming", "ml-core", "deep-learning",
                     "production", "engineering", "career"]:
        assert per_category[category] >= 5, category
    titles = " ".join(node.title.lower() + " " + node.summary.lower() for node in roadmap.nodes)
    linear_algebra = "linear algebra" if "linear algebra" in titles else "vectors and matrices"
    for skill in ["probability", "statistic", linear_algebra, "chain rule", "data structures", "complexity",
                  "architecture", "numpy", "pandas", "scikit-learn", "pytorch", "tensorflow", "spark", "opencv",
                  "metric", "loss", "cross-validation", "bias",
                  "overfitting", "leakage", "tuning", "activation", "pipeline", "rest", "kubernetes", "kubeflow",
                  "seldon", "recommend", "git", "test", "linter", "documentation", "kaggle", "coding interview",
                  "star"]:
        assert skill in titles, skill
    books = " ".join(r.title for node in roadmap.nodes for r in node.resources)
    for author in ["Bishop", "Goodfellow", "Raschka", "Russell", "Cormen", "McDowell"]:
        assert author in books, author


def test_every_node_has_reading_and_links_are_web_links(ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    for node in roadmap.nodes:
        assert node.resources, node.id
        for resource in node.resources:
            assert resource.url is None or resource.url.startswith(("https://", "http://"))
    practical = ("exercise", "practice", "project")
    with_exercises = [n for n in roadmap.nodes if any(r.kind in practical for r in n.resources)]
    assert len(with_exercises) >= 20
