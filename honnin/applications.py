"""The service layer: applications, documents, verification runs, reviewer decisions and corrections."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from honnin.db import models as m
from honnin.db.repositories import audit, new_token, token_hash
from honnin.registration import Registration
from honnin.store import ImageStore
from intake.reasons import Reason, reason

SIDES = ("front", "back", "supplementary")
# A mismatch the applicant can fix by correcting the registration (seed 002: 登録情報の確認).
CORRECTABLE = frozenset({Reason.NAME_MISMATCH, Reason.ADDRESS_MISMATCH, Reason.BIRTHDATE_MISMATCH})
# Reason codes a reviewer may attach to a resubmission request.
RESUBMIT_CODES = (
    Reason.REVIEWER_RESUBMIT, Reason.BLURRY, Reason.GLARE, Reason.CARD_CUT_OFF, Reason.TOO_DARK,
    Reason.EXPIRED, Reason.DOCUMENT_NOT_ACCEPTED, Reason.BACK_REQUIRED, Reason.SUPPLEMENTARY_REQUIRED,
    Reason.NAME_MISMATCH, Reason.ADDRESS_MISMATCH, Reason.BIRTHDATE_MISMATCH,
)
_DECISION_STATUS = {
    "approved": m.APPROVED,
    "needs_review": m.IN_REVIEW,
    "resubmit": m.ACTION_NEEDED,
    "rejected": m.REJECTED,
}


class ServiceError(Exception):
    """A request the current state does not allow; `code` is stable, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# --- applications ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    id: uuid.UUID
    upload_token: str


def create_application(s: Session, registration: Registration, external_id: str, now: datetime,
                       actor: str = "api") -> Created:
    if s.scalar(select(m.Application.id).where(m.Application.external_id == external_id)):
        raise ServiceError("duplicate_external_id", "an application with this external_id exists")
    token, hashed = new_token()
    app = m.Application(external_id=external_id, upload_token_hash=hashed, status=m.AWAITING_UPLOAD,
                        created_at=now, updated_at=now, reason_codes="")
    s.add(app)
    s.flush()
    s.add(m.RegistrationVersion(application_id=app.id, version=1, data=registration.model_dump(),
                                source="api", created_at=now))
    audit(s, now, actor, "application.create", app.id)
    s.flush()
    return Created(app.id, token)


def by_token(s: Session, token: str) -> m.Application | None:
    if not token or len(token) > 100:
        return None
    return s.scalar(select(m.Application).where(m.Application.upload_token_hash == token_hash(token)))


def get(s: Session, application_id: uuid.UUID) -> m.Application | None:
    return s.get(m.Application, application_id)


def current_registration(s: Session, app: m.Application) -> m.RegistrationVersion:
    q = (select(m.RegistrationVersion).where(m.RegistrationVersion.application_id == app.id)
         .order_by(m.RegistrationVersion.version.desc()).limit(1))
    return s.scalars(q).one()


def latest_verification(s: Session, app_id: uuid.UUID, *, done_only: bool = False) -> m.Verification | None:
    q = select(m.Verification).where(m.Verification.application_id == app_id)
    if done_only:
        q = q.where(m.Verification.status.in_(("done", "failed")))
    return s.scalars(q.order_by(m.Verification.created_at.desc()).limit(1)).first()


def latest_documents(s: Session, app_id: uuid.UUID) -> dict[str, m.Document]:
    """The newest document of each side that still has an image (pending or cleaned)."""
    q = (select(m.Document).where(m.Document.application_id == app_id, m.Document.deleted_at.is_(None))
         .order_by(m.Document.created_at))
    return {d.side: d for d in s.scalars(q)}


# --- documents and verification ----------------------------------------------------------------------


def accepting_uploads(app: m.Application) -> bool:
    return app.status in (m.AWAITING_UPLOAD, m.ACTION_NEEDED)


