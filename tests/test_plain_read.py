"""A store reads its first progress with plain sqlite3: the same rows as SQLAlchemy's, and no change is missed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, date

import pytest

from roadmap_app.domain.progress import Status
from roadmap_app.persistence.database import DB_FILENAME
from roadmap_app.persistence.plain_read import stored_day, utc_time
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.progress_session import ProgressSession
from tests.conftest import ML_ROADMAP, REPO


def fill(data_dir) -> None:
    """Every kind of row, for two roadmaps, with text that is easy to get wrong."""
    store = ProgressStore(data_dir)
    for roadmap in ("demo", "other"):
        ops.set_status(store, roadmap, "a", Status.DONE)
        ops.set_status(store, roadmap, "b", Status.LEARNING)
        ops.set_status(store, roadmap, "c", Status.SKIPPED)
        ops.set_status(store, roadmap, "c", Status.TODO)
        ops.set_notes(store, roadmap, "d", "Notes: ünïcödé ✔, 'quotes', \"more\"\nand a second line")
        ops.set_resource_done(store, roadmap, "a", "https://example.org/a?b=c#d", True)
        ops.set_resource_done(store, roadmap, "b", "title:A book", True)
        ops.log_study(store, roadmap, "a", 45, date(2026, 3, 1), "exercises ✔")
        ops.log_study(store, roadmap, "b", 1440, date(1970, 1, 1))
    store.close()
    with sqlite3.connect(data_dir / DB_FILENAME) as connection:  # as an older version may have left them
        connection.execute("UPDATE node_progress SET started_at = NULL WHERE node_id = 'b'")
        connection.execute("UPDATE node_progress SET finished_at = '2026-01-02T03:04:05' WHERE node_id = 'a'")
        connection.execute("UPDATE study_session SET created_at = '2026-01-02T04:04:05+01:00' WHERE node_id = 'b'")


def test_plain_sqlite3_reads_what_sqlalchemy_reads(data_dir) -> None:
    fill(data_dir)
    for roadmap in ("demo", "other", "none"):
        plain = ProgressStore(data_dir)
        assert plain._engine is None  # nothing has made the engine yet: the plain read is the one tested
        first = plain.records(roadmap)
        through_sqlalchemy = ProgressStore(data_dir)
        through_sqlalchemy.engine  # noqa: B018 - made now, so records() reads through SQLAlchemy
        assert first.all_rows() == through_sqlalchemy.records(roadmap).all_rows()
        assert list(first.all_rows()) == list(through_sqlalchemy.records(roadmap).all_rows())  # same order
        assert (roadmap == "none") == (not first.all_rows())
        plain.close()
        through_sqlalchemy.close()


@pytest.mark.parametrize("text", ["2026-11-21T15:06:07.123456+00:00", "2026-11-21T15:06:07",
                                  "2026-11-21T16:06:07+01:00", None])
def test_times_and_days_read_as_the_models_read_them(text) -> None:
    from roadmap_app.persistence.models import UtcDateTime

    assert utc_time(text) == UtcDateTime().process_result_value(text, None)  # type: ignore[arg-type]
    if text is not None:
        assert utc_time(text).tzinfo is UTC
    assert stored_day("2026-03-01") == date(2026, 3, 1)


def test_an_outside_change_right_after_the_first_read_is_found(data_dir) -> None:
    """The first read has no data_version to compare with later; the first look reads everything again."""
    from roadmap_app.formats.loader import load_roadmap

    roadmap = load_roadmap(ML_ROADMAP)
    node = roadmap.nodes[0].id
    ProgressStore(data_dir).close()  # the database exists at the newest schema
    window = ProgressStore(data_dir)
    session = ProgressSession(window)
    assert session.load(roadmap).snapshot.status(node) is Status.TODO
    assert window._engine is None
    elsewhere = ProgressStore(data_dir)  # the command line, say
    ops.set_status(elsewhere, roadmap.id, node, Status.DONE)
    elsewhere.close()
    found = session.poll(roadmap.id)
    assert found is not None and [row.after.status for row in found.rows if row.after is not None] == [Status.DONE]
    assert session.poll(roadmap.id) is None  # and only once
    ops.set_status(window, roadmap.id, node, Status.LEARNING)  # its own change is not an outside one
    assert session.poll(roadmap.id) is None
    window.close()


def test_the_first_read_of_a_current_database_loads_no_sqlalchemy(data_dir) -> None:
    fill(data_dir)
    code = ("import sys\nfrom pathlib import Path\nfrom roadmap_app.persistence.store import ProgressStore\n"
            f"store = ProgressStore(Path({str(data_dir)!r}))\n"
            "assert len(store.records('demo').all_rows()) == 8\n"
            "print(sorted(name for name in sys.modules if name.split('.')[0] in ('sqlalchemy', 'alembic')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_database_needing_a_migration_is_still_migrated_when_opened(data_dir) -> None:
    ProgressStore(data_dir).close()
    with sqlite3.connect(data_dir / DB_FILENAME) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    store = ProgressStore(data_dir)  # 0001 -> 0002 rewrites times as UTC text; nothing to rewrite here
    assert store._engine is not None  # migrating needed the engine
    with sqlite3.connect(data_dir / DB_FILENAME) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    ops.set_status(store, "demo", "a", Status.DONE)
    assert store.records("demo").all_rows()
    store.close()
