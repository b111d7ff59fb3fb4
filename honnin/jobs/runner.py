"""Running job items: per-process resources, `execute(claim)` and the claim loop.

The local pool's workers and the Celery task both call `execute`; nothing here knows which backend
it runs under.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from honnin.config import Settings
from honnin.db.engine import transaction
from honnin.jobs import claims
from honnin.jobs import models as jm
from honnin.store import ImageStore

log = logging.getLogger("honnin.jobs")
DEFAULT_LEASE_S = 600.0


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Resources:
    """What a worker process opens once: settings, a session factory and the image store."""

    settings: Settings
    factory: sessionmaker[Session]
    store: ImageStore
    clock: Callable[[], datetime] = utcnow


@lru_cache(maxsize=4)
def resources(settings_json: str) -> Resources:
    """One set per process and settings; built lazily so a forked worker opens its own connections."""
    from honnin.db.engine import make_engine, session_factory
    from honnin.store import open_store

    settings = Settings.model_validate_json(settings_json)
    return Resources(settings, session_factory(make_engine(settings.resolved_database_url)), open_store(settings))


def warm(settings_json: str) -> None:
    """Per worker process: open the database and store, and load the OCR engine once."""
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    res = resources(settings_json)
    import cv2

    cv2.setNumThreads(1)
    from ocr.engines import get_engine

    get_engine(res.settings.ocr_engine)


_params_cache: dict[tuple[str, int], dict[str, Any]] = {}


def job_params(res: Resources, job_id: int) -> dict[str, Any]:
    """A job's parameters never change after creation: read once per process and database."""
    key = (res.settings.resolved_database_url, job_id)
    if key not in _params_cache:
        with res.factory() as s:
            job = s.get(jm.Job, job_id)
            if job is None:
                raise LookupError(f"job {job_id} does not exist")
            _params_cache[key] = {"kind": job.kind, **(job.params or {}), "selection": job.selection}
    return _params_cache[key]


def execute(res: Resources, claim: claims.Claim) -> str:
    """Run one claimed item to a final state; returns done | pending (will retry) | failed | lost."""
    from honnin.jobs.kinds import KINDS

    try:
        params = job_params(res, claim.job_id)
        KINDS[claim.kind].run(res, params, claim)
    except claims.LeaseLost:
        log.warning("job %s item %s: lease lost, result discarded", claim.job_id, claim.item_id)
        return "lost"
    except Exception as exc:  # one bad case never stops the job; the class name only (no image data)
        log.warning("job %s item %s failed: %s", claim.job_id, claim.item_id, type(exc).__name__)
        with transaction(res.factory) as s:
            state = claims.mark_failed(s, claim, res.clock(), type(exc).__name__)
        if state == jm.ITEM_PENDING:
            return "pending"
        _maybe_finish(res, claim.job_id)
        return "failed"
    _maybe_finish(res, claim.job_id)
    return "done"


def _maybe_finish(res: Resources, job_id: int) -> None:
    with transaction(res.factory) as s:
        claims.finish_if_complete(s, job_id, res.clock())


def work(res: Resources, job_id: int, *, owner: str | None = None, lease_s: float = DEFAULT_LEASE_S,
         max_items: int | None = None, idle_wait_s: float = 0.0) -> int:
    """Claim and run items of the job until none is claimable (or `max_items`); returns how many ran.
    With `idle_wait_s`, waits that long for leased items of other workers to come back before leaving."""
    owner = owner or claims.new_owner()
    ran = 0
    waited = 0.0
    while max_items is None or ran < max_items:
        with transaction(res.factory) as s:
            got = claims.claim_next(s, job_id, owner, res.clock(), lease_s, 1)
        if not got:
            if waited >= idle_wait_s:
                break
            time.sleep(0.5)
            waited += 0.5
            continue
        waited = 0.0
        execute(res, got[0])
        ran += 1
    return ran


def work_in_process(settings_json: str, job_id: int, lease_s: float) -> int:
    """Entry point of a local pool worker (a spawned process)."""
    return work(resources(settings_json), job_id, lease_s=lease_s)
