"""The text of a new roadmap file: a small valid example whose comments explain each key."""

from __future__ import annotations

import json as json_module

from roadmap_app.formats.tree_values import inline_scalar
from roadmap_app.services.edit_checks import check_slug, check_title

_YAML_TEMPLATE = """\
# A roadmap: the skills of a field and which skills need which others.
# The file holds no one's progress; the app keeps that in its own database.
format: 1
# Progress is stored under this id: keep it when you change the title.
id: {roadmap_id}
title: {title}
description: What this roadmap is for, and who it is for.

# Categories group the skills. A colour is optional (#rrggbb); the app picks one where it is missing.
categories:
  - {{id: basics, title: Basics, color: "#4e79a7"}}

# Each skill has an id (lowercase words joined by hyphens, unique in the file), a title, a category and the
# hours it takes to learn. `requires` lists the ids of skills to learn first; `summary` says what the skill
# covers; `resources` point to reading and exercises (kind: reading, exercise, course, video, practice, project).
nodes:
  - id: first-skill
    title: First skill
    category: basics
    hours: 2
    summary: What this skill is and why it matters.
    resources:
      - {{kind: reading, title: A chapter or article that teaches it}}

  - id: second-skill
    title: Second skill
    category: basics
    hours: 3
    requires: [first-skill]
    summary: A skill that builds on the first one.
    resources:
      - {{kind: exercise, title: A small task that shows you can do it}}
"""


def new_roadmap_text(title: str, roadmap_id: str, *, json: bool = False) -> str:
    """A new roadmap file's text: one category and two skills, valid as it is (EditRefused for a bad id/title)."""
    title = check_title(title, "roadmap's title")
    check_slug(roadmap_id, "roadmap id")
    if not json:
        return _YAML_TEMPLATE.format(roadmap_id=roadmap_id, title=inline_scalar(title))
    skill = {"kind": "reading", "title": "A chapter or article that teaches it"}
    data = {
        "format": 1, "id": roadmap_id, "title": title, "description": "What this roadmap is for, and who it is for.",
        "categories": [{"id": "basics", "title": "Basics", "color": "#4e79a7"}],
        "nodes": [
            {"id": "first-skill", "title": "First skill", "category": "basics", "hours": 2,
             "summary": "What this skill is and why it matters.", "resources": [skill]},
            {"id": "second-skill", "title": "Second skill", "category": "basics", "hours": 3,
             "requires": ["first-skill"], "summary": "A skill that builds on the first one.",
             "resources": [{"kind": "exercise", "title": "A small task that shows you can do it"}]},
        ],
    }
    return json_module.dumps(data, indent=2, ensure_ascii=False) + "\n"
