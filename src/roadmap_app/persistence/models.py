"""SQLAlchemy tables of the progress database (schema version: see migrations)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


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
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ResourceDone(Base):
    """A ticked resource checkbox, keyed by the resource's URL (or title)."""

    __tablename__ = "resource_done"
    __table_args__ = (UniqueConstraint("roadmap_id", "node_id", "resource_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    resource_key: Mapped[str] = mapped_column(Text)
    done_at: Mapped[datetime] = mapped_column(DateTime)


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
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StatusEvent(Base):
    """Append-only log of status changes; charts and undo read it."""

    __tablename__ = "status_event"
    __table_args__ = (Index("ix_status_event_roadmap", "roadmap_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    roadmap_id: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[str] = mapped_column(String(200))
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
