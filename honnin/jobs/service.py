"""Starting, resuming and running a job: what the CLI, the Celery beat task and the tests call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from honnin.config import Settings
from honnin.db.engine import transaction
from honnin.jobs import claims
from honnin.jobs import models as jm
from honnin.jobs.kinds import get_kind
from honnin.jobs.runner import Resources

JST = ZoneInfo("Asia/Tokyo")
Progress = Callable[[dict[str, int]], None]


def today_jst() -> date:
    return datetime.now(JST).date()


def make_params(kind: str, settings: Settings, selection: dict[str, Any], as_of: date | None = None) -> dict[str, Any]:
    """Values fixed at creation so every worker, and every resume, decides the same way."""
    params: dict[str, Any] = {"as_of": (as_of or today_jst()).isoformat(), "engine": settings.ocr_engine}
    if kind == "reverify" and selection.get("engine_version_older"):
        from ocr.engines import get_engine

        params["engine_version"] = str(get_engine(settings.ocr_engine).version)
    if kind == "retention":
        params["image_retention_days"] = settings.image_retention_days
        params["record_retention_years"] = settings.record_retention_years
        params["abandoned_retention_days"] = settings.abandoned_retention_days
    return params


@dataclass(frozen=True)
class Opened:
    job_id: int
    resumed: bool
    total: int
    skipped_held: int


def open_job(res: Resources, kind: str, selection: dict[str, Any], backend: str, *,
             as_of: date | None = None) -> Opened:
    """The unfinished job with the same kind and selection (resumed), else a new one."""
    spec = get_kind(kind)
    with transaction(res.factory) as s:
        existing = claims.find_active(s, kind, selection)
        if existing is not None:
            return _opened(res, existing.id, True)
    params = make_params(kind, res.settings, selection, as_of)
    job, resumed = claims.create_or_resume(res.factory, kind, selection, params, backend,
                                           lambda s: spec.targets(s, selection, params), res.clock())
    return _opened(res, job.id, resumed)


def _opened(res: Resources, job_id: int, resumed: bool) -> Opened:
    with res.factory() as s:
        job = s.get(jm.Job, job_id)
        counts = claims.state_counts(s, job_id)
        return Opened(job_id, resumed, sum(counts.values()), int((job.counts or {}).get("skipped_held_by_other_job", 0)))


def prepare_run(res: Resources, job_id: int) -> None:
    """Before (re)running: leases of dead local processes come back, and the job is marked running."""
    with transaction(res.factory) as s:
        job = s.get(jm.Job, job_id)
        if job is None:
            raise LookupError(f"job {job_id} does not exist")
        if job.status not in jm.ACTIVE:
            raise ValueError(f"job {job_id} is {job.status}; only pending or running jobs can run")
        claims.release_dead_leases(s, job_id)
        claims.start(s, job_id, res.clock())


def finish(res: Resources, job_id: int) -> dict[str, Any]:
    with transaction(res.factory) as s:
        claims.finish_if_complete(s, job_id, res.clock())
    with res.factory() as s:
        job = s.get(jm.Job, job_id)
        counts = claims.summary_counts(s, job_id)
        counts["status"] = job.status
        return counts


def run_job(res: Resources, job_id: int, backend: str, workers: int, on_progress: Progress | None = None,
            *, lease_s: float | None = None, timeout_s: float | None = None) -> dict[str, Any]:
    """Run the job to the end on `backend` and return its summary counts."""
    from honnin.jobs.runner import DEFAULT_LEASE_S

    prepare_run(res, job_id)
    lease = lease_s or DEFAULT_LEASE_S
    if backend == "local":
        from honnin.jobs.local import run_local

        run_local(res, job_id, workers, on_progress, lease_s=lease)
    elif backend == "celery":
        from honnin.jobs.dispatch import run_celery

        run_celery(res, job_id, on_progress, lease_s=lease, timeout_s=timeout_s)
    else:
        raise ValueError(f"unknown backend {backend!r}: local or celery")
    return finish(res, job_id)