def add_document(s: Session, store: ImageStore, app: m.Application, side: str, data: bytes,
                 now: datetime, actor: str, *, check: bool = False) -> m.Document:
    """Keep an upload (encrypted) until verification replaces it with the cleaned image.

    With `check`, the photo waits for its legibility check (`record_check`): the previous photo of
    the side stays until the new one passes, so a failed retake does not lose a good photo."""
    if side not in SIDES:
        raise ServiceError("invalid_side", "side must be front, back or supplementary")
    if not accepting_uploads(app):
        raise ServiceError("not_accepting", "this application is not waiting for documents")
    doc = m.Document(id=uuid.uuid4(), application_id=app.id, side=side,
                     sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data), created_at=now,
                     check_status=CHECKING if check else None)
    doc.pending_name = store.put(str(doc.id), data)
    if not check:
        # A new photo of a side replaces the previous one, which is no longer needed.
        old = latest_documents(s, app.id).get(side)
        if old is not None:
            drop_images(store, old, now)
    s.add(doc)
    app.updated_at = now
    audit(s, now, actor, "document.add", app.id, side=side, document_id=str(doc.id), bytes=len(data))
    s.flush()
    return doc


# --- the applicant page's photo check (intake, after the upload has been answered) ------------------

CHECKING, CHECK_OK, CHECK_RETAKE = "checking", "ok", "retake"
# A check takes about a second; one still unanswered after this (its worker died) no longer blocks a send:
# the verification runs intake itself.
CHECK_STALE = timedelta(minutes=2)


def photo_to_check(s: Session, store: ImageStore, document_id: uuid.UUID) -> bytes | None:
    """The upload waiting for its check, or None when there is nothing (left) to check."""
    doc = s.get(m.Document, document_id)
    if doc is None or doc.check_status != CHECKING or doc.deleted_at is not None or doc.pending_name is None:
        return None
    return store.get(str(doc.id), doc.pending_name)


def record_check(s: Session, store: ImageStore, document_id: uuid.UUID, usable: bool,
                 reasons: list[dict[str, Any]], now: datetime) -> str:
    """Save a photo check's answer. A refused photo is not kept (its row stays, with the reasons the
    applicant is shown); a passed one replaces the side's older photos. Returns the new check status."""
    doc = s.get(m.Document, document_id, with_for_update=True)
    if doc is None or doc.check_status != CHECKING:
        return "skipped"  # checked already (a restart re-ran it) or purged meanwhile
    doc.check_reasons = reasons
    if not usable:
        doc.check_status = CHECK_RETAKE
        drop_images(store, doc, now)
        audit(s, now, "system", "document.refused", doc.application_id, side=doc.side,
              document_id=str(doc.id), reasons=[r.get("code") for r in reasons])
    else:
        doc.check_status = CHECK_OK
        older = s.scalars(select(m.Document).where(
            m.Document.application_id == doc.application_id, m.Document.side == doc.side,
            m.Document.deleted_at.is_(None), m.Document.created_at < doc.created_at, m.Document.id != doc.id))
        for old in older:
            drop_images(store, old, now)
    s.flush()
    return doc.check_status


def documents_being_checked(s: Session, limit: int = 1000) -> list[uuid.UUID]:
    """Checks a stopped server left unanswered; they are run again on start."""
    q = (select(m.Document.id).where(m.Document.check_status == CHECKING, m.Document.deleted_at.is_(None))
         .order_by(m.Document.created_at).limit(limit))
    return list(s.scalars(q))


def photo_checks(s: Session, app: m.Application, now: datetime) -> dict[str, dict[str, Any]]:
    """Per side, the newest photo taken since the last send: its check state and reasons. A check
    pending past CHECK_STALE (its worker died) reads "unchecked": kept, judged by the verification."""
    since = s.scalar(select(func.max(m.Verification.created_at)).where(m.Verification.application_id == app.id))
    q = select(m.Document).where(m.Document.application_id == app.id, m.Document.check_status.is_not(None))
    if since is not None:
        q = q.where(m.Document.created_at > since)
    out: dict[str, dict[str, Any]] = {}
    for doc in s.scalars(q.order_by(m.Document.created_at)):
        state = doc.check_status
        if state == CHECKING and doc.created_at <= now - CHECK_STALE:
            state = "unchecked"
        out[doc.side] = {"state": state, "reasons": list(doc.check_reasons or [])}
    return out


