"""The planner's rules, checked on random roadmaps (hypothesis) and on the bundled one."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain.graph import all_prerequisites
from roadmap_app.domain.planner import (
    MIN_PIECE_MINUTES,
    MIN_REMAINING_MINUTES,
    WEEKDAYS,
    Capacity,
    PlanError,
    make_plan,
    suggest_pace,
)
from roadmap_app.domain.progress import NodeState, ProgressSnapshot, Status
from roadmap_app.domain.roadmap import Category, Node, Resource, Roadmap
from roadmap_app.formats.loader import load_roadmap
from tests.conftest import ML_ROADMAP


@st.composite
def planning_cases(draw):
    count = draw(st.integers(1, 30))
    categories = ("a", "b", "c")
    nodes = []
    for i in range(count):
        requires = draw(st.sets(st.integers(0, i - 1), max_size=3)) if i else set()
        nodes.append(Node(id=f"n{i}", title=f"N{i}", category=draw(st.sampled_from(categories)), summary="",
                          hours=draw(st.sampled_from([0.5, 1, 2, 3.5, 5, 8, 13, 21])),
                          requires=tuple(f"n{j}" for j in sorted(requires)),
                          resources=(Resource("reading", "r"),)))
    roadmap = Roadmap(id="r", title="R", categories=tuple(Category(c, c) for c in categories), nodes=tuple(nodes))
    snapshot = ProgressSnapshot(roadmap)
    for node in nodes:
        status = draw(st.sampled_from([Status.TODO, Status.TODO, Status.LEARNING, Status.DONE, Status.SKIPPED]))
        minutes = draw(st.integers(0, 600)) if status is not Status.TODO else 0
        snapshot.states[node.id] = NodeState(status=status, minutes=minutes)
    goals = draw(st.one_of(st.none(), st.lists(st.sampled_from([n.id for n in nodes]), min_size=1, max_size=3)))
    if draw(st.booleans()):
        capacity = Capacity.weekly(draw(st.sampled_from([0.5, 1, 3, 7.5, 10, 40])))
    else:
        hours = draw(st.lists(st.sampled_from([0, 0, 0.5, 1, 2.25, 4]), min_size=7, max_size=7))
        if sum(hours) == 0:
            hours[5] = 1
        capacity = Capacity.per_weekday(dict(zip(WEEKDAYS, hours, strict=True)))
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
    pace = draw(st.sampled_from([0.5, 1.0, 1.3, 2.0]))
    return roadmap, snapshot, goals, capacity, start, pace


def expected_remaining(roadmap, snapshot, goals, pace) -> dict[str, int]:
    """Independent reference: open goals plus prerequisites reachable through open skills only."""
    wanted = set()
    frontier = list(goals or [n.id for n in roadmap.nodes])
    while frontier:
        current = frontier.pop()
        if current in wanted:
            continue
        wanted.add(current)
        if snapshot.status(current) not in (Status.DONE, Status.SKIPPED):
            frontier.extend(roadmap.node(current).requires)
    result = {}
    for node in roadmap.nodes:
        state = snapshot.state(node.id)
        if node.id not in wanted or state.status in (Status.DONE, Status.SKIPPED):
            continue
        estimate = max(1, round(node.hours * pace * 60))
        if state.status is Status.LEARNING:
            estimate = max(min(MIN_REMAINING_MINUTES, estimate), estimate - state.minutes)
        result[node.id] = estimate
    return result


@settings(max_examples=250, deadline=None)
@given(planning_cases())
def test_plan_rules_hold_on_random_roadmaps(case) -> None:
    roadmap, snapshot, goals, capacity, start, pace = case
    plan = make_plan(roadmap, snapshot, capacity=capacity, start=start, goals=goals, pace=pace)

    # planned minutes add up to exactly what remains, node by node
    planned: dict[str, int] = {}
    for week in plan.weeks:
        for item in week.items:
            planned[item.node] = planned.get(item.node, 0) + item.minutes
    assert planned == expected_remaining(roadmap, snapshot, goals, pace) == plan.remaining_minutes

    # no week holds more than its capacity; before the last week, a slot (a day with weekday hours, else the
    # week) leaves unused only time that would make a sliver
    for i, week in enumerate(plan.weeks):
        assert week.minutes <= capacity.week_minutes
        assert week.start == start + timedelta(days=7 * i)
        for slot, budget in capacity.slots(week.start):
            used = sum(m for day, _, m in week.sessions if day == slot or not capacity.by_weekday)
            assert used <= budget
            if i < len(plan.weeks) - 1:
                assert used == budget or budget - used < MIN_PIECE_MINUTES

    # no slivers: in a slot a skill gets at least half an hour (or the whole slot if shorter), unless that
    # piece finishes the skill; so with slots of half an hour or more, every week's item is at least that long
    # unless the skill ends in that week
    def slot_of(week, day):
        return day if capacity.by_weekday else week.start

    last_slot = {node: (week.index, slot_of(week, day)) for week in plan.weeks for day, node, _ in week.sessions}
    long_slots = all(b >= MIN_PIECE_MINUTES for b in capacity.weekday_minutes if b or not capacity.by_weekday)
    for week in plan.weeks:
        budgets = {slot_of(week, day): budget for day, budget in capacity.slots(week.start)}
        pieces: dict[tuple[date, str], int] = {}
        for day, node, minutes in week.sessions:
            pieces[slot_of(week, day), node] = pieces.get((slot_of(week, day), node), 0) + minutes
        for (slot, node), minutes in pieces.items():
            if last_slot[node] != (week.index, slot):
                assert minutes >= min(MIN_PIECE_MINUTES, budgets[slot])
        for item in week.items:
            if long_slots and last_slot[item.node][0] != week.index:
                assert item.minutes >= MIN_PIECE_MINUTES

    # a node starts only after all its (planned) prerequisites are finished
    sessions = [(day, node) for week in plan.weeks for day, node, _ in week.sessions]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for index, (_, node) in enumerate(sessions):
        first.setdefault(node, index)
        last[node] = index
    for node_id in planned:
        for required in roadmap.node(node_id).requires:
            if required in planned:
                assert last[required] < first[node_id]
            else:
                assert snapshot.closed(required)
    # the same holds for the published item order within weeks
    begins: dict[str, tuple[int, int]] = {}
    ends: dict[str, tuple[int, int]] = {}
    for week in plan.weeks:
        for position, item in enumerate(week.items):
            begins.setdefault(item.node, (week.index, position))
            ends[item.node] = (week.index, position)
    for node_id in planned:
        for required in roadmap.node(node_id).requires:
            if required in planned:
                assert ends[required] < begins[node_id]

    # a node split across weeks uses consecutive weeks
    for node_id in planned:
        weeks = [w.index for w in plan.weeks if any(i.node == node_id for i in w.items)]
        assert weeks == list(range(weeks[0], weeks[-1] + 1))

    # deterministic
    again = make_plan(roadmap, snapshot, capacity=capacity, start=start, goals=goals, pace=pace)
    assert [(w.start, w.items) for w in again.weeks] == [(w.start, w.items) for w in plan.weeks]
    assert again.critical_path == plan.critical_path and again.finish == plan.finish

    # the critical path is a real chain of planned prerequisites
    for a, b in pairwise(plan.critical_path):
        assert a in roadmap.node(b).requires
    if plan.weeks:
        assert plan.finish is not None
        assert plan.weeks[-1].start <= plan.finish < plan.weeks[-1].start + timedelta(days=7)


def bundled():
    roadmap = load_roadmap(ML_ROADMAP)
    return roadmap, ProgressSnapshot(roadmap)


def test_weeks_are_not_all_one_subject() -> None:
    roadmap, snapshot = bundled()
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(8), start=date(2026, 11, 23))
    mixed = [w for w in plan.weeks if len({roadmap.node(i.node).category for i in w.items}) > 1]
    assert len(mixed) >= 0.7 * len(plan.weeks)


def test_goal_plans_only_what_it_needs() -> None:
    roadmap, snapshot = bundled()
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(10), start=date(2026, 1, 5), goals=["numpy"])
    assert set(plan.remaining_minutes) == {"numpy"} | all_prerequisites(roadmap, "numpy")
    assert plan.critical_path[-1] == "numpy"
    assert plan.total_hours == sum(roadmap.node(n).hours for n in plan.remaining_minutes)


def test_a_done_skill_means_its_own_prerequisites_are_not_needed() -> None:
    roadmap, snapshot = bundled()
    snapshot.states["numpy"] = NodeState(status=Status.DONE)
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(8), start=date(2026, 1, 5), goals=["pandas"])
    assert set(plan.remaining_minutes) == {"pandas"}


def test_learning_node_counts_estimate_minus_logged_time() -> None:
    roadmap, snapshot = bundled()
    snapshot.states["algebra-functions"] = NodeState(status=Status.LEARNING, minutes=9 * 60 + 50)
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(10), start=date(2026, 1, 5),
                     goals=["algebra-functions"])
    assert plan.remaining_minutes == {"algebra-functions": MIN_REMAINING_MINUTES}


def test_done_goal_plans_nothing() -> None:
    roadmap, snapshot = bundled()
    snapshot.states["algebra-functions"] = NodeState(status=Status.DONE)
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(10), start=date(2026, 1, 5),
                     goals=["algebra-functions"])
    assert plan.weeks == [] and plan.already_done_goals == ["algebra-functions"] and plan.finish is None


def test_pace_suggestion_from_logged_time() -> None:
    roadmap, snapshot = bundled()
    assert suggest_pace(roadmap, snapshot) is None
    snapshot.states["algebra-functions"] = NodeState(status=Status.DONE, minutes=15 * 60)  # estimate 10 h
    assert suggest_pace(roadmap, snapshot) is None  # one skill is too little to go on (tests/test_history.py)


@pytest.mark.parametrize("make, message", [
    (lambda: Capacity.weekly(0), "more than 0"),
    (lambda: Capacity.weekly(-3), "more than 0"),
    (lambda: Capacity.weekly(200), "168 hours"),
    (lambda: Capacity.per_weekday({"mon": 0}), "at least one weekday"),
    (lambda: Capacity.per_weekday({"funday": 2}), "unknown weekday"),
])
def test_bad_capacity_is_a_clear_error(make, message) -> None:
    with pytest.raises(PlanError, match=message):
        make()


def first_weeks(plan) -> dict[str, int]:
    weeks: dict[str, int] = {}
    for week in plan.weeks:
        for item in week.items:
            weeks.setdefault(item.node, week.index)
    return weeks


def first_sessions(plan) -> list[str]:
    """Nodes in the order of their first study session."""
    return list(dict.fromkeys(node for week in plan.weeks for _, node, _ in week.sessions))


def test_bundled_skills_nothing_depends_on_come_in_the_files_order() -> None:
    roadmap, snapshot = bundled()
    plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(6), start=date(2026, 11, 23))
    weeks = first_weeks(plan)
    assert not roadmap.unlocks["toy-problems"]  # nothing depends on it: its chain is the shortest there is
    assert weeks["toy-problems"] <= weeks["cv-portfolio"] - 52  # at least a year of study earlier
    assert weeks["nearest-neighbors"] <= weeks["cv-portfolio"] - 52
    assert weeks["cv-portfolio"] >= 0.9 * len(plan.weeks)  # last in the file, among the last studied
    # the longest chain still starts at once
    assert weeks[plan.critical_path[0]] == 1 and weeks["python-basics"] == 1


def small_roadmap(*nodes: tuple[str, str, float, tuple[str, ...], tuple[str, ...]]) -> Roadmap:
    """Nodes as (id, category, hours, requires, recommends), in file order."""
    return Roadmap(id="r", title="R", categories=(Category("a", "A"), Category("b", "B"), Category("c", "C")),
                   nodes=tuple(Node(id=i, title=i.title(), category=c, summary="", hours=h, requires=req,
                                    recommends=rec, resources=(Resource("reading", "r"),))
                               for i, c, h, req, rec in nodes))


def test_a_leaf_early_in_the_file_is_studied_early() -> None:
    roadmap = small_roadmap(("c1", "a", 5, (), ()), ("basics", "b", 2, (), ()), ("early", "b", 1, ("basics",), ()),
                            ("c2", "a", 5, ("c1",), ()), ("c3", "a", 5, ("c2",), ()),
                            ("big", "b", 10, (), ()), ("c4", "a", 5, ("c3",), ()))
    plan = make_plan(roadmap, ProgressSnapshot(roadmap), capacity=Capacity.weekly(4), start=date(2026, 1, 5))
    order = first_sessions(plan)
    assert order.index("early") < order.index("big")  # by chain length alone, the 10 h skill would go first
    assert order[0] == "c1" and plan.critical_path == ["c1", "c2", "c3", "c4"]


def test_recommended_skills_go_first_when_they_are_ready() -> None:
    roadmap = small_roadmap(("x", "a", 4, (), ("y",)), ("z", "b", 3, (), ()), ("y", "c", 2, (), ()),
                            ("after-x", "a", 10, ("x",), ()))
    plan = make_plan(roadmap, ProgressSnapshot(roadmap), capacity=Capacity.weekly(3), start=date(2026, 1, 5))
    order = first_sessions(plan)
    assert order.index("y") < order.index("x")
    # without the recommendation, x (first in the file, on the longest chain) starts at once
    plain = small_roadmap(("x", "a", 4, (), ()), ("z", "b", 3, (), ()), ("y", "c", 2, (), ()),
                          ("after-x", "a", 10, ("x",), ()))
    assert first_sessions(make_plan(plain, ProgressSnapshot(plain), capacity=Capacity.weekly(3),
                                    start=date(2026, 1, 5)))[0] == "x"


def test_a_recommendation_that_is_not_ready_leaves_no_hour_idle() -> None:
    # y, recommended by x, needs the long z first: x does not wait for it
    roadmap = small_roadmap(("z", "a", 12, (), ()), ("x", "b", 4, (), ("y",)), ("y", "c", 2, ("z",), ()))
    plan = make_plan(roadmap, ProgressSnapshot(roadmap), capacity=Capacity.weekly(4), start=date(2026, 1, 5))
    order = first_sessions(plan)
    assert order.index("x") < order.index("y")
    assert all(week.minutes == 240 for week in plan.weeks[:-1]) and plan.weeks[0].items[-1].node == "x"
    # a recommended skill that is not planned (not needed for the goal) holds nothing back either
    goal_plan = make_plan(roadmap, ProgressSnapshot(roadmap), capacity=Capacity.weekly(4), start=date(2026, 1, 5),
                          goals=["x"])
    assert first_sessions(goal_plan) == ["x"]


def test_bundled_weeks_hold_whole_minutes_within_the_hours_and_no_slivers() -> None:
    roadmap, snapshot = bundled()
    for hours in (6, 8, 0.5):
        plan = make_plan(roadmap, snapshot, capacity=Capacity.weekly(hours), start=date(2026, 11, 23))
        last_week = {item.node: week.index for week in plan.weeks for item in week.items}
        for week in plan.weeks:
            assert all(isinstance(item.minutes, int) for item in week.items)
            assert week.minutes <= round(hours * 60)
            assert all(item.minutes >= MIN_PIECE_MINUTES or last_week[item.node] == week.index for item in week.items)
