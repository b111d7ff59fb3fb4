"""The job tables: one row per batch run, one row per document or application it works on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from honnin.db.models import Base

# Job.status
PENDING = "pending"
RUNNING = "running"
DONE = "done"
CANCELLED = "cancelled"
ACTIVE = (PENDING, RUNNING)

# JobItem.state
ITEM_PENDING = "pending"
ITEM_RUNNING = "running"
ITEM_DONE = "done"
ITEM_FAILED = "failed"
ITEM_STATES = (ITEM_PENDING, ITEM_RUNNING, ITEM_DONE, ITEM_FAILED)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # reverify | retention | expiry | mynumber_scrub
    selection: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Fixed when the job is created so a resumed run decides exactly as the first one would (as_of...).
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    # kind + selection digest while the job is unfinished, NULL after: re-running the same command finds
    # it, and the unique constraint stops two identical starts from creating two jobs.
    active_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    backend: Mapped[str] = mapped_column(String(10), default="local")
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class JobItem(Base):
    """One unit of work. Claimed by a lease (owner + expiry); done only together with its result."""

    __tablename__ = "job_items"
    __table_args__ = (
        UniqueConstraint("job_id", "target_id"),
        Index("ix_job_items_job_state", "job_id", "state", "id"),
        Index("ix_job_items_kind_target_state", "kind", "target_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[str] = mapped_column(String(36))  # an application or document id
    state: Mapped[str] = mapped_column(String(10), default=ITEM_PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(120))
    lease_expires_at: Mapped[datetime | None]
    result_id: Mapped[str | None] = mapped_column(String(36))  # e.g. the new verification
    result_code: Mapped[str | None] = mapped_column(String(40))  # e.g. the new decision, "flagged"
    changed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # ids, codes, dates: never image data
    error: Mapped[str | None] = mapped_column(String(200))
    finished_at: Mapped[datetime | None]