def submit(s: Session, app: m.Application, now: datetime, actor: str) -> m.Verification:
    """Queue a verification of the newest document of each side against the current registration."""
    if not accepting_uploads(app):
        raise ServiceError("not_accepting", "this application is not waiting for documents")
    docs = latest_documents(s, app.id)
    if "front" not in docs:
        raise ServiceError("front_required", "a photo of the front of the document is required")
    if any(d.check_status == CHECKING and d.created_at > now - CHECK_STALE for d in docs.values()):
        raise ServiceError("photo_checking", "a photo is still being checked")
    reg = current_registration(s, app)
    v = m.Verification(id=uuid.uuid4(), application_id=app.id, registration_version_id=reg.id,
                       front_id=docs["front"].id, back_id=_id(docs.get("back")),
                       supplementary_id=_id(docs.get("supplementary")), status="queued", created_at=now)
    s.add(v)
    app.status = m.PROCESSING
    app.updated_at = now
    audit(s, now, actor, "verification.queue", app.id, verification_id=str(v.id))
    s.flush()
    return v


def _id(doc: m.Document | None) -> uuid.UUID | None:
    return doc.id if doc is not None else None


def claim_verification(s: Session, verification_id: uuid.UUID, now: datetime) -> bool:
    """Atomically move a queued verification to running; False if someone else got it first."""
    res = s.execute(update(m.Verification)
                    .where(m.Verification.id == verification_id, m.Verification.status == "queued")
                    .values(status="running", started_at=now))
    return res.rowcount == 1


def queued_verifications(s: Session, limit: int) -> list[uuid.UUID]:
    q = (select(m.Verification.id).where(m.Verification.status == "queued")
         .order_by(m.Verification.created_at).limit(limit))
    return list(s.scalars(q))


def requeue_stale(s: Session, now: datetime, older_than: timedelta) -> int:
    """Runs a crashed worker left behind go back to the queue, so no upload is lost."""
    res = s.execute(update(m.Verification)
                    .where(m.Verification.status == "running", m.Verification.started_at < now - older_than)
                    .values(status="queued", started_at=None))
    return res.rowcount


VerifyFn = Callable[[dict[str, bytes | None], Registration], Any]


def load_inputs(s: Session, store: ImageStore, v: m.Verification) -> tuple[dict[str, bytes | None], Registration]:
    images: dict[str, bytes | None] = {}
    for side, doc_id in (("front", v.front_id), ("back", v.back_id), ("supplementary", v.supplementary_id)):
        doc = s.get(m.Document, doc_id) if doc_id else None
        name = (doc.pending_name or doc.image_name) if doc is not None and doc.deleted_at is None else None
        images[side] = store.get(str(doc.id), name) if name else None
    reg = s.get(m.RegistrationVersion, v.registration_version_id)
    return images, Registration.model_validate(reg.data)


def record_result(s: Session, store: ImageStore, v: m.Verification, result: Any, now: datetime,
                  engine: str, as_of: date) -> None:
    """Save the pipeline's result; keep only the cleaned images it allows, drop every upload."""
    payload = result.to_json()
    v.result = payload
    v.decision = result.decision
    v.engine = engine
    v.engine_version = str(payload.get("engine_version") or getattr(result, "engine_version", "") or "")[:40] or None
    v.as_of = as_of
    v.status = "done"
    v.finished_at = now
    stored = getattr(result, "stored_images", {}) or {}
    rectified = getattr(result, "rectified_images", {}) or {}
    doc_type = (payload.get("document") or {}).get("type")
    for side, doc_id in (("front", v.front_id), ("back", v.back_id), ("supplementary", v.supplementary_id)):
        doc = s.get(m.Document, doc_id) if doc_id else None
        if doc is None or doc.deleted_at is not None:
            continue
        keep, rect = stored.get(side), rectified.get(side)
        if doc.pending_name is not None or keep is not None:
            store.delete(doc.image_name)
            store.delete(doc.rectified_name)
            doc.image_name = store.put(str(doc.id), keep) if keep else None
            doc.rectified_name = store.put(str(doc.id), rect) if rect else None
            store.delete(doc.pending_name)
            doc.pending_name = None
        if doc.image_name is None:
            doc.deleted_at = now  # e.g. a visible My Number: the image must not be kept
        if side == "front":
            doc.document_type = doc_type
            doc.document_number = getattr(result, "document_number", None)
    _apply_to_application(s, v, result.decision, [r.code.value if hasattr(r.code, "value") else str(r.code)
                                                  for r in result.reasons], doc_type, now)
    audit(s, now, "system", "verification.done", v.application_id, verification_id=str(v.id),
          decision=result.decision)


