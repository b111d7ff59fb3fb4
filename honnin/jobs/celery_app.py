"""The Celery app for scale-out: JSON-only tasks that take ids and call the same code as the local pool.

Run workers with `celery -A honnin.jobs.celery_app worker --concurrency=N` on machines that share the
database, the image store and HONNIN_* settings (the image key never travels in a message), and one
`celery -A honnin.jobs.celery_app beat` for the maintenance schedule.
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_process_init

from honnin.config import get_settings

# Maintenance schedule (Japan time). The same jobs run from cron via the CLI (docs/jobs.md).
BEAT_SCHEDULE = {
    "retention-purge-daily": {
        "task": "honnin.jobs.maintenance",
        "schedule": crontab(hour=3, minute=30),
        "args": ("retention", {}),
    },
    "expiry-sweep-daily": {
        "task": "honnin.jobs.maintenance",
        "schedule": crontab(hour=4, minute=0),
        "args": ("expiry", {"within_days": 30}),
    },
    "mynumber-scrub-weekly": {
        "task": "honnin.jobs.maintenance",
        "schedule": crontab(hour=2, minute=0, day_of_week="sun"),
        "args": ("mynumber_scrub", {}),
    },
}


def create_app(broker_url: str) -> Celery:
    celery = Celery("honnin", set_as_current=False)
    celery.conf.update(
        broker_url=broker_url,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        # An item takes seconds of OCR: take one at a time, acknowledge only when finished, and hand
        # the message back if the worker process dies. The job_items lease makes redelivery harmless.
        worker_prefetch_multiplier=1,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        broker_transport_options={"visibility_timeout": 3600},
        broker_connection_retry_on_startup=True,
        timezone="Asia/Tokyo",
        beat_schedule=BEAT_SCHEDULE,
        worker_hijack_root_logger=False,
    )
    return celery


# Reading HONNIN_* from the environment is all this does at import; the broker is contacted lazily.
app = create_app(get_settings().celery_broker_url)


def _resources():
    from honnin.jobs.runner import resources

    return resources(get_settings().model_dump_json())


@worker_process_init.connect
def _warm(**_: Any) -> None:
    from honnin.jobs.runner import warm

    warm(get_settings().model_dump_json())


@app.task(name="honnin.jobs.run_item", bind=True)
def run_item(self, job_id: int, item_id: int) -> str:
    """Claim this item (if nobody holds it) and run it; a redelivered or duplicate message is a no-op."""
    from honnin.db.engine import transaction
    from honnin.jobs import claims
    from honnin.jobs.runner import DEFAULT_LEASE_S, execute

    res = _resources()
    with transaction(res.factory) as s:
        claim = claims.claim_item(s, item_id, claims.new_owner(), res.clock(), DEFAULT_LEASE_S)
    if claim is None:
        return "skipped"
    state = execute(res, claim)
    if state == "pending":  # failed, attempts left: try again shortly
        self.app.send_task("honnin.jobs.run_item", args=(job_id, item_id), countdown=10)
    return state


@app.task(name="honnin.jobs.maintenance")
def maintenance(kind: str, selection: dict[str, Any]) -> int:
    """Beat entry point: open (or resume) the job and start feeding its items to the workers."""
    from honnin.jobs.service import open_job, prepare_run

    res = _resources()
    opened = open_job(res, kind, selection, "celery")
    prepare_run(res, opened.job_id)
    feed.delay(opened.job_id, 0, 0)
    return opened.job_id


FEED_INTERVAL_S = 5
SWEEP_EVERY = 12  # feeds: about once a minute


@app.task(name="honnin.jobs.feed")
def feed(job_id: int, cursor: int, rounds: int, finished_at_sweep: int = -1) -> str:
    """The dispatcher as a task, for jobs nobody watches from a terminal (beat): tops the broker up to
    a window of items, then schedules itself again until the job has nothing pending or running."""
    from honnin.jobs.claims import state_counts
    from honnin.jobs.dispatch import WINDOW, feed_step

    res = _resources()
    sweep = rounds > 0 and rounds % SWEEP_EVERY == 0
    finished = finished_at_sweep
    if sweep:
        with res.factory() as s:
            counts = state_counts(s, job_id)
        finished = counts["done"] + counts["failed"]
    cursor, busy = feed_step(res, job_id, cursor, WINDOW, sweep=sweep, stalled=finished == finished_at_sweep)
    if not busy:
        with res.factory() as s:
            counts = state_counts(s, job_id)
        if not counts["pending"] and not counts["running"]:
            return "finished"
    feed.apply_async((job_id, cursor, rounds + 1, finished), countdown=FEED_INTERVAL_S)
    return "feeding"
