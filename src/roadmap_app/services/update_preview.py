"""What accepting a new version of a tracked roadmap would change, in words: skills, progress, the plan's finish."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from roadmap_app.domain.progress import Status
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.roadmap_diff import RoadmapUpdate, compare_roadmaps
from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress
from roadmap_app.services.errors import UserError
from roadmap_app.services.planning import PlanRequest, build_plan

PlanInputs = PlanRequest  # what the Plan view makes its plan from (PlanPanel.request())
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STATUS_WORDS = {Status.DONE: "done", Status.LEARNING: "learning", Status.SKIPPED: "skipped"}


@dataclass(frozen=True)
class UpdatePreview:
    """An update with what a person needs to judge it: titles, the progress that moves, the plan's finish."""

    update: RoadmapUpdate
    old: Roadmap
    new: Roadmap
    finish_before: date | None = None  # None: no plan, nothing left to plan, or a plan that cannot be made
    finish_after: date | None = None
    plan_note: str = ""  # why a finish date is missing, or which goals the new version no longer has
    dropped_goals: tuple[str, ...] = ()  # goals (old ids) left out of the plan made on the new version
    titles: dict[str, str] = field(default_factory=dict)  # every id mentioned -> its title (the old one if removed)
    # stored id whose progress moves (or follows a renamed skill) -> "done, 3 h logged"
    progress_by_id: dict[str, str] = field(default_factory=dict)

    def title(self, node_id: str) -> str:
        return self.titles.get(node_id, node_id)

    @property
    def has_plan(self) -> bool:
        return self.finish_before is not None or self.finish_after is not None


def preview_update(old: Roadmap, new: Roadmap, tracked: TrackedProgress, plan: PlanInputs | None,
                   today: date) -> UpdatePreview:
    """The preview of replacing `old` (tracked with `tracked`) by `new`; `plan` None when no plan is made."""
    records = tracked.records
    update = compare_roadmaps(old, new, records.stored_ids())
    before = after = None
    note = ""
    dropped: tuple[str, ...] = ()
    if plan is not None:
        request = replace(plan, start=plan.start or today, goals=list(plan.goals))
        kept, dropped = carry_goals(request.goals, old, new)
        before, note_before = _finish(old, tracked, request)
        if request.goals and not kept:
            note_after = "none of your goals is in the new version, so there is no plan to compare"
        else:
            new_tracked = TrackedProgress(new, records)  # reads the rows; changes none
            after, note_after = _finish(new, new_tracked, replace(request, goals=kept))
        note = _plan_note(note_before, note_after, dropped, old)
    moving = {*update.to_archive, *update.from_archive, *(stored for stored, _, _ in update.reassigned),
              *(stored for _, ids in update.combined for stored in ids),
              *(stored for stored, _ in update.follows_rename)}
    return UpdatePreview(update, old, new, before, after, note, dropped, _titles(update, old, new, moving, dropped),
                         {stored: describe_progress(records, stored) for stored in sorted(moving)})


def carry_goals(goals: list[str], old: Roadmap, new: Roadmap) -> tuple[list[str], tuple[str, ...]]:
    """Plan goals (ids of `old`) as ids of `new`, and the goals the new version no longer has."""
    kept: list[str] = []
    dropped: list[str] = []
    for goal in goals:
        current = old.resolve(goal)
        now = new.resolve(current) if current is not None else None
        if now is None:
            dropped.append(goal)
        elif now not in kept:
            kept.append(now)
    return kept, tuple(dropped)


def _finish(roadmap: Roadmap, tracked: TrackedProgress, request: PlanRequest) -> tuple[date | None, str]:
    """The plan's finish day, or None and why."""
    try:
        plan = build_plan(roadmap, tracked.snapshot, request)
    except UserError as exc:
        return None, str(exc)
    if plan.finish is None:
        return None, "nothing is left to study"
    return plan.finish, ""


