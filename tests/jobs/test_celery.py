"""A reverify job through a REAL Celery worker process (Redis broker, PostgreSQL, shared image store)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from honnin.db import models as m
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


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.slow
def test_a_reverify_job_runs_through_a_real_celery_worker(pg_schema_url, broker, tmp_path):
    settings = make_settings(tmp_path / "data", pg_schema_url).model_copy(update={"celery_broker_url": broker})
    res = open_resources(settings)
    apps = [add_decided(res, fixed_case(c)) for c in ("c0002", "c0003")]
    env = {**os.environ, **settings_env(settings), "HONNIN_CELERY_BROKER_URL": broker}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([CELERY, "-A", "honnin.jobs.celery_app", "worker", "--pool=solo", "--loglevel=INFO",
                               "--without-gossip", "--without-mingle", "--without-heartbeat"],
                              env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        opened = open_job(res, "reverify", {"all": True}, "celery", as_of=dt.date(2026, 11, 22))
        counts = run_job(res, opened.job_id, "celery", 1, timeout_s=240)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    output = (tmp_path / "worker.log").read_text()
    assert counts["status"] == "done", output[-3000:]
    assert counts["done"] == 2 and counts["failed"] == 0
    assert "honnin.jobs.run_item" in output  # the work really went through the worker
    with res.factory() as s:
        for app_id in apps:
            assert s.scalar(select(func.count()).where(m.Verification.application_id == app_id)) == 2