def record_failure(s: Session, v: m.Verification, now: datetime, error: str) -> None:
    """The pipeline crashed (it should not): a person looks at the case."""
    v.status = "failed"
    v.finished_at = now
    v.result = {"error": error[:200]}
    _apply_to_application(s, v, "needs_review", [], None, now)
    audit(s, now, "system", "verification.failed", v.application_id, verification_id=str(v.id))


def _apply_to_application(s: Session, v: m.Verification, decision: str, codes: list[str],
                          doc_type: str | None, now: datetime) -> None:
    app = s.get(m.Application, v.application_id)
    newer = latest_verification(s, app.id)
    if newer is not None and newer.id != v.id:
        return  # a later upload or correction superseded this run; its result is history only
    app.status = _DECISION_STATUS.get(decision, m.IN_REVIEW)
    app.reason_codes = "," + ",".join(codes) + "," if codes else ""
    app.document_type = doc_type
    app.updated_at = now
    if app.status == m.IN_REVIEW:
        app.queued_at = now
    if app.status in m.FINAL_STATUSES:
        app.decided_at = now


def run_verification(s: Session, store: ImageStore, verification_id: uuid.UUID, verify_fn: VerifyFn,
                     engine: str, as_of: date, clock: Callable[[], datetime]) -> str:
    """Run one claimed verification to completion inside `s`; returns its final status."""
    v = s.get(m.Verification, verification_id)
    if v is None or v.status != "running":
        return "skipped"
    try:
        images, registration = load_inputs(s, store, v)
        result = verify_fn(images, registration)
    except Exception as exc:  # never lose a case: record and route it to a person
        record_failure(s, v, clock(), type(exc).__name__)
        return "failed"
    record_result(s, store, v, result, clock(), engine, as_of)
    return "done"


# --- what the applicant and the API see --------------------------------------------------------------


@dataclass(frozen=True)
class StatusView:
    status: str
    decision: str | None
    reasons: list[dict[str, Any]]
    message: str | None
    can_correct: bool


def status_view(s: Session, app: m.Application) -> StatusView:
    reasons: list[dict[str, Any]] = []
    message = None
    decision = {m.APPROVED: "approved", m.REJECTED: "rejected", m.ACTION_NEEDED: "resubmit",
                m.IN_REVIEW: "needs_review", m.AWAITING_SECOND: "needs_review"}.get(app.status)
    review = _last_review(s, app)
    if review is not None and review.action in ("resubmit", "reject") and app.status in (m.ACTION_NEEDED, m.REJECTED):
        codes = [c for c in review.reason_codes.split(",") if c]
        reasons = [reason(Reason(c)).as_dict() for c in codes if c in Reason.__members__.values()]
        message = review.message
    elif app.status in (m.ACTION_NEEDED, m.REJECTED):
        v = latest_verification(s, app.id, done_only=True)
        reasons = list((v.result or {}).get("reasons", [])) if v is not None else []
    codes = {r.get("code") for r in reasons}
    can_correct = app.status == m.ACTION_NEEDED and bool(codes & {c.value for c in CORRECTABLE})
    return StatusView(app.status, decision, reasons, message, can_correct)


def _last_review(s: Session, app: m.Application) -> m.Review | None:
    q = select(m.Review).where(m.Review.application_id == app.id).order_by(m.Review.id.desc()).limit(1)
    return s.scalars(q).first()


