"""SQL lives here: users, sessions, API keys, idempotency records, the audit log, the queue and metrics."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from honnin.db.models import (
    APPROVED,
    REJECTED,
    REVIEW_STATUSES,
    ApiKey,
    Application,
    AuditEntry,
    IdempotencyKey,
    Review,
    User,
    WebSession,
)


def token_hash(token: str) -> str:
    """Tokens (upload links, session ids, API keys) are high-entropy, so a plain SHA-256 suffices."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)  # 256 bits
    return token, token_hash(token)


# --- audit -------------------------------------------------------------------------------------------


def audit(s: Session, now: datetime, actor: str, action: str, application_id: uuid.UUID | None = None,
          **detail: Any) -> None:
    s.add(AuditEntry(at=now, actor=actor, action=action, application_id=application_id,
                     detail=detail or None))


def audit_for(s: Session, application_id: uuid.UUID) -> list[AuditEntry]:
    q = select(AuditEntry).where(AuditEntry.application_id == application_id).order_by(AuditEntry.id)
    return list(s.scalars(q))


# --- users and sessions ------------------------------------------------------------------------------


def user_by_email(s: Session, email: str) -> User | None:
    return s.scalar(select(User).where(User.email == email.strip().lower()))


def add_user(s: Session, email: str, password_hash: str, role: str, now: datetime) -> User:
    user = User(email=email.strip().lower(), password_hash=password_hash, role=role, active=True,
                failed_logins=0, created_at=now)
    s.add(user)
    s.flush()
    return user


def create_session(s: Session, user: User, now: datetime, max_age_s: int) -> tuple[str, WebSession]:
    token, hashed = new_token()
    row = WebSession(token_hash=hashed, user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                     created_at=now, expires_at=now + timedelta(seconds=max_age_s))
    s.add(row)
    s.flush()
    return token, row


def session_by_token(s: Session, token: str, now: datetime) -> WebSession | None:
    row = s.get(WebSession, token_hash(token))
    if row is None or row.expires_at <= now or not row.user.active:
        return None
    return row


def delete_session(s: Session, token: str) -> None:
    s.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


# --- API keys and idempotency ------------------------------------------------------------------------


def create_api_key(s: Session, name: str, now: datetime) -> str:
    key = "hk_" + secrets.token_urlsafe(32)
    s.add(ApiKey(name=name, key_hash=token_hash(key), created_at=now))
    s.flush()
    return key


def api_key_by_secret(s: Session, key: str) -> ApiKey | None:
    row = s.scalar(select(ApiKey).where(ApiKey.key_hash == token_hash(key)))
    return row if row is not None and row.revoked_at is None else None


def revoke_api_key(s: Session, name: str, now: datetime) -> bool:
    row = s.scalar(select(ApiKey).where(ApiKey.name == name))
    if row is None:
        return False
    row.revoked_at = now
    return True


def idempotent_response(s: Session, api_key_id: int, key: str) -> IdempotencyKey | None:
    q = select(IdempotencyKey).where(IdempotencyKey.api_key_id == api_key_id, IdempotencyKey.key == key)
    return s.scalar(q)


def remember_response(s: Session, api_key_id: int, key: str, request_hash: str, status_code: int,
                      response: dict[str, Any], now: datetime) -> None:
    s.add(IdempotencyKey(api_key_id=api_key_id, key=key, request_hash=request_hash,
                         status_code=status_code, response=response, created_at=now))
    s.flush()


# --- the review queue and metrics --------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    reason: str | None = None
    document_type: str | None = None
    min_age_h: float | None = None
    assignee: str | None = None  # "me" | "none" | a user id as text
    status: str | None = None
    external_id: str | None = None  # exact: finds a case in any status (a customer on the phone)


def review_queue(s: Session, f: QueueFilter, now: datetime, me: int | None, limit: int = 100,
                 offset: int = 0) -> tuple[list[Application], int]:
    """Cases waiting for a human, oldest first (SLA order), and how many match in total."""
    if f.external_id:
        conds = [Application.external_id == f.external_id]
    else:
        conds = [Application.status.in_(REVIEW_STATUSES) if not f.status else Application.status == f.status]
    if f.reason:
        conds.append(Application.reason_codes.contains(f",{f.reason},"))
    if f.document_type:
        conds.append(Application.document_type == f.document_type)
    if f.min_age_h:
        conds.append(Application.queued_at <= now - timedelta(hours=f.min_age_h))
    if f.assignee == "none":
        conds.append(or_(Application.claimed_by.is_(None), Application.claim_expires_at <= now))
    elif f.assignee == "me" and me is not None:
        conds.append(Application.claimed_by == me)
        conds.append(Application.claim_expires_at > now)
    elif f.assignee and f.assignee.isdigit():
        conds.append(Application.claimed_by == int(f.assignee))
        conds.append(Application.claim_expires_at > now)
    total = s.scalar(select(func.count()).select_from(Application).where(*conds)) or 0
    q = (select(Application).where(*conds).order_by(Application.queued_at, Application.id)
         .limit(limit).offset(offset))
    return list(s.scalars(q)), total


@dataclass(frozen=True)
class Metrics:
    queue_size: int
    oldest_age_h: float | None
    awaiting_second: int
    decided: int
    approved: int
    rejected: int
    approval_rate: float | None
    median_time_to_decision_h: float | None
    p90_time_to_decision_h: float | None
    reviews_last_24h: int


def metrics(s: Session, now: datetime, window_days: int = 30) -> Metrics:
    waiting = s.execute(select(func.count(), func.min(Application.queued_at))
                        .where(Application.status.in_(REVIEW_STATUSES))).one()
    awaiting_second = s.scalar(select(func.count()).where(Application.status == REVIEW_STATUSES[1])) or 0
    since = now - timedelta(days=window_days)
    counts = dict(s.execute(select(Application.status, func.count()).where(Application.decided_at >= since)
                            .group_by(Application.status)).all())
    # Durations computed by the database: parsing thousands of timestamps in Python was the slow part.
    if s.get_bind().dialect.name == "sqlite":
        seconds = (func.julianday(Application.decided_at) - func.julianday(Application.created_at)) * 86400
    else:
        seconds = func.extract("epoch", Application.decided_at - Application.created_at)
    hours = sorted(float(x) / 3600 for x in s.scalars(select(seconds).where(Application.decided_at >= since)))
    approved, rejected = counts.get(APPROVED, 0), counts.get(REJECTED, 0)
    reviews = s.scalar(select(func.count()).select_from(Review).where(Review.created_at >= now - timedelta(days=1)))
    oldest = waiting[1]
    return Metrics(
        queue_size=waiting[0],
        oldest_age_h=(now - oldest).total_seconds() / 3600 if oldest else None,
        awaiting_second=awaiting_second,
        decided=len(hours),
        approved=approved,
        rejected=rejected,
        approval_rate=approved / len(hours) if hours else None,
        median_time_to_decision_h=hours[len(hours) // 2] if hours else None,
        p90_time_to_decision_h=hours[min(len(hours) - 1, int(len(hours) * 0.9))] if hours else None,
        reviews_last_24h=reviews or 0,
    )