def _plan_note(before: str, after: str, dropped: tuple[str, ...], old: Roadmap) -> str:
    parts = []
    if dropped:
        names = ", ".join(f"‘{old.node(g).title if g in old.nodes_by_id else g}’" for g in dropped)
        parts.append(f"the new version has no {names}, so the new plan leaves {'it' if len(dropped) == 1 else 'them'}"
                     " out of your goals")
    if before == after and before:
        parts.append(f"no plan: {before}")
    else:
        if before:
            parts.append(f"with the current version, {before}")
        if after:
            parts.append(f"with the new version, {after}")
    return "; ".join(parts)


def _titles(update: RoadmapUpdate, old: Roadmap, new: Roadmap, stored: set[str], goals: tuple[str, ...]
            ) -> dict[str, str]:
    """Titles of every id the preview mentions: new titles for ids of `new`, old titles for the ones it lost."""
    titles: dict[str, str] = {}
    old_ids = {*update.removed, *(o for o, _ in update.renamed), *(o for _, olds in update.merged for o in olds),
               *(was for _, was, _ in update.reassigned), *goals}
    new_ids = {*update.added, *update.changed, *(n for _, n in update.renamed), *(n for n, _ in update.merged),
               *(now for _, _, now in update.reassigned), *(n for n, _ in update.combined)}
    for node_id in old_ids:
        current = old.resolve(node_id)
        if current is not None:
            titles[node_id] = old.node(current).title
    for node_id in new_ids:
        titles[node_id] = new.node(node_id).title
    for node_id in stored - titles.keys():
        was, now = old.resolve(node_id), new.resolve(node_id)
        titles[node_id] = old.node(was).title if was else new.node(now).title if now else node_id
    return titles


def describe_progress(records: ProgressRecords, stored_id: str) -> str:
    """What is stored under one id, in a few words: 'done, 3 h logged', 'learning, 2 resources ticked, notes'."""
    row = records.nodes.get(stored_id)
    parts = [STATUS_WORDS[row.status]] if row is not None and row.status in STATUS_WORDS else []
    minutes = sum(s.minutes for s in (records.sessions.get(stored_id) or {}).values())
    if minutes:
        parts.append(f"{_hours(minutes)} logged")
    ticked = len(records.resources.get(stored_id) or {})
    if ticked:
        parts.append(f"{ticked} resource{'s' if ticked != 1 else ''} ticked")
    if row is not None and row.notes.strip():
        parts.append("notes")
    return ", ".join(parts) or "not started"


def _hours(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes / 60:.1f}".removesuffix(".0") + " h"


def short_date(day: date, year: bool = True) -> str:
    """12 Mar 2027 (in English whatever the locale, as the rest of the window)."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def summary_line(preview: UpdatePreview, with_plan: bool = True) -> str:
    """One line for a banner: what changes in the skills, the progress and (unless left out) the plan's finish."""
    update = preview.update
    counts = [(len(ids), word) for ids, word in ((update.added, "added"), (update.renamed, "renamed"),
                                                 (update.removed, "removed"), (update.changed, "changed")) if ids]
    skills = ", ".join(f"{_count(number, 'skill')} {word}" if i == 0 else f"{number} {word}"
                       for i, (number, word) in enumerate(counts))
    parts = [skills or "no skills added, removed or renamed"]
    if update.to_archive:
        parts.append(f"your progress on {_count(len(update.to_archive), 'skill')} moves to the archive")
    if update.from_archive:
        parts.append(f"progress on {_count(len(update.from_archive), 'skill')} comes back from the archive")
    if update.reassigned:
        parts.append(f"progress on {_count(len(update.reassigned), 'skill')} now counts for another skill")
    if update.combined:
        parts.append(f"{_count(len(update.combined), 'merged skill')} combines your progress")
    plan = _plan_words(preview) if with_plan else ""
    if plan:
        parts.append(plan)
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _plan_words(preview: UpdatePreview) -> str:
    before, after = preview.finish_before, preview.finish_after
    if after is not None and before is not None:
        if after == before:
            return f"plan still finishes {short_date(after)}"
        return f"plan finishes {short_date(after)} instead of {short_date(before, year=before.year != after.year)}"
    if after is not None:
        return f"plan finishes {short_date(after)}"
    if before is not None:
        return "no plan with the new version"
    return ""
