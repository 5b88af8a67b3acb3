"""Write a realistic few months of progress for the bundled ML roadmap into a data folder, through the real store.

    python scripts/demo_history.py DATA_DIR [--weeks 20] [--today 2026-06-15]

Irregular weeks, rest days, a holiday week, one category left alone lately, and skills finished both over and
under their estimates. Deterministic (seeded). Refuses a data folder that already holds progress for the roadmap.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import EventRecord, NodeRecord, SessionRecord
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.workspace import open_roadmap

ROADMAP = Path(__file__).resolve().parent.parent / "src" / "roadmap_app" / "roadmaps" / "ml-engineer.roadmap.yaml"
TAKES_LONGER = {"mathematics": 1.4, "programming": 0.8, "cs-fundamentals": 1.1}  # of the estimate
NEGLECTED = "mathematics"  # studied at first, then left alone for the last weeks


def moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def study_order(roadmap: Roadmap) -> list[str]:
    """Skills in an order that respects prerequisites (the file's order does)."""
    return [n.id for n in roadmap.nodes]


def write_history(store: ProgressStore, roadmap: Roadmap, today: date, weeks: int, seed: int = 7) -> None:
    chance = random.Random(seed)
    first = today - timedelta(days=7 * weeks)
    pending = study_order(roadmap)
    rows: list = []
    node_rows: dict[str, NodeRecord] = {}
    current: list[tuple[str, int]] = []  # (node, minutes left)
    finished: set[str] = set()
    day = first
    while day <= today:
        week_index = (day - first).days // 7
        holiday = week_index == weeks // 2
        rest = day.weekday() in (chance.choice([0, 2, 4]), 6) or holiday or chance.random() < 0.2
        if not rest:
            lately = week_index >= weeks - 5
            paused = [(n, left) for n, left in current if lately and roadmap.node(n).category == NEGLECTED]
            current = [entry for entry in current if entry not in paused]
            while len(current) < 2 and pending:
                busy = {roadmap.node(n).category for n, _ in current}
                ready = [n for n in pending if all(r in finished for r in roadmap.node(n).requires)
                         and not (lately and roadmap.node(n).category == NEGLECTED)][:8]
                candidate = next((n for n in ready if roadmap.node(n).category not in busy), None) or \
                    next(iter(ready), None)
                if candidate is None:
                    break
                pending.remove(candidate)
                node = roadmap.node(candidate)
                factor = TAKES_LONGER.get(node.category, 1.0) * chance.uniform(0.8, 1.2)
                current.append((candidate, max(30, round(node.hours * 60 * factor))))
                started = NodeRecord(roadmap.id, candidate, Status.LEARNING, moment(day, 9), None, "",
                                     moment(day, 9))
                node_rows[candidate] = started
                rows.append(EventRecord(str(uuid.uuid4()), roadmap.id, candidate, Status.TODO, Status.LEARNING,
                                        moment(day, 9)))
            budget = chance.choice([45, 60, 75, 90, 120, 150, 180]) * (2 if day.weekday() == 5 else 1)
            for index, (node_id, left) in enumerate(list(current)):
                spent = min(left, budget // len(current) or 15)
                if spent <= 0:
                    continue
                rows.append(SessionRecord(str(uuid.uuid4()), roadmap.id, node_id, day, spent, "",
                                          moment(day, 20)))
                current[index] = (node_id, left - spent)
            current += paused
            for node_id, left in list(current):
                if left <= 0:
                    current.remove((node_id, left))
                    finished.add(node_id)
                    node_rows[node_id] = NodeRecord(roadmap.id, node_id, Status.DONE, node_rows[node_id].started_at,
                                                    moment(day, 21), "", moment(day, 21))
                    rows.append(EventRecord(str(uuid.uuid4()), roadmap.id, node_id, Status.LEARNING, Status.DONE,
                                            moment(day, 21)))
        day += timedelta(days=1)
    skipped = next(n.id for n in roadmap.nodes if n.category == "career" and n.id not in node_rows)
    node_rows[skipped] = NodeRecord(roadmap.id, skipped, Status.SKIPPED, None, None, "", moment(first, 8))
    rows.append(EventRecord(str(uuid.uuid4()), roadmap.id, skipped, Status.TODO, Status.SKIPPED, moment(first, 8)))
    with store.writing() as transaction:
        for row in [*node_rows.values(), *rows]:
            transaction.put(None, row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", metavar="DATA_DIR")
    parser.add_argument("--weeks", type=int, default=20)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    roadmap = open_roadmap(ROADMAP)
    store = ProgressStore(Path(args.data_dir), allow_new=True)
    try:
        if store.records(roadmap.id).stored_ids():
            print(f"{args.data_dir} already holds progress for {roadmap.id}; give an empty folder", file=sys.stderr)
            return 1
        write_history(store, roadmap, args.today, args.weeks)
    finally:
        store.close()
    print(f"wrote {args.weeks} weeks of history for {roadmap.id} into {args.data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
