"""Re-verification of one application: its stored images, decrypted, through the same pipeline again.

The new verification is added beside the old ones (history is never overwritten). An approval the
re-run no longer confirms goes back to the reviewer queue with the reason `reverify_changed`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from honnin.db import models as m
from honnin.db.engine import transaction
from honnin.db.repositories import audit
from honnin.jobs.claims import Claim, mark_done
from intake.reasons import Reason

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from honnin.jobs.runner import Resources

SIDES = ("front", "back", "supplementary")


@dataclass(frozen=True)
class Inputs:
    previous: m.Verification
    registration: m.RegistrationVersion
    documents: dict[str, m.Document]
    images: dict[str, bytes]


_contexts: dict[tuple[str, str], Any] = {}


def context(res: Resources, params: dict[str, Any]):
    """One VerifyContext per process, engine and date (the policy file is read once). The engine and
    date are the job's, fixed at creation, so every worker and every resume decides alike."""
    from honnin.pipeline import VerifyContext

    key = (params.get("engine") or res.settings.ocr_engine, params["as_of"])
    if key not in _contexts:
        _contexts[key] = VerifyContext.from_settings(res.settings, as_of=date.fromisoformat(key[1]), engine=key[0])
    return _contexts[key]


def latest_done(s: Session, app_id: uuid.UUID) -> m.Verification | None:
    q = (select(m.Verification).where(m.Verification.application_id == app_id, m.Verification.status == "done")
         .order_by(m.Verification.created_at.desc(), m.Verification.id.desc()).limit(1))
    return s.scalars(q).first()


def load_inputs(s: Session, res: Resources, app_id: uuid.UUID) -> Inputs | str:
    """The documents of the last finished verification and the current registration, or why not."""
    previous = latest_done(s, app_id)
    if previous is None:
        return "no_verification"
    registration = s.scalars(select(m.RegistrationVersion).where(m.RegistrationVersion.application_id == app_id)
                             .order_by(m.RegistrationVersion.version.desc()).limit(1)).first()
    if registration is None:
        return "no_registration"
    documents: dict[str, m.Document] = {}
    images: dict[str, bytes] = {}
    for side, doc_id in zip(SIDES, (previous.front_id, previous.back_id, previous.supplementary_id), strict=True):
        doc = s.get(m.Document, doc_id) if doc_id else None
        if doc is None or doc.deleted_at is not None or not doc.image_name:
            continue
        documents[side] = doc
        images[side] = res.store.get(str(doc.id), doc.image_name)
    if "front" not in images:
        return "no_image"  # purged after the retention period, or deleted for a My Number
    return Inputs(previous, registration, documents, images)


def run(res: Resources, params: dict[str, Any], claim: Claim) -> None:
    from honnin.pipeline import Submission, verify
    from honnin.registration import Registration

    app_id = uuid.UUID(claim.target_id)
    started = res.clock()
    with res.factory() as s:
        inputs = load_inputs(s, res, app_id) if s.get(m.Application, app_id) is not None else "no_application"
    if isinstance(inputs, str):
        with transaction(res.factory) as s:
            mark_done(s, claim, res.clock(), result_id=None, result_code=f"skipped:{inputs}", changed=False,
                      outcome={"skipped": inputs})
        return

    ctx = context(res, params)
    registration = Registration.model_validate(inputs.registration.data)
    result = verify(Submission(**inputs.images), registration, ctx)
    new = result.decision.value
    old = inputs.previous.decision
    codes = [r.code.value for r in result.reasons]
    dropped: list[str] = []
    with transaction(res.factory) as s:
        now = res.clock()
        verification_id = uuid.uuid4()
        app = s.get(m.Application, app_id)
        requeued = app.status == m.APPROVED and new != "approved"
        outcome = {"application_id": str(app_id), "previous_verification": str(inputs.previous.id),
                   "old": old, "new": new, "reasons": codes, "status_before": app.status,
                   "requeued": requeued}
        mark_done(s, claim, now, result_id=str(verification_id), result_code=new, changed=old != new,
                  outcome=outcome)
        docs = inputs.documents
        s.add(m.Verification(
            id=verification_id, application_id=app_id, registration_version_id=inputs.registration.id,
            front_id=_id(docs.get("front")), back_id=_id(docs.get("back")),
            supplementary_id=_id(docs.get("supplementary")), status="done", decision=new,
            result=result.to_json(), engine=result.engine, engine_version=str(result.engine_version)[:40],
            as_of=ctx.as_of, created_at=now, started_at=started, finished_at=now))
        actor = f"job:{claim.job_id}"
        if requeued:
            app.status = m.IN_REVIEW
            app.queued_at = now
            app.updated_at = now
            app.reason_codes = "," + ",".join([Reason.REVERIFY_CHANGED.value, *codes]) + ","
            app.document_type = result.outcome.document_type.value
            audit(s, now, actor, "reverify.requeue", app_id, job_id=claim.job_id,
                  verification_id=str(verification_id), old=old, new=new, reasons=codes)
        dropped = _drop_my_number_images(s, result, docs, now, actor, app_id)
    for name in dropped:  # only after the commit: a rolled-back run must not lose a kept image
        res.store.delete(name)


def _id(doc: m.Document | None) -> uuid.UUID | None:
    return doc.id if doc is not None else None


def _drop_my_number_images(s: Session, result: Any, docs: dict[str, m.Document], now, actor: str,
                           app_id: uuid.UUID) -> list[str]:
    """A re-run that now sees a My Number in a kept image deletes that image (and logs no number)."""
    names: list[str] = []
    for side, reading in result.readings.items():
        doc = docs.get(side)
        if doc is None or not reading.my_number_visible:
            continue
        doc = s.get(m.Document, doc.id)
        names += [n for n in (doc.pending_name, doc.image_name, doc.rectified_name) if n]
        doc.pending_name = doc.image_name = doc.rectified_name = None
        doc.deleted_at = now
        audit(s, now, actor, "document.delete_my_number", app_id, document_id=str(doc.id), side=side)
    return names
