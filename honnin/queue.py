"""Work off the request path: verifications (`process_document`, the local worker pool) and the
applicant page's photo checks (`check_photo`, `PhotoChecks`).

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
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
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


# --- photo checks: the applicant's format-and-quality feedback, answered within a second or so ---------


def check_photo(document_id: str, settings_json: str | None = None) -> str:
    """Run intake (decode, locate, legibility) on one uploaded photo and record the answer on its
    document row; the applicant page's status poll shows it. Idempotent: a checked photo is skipped."""
    from honnin.applications import photo_to_check, record_check
    from honnin.db.engine import transaction
    from intake.limits import Limits
    from intake.run import run_intake

    settings, factory, store = _resources(settings_json or get_settings().model_dump_json())
    doc_id = uuid.UUID(document_id)
    with factory() as s:
        data = photo_to_check(s, store, doc_id)
    if data is None:
        return "skipped"
    limits = Limits(max_bytes=settings.max_upload_bytes, max_pixels=settings.max_image_pixels,
                    max_side=settings.max_image_side)
    try:
        result = run_intake(data, limits)
        usable, reasons = bool(result.usable), [r.as_dict() for r in result.reasons]
    except Exception as exc:  # intake should not raise; if it does, the verification judges the photo
        log.error("photo check crashed: %s", type(exc).__name__)
        usable, reasons = True, []
    del data
    with transaction(factory) as s:
        return record_check(s, store, doc_id, usable, reasons, utcnow())


def _warm_checks(settings_json: str) -> None:
    _resources(settings_json)
    import intake.run  # noqa: F401  (OpenCV and Pillow, loaded before the first photo arrives)


class PhotoChecks:
    """A small pool that checks uploaded photos as soon as the upload has been answered.

    Separate from the verification pool on purpose: a check takes about half a second, and the
    applicant is looking at the screen, so it must not wait behind minutes of queued OCR. Processes
    by default, so OpenCV's Python-side work never holds the web server's GIL."""

    def __init__(self, settings: Settings, *, workers: int | None = None, use_processes: bool = True) -> None:
        self._settings_json = settings.model_dump_json()
        self._workers = max(1, workers or min(2, settings.workers))
        self._use_processes = use_processes
        self._executor: Executor | None = None

    def start(self) -> None:
        self._executor = self._new_executor()
        if self._use_processes:  # spawn the workers now, not when the first applicant is waiting
            self._executor.submit(_ready)
        # Checks a stopped server left unanswered would keep their pages "checking" forever.
        from honnin.applications import documents_being_checked

        factory = _resources(self._settings_json)[1]
        with factory() as s:
            for doc_id in documents_being_checked(s):
                self.submit(doc_id)

    def _new_executor(self) -> Executor:
        if self._use_processes:
            return ProcessPoolExecutor(self._workers, mp_context=get_context("spawn"),
                                       initializer=_warm_checks, initargs=(self._settings_json,))
        return ThreadPoolExecutor(self._workers, thread_name_prefix="honnin-check")

    def submit(self, document_id: uuid.UUID) -> Future:
        """Check one photo (call after the upload's transaction committed)."""
        try:
            fut = self._executor.submit(check_photo, str(document_id), self._settings_json)
        except BrokenExecutor:  # a worker process died (e.g. killed): start a fresh pool
            log.error("photo check pool broken; restarting it")
            self._executor = self._new_executor()
            fut = self._executor.submit(check_photo, str(document_id), self._settings_json)
        fut.add_done_callback(_log_failure)
        return fut

    def stop(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)


def _ready() -> bool:
    return True


def _log_failure(fut: Future) -> None:
    if not fut.cancelled() and fut.exception() is not None:
        log.error("photo check failed: %s", type(fut.exception()).__name__)