def correct_registration(s: Session, app: m.Application, registration: Registration, now: datetime) -> int:
    """Seed 002: after a registration mismatch the applicant fixes it; every version is kept."""
    if not status_view(s, app).can_correct:
        raise ServiceError("not_correctable", "the registration can be corrected only after a mismatch")
    version = current_registration(s, app).version + 1
    s.add(m.RegistrationVersion(application_id=app.id, version=version, data=registration.model_dump(),
                                source="applicant", created_at=now))
    app.updated_at = now
    audit(s, now, "applicant", "registration.correct", app.id, version=version)
    s.flush()
    return version


# --- reviewers ---------------------------------------------------------------------------------------


def claim(s: Session, app: m.Application, user: m.User, now: datetime, ttl_s: int) -> None:
    if app.status not in m.REVIEW_STATUSES:
        raise ServiceError("not_in_review", "this case is not waiting for review")
    held = app.claimed_by is not None and app.claim_expires_at and app.claim_expires_at > now
    if held and app.claimed_by != user.id:
        raise ServiceError("claimed", "another reviewer holds this case")
    app.claimed_by = user.id
    app.claim_expires_at = now + timedelta(seconds=ttl_s)
    audit(s, now, f"user:{user.id}", "case.claim", app.id)


def release(s: Session, app: m.Application, user: m.User, now: datetime) -> None:
    if app.claimed_by == user.id:
        app.claimed_by = None
        app.claim_expires_at = None
        audit(s, now, f"user:{user.id}", "case.release", app.id)


def needs_four_eyes(s: Session, app: m.Application) -> bool:
    """Approving what the matcher called a mismatch needs a supervisor's second approval."""
    v = latest_verification(s, app.id, done_only=True)
    codes = {r.get("code") for r in ((v.result or {}).get("reasons", []) if v else [])}
    return bool(codes & {c.value for c in CORRECTABLE})


def decide(s: Session, app: m.Application, user: m.User, action: str, now: datetime, *,
           reason_codes: list[str] | None = None, message: str | None = None, note: str | None = None) -> str:
    """approve | resubmit | reject by the claim holder; returns the application's new status."""
    if action not in ("approve", "resubmit", "reject"):
        raise ServiceError("invalid_action", "unknown decision")
    if app.status not in m.REVIEW_STATUSES:
        raise ServiceError("not_in_review", "this case is not waiting for review")
    if app.claimed_by != user.id or not app.claim_expires_at or app.claim_expires_at <= now:
        raise ServiceError("not_claimed", "claim the case before deciding")
    codes = [c for c in (reason_codes or []) if c in {r.value for r in RESUBMIT_CODES}]
    if action == "resubmit" and not codes:
        codes = [Reason.REVIEWER_RESUBMIT.value]
    if action == "reject":
        codes = [Reason.REVIEWER_REJECTED.value]
    stored_action = action
    if action == "approve" and app.status == m.AWAITING_SECOND:
        first = _last_review(s, app)
        if user.role not in ("supervisor", "admin"):
            raise ServiceError("supervisor_required", "a supervisor must give the second approval")
        if first is not None and first.reviewer_id == user.id:
            raise ServiceError("four_eyes", "the second approval must come from another person")
        stored_action, new_status = "second_approve", m.APPROVED
    elif action == "approve":
        new_status = m.AWAITING_SECOND if needs_four_eyes(s, app) else m.APPROVED
    else:
        new_status = m.ACTION_NEEDED if action == "resubmit" else m.REJECTED
    v = latest_verification(s, app.id, done_only=True)
    s.add(m.Review(application_id=app.id, verification_id=v.id if v else None, reviewer_id=user.id,
                   action=stored_action, reason_codes=",".join(codes), message=(message or None),
                   note=(note or None), created_at=now))
    app.status = new_status
    app.updated_at = now
    app.claimed_by = None
    app.claim_expires_at = None
    if new_status in m.FINAL_STATUSES:
        app.decided_at = now
    audit(s, now, f"user:{user.id}", f"case.{stored_action}", app.id, status=new_status, reasons=codes)
    s.flush()
    return new_status


