"""Times become timezone-aware UTC with microseconds, stored as ISO 8601 text.

Schema 0001 stored naive local wall-clock times to the second. Each is read as the
local time of the machine running the upgrade (where it was written) and rewritten in UTC.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIME_COLUMNS = {
    "node_progress": ("started_at", "finished_at", "updated_at"),
    "resource_done": ("done_at",),
    "study_session": ("created_at",),
    "status_event": ("at",),
}
NULLABLE = {"started_at", "finished_at"}


def _to_utc_text(value: object) -> str | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value))
    aware = parsed.astimezone() if parsed.tzinfo is None else parsed  # naive means local time
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def _to_local_text(value: object) -> str | None:
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).astimezone().replace(tzinfo=None).isoformat(" ")


def _rewrite(convert: Callable[[object], str | None], new_type: sa.types.TypeEngine,
             old_type: sa.types.TypeEngine) -> None:
    """Convert every time value with `convert`, then declare the columns with `new_type`."""
    connection = op.get_bind()
    for table, columns in TIME_COLUMNS.items():
        rows = connection.exec_driver_sql(f"SELECT id, {', '.join(columns)} FROM {table}").fetchall()
        assignments = ", ".join(f"{c} = ?" for c in columns)
        for row_id, *values in rows:
            connection.exec_driver_sql(f"UPDATE {table} SET {assignments} WHERE id = ?",
                                       (*(convert(v) for v in values), row_id))
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=new_type, existing_type=old_type,
                                   existing_nullable=column in NULLABLE)


def upgrade() -> None:
    _rewrite(_to_utc_text, sa.String(32), sa.DateTime())


def downgrade() -> None:
    _rewrite(_to_local_text, sa.DateTime(), sa.String(32))
