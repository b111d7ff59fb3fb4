"""Maintenance job items: retention purge, expiry sweep and the My Number scrub of stored images."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from honnin.db import models as m
from honnin.db.engine import transaction
from honnin.db.repositories import audit
from honnin.jobs.claims import Claim, mark_done
from honnin.jobs.models import JobItem
from honnin.jobs.reverify import context

if TYPE_CHECKING:
    from honnin.jobs.runner import Resources

RETENTION_TARGET = "retention"


def run_retention(res: Resources, params: dict[str, Any], claim: Claim) -> None:
    """One item: the web layer's purge (images N days after the decision, records N years after the
    contract ends), in one transaction. Files deleted before a crash are simply gone next time."""
    from honnin.applications import DEFAULT_ABANDONED_RETENTION_DAYS, purge_expired

    with transaction(res.factory) as s:
        now = res.clock()
        mark_done(s, claim, now, result_id=None, result_code="purged", changed=False, outcome=None)
        report = purge_expired(s, res.store, now, int(params["image_retention_days"]),
                               int(params["record_retention_years"]),
                               int(params.get("abandoned_retention_days", DEFAULT_ABANDONED_RETENTION_DAYS)))
        outcome = {"images_deleted": report.images_deleted, "applications_deleted": report.applications_deleted}
        item = s.get(JobItem, claim.item_id)
        item.outcome = outcome
        item.changed = bool(report.images_deleted or report.applications_deleted)
        audit(s, now, f"job:{claim.job_id}", "retention.purge", None, **outcome)


def run_expiry(res: Resources, params: dict[str, Any], claim: Claim) -> None:
    """Flag one application whose document expires within the window: an audit entry and the report."""
    from honnin.jobs.reverify import latest_done
    from honnin.jobs.selection import expiry_of

    app_id = uuid.UUID(claim.target_id)
    with transaction(res.factory) as s:
        now = res.clock()
        previous = latest_done(s, app_id)
        expiry = expiry_of(previous.result if previous else None)
        as_of = date.fromisoformat(params["as_of"])
        code = "skipped" if expiry is None else ("expired" if expiry < as_of else "expiring")
        outcome = {"application_id": str(app_id), "expiry": expiry.isoformat() if expiry else None,
                   "days_left": (expiry - as_of).days if expiry else None}
        mark_done(s, claim, now, result_id=str(previous.id) if previous else None, result_code=code,
                  changed=code != "skipped", outcome=outcome)
        if code != "skipped":
            audit(s, now, f"job:{claim.job_id}", f"document.{code}", app_id, job_id=claim.job_id,
                  expiry=outcome["expiry"], days_left=outcome["days_left"])


def run_scrub(res: Resources, params: dict[str, Any], claim: Claim) -> None:
    """Re-run intake + OCR classification on one stored image; a visible My Number deletes it."""
    from honnin.pipeline import examine
    from ocr.engines import get_engine

    doc_id = uuid.UUID(claim.target_id)
    with res.factory() as s:
        doc = s.get(m.Document, doc_id)
        name = (doc.image_name or doc.pending_name or doc.rectified_name) if doc and doc.deleted_at is None else None
        side = doc.side if doc else None
        data = res.store.get(str(doc_id), name) if name else None
    if data is None:
        with transaction(res.factory) as s:
            mark_done(s, claim, res.clock(), result_id=None, result_code="skipped", changed=False,
                      outcome={"document_id": str(doc_id)})
        return
    ctx = context(res, params)
    reading, _ = examine(side, data, ctx, get_engine(ctx.engine))
    found = reading.my_number_visible
    del data, reading  # nothing of the image outlives this function
    names: list[str] = []
    with transaction(res.factory) as s:
        now = res.clock()
        mark_done(s, claim, now, result_id=None, result_code="my_number_deleted" if found else "clean",
                  changed=found, outcome={"document_id": str(doc_id), "side": side})
        if found:
            doc = s.get(m.Document, doc_id)
            names = [n for n in (doc.pending_name, doc.image_name, doc.rectified_name) if n]
            doc.pending_name = doc.image_name = doc.rectified_name = None
            doc.deleted_at = now
            audit(s, now, f"job:{claim.job_id}", "document.delete_my_number", doc.application_id,
                  document_id=str(doc_id), side=side, job_id=claim.job_id)
    for n in names:
        res.store.delete(n)
