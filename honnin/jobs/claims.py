"""Creating jobs and claiming their items atomically: leases, completion, retries and counts.

Every state change is one conditional UPDATE, so any number of processes on any number of machines
can share a job: an item is claimed by exactly one lease holder, and it becomes `done` only in the
same transaction that writes its result, and only while that holder's lease still stands.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from honnin.jobs import models as jm

MAX_ATTEMPTS = 3
INSERT_CHUNK = 1000


class LeaseLost(Exception):
    """Another holder took the item over (our lease expired): our result must not be written."""


@dataclass(frozen=True)
class Claim:
    item_id: int
    job_id: int
    kind: str
    target_id: str
    attempts: int
    owner: str


def new_owner() -> str:
    """host:pid:random: unique per claimer, and tells a later resume on this host whether it is alive."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def active_key(kind: str, selection: dict[str, Any]) -> str:
    canonical = json.dumps({"kind": kind, "selection": selection}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def find_active(s: Session, kind: str, selection: dict[str, Any]) -> jm.Job | None:
    return s.scalar(select(jm.Job).where(jm.Job.active_key == active_key(kind, selection)))


def _serialize_creators(s: Session, kind: str) -> None:
    # Two jobs created at once must not both take the same target: creation is serialised per kind.
    # SQLite serialises every writer already (the job INSERT below takes the write lock first).
    if s.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"honnin.jobs.{kind}".encode()).digest()[:8], "big", signed=True)
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def create_job(s: Session, kind: str, selection: dict[str, Any], params: dict[str, Any], backend: str,
               targets: Iterable[str], now: datetime) -> tuple[jm.Job, int]:
    """A new job with one pending item per target, minus targets that an unfinished job of the same
    kind already holds (returned as the count skipped). Raises IntegrityError if an identical job is
    active: the caller resumes that one instead."""
    job = jm.Job(kind=kind, selection=selection, params=params, status=jm.PENDING, backend=backend,
                 active_key=active_key(kind, selection), counts={}, created_at=now)
    s.add(job)
    s.flush()  # the first write: on SQLite this takes the database's write lock for the transaction
    _serialize_creators(s, kind)
    held = set(s.scalars(
        select(jm.JobItem.target_id).where(jm.JobItem.kind == kind,
                                           jm.JobItem.state.in_((jm.ITEM_PENDING, jm.ITEM_RUNNING)),
                                           jm.JobItem.job_id != job.id)))
    skipped = 0
    chunk: list[dict[str, Any]] = []
    seen: set[str] = set()
    for target in targets:
        if target in seen:
            continue
        seen.add(target)
        if target in held:
            skipped += 1
            continue
        chunk.append({"job_id": job.id, "kind": kind, "target_id": target, "state": jm.ITEM_PENDING,
                      "attempts": 0, "changed": False})
        if len(chunk) >= INSERT_CHUNK:
            s.execute(insert(jm.JobItem), chunk)
            chunk = []
    if chunk:
        s.execute(insert(jm.JobItem), chunk)
    job.counts = {"total": len(seen) - skipped, "skipped_held_by_other_job": skipped}
    s.flush()
    return job, skipped


def create_or_resume(factory, kind: str, selection: dict[str, Any], params: dict[str, Any], backend: str,
                     targets_fn, now: datetime) -> tuple[jm.Job, bool]:
    """The unfinished job with this kind and selection, else a new one. Returns (job, resumed)."""
    from honnin.db.engine import transaction

    with transaction(factory) as s:
        existing = find_active(s, kind, selection)
        if existing is not None:
            return existing, True
    try:
        with transaction(factory) as s:
            job, _ = create_job(s, kind, selection, params, backend, targets_fn(s), now)
            return job, False
    except IntegrityError:
        # Someone started the same command at the same moment: join their job.
        with transaction(factory) as s:
            existing = find_active(s, kind, selection)
            if existing is None:
                raise
            return existing, True


def _claimable(now: datetime):
    return or_(jm.JobItem.state == jm.ITEM_PENDING,
               and_(jm.JobItem.state == jm.ITEM_RUNNING, jm.JobItem.lease_expires_at < now))


