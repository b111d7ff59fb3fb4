"""Feeding a job to Celery workers: publish item ids in a bounded window and watch the database."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from honnin.jobs import claims
from honnin.jobs import models as jm

if TYPE_CHECKING:
    from honnin.jobs.runner import Resources
    from honnin.jobs.service import Progress

# Published-but-unfinished items kept in the broker: at least twice the worker processes of the
# cluster (each holds one message), small enough that millions of ids never sit in Redis.
WINDOW = 2000


def _claimable(now, *, pending: bool = True):
    expired = and_(jm.JobItem.state == jm.ITEM_RUNNING, jm.JobItem.lease_expires_at < now)
    return or_(jm.JobItem.state == jm.ITEM_PENDING, expired) if pending else expired


@lru_cache(maxsize=4)
def _sender(broker_url: str):
    """A Celery app for publishing to `broker_url` (the settings' broker, not whatever was imported)."""
    from honnin.jobs.celery_app import create_app

    return create_app(broker_url)


def publish_claimable(res: Resources, job_id: int, *, after_id: int, limit: int | None,
                      up_to_id: int | None = None, pending: bool = True) -> int:
    """Publish a run_item task for claimable items with id > after_id (and <= up_to_id); returns the
    highest id published (or after_id). Duplicates are harmless: a task whose item is taken skips.
    pending=False: only items whose lease expired (their worker died)."""
    app = _sender(res.settings.celery_broker_url)
    q = (select(jm.JobItem.id).where(jm.JobItem.job_id == job_id, jm.JobItem.id > after_id,
                                     _claimable(res.clock(), pending=pending)).order_by(jm.JobItem.id))
    if up_to_id is not None:
        q = q.where(jm.JobItem.id <= up_to_id)
    if limit is not None:
        q = q.limit(limit)
    with res.factory() as s:
        ids = list(s.scalars(q))
    with app.producer_or_acquire() as producer:
        for item_id in ids:
            app.send_task("honnin.jobs.run_item", args=(job_id, item_id), producer=producer)
    return ids[-1] if ids else after_id


def feed_step(res: Resources, job_id: int, cursor: int, window: int, *, sweep: bool,
              stalled: bool = False) -> tuple[int, bool]:
    """One round of feeding: top the broker up to `window` unfinished items beyond `cursor`. With
    `sweep`, publish again the items up to the cursor whose workers died (expired lease); if the job
    also `stalled` (nothing finished since the last sweep), every pending one too, in case the broker
    lost its messages. Cheap at any job size (an index range up to the cursor). Returns the new cursor
    and whether anything may still be unfinished."""
    with res.factory() as s:
        outstanding = s.scalar(select(func.count()).where(
            jm.JobItem.job_id == job_id, jm.JobItem.state.in_((jm.ITEM_PENDING, jm.ITEM_RUNNING)),
            jm.JobItem.id <= cursor)) or 0
    if sweep and outstanding:
        publish_claimable(res, job_id, after_id=0, limit=None, up_to_id=cursor, pending=stalled)
    new_cursor = cursor
    if outstanding < window:
        new_cursor = publish_claimable(res, job_id, after_id=cursor, limit=window - outstanding)
    return new_cursor, bool(outstanding) or new_cursor != cursor


def run_celery(res: Resources, job_id: int, on_progress: Progress | None = None, *, lease_s: float,
               window: int = WINDOW, poll_s: float = 1.0, sweep_s: float = 60.0,
               timeout_s: float | None = None) -> None:
    """Feed the job to the workers from this process, keeping at most `window` published-but-unfinished
    items in the broker (10 million ids must not sit in Redis at once), and return when no item is
    pending or running. Items whose workers died are published again every `sweep_s`, and every
    pending one if nothing finished meanwhile (lost messages)."""
    cursor = 0
    last_sweep = last_count = started = time.monotonic()
    counts = _counts(res, job_id)
    finished_at_sweep = -1
    while True:
        if timeout_s is not None and time.monotonic() - started > timeout_s:
            raise TimeoutError(f"job {job_id} did not finish within {timeout_s:.0f} s")
        sweep = time.monotonic() - last_sweep >= sweep_s
        finished = counts[jm.ITEM_DONE] + counts[jm.ITEM_FAILED]
        cursor, busy = feed_step(res, job_id, cursor, window, sweep=sweep, stalled=finished == finished_at_sweep)
        if sweep:
            last_sweep, finished_at_sweep = time.monotonic(), finished
        # Counting every state scans the job's index: for progress, a 10-million-item job is counted
        # about every 50 s; feeding above stays cheap and runs every poll.
        if not busy or time.monotonic() - last_count >= max(poll_s, sum(counts.values()) / 200_000):
            counts, last_count = _counts(res, job_id), time.monotonic()
            if on_progress is not None:
                on_progress(counts)
            if not counts[jm.ITEM_PENDING] and not counts[jm.ITEM_RUNNING]:
                return
        time.sleep(poll_s)


def _counts(res: Resources, job_id: int) -> dict[str, int]:
    with res.factory() as s:
        return claims.state_counts(s, job_id)
