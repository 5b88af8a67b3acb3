"""The shipped roadmaps are valid, rich and agree with the published JSON Schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date

import jsonschema
import pytest
from ruamel.yaml import YAML

from roadmap_app.domain.progress import ProgressSnapshot
from roadmap_app.domain.roadmap import Node, Roadmap
from roadmap_app.formats.loader import check_file, load_roadmap
from roadmap_app.services.planning import PlanRequest, build_plan
from tests.conftest import ML_ROADMAP, REPO, ROADMAPS

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


def test_ml_engineer_roadmap_covers_the_seed_material_and_2026(ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    assert len(roadmap.nodes) >= 60
    per_category = Counter(node.category for node in roadmap.nodes)
    for category in ["mathematics", "cs-fundamentals", "programming", "ml-core", "deep-learning", "llm",
                     "production", "engineering", "career"]:
        assert per_category[category] >= 5, category
    text = " ".join(node.title.lower() + " " + node.summary.lower() for node in roadmap.nodes)
    for skill in ["probability", "statistic", "linear algebra", "chain rule", "data structures", "complexity",
                  "architecture", "numpy", "pandas", "scikit-learn", "pytorch", "tensorflow", "spark", "opencv",
                  "metric", "loss", "cross-validation", "bias", "overfitting", "leakage", "tuning", "activation",
                  "pipeline", "rest", "kubernetes", "kubeflow", "seldon", "recommend", "git", "test", "linter",
                  "documentation", "kaggle", "coding interview", "star", "labelling", "nlp", "anomaly",
                  "rule-based", "rubber duck", "hackathon", "cover letter",
                  # what a hiring manager expects in 2026
                  "llm", "fine-tuning", "lora", "embeddings", "vector search", "rag", "evaluation", "kv cache",
                  "quantisation", "mixed precision", "distributed", "cloud", "xgboost", "lightgbm", "catboost",
                  "data validation", "versioning", "ci/cd", "model registry", "responsible ai", "a/b test"]:
        assert skill in text, skill
    books = " ".join(r.title for node in roadmap.nodes for r in node.resources)
    for author in ["Bishop", "Goodfellow", "Raschka", "Russell", "Cormen", "McDowell", "Prince"]:
        assert author in books, author


# ------------------------------------------------------------------------------ rules every bundled roadmap keeps

HANDS_ON = ("exercise", "practice", "project")
HANDS_ON_SHARE = 0.6
# every skill of these categories (where a roadmap has them) carries a task of its own
HANDS_ON_CATEGORIES = ("ml-core", "deep-learning", "llm", "production")


def has_hands_on(node) -> bool:
    return any(resource.kind in HANDS_ON for resource in node.resources)


def problems_reading(roadmap: Roadmap) -> list[str]:
    return [f"{n.id}: no reading" for n in roadmap.nodes if not any(r.kind == "reading" for r in n.resources)]


def problems_hands_on(roadmap: Roadmap) -> list[str]:
    problems = [f"{n.id}: no exercise, practice or project" for n in roadmap.nodes
                if n.category in HANDS_ON_CATEGORIES and not has_hands_on(n)]
    share = sum(has_hands_on(n) for n in roadmap.nodes) / len(roadmap.nodes)
    if share < HANDS_ON_SHARE:
        problems.append(f"only {share:.0%} of skills have hands-on work, not {HANDS_ON_SHARE:.0%}")
    return problems


def problems_links(roadmap: Roadmap) -> list[str]:
    return [f"{n.id}: {r.url} is not https" for n in roadmap.nodes for r in n.resources
            if r.url is not None and not r.url.startswith("https://")]


def problems_duplicates(roadmap: Roadmap) -> list[str]:
    ids = Counter([n.id for n in roadmap.nodes] + [alias for n in roadmap.nodes for alias in n.aliases])
    titles = Counter(n.title.strip().lower() for n in roadmap.nodes)
    return ([f"id '{i}' {c} times" for i, c in ids.items() if c > 1]
            + [f"title '{t}' {c} times" for t, c in titles.items() if c > 1])


def problems_reachability(roadmap: Roadmap) -> list[str]:
    """Every skill can be reached from a starting skill (one without prerequisites) along `requires`."""
    reached = {n.id for n in roadmap.nodes if not n.requires}
    frontier = list(reached)
    while frontier:
        for unlocked in roadmap.unlocks.get(frontier.pop(), ()):
            if unlocked not in reached and all(r in reached for r in roadmap.node(unlocked).requires):
                reached.add(unlocked)
                frontier.append(unlocked)
    return [f"{n.id}: not reachable from a starting skill" for n in roadmap.nodes if n.id not in reached]


def problems_optional(roadmap: Roadmap) -> list[str]:
    """Optional breadth stays off the main path: only other optional skills may require it."""
    optional = {n.id for n in roadmap.nodes if n.summary.startswith("Optional")}
    return [f"{n.id} requires optional '{r}'" for n in roadmap.nodes if n.id not in optional
            for r in n.requires if r in optional]


def problems_plan(roadmap: Roadmap) -> list[str]:
    """The whole roadmap plans without error (the CLI's and the window's planner), every skill in it."""
    try:
        plan = build_plan(roadmap, ProgressSnapshot(roadmap), PlanRequest(hours_per_week=10, start=date(2026, 11, 23)))
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        return [f"whole-roadmap plan failed: {exc}"]
    problems = []
    if set(plan.remaining_minutes) != {n.id for n in roadmap.nodes}:
        problems.append("the whole-roadmap plan leaves skills out")
    if abs(plan.total_hours - sum(n.hours for n in roadmap.nodes)) > 0.01:
        problems.append(f"plan total {plan.total_hours} h is not the sum of the estimates")
    if not plan.weeks or plan.finish is None:
        problems.append("the plan has no weeks")
    return problems


RULES = [problems_reading, problems_hands_on, problems_links, problems_duplicates, problems_reachability,
         problems_optional, problems_plan]


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_roadmap_keeps_the_rule(path, rule) -> None:
    assert rule(load_roadmap(path)) == []


def test_nearly_every_ml_engineer_skill_ends_in_a_task(ml_roadmap_path) -> None:
    roadmap = load_roadmap(ml_roadmap_path)
    assert sum(has_hands_on(n) for n in roadmap.nodes) >= 0.9 * len(roadmap.nodes)


def test_the_interview_checklist_exists() -> None:
    prep = load_roadmap(ROADMAPS / "ml-interview-prep.roadmap.yaml")
    day = prep.node("interview-day")
    checklist = " ".join((r.note or "") for r in day.resources if "checklist" in r.title.lower())
    assert len(checklist) > 300 and "test case" in checklist and "camera" in checklist


# Each rule, broken once on purpose in a copy of the bundled roadmap, is caught.
BREAKAGES = {
    "problems_reading": (r"(- id: numpy\n(?:.*\n)*?      - \{kind: )reading", r"\1video"),
    "problems_hands_on": (r"(- id: pca\n(?:.*\n)*?      - \{kind: )exercise", r"\1reading"),
    "problems_links": (r"https://numpy\.org/doc/stable/user/absolute", "http://numpy.org/doc/stable/user/absolute"),
    "problems_duplicates": (r"title: Pandas\n", "title: NumPy\n"),
    "problems_reachability": None,  # a cycle, which the loader refuses: built below as model objects
    "problems_optional": (r"(- id: kaggle\n(?:.*\n)*?    requires: \[)", r"\1hadoop-ecosystem, "),
    # estimates a plan cannot fit into 100 years at 10 h a week
    "problems_plan": (r"\n    hours: \d+\n", "\n    hours: 10000\n"),
}


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_each_rule_catches_a_broken_copy(rule, tmp_path) -> None:
    if rule is problems_reachability:  # two skills that need only each other: no starting skill reaches them
        roadmap = load_roadmap(ML_ROADMAP)
        twins = tuple(Node(id=f"twin-{i}", title=f"Twin {i}", category="ml-core", summary="s", hours=1,
                           requires=(f"twin-{1 - i}",)) for i in (0, 1))
        assert rule(replace(roadmap, nodes=roadmap.nodes + twins)) == [
            "twin-0: not reachable from a starting skill", "twin-1: not reachable from a starting skill"]
        return
    pattern, replacement = BREAKAGES[rule.__name__]
    every = rule is problems_plan
    text, count = re.subn(pattern, replacement, ML_ROADMAP.read_text(encoding="utf-8"), count=0 if every else 1)
    assert count >= 1, "the breakage no longer applies to the roadmap"
    copy = tmp_path / "broken.roadmap.yaml"
    copy.write_text(text, encoding="utf-8")
    assert rule(load_roadmap(copy))


# ------------------------------------------------------------------------------ the README tells the truth

def test_readme_states_the_bundled_roadmaps_size() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in BUNDLED:
        roadmap = load_roadmap(path)
        skills, hours = len(roadmap.nodes), round(sum(n.hours for n in roadmap.nodes))
        assert re.search(rf"\b{skills} skills\b", readme), (path.name, skills)
        assert f"{hours:,} h" in readme or f"{hours:,} hours" in readme, (path.name, hours)