def _claim_stmt(s: Session, where, owner: str, now: datetime, lease_s: float, limit: int):
    pick = select(jm.JobItem.id).where(where, _claimable(now)).order_by(jm.JobItem.id).limit(limit)
    if s.get_bind().dialect.name == "postgresql":
        # A materialised CTE runs once: `id IN (subquery ... LIMIT n SKIP LOCKED)` may be re-evaluated
        # by the planner and take more than n rows.
        picked = pick.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        chosen = jm.JobItem.id == picked.c.id
    else:
        chosen = jm.JobItem.id.in_(pick.scalar_subquery())  # SQLite runs one writer at a time
    return (update(jm.JobItem)
            .where(chosen, _claimable(now))
            .values(state=jm.ITEM_RUNNING, lease_owner=owner, lease_expires_at=now + timedelta(seconds=lease_s),
                    attempts=jm.JobItem.attempts + 1)
            .returning(jm.JobItem.id, jm.JobItem.job_id, jm.JobItem.kind, jm.JobItem.target_id,
                       jm.JobItem.attempts)
            .execution_options(synchronize_session=False))


def claim_next(s: Session, job_id: int, owner: str, now: datetime, lease_s: float, limit: int = 1) -> list[Claim]:
    """Up to `limit` pending (or abandoned) items of the job, now leased to `owner`."""
    rows = s.execute(_claim_stmt(s, jm.JobItem.job_id == job_id, owner, now, lease_s, limit)).all()
    return [Claim(r.id, r.job_id, r.kind, r.target_id, r.attempts, owner) for r in rows]


def claim_item(s: Session, item_id: int, owner: str, now: datetime, lease_s: float) -> Claim | None:
    """This one item (a Celery task names it), if nobody holds it; None if done or leased elsewhere."""
    rows = s.execute(_claim_stmt(s, jm.JobItem.id == item_id, owner, now, lease_s, 1)).all()
    return Claim(rows[0].id, rows[0].job_id, rows[0].kind, rows[0].target_id, rows[0].attempts, owner) if rows else None


def mark_done(s: Session, claim: Claim, now: datetime, *, result_id: str | None, result_code: str | None,
              changed: bool, outcome: dict[str, Any] | None) -> None:
    """Make this the FIRST write of the transaction that stores the item's result: if the lease was
    lost meanwhile it raises, the transaction rolls back, and the result is never written twice."""
    res = s.execute(update(jm.JobItem)
                    .where(jm.JobItem.id == claim.item_id, jm.JobItem.state == jm.ITEM_RUNNING,
                           jm.JobItem.lease_owner == claim.owner)
                    .values(state=jm.ITEM_DONE, lease_owner=None, lease_expires_at=None, result_id=result_id,
                            result_code=result_code, changed=changed, outcome=outcome, error=None,
                            finished_at=now)
                    .execution_options(synchronize_session=False))
    if res.rowcount != 1:
        raise LeaseLost(f"job item {claim.item_id} is no longer leased to this worker")


def mark_failed(s: Session, claim: Claim, now: datetime, error: str, max_attempts: int = MAX_ATTEMPTS) -> str:
    """After an exception: back to pending for another try, or failed for good. Returns the new state.
    `error` is an exception class name or our own text, never data from an image."""
    state = jm.ITEM_FAILED if claim.attempts >= max_attempts else jm.ITEM_PENDING
    s.execute(update(jm.JobItem)
              .where(jm.JobItem.id == claim.item_id, jm.JobItem.lease_owner == claim.owner,
                     jm.JobItem.state == jm.ITEM_RUNNING)
              .values(state=state, lease_owner=None, lease_expires_at=None, error=error[:200],
                      finished_at=now if state == jm.ITEM_FAILED else None)
              .execution_options(synchronize_session=False))
    return state


def claimable_count(s: Session, job_id: int, now: datetime) -> int:
    return s.scalar(select(func.count()).where(jm.JobItem.job_id == job_id, _claimable(now))) or 0


