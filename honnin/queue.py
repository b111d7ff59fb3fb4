"""Verification off the request path: `process_document(id)` and the embedded local worker pool.

A Celery task can call `process_document(verification_id)` with the id alone; the local pool
below polls the database for queued runs and claims each atomically, so several web processes
(or a restart in the middle of a run) never lose or duplicate a case.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from multiprocessing import get_context
from typing import Any
from zoneinfo import ZoneInfo

from honnin.config import Settings, get_settings

log = logging.getLogger("honnin.queue")
JST = ZoneInfo("Asia/Tokyo")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today_jst() -> date:
    return datetime.now(JST).date()


@lru_cache(maxsize=4)
def _resources(settings_json: str):
    """One engine and store per process and settings (workers are long-lived)."""
    from honnin.db.engine import make_engine, session_factory
    from honnin.store import open_store

    settings = Settings.model_validate_json(settings_json)
    return settings, session_factory(make_engine(settings.resolved_database_url)), open_store(settings)


def pipeline_verify(settings: Settings, as_of: date):
    """The real pipeline, as a function of the images and the registration."""
    from honnin.pipeline import Submission, VerifyContext, verify

    ctx = VerifyContext.from_settings(settings, as_of=as_of)

    def run(images: dict[str, bytes | None], registration) -> Any:
        submission = Submission(front=images["front"], back=images.get("back"),
                                supplementary=images.get("supplementary"))
        return verify(submission, registration, ctx)

    return run


def process_document(verification_id: str, settings_json: str | None = None, *, claimed: bool = False) -> str:
    """Run one verification by id. Unless the caller already claimed it, claim it first: of two
    calls for the same id (a retried Celery task, two dispatchers) exactly one runs it."""
    from honnin.applications import claim_verification, run_verification
    from honnin.db.engine import transaction

    settings, factory, store = _resources(settings_json or get_settings().model_dump_json())
    vid = uuid.UUID(verification_id)
    if not claimed:
        with transaction(factory) as s:
            if not claim_verification(s, vid, utcnow()):
                return "skipped"
    as_of = today_jst()

    def verify_fn(images, registration):
        return pipeline_verify(settings, as_of)(images, registration)

    with transaction(factory) as s:
        return run_verification(s, store, vid, verify_fn, settings.ocr_engine, as_of, utcnow)


def _warm(settings_json: str) -> None:
    """Load the pipeline (models) once per worker process, not on the first case."""
    _resources(settings_json)
    with contextlib.suppress(ImportError):
        import honnin.pipeline  # noqa: F401


class LocalQueue:
    """A dispatcher thread that feeds queued verifications to a pool of worker processes."""

    def __init__(self, settings: Settings, *, workers: int | None = None, use_processes: bool = True,
                 poll_interval_s: float = 1.0) -> None:
        self._settings_json = settings.model_dump_json()
        self._workers = max(1, workers or settings.workers)
        self._use_processes = use_processes
        self._poll = poll_interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._inflight: set[Future] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._executor: Executor | None = None
        self._factory = _resources(self._settings_json)[1]

    def start(self) -> None:
        if self._use_processes:
            self._executor = ProcessPoolExecutor(self._workers, mp_context=get_context("spawn"),
                                                 initializer=_warm, initargs=(self._settings_json,))
        else:
            self._executor = ThreadPoolExecutor(self._workers, thread_name_prefix="honnin-verify")
        from honnin.applications import requeue_stale
        from honnin.db.engine import transaction

        with transaction(self._factory) as s:
            requeue_stale(s, utcnow(), timedelta(minutes=10))
        self._thread = threading.Thread(target=self._loop, name="honnin-dispatch", daemon=True)
        self._thread.start()

    def notify(self) -> None:
        """Wake the dispatcher now instead of at its next poll (called after a submit commits)."""
        self._wake.set()

    def stop(self, wait: bool = True) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)

    def idle(self) -> bool:
        with self._lock:
            return not self._inflight

    def _loop(self) -> None:
        from honnin.applications import claim_verification, queued_verifications
        from honnin.db.engine import transaction

        while not self._stop.is_set():
            with self._lock:
                free = self._workers - len(self._inflight)
            try:
                if free > 0:
                    with transaction(self._factory) as s:
                        ids = [v for v in queued_verifications(s, free) if claim_verification(s, v, utcnow())]
                    for vid in ids:
                        fut = self._executor.submit(process_document, str(vid), self._settings_json, claimed=True)
                        with self._lock:
                            self._inflight.add(fut)
                        fut.add_done_callback(self._done)
            except Exception:  # keep dispatching: a database hiccup must not stop the queue
                log.exception("dispatcher iteration failed")
                time.sleep(self._poll)
            self._wake.wait(self._poll)
            self._wake.clear()

    def _done(self, fut: Future) -> None:
        with self._lock:
            self._inflight.discard(fut)
        if fut.exception() is not None:
            log.error("verification worker failed: %s", type(fut.exception()).__name__)
        self._wake.set()
