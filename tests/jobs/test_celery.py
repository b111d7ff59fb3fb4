"""A reverify job through a REAL Celery worker process (Redis broker, PostgreSQL, shared image store)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from honnin.db import models as m
from honnin.jobs import models as jm
from honnin.jobs.celery_app import create_app
from honnin.jobs.service import open_job, run_job
from tests.jobs.seed import add_decided, fixed_case, make_settings, open_resources, settings_env

CELERY = str(Path(sys.executable).with_name("celery"))
BROKER_DB = 11  # a redis database of its own, so other tests' keys never mix with these queues


@pytest.fixture
def broker(redis_url):
    url = redis_url.rsplit("/", 1)[0] + f"/{BROKER_DB}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()


def _wait_for_job(res, kind: str, timeout_s: float) -> jm.Job | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with res.factory() as s:
            job = s.scalar(select(jm.Job).where(jm.Job.kind == kind))
            if job is not None and job.status == "done":
                return job
        time.sleep(0.5)
    return None


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.slow
def test_a_reverify_job_runs_through_a_real_celery_worker(pg_schema_url, broker, tmp_path):
    settings = make_settings(tmp_path / "data", pg_schema_url).model_copy(update={"celery_broker_url": broker})
    res = open_resources(settings)
    apps = [add_decided(res, fixed_case(c)) for c in ("c0002", "c0003")]
    expiring = add_decided(res, None, status=m.APPROVED, expiry=dt.date.today() + dt.timedelta(days=10))
    env = {**os.environ, **settings_env(settings), "HONNIN_CELERY_BROKER_URL": broker}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([CELERY, "-A", "honnin.jobs.celery_app", "worker", "--pool=solo", "--loglevel=INFO",
                               "--without-gossip", "--without-mingle", "--without-heartbeat"],
                              env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        opened = open_job(res, "reverify", {"status": "approved", "decided_before": "2026-11-02"}, "celery",
                          as_of=dt.date(2026, 11, 22))
        counts = run_job(res, opened.job_id, "celery", 1, timeout_s=240)
        # the beat entry point: the worker opens the job and feeds it to itself, nobody watching
        create_app(broker).send_task("honnin.jobs.maintenance", args=("expiry", {"within_days": 30}))
        expiry_job = _wait_for_job(res, "expiry", timeout_s=120)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    output = (tmp_path / "worker.log").read_text()
    assert counts["status"] == "done", output[-3000:]
    assert counts["done"] == 3 and counts["failed"] == 0
    assert expiry_job is not None and expiry_job.status == "done", output[-3000:]
    assert expiry_job.counts["results"] == {"expiring": 1}
    with res.factory() as s:
        flagged = s.scalars(select(m.AuditEntry.application_id).where(m.AuditEntry.action == "document.expiring"))
        assert list(flagged) == [expiring]
    assert "honnin.jobs.run_item" in output  # the work really went through the worker
    with res.factory() as s:
        for app_id in apps:
            assert s.scalar(select(func.count()).where(m.Verification.application_id == app_id)) == 2
