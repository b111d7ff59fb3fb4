"""A local run killed mid-way (SIGKILL) and run again: nothing processed twice, nothing skipped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from honnin.db import models as m
from honnin.jobs import claims
from honnin.jobs import models as jm
from tests.jobs.seed import add_decided, fixed_case, settings_env

HONNIN = str(Path(sys.executable).with_name("honnin"))
COMMAND = [HONNIN, "batch", "reverify", "--all", "--workers", "1", "--as-of", "2026-11-22"]


def _done(res) -> int:
    with res.factory() as s:
        job_id = s.scalar(select(func.max(jm.Job.id)))
        return claims.state_counts(s, job_id)["done"] if job_id else 0


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_killed_run_resumes_when_the_same_command_runs_again(res, settings, tmp_path):
    apps = [add_decided(res, fixed_case(c)) for c in ("c0001", "c0015", "c0034")]
    env = {**os.environ, **settings_env(settings)}
    proc = subprocess.Popen(COMMAND, env=env, cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while _done(res) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_at_kill = _done(res)
    assert 1 <= done_at_kill < 3, proc.stdout.read().decode()[-2000:]

    second = subprocess.run(COMMAND, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-2000:]
    assert "resuming unfinished job 1" in second.stdout

    with res.factory() as s:
        assert s.scalar(select(func.count()).select_from(jm.Job)) == 1
        job = s.get(jm.Job, 1)
        items = list(s.scalars(select(jm.JobItem)))
        assert job.status == "done" and job.counts["done"] == 3 and job.counts["failed"] == 0
        assert sorted(i.target_id for i in items) == sorted(str(a) for a in apps)
        assert all(i.state == "done" and i.result_id for i in items)
        # exactly one new verification per application: the killed item was redone, not doubled
        for app_id in apps:
            n = s.scalar(select(func.count()).where(m.Verification.application_id == app_id))
            assert n == 2
        # the item in flight at the kill (if any) ran a second time; the others once
        assert sum(i.attempts for i in items) in (3, 4)
