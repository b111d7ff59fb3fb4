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


def _claimable(now):
    return or_(jm.JobItem.state == jm.ITEM_PENDING,
               and_(jm.JobItem.state == jm.ITEM_RUNNING, jm.JobItem.lease_expires_at < now))


@lru_cache(maxsize=4)
def _sender(broker_url: str):
    """A Celery app for publishing to `broker_url` (the settings' broker, not whatever was imported)."""
    from honnin.jobs.celery_app import create_app

    return create_app(broker_url)


def publish_claimable(res: Resources, job_id: int, *, after_id: int, limit: int | None,
                      up_to_id: int | None = None) -> int:
    """Publish a run_item task for claimable items with id > after_id (and <= up_to_id); returns the
    highest id published (or after_id). Duplicates are harmless: a task whose item is taken skips."""
    app = _sender(res.settings.celery_broker_url)
    q = (select(jm.JobItem.id).where(jm.JobItem.job_id == job_id, jm.JobItem.id > after_id,
                                     _claimable(res.clock())).order_by(jm.JobItem.id))
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


def feed_step(res: Resources, job_id: int, cursor: int, window: int, *, sweep: bool) -> tuple[int, dict[str, int]]:
    """One round of feeding: top the broker up to `window` unfinished items past nothing older than
    `cursor`; with `sweep`, publish again every claimable item up to the cursor (lost messages, dead
    workers). Returns the new cursor and the item counts."""
    with res.factory() as s:
        counts = claims.state_counts(s, job_id)
        outstanding = s.scalar(select(func.count()).where(
            jm.JobItem.job_id == job_id, jm.JobItem.id <= cursor,
            jm.JobItem.state.in_((jm.ITEM_PENDING, jm.ITEM_RUNNING)))) or 0
    if not counts[jm.ITEM_PENDING] and not counts[jm.ITEM_RUNNING]:
        return cursor, counts
    if sweep:
        publish_claimable(res, job_id, after_id=0, limit=None, up_to_id=cursor)
    if outstanding < window:
        cursor = publish_claimable(res, job_id, after_id=cursor, limit=window - outstanding)
    return cursor, counts


def run_celery(res: Resources, job_id: int, on_progress: Progress | None = None, *, lease_s: float,
               window: int = 500, poll_s: float = 1.0, sweep_s: float = 60.0,
               timeout_s: float | None = None) -> None:
    """Feed the job to the workers from this process, keeping at most `window` published-but-unfinished
    items in the broker (10 million ids must not sit in Redis at once), and return when no item is
    pending or running. Items whose messages were lost or whose workers died are published again
    every `sweep_s`."""
    cursor = 0
    last_sweep = started = time.monotonic()
    while True:
        if timeout_s is not None and time.monotonic() - started > timeout_s:
            raise TimeoutError(f"job {job_id} did not finish within {timeout_s:.0f} s")
        sweep = time.monotonic() - last_sweep >= sweep_s
        cursor, counts = feed_step(res, job_id, cursor, window, sweep=sweep)
        if sweep:
            last_sweep = time.monotonic()
        if on_progress is not None:
            on_progress(counts)
        if not counts[jm.ITEM_PENDING] and not counts[jm.ITEM_RUNNING]:
            return
        time.sleep(poll_s)
