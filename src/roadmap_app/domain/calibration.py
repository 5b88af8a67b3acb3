"""How logged time compares with the estimates on finished skills, and the pace suggested from it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from roadmap_app.domain.progress import ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Roadmap

MIN_PACE = 0.25  # the pace range the planner's inputs accept
MAX_PACE = 4.0
MIN_SKILLS_FOR_PACE = 3
SHRINK_SKILLS = 5  # with n skills the measured ratio counts n/(n+5): 3 skills move the pace 3/8 of the way


@dataclass(frozen=True)
class FinishedSkill:
    """A done skill with logged time: its estimate and the time it took."""

    node: str
    category: str
    estimated_hours: float
    logged_hours: float


@dataclass(frozen=True)
class CategoryCalibration:
    """Logged over estimated hours of the finished skills (with logged time) of one category, or of all."""

    category: str  # a category id, or "" for every category together
    skills: int
    estimated_hours: float
    logged_hours: float

    @property
    def ratio(self) -> float | None:
        return self.logged_hours / self.estimated_hours if self.estimated_hours > 0 else None


@dataclass(frozen=True)
class Calibration:
    overall: CategoryCalibration
    by_category: tuple[CategoryCalibration, ...]  # only categories with finished skills, in the roadmap's order
    skills: tuple[FinishedSkill, ...]


@dataclass(frozen=True)
class PaceSuggestion:
    """A pace to plan with (None: no suggestion) and the sentence that says where it comes from."""

    pace: float | None
    explanation: str
    measured: float | None = None  # logged ÷ estimated before it was drawn towards 1


def calibration(roadmap: Roadmap, snapshot: ProgressSnapshot) -> Calibration:
    """Finished skills with logged time, grouped by category; skills with an estimate of 0 h are left out."""
    skills = tuple(FinishedSkill(node.id, node.category, node.hours, round(state.minutes / 60, 4))
                   for node in roadmap.nodes
                   if (state := snapshot.states.get(node.id)) is not None and state.status is Status.DONE
                   and state.minutes > 0 and node.hours > 0)
    groups = [_group(c.id, [s for s in skills if s.category == c.id]) for c in roadmap.categories]
    return Calibration(_group("", list(skills)), tuple(g for g in groups if g.skills), skills)


def _group(category: str, skills: list[FinishedSkill]) -> CategoryCalibration:
    return CategoryCalibration(category, len(skills), round(sum(s.estimated_hours for s in skills), 4),
                               round(sum(s.logged_hours for s in skills), 4))


def calibrated_pace(roadmap: Roadmap, found: Calibration) -> PaceSuggestion:
    """The measured ratio drawn towards 1 while there are few skills, within the pace range; None under 3 skills."""
    count = found.overall.skills
    if count < MIN_SKILLS_FOR_PACE:
        return PaceSuggestion(None, f"A pace suggestion needs {MIN_SKILLS_FOR_PACE} finished skills with logged "
                                    f"time; you have {count}.")
    measured = found.overall.ratio
    assert measured is not None  # skills with an estimate of 0 h are not counted
    weight = count / (count + SHRINK_SKILLS)
    pace = round(min(MAX_PACE, max(MIN_PACE, math.exp(weight * math.log(measured)))), 2)
    biggest = _biggest_effect(found)
    if biggest is not None and biggest.ratio is not None and len(found.by_category) > 1:
        name = roadmap.categories_by_id[biggest.category].title if biggest.category in roadmap.categories_by_id \
            else biggest.category
        parts = [f"Suggested pace ×{pace:g}: you took {biggest.ratio:.2g}× the estimate on {biggest.skills} "
                 f"{name} skill{'s' if biggest.skills != 1 else ''} ({measured:.2g}× over all {count} finished "
                 "skills with logged time)."]
    else:
        parts = [f"Suggested pace ×{pace:g}: you took {measured:.2g}× the estimate on {count} finished skills."]
    parts.append(f" With {count} skills the suggestion goes {round(100 * weight)}% of the way from ×1 towards what "
                 "you measured; it comes closer as you finish more.")
    return PaceSuggestion(pace, "".join(parts), round(measured, 4))


def _biggest_effect(found: Calibration) -> CategoryCalibration | None:
    """The category whose logged hours differ most from its estimates, in hours."""
    return max(found.by_category, key=lambda c: (abs(c.logged_hours - c.estimated_hours), c.skills), default=None)