# --- retention ---------------------------------------------------------------------------------------


def end_contract(s: Session, app: m.Application, when: datetime, actor: str) -> None:
    """The contract ended: starts the record-retention clock (3 years by default)."""
    app.contract_ended_at = when
    audit(s, when, actor, "application.contract_ended", app.id)


# Statuses in which the next step is the applicant's: a case idle here for N days was abandoned. Cases
# waiting for a worker or a reviewer are not: their images are still needed (the queue shows their age).
ABANDONABLE = (m.AWAITING_UPLOAD, m.ACTION_NEEDED)
DEFAULT_ABANDONED_RETENTION_DAYS = 30


@dataclass(frozen=True)
class PurgeReport:
    images_deleted: int
    applications_deleted: int
    abandoned_applications: int = 0


def purge_expired(s: Session, store: ImageStore, now: datetime, image_retention_days: int,
                  record_retention_years: int,
                  abandoned_retention_days: int = DEFAULT_ABANDONED_RETENTION_DAYS) -> PurgeReport:
    """Images go N days after the final decision, or `abandoned_retention_days` after the last activity
    of an application left waiting for the applicant; records 3 years after the contract ends."""
    image_cut = now - timedelta(days=image_retention_days)
    q = (select(m.Document).join(m.Application, m.Document.application_id == m.Application.id)
         .where(m.Application.decided_at <= image_cut, m.Document.deleted_at.is_(None)))
    images = 0
    for doc in s.scalars(q):
        drop_images(store, doc, now)
        images += 1
    abandoned = purge_abandoned(s, store, now, abandoned_retention_days)
    images += sum(abandoned.values())
    record_cut = now - timedelta(days=365 * record_retention_years)
    old = list(s.scalars(select(m.Application).where(m.Application.contract_ended_at <= record_cut)))
    for app in old:
        for doc in s.scalars(select(m.Document).where(m.Document.application_id == app.id)):
            drop_images(store, doc, now)
        audit(s, now, "system", "application.purge", app.id)
        s.execute(update(m.Verification).where(m.Verification.application_id == app.id)
                  .values(front_id=None, back_id=None, supplementary_id=None))
        # Database cascades remove its registrations, documents, verifications and reviews.
        s.execute(delete(m.Application).where(m.Application.id == app.id))
    # Expired sessions and idempotency records older than a day serve no one.
    s.execute(delete(m.WebSession).where(m.WebSession.expires_at <= now))
    s.execute(delete(m.IdempotencyKey).where(m.IdempotencyKey.created_at <= now - timedelta(days=1)))
    s.flush()
    return PurgeReport(images, len(old), len(abandoned))


def purge_abandoned(s: Session, store: ImageStore, now: datetime, retention_days: int) -> dict[uuid.UUID, int]:
    """Delete the images of applications the applicant left (awaiting upload or action needed, no
    activity for `retention_days`). Records stay (who, when, what); each purge is audited.
    Returns the number of images deleted per application."""
    cut = now - timedelta(days=retention_days)
    q = (select(m.Document).join(m.Application, m.Document.application_id == m.Application.id)
         .where(m.Application.status.in_(ABANDONABLE), m.Application.updated_at <= cut,
                m.Document.deleted_at.is_(None)))
    dropped: dict[uuid.UUID, int] = {}
    for doc in s.scalars(q):
        drop_images(store, doc, now)
        dropped[doc.application_id] = dropped.get(doc.application_id, 0) + 1
    for app_id, count in dropped.items():
        audit(s, now, "system", "application.images_expired", app_id, images=count,
              retention_days=retention_days)
    s.flush()
    return dropped


def drop_images(store: ImageStore, doc: m.Document, now: datetime) -> None:
    """Delete every stored image of one document (upload, cleaned photo, rectified card); the row,
    with who sent what and when, stays."""
    for name in (doc.pending_name, doc.image_name, doc.rectified_name):
        store.delete(name)
    doc.pending_name = doc.image_name = doc.rectified_name = None
    doc.deleted_at = now
