"""`honnin batch` and `honnin jobs` as a user runs them: exit codes, summary, report, history."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.jobs.seed import add_decided, settings_env

HONNIN = str(Path(sys.executable).with_name("honnin"))


def _run(settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **settings_env(settings), "COLUMNS": "120"}
    return subprocess.run([HONNIN, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_batch_reverify_prints_a_summary_writes_the_report_and_shows_in_the_history(res, settings, tmp_path):
    app_ids = {str(add_decided(res, None)) for _ in range(2)}  # purged images: skipped, no OCR needed
    report = tmp_path / "out.csv"
    run = _run(settings, "batch", "reverify", "--all", "--workers", "1", "--report", str(report))
    assert run.returncode == 0, run.stderr
    assert "started job 1 (reverify): 2 items" in run.stdout
    assert "skipped:no_image" in run.stdout and "report:" in run.stdout
    assert {row["target_id"] for row in csv.DictReader(report.open())} == app_ids

    listed = _run(settings, "jobs", "list", "--json")
    (job,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (job["id"], job["kind"], job["status"], job["done"]) == (1, "reverify", "done", 2)
    shown = json.loads(_run(settings, "jobs", "show", "1").stdout)
    assert shown["selection"] == {"all": True} and shown["counts"]["results"] == {"skipped:no_image": 2}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_batch_reverify_without_a_selection_is_a_usage_error(settings):
    run = _run(settings, "batch", "reverify")
    assert run.returncode == 2 and "choose at least one selection" in run.stderr
    assert _run(settings, "batch", "resume", "99").returncode == 1
