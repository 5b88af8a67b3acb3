"""Write a progress database at a given schema revision with known data, for upgrade tests.

Run once per released schema version:
    .venv/bin/python scripts/make_db_fixture.py 0001 tests/fixtures/databases/progress-0001.sqlite3
The data is inserted with plain SQL of that revision, so later model changes do not alter it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command

from roadmap_app.persistence import database

SAMPLE_SQL = {
    "0001": [
        "INSERT INTO node_progress (roadmap_id, node_id, status, started_at, finished_at, notes, updated_at) VALUES "
        "('ml-engineer', 'python-basics', 'done', '2026-01-03 10:00:00', '2026-02-01 18:30:00', "
        "'Finished the tutorial.', '2026-02-01 18:30:00')",
        "INSERT INTO node_progress (roadmap_id, node_id, status, started_at, finished_at, notes, updated_at) VALUES "
        "('ml-engineer', 'linear-algebra-basics', 'learning', '2026-02-02 09:00:00', NULL, '', '2026-02-02 09:00:00')",
        "INSERT INTO resource_done (roadmap_id, node_id, resource_key, done_at) VALUES "
        "('ml-engineer', 'python-basics', 'https://docs.python.org/3/tutorial/', '2026-01-20 20:00:00')",
        "INSERT INTO study_session (uid, roadmap_id, node_id, day, minutes, note, created_at) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'ml-engineer', 'python-basics', '2026-01-03', 90, 'chapter 1-4', "
        "'2026-01-03 11:30:00')",
        "INSERT INTO status_event (uid, roadmap_id, node_id, old_status, new_status, at) VALUES "
        "('00000000-0000-4000-8000-000000000002', 'ml-engineer', 'python-basics', 'todo', 'done', "
        "'2026-02-01 18:30:00')",
    ],
    "0002": [
        "INSERT INTO node_progress (roadmap_id, node_id, status, started_at, finished_at, notes, updated_at) VALUES "
        "('ml-engineer', 'python-basics', 'done', '2026-01-03T10:00:00.000000+00:00', "
        "'2026-02-01T18:30:00.250000+00:00', 'Finished the tutorial.', '2026-02-01T18:30:00.250000+00:00')",
        "INSERT INTO node_progress (roadmap_id, node_id, status, started_at, finished_at, notes, updated_at) VALUES "
        "('ml-engineer', 'linear-algebra-basics', 'learning', '2026-02-02T09:00:00.000000+00:00', NULL, '', "
        "'2026-02-02T09:00:00.000000+00:00')",
        "INSERT INTO resource_done (roadmap_id, node_id, resource_key, done_at) VALUES "
        "('ml-engineer', 'python-basics', 'https://docs.python.org/3/tutorial/', '2026-01-20T20:00:00.000000+00:00')",
        "INSERT INTO study_session (uid, roadmap_id, node_id, day, minutes, note, created_at) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'ml-engineer', 'python-basics', '2026-01-03', 90, 'chapter 1-4', "
        "'2026-01-03T11:30:00.000000+00:00')",
        "INSERT INTO status_event (uid, roadmap_id, node_id, old_status, new_status, at) VALUES "
        "('00000000-0000-4000-8000-000000000002', 'ml-engineer', 'python-basics', 'todo', 'done', "
        "'2026-02-01T18:30:00.250000+00:00')",
    ],
}


def main(revision: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    engine = database.make_engine(out)
    with database.writer(engine).begin() as connection:
        command.upgrade(database._alembic_config(connection), revision)  # noqa: SLF001
        for statement in SAMPLE_SQL[revision]:
            connection.exec_driver_sql(statement)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    for suffix in ("-wal", "-shm"):
        out.with_name(out.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
