"""Which applications or documents a job works on: selections as JSON, resolved with one query each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from honnin.db import models as m

JST = ZoneInfo("Asia/Tokyo")
# Cases still moving through the web flow are not re-run by a batch: the web queue owns them.
_IN_FLIGHT = (m.AWAITING_UPLOAD, m.PROCESSING)


class SelectionError(ValueError):
    """A selection that selects nothing by construction (no criterion and no --all)."""


@dataclass(frozen=True)
class ReverifySelection:
    """Criteria are combined with AND; `all` alone selects every decided application."""

    status: str | None = None
    decided_before: str | None = None  # YYYY-MM-DD, Japan time
    expiring_before: str | None = None
    registration_changed: bool = False
    engine_version_older: bool = False
    all: bool = False

    def __post_init__(self) -> None:
        for name in ("decided_before", "expiring_before"):
            value = getattr(self, name)
            if value is not None:
                date.fromisoformat(value)  # raises ValueError on a bad date
        if not (self.all or self.status or self.decided_before or self.expiring_before
                or self.registration_changed or self.engine_version_older):
            raise SelectionError("choose at least one selection (or --all)")

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReverifySelection:
        return cls(**data)


def start_of_day_utc(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.min, JST)


def version_key(version: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version or ""))


def _latest_done_verifications():
    v = m.Verification
    rank = func.row_number().over(partition_by=v.application_id,
                                  order_by=(v.created_at.desc(), v.id.desc())).label("rank")
    return (select(v.application_id, v.id.label("verification_id"), v.registration_version_id, v.engine,
                   v.engine_version, v.result, rank)
            .where(v.status == "done").subquery())


def _latest_registrations():
    r = m.RegistrationVersion
    return select(r.application_id, func.max(r.id).label("registration_id")).group_by(r.application_id).subquery()


def expiry_of(result: dict[str, Any] | None) -> date | None:
    """The document's expiry as the verification read it (ISO), if it read one."""
    expiry = ((result or {}).get("fields") or {}).get("expiry")
    if not isinstance(expiry, dict):
        return None
    try:
        return date.fromisoformat(str(expiry.get("value")))
    except ValueError:
        return None


def reverify_targets(s: Session, sel: ReverifySelection, *, current_engine: str | None = None,
                     current_version: str | None = None, batch: int = 5000) -> Iterator[str]:
    """Application ids matching `sel`, oldest first. Applications with no finished verification, or
    still in the upload/processing flow, are never selected."""
    lv, lr = _latest_done_verifications(), _latest_registrations()
    a = m.Application
    cols = [a.id, lv.c.registration_version_id, lr.c.registration_id, lv.c.engine, lv.c.engine_version]
    if sel.expiring_before:
        cols.append(lv.c.result)
    q = (select(*cols).join(lv, and_(lv.c.application_id == a.id, lv.c.rank == 1))
         .join(lr, lr.c.application_id == a.id)
         .where(a.status.not_in(_IN_FLIGHT)).order_by(a.created_at, a.id))
    if sel.status:
        q = q.where(a.status == sel.status)
    if sel.decided_before:
        q = q.where(a.decided_at < start_of_day_utc(sel.decided_before))
    if sel.registration_changed:
        q = q.where(lv.c.registration_version_id != lr.c.registration_id)
    if sel.engine_version_older:
        if current_engine is None or current_version is None:
            raise SelectionError("engine_version_older needs the current engine and version")
        q = q.where(or_(lv.c.engine.is_(None), lv.c.engine_version.is_(None), lv.c.engine != current_engine,
                        lv.c.engine_version != current_version))
    expiring = date.fromisoformat(sel.expiring_before) if sel.expiring_before else None
    for row in s.execute(q.execution_options(yield_per=batch)):
        if sel.engine_version_older and row.engine == current_engine and \
                version_key(row.engine_version) > version_key(current_version):
            continue  # recorded by a newer engine than this one (a rollback): not older
        if expiring is not None:
            found = expiry_of(row.result)
            if found is None or found >= expiring:
                continue
        yield str(row.id)


def expiring_applications(s: Session, as_of: date, within_days: int) -> Iterator[tuple[str, date]]:
    """Approved applications whose document expires on or before as_of + within_days."""
    lv = _latest_done_verifications()
    cutoff = as_of + timedelta(days=within_days)
    q = (select(m.Application.id, lv.c.result)
         .join(lv, and_(lv.c.application_id == m.Application.id, lv.c.rank == 1))
         .where(m.Application.status == m.APPROVED).order_by(m.Application.created_at, m.Application.id))
    for app_id, result in s.execute(q.execution_options(yield_per=5000)):
        expiry = expiry_of(result)
        if expiry is not None and expiry <= cutoff:
            yield str(app_id), expiry


def stored_documents(s: Session) -> Iterator[str]:
    """Every document that still has an image of any kind in the store."""
    d = m.Document
    q = (select(d.id).where(d.deleted_at.is_(None),
                            or_(d.image_name.is_not(None), d.pending_name.is_not(None),
                                d.rectified_name.is_not(None)))
         .order_by(d.created_at, d.id))
    for (doc_id,) in s.execute(q.execution_options(yield_per=5000)):
        yield str(doc_id)
