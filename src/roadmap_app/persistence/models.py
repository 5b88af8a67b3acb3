"""SQLAlchemy tables of the progress database (schema version: see migrations)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Date, Dialect, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

TIMESTAMP_WIDTH = 32  # 2026-11-21T15:06:07.123456+00:00


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware time stored as ISO 8601 text in UTC with microseconds, so text order is time order."""

    impl = String(TIMESTAMP_WIDTH)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a time without a timezone: {value!r}")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class NodeProgress(Base):
    """Current status and notes of one node of one roadmap."""

    __tablename__ = "node_progress"
    __table_args__ = (UniqueConstraint("roadmap_id", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="todo")
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ResourceDone(Base):
    """A ticked resource checkbox, keyed by the resource's URL (or title)."""

    __tablename__ = "resource_done"
    __table_args__ = (UniqueConstraint("roadmap_id", "node_id", "resource_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    resource_key: Mapped[str] = mapped_column(Text)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StudySession(Base):
    """Time spent studying one node on one day."""

    __tablename__ = "study_session"
    __table_args__ = (Index("ix_study_session_roadmap", "roadmap_id", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StatusEvent(Base):
    """Log of status changes that charts read; an undone change is removed with its undo."""

    __tablename__ = "status_event"
    __table_args__ = (Index("ix_status_event_roadmap", "roadmap_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