def release_dead_leases(s: Session, job_id: int) -> int:
    """Items leased by a process on this host that no longer exists go back to pending at once
    (a killed local run), instead of waiting for their lease to expire."""
    host = socket.gethostname()[:60]
    owners = s.scalars(select(jm.JobItem.lease_owner).distinct()
                       .where(jm.JobItem.job_id == job_id, jm.JobItem.state == jm.ITEM_RUNNING))
    dead = [o for o in owners if o and o.split(":")[0] == host and not _alive(o)]
    if not dead:
        return 0
    res = s.execute(update(jm.JobItem)
                    .where(jm.JobItem.job_id == job_id, jm.JobItem.state == jm.ITEM_RUNNING,
                           jm.JobItem.lease_owner.in_(dead))
                    .values(state=jm.ITEM_PENDING, lease_owner=None, lease_expires_at=None)
                    .execution_options(synchronize_session=False))
    return res.rowcount


def _alive(owner: str) -> bool:
    try:
        pid = int(owner.split(":")[1])
    except (IndexError, ValueError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed worker whose parent died too may linger as a zombie (nobody reaps it): dead all the same.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


def state_counts(s: Session, job_id: int) -> dict[str, int]:
    rows = s.execute(select(jm.JobItem.state, func.count()).where(jm.JobItem.job_id == job_id)
                     .group_by(jm.JobItem.state)).all()
    counts = {state: 0 for state in jm.ITEM_STATES}
    counts.update({state: n for state, n in rows})
    return counts


def summary_counts(s: Session, job_id: int) -> dict[str, Any]:
    """States, results by code and how many changed: what `jobs show` and the summary table print."""
    counts: dict[str, Any] = dict(state_counts(s, job_id))
    counts["total"] = sum(counts[st] for st in jm.ITEM_STATES)
    counts["changed"] = s.scalar(select(func.count()).where(jm.JobItem.job_id == job_id,
                                                              jm.JobItem.changed.is_(True))) or 0
    rows = s.execute(select(jm.JobItem.result_code, func.count())
                     .where(jm.JobItem.job_id == job_id, jm.JobItem.result_code.is_not(None))
                     .group_by(jm.JobItem.result_code)).all()
    counts["results"] = {code: n for code, n in sorted(rows)}
    return counts


def start(s: Session, job_id: int, now: datetime) -> None:
    s.execute(update(jm.Job).where(jm.Job.id == job_id, jm.Job.status == jm.PENDING)
              .values(status=jm.RUNNING, started_at=now).execution_options(synchronize_session=False))


def finish_if_complete(s: Session, job_id: int, now: datetime) -> bool:
    """Close the job once no item is pending or running; whoever finishes the last item does it.
    Called after every item, so the common case is one indexed existence probe, not a count."""
    unfinished = s.scalar(select(jm.JobItem.id).where(
        jm.JobItem.job_id == job_id, jm.JobItem.state.in_((jm.ITEM_PENDING, jm.ITEM_RUNNING))).limit(1))
    if unfinished is not None:
        return False
    job = s.get(jm.Job, job_id)
    if job is None or job.status not in jm.ACTIVE:
        return False
    previous = job.counts or {}
    summary = summary_counts(s, job_id)
    summary["skipped_held_by_other_job"] = previous.get("skipped_held_by_other_job", 0)
    res = s.execute(update(jm.Job).where(jm.Job.id == job_id, jm.Job.status.in_(jm.ACTIVE))
                    .values(status=jm.DONE, finished_at=now, active_key=None, counts=summary)
                    .execution_options(synchronize_session=False))
    return res.rowcount == 1


def cancel(s: Session, job_id: int, now: datetime) -> bool:
    """Stop a job: its pending items are released, so other jobs may take their targets."""
    job = s.get(jm.Job, job_id)
    if job is None or job.status not in jm.ACTIVE:
        return False
    s.execute(update(jm.JobItem).where(jm.JobItem.job_id == job_id, jm.JobItem.state == jm.ITEM_PENDING)
              .values(state=jm.ITEM_FAILED, error="cancelled", finished_at=now)
              .execution_options(synchronize_session=False))
    job.status = jm.CANCELLED
    job.active_key = None
    job.finished_at = now
    job.counts = {**summary_counts(s, job_id),
                  "skipped_held_by_other_job": (job.counts or {}).get("skipped_held_by_other_job", 0)}
    return True
