"""Initial schema: node progress, resource checkboxes, study sessions, status log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "node_progress",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("roadmap_id", sa.String(200), nullable=False),
        sa.Column("node_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("roadmap_id", "node_id"),
    )
    op.create_table(
        "resource_done",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("roadmap_id", sa.String(200), nullable=False),
        sa.Column("node_id", sa.String(200), nullable=False),
        sa.Column("resource_key", sa.Text, nullable=False),
        sa.Column("done_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("roadmap_id", "node_id", "resource_key"),
    )
    op.create_table(
        "study_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("roadmap_id", sa.String(200), nullable=False),
        sa.Column("node_id", sa.String(200), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_study_session_roadmap", "study_session", ["roadmap_id", "node_id"])
    op.create_table(
        "status_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("roadmap_id", sa.String(200), nullable=False),
        sa.Column("node_id", sa.String(200), nullable=False),
        sa.Column("old_status", sa.String(16), nullable=False),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_status_event_roadmap", "status_event", ["roadmap_id", "at"])


def downgrade() -> None:
    op.drop_table("status_event")
    op.drop_table("study_session")
    op.drop_table("resource_done")
    op.drop_table("node_progress")
