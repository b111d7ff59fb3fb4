"""The tables honnin keeps: applications, their registrations, documents, verifications and reviews."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Application.status values; the applicant page and the review queue read these.
AWAITING_UPLOAD = "awaiting_upload"
PROCESSING = "processing"
APPROVED = "approved"
ACTION_NEEDED = "action_needed"
IN_REVIEW = "in_review"
AWAITING_SECOND = "awaiting_second_approval"
REJECTED = "rejected"
REVIEW_STATUSES = (IN_REVIEW, AWAITING_SECOND)
FINAL_STATUSES = (APPROVED, REJECTED)

ROLES = ("reviewer", "supervisor", "admin")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite hands back naive values otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_status_created", "status", "created_at"),
        # The retention purge of abandoned applications: waiting for the applicant, idle for N days.
        Index("ix_applications_status_updated", "status", "updated_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    upload_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(32), default=AWAITING_UPLOAD)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # When it entered the review queue: the SLA clock.
    queued_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None] = mapped_column(index=True)
    contract_ended_at: Mapped[datetime | None] = mapped_column(index=True)
    # Denormalised from the latest verification so the queue filters without joins.
    document_type: Mapped[str | None] = mapped_column(String(40))
    reason_codes: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    claim_expires_at: Mapped[datetime | None]

    registrations: Mapped[list[RegistrationVersion]] = relationship(
        back_populates="application", order_by="RegistrationVersion.version"
    )
    claimant: Mapped[User | None] = relationship()


class RegistrationVersion(Base):
    """Every registration the application ever had: corrections add a version, never overwrite."""

    __tablename__ = "registration_versions"
    __table_args__ = (UniqueConstraint("application_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    version: Mapped[int]
    data: Mapped[dict[str, Any]]
    source: Mapped[str] = mapped_column(String(20))  # api | applicant
    created_at: Mapped[datetime]

    application: Mapped[Application] = relationship(back_populates="registrations")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[str] = mapped_column(String(20))  # front | back | supplementary
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int]
    # Store names (random ids, never user input). pending: the upload until verification replaces it
    # with the cleaned image; None once gone.
    pending_name: Mapped[str | None] = mapped_column(String(64))
    image_name: Mapped[str | None] = mapped_column(String(64))
    rectified_name: Mapped[str | None] = mapped_column(String(64))
    document_type: Mapped[str | None] = mapped_column(String(40))
    document_number: Mapped[str | None] = mapped_column(String(40))  # never a My Number
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    # The applicant page's photo check, run after the upload answered: checking | ok | retake (None for
    # uploads through the API, which the verification itself judges); reasons are ja/en reason items.
    check_status: Mapped[str | None] = mapped_column(String(20))
    check_reasons: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class Verification(Base):
    """One run of the pipeline. History is kept: a new upload or correction adds a row."""

    __tablename__ = "verifications"
    __table_args__ = (Index("ix_verifications_status_created", "status", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    registration_version_id: Mapped[int] = mapped_column(ForeignKey("registration_versions.id"))
    front_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    back_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    supplementary_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued|running|done|failed|superseded
    decision: Mapped[str | None] = mapped_column(String(20))
    result: Mapped[dict[str, Any] | None]
    engine: Mapped[str | None] = mapped_column(String(40))
    engine_version: Mapped[str | None] = mapped_column(String(40))
    as_of: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    verification_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("verifications.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))  # approve | resubmit | reject | second_approve
    reason_codes: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str | None] = mapped_column(Text)  # applicant-facing
    note: Mapped[str | None] = mapped_column(Text)  # internal
    created_at: Mapped[datetime]

    reviewer: Mapped[User] = relationship()


class WebSession(Base):
    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship()


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("api_key_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what to which case, when. Never image content, never a My Number."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    application_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    detail: Mapped[dict[str, Any] | None]
