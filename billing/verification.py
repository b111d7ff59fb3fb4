"""Reading identity-verification state (the web helper's tables) for gating and re-verification."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing.clock import billing_date
from honnin.db.models import APPROVED, Application, Verification


@dataclass(frozen=True)
class VerificationState:
    status: str  # applications.status: approved, in_review, rejected, ...
    decided_on: date | None
    document_expiry: date | None

    @property
    def approved(self) -> bool:
        return self.status == APPROVED


def verification_state(session: Session, application_id: uuid.UUID | str | None) -> VerificationState | None:
    """The application's status, decision day and the verified document's expiry; None if unknown."""
    if application_id is None:
        return None
    app_id = application_id if isinstance(application_id, uuid.UUID) else uuid.UUID(str(application_id))
    app = session.get(Application, app_id)
    if app is None:
        return None
    latest = session.execute(
        select(Verification).where(Verification.application_id == app_id, Verification.decision.is_not(None))
        .order_by(Verification.created_at.desc()).limit(1)
    ).scalar_one_or_none()
    return VerificationState(
        status=app.status,
        decided_on=billing_date(app.decided_at) if app.decided_at else None,
        document_expiry=_expiry(latest.result if latest else None),
    )


def _expiry(result: dict | None) -> date | None:
    try:
        value = result["fields"]["expiry"]["value"]  # type: ignore[index]
        return date.fromisoformat(value)
    except (TypeError, KeyError, ValueError):
        return None


def reverification_reason(state: VerificationState | None, renewal: date, max_age_days: int) -> str | None:
    """Why a renewal on `renewal` needs a fresh verification, or None if the current one still holds."""
    if state is None or not state.approved or state.decided_on is None:
        return "no_verification"
    if (renewal - state.decided_on).days > max_age_days:
        return "verification_too_old"
    if state.document_expiry is not None and state.document_expiry < renewal:
        return "document_expired"
    return None
