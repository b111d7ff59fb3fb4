"""Measure batch re-verification throughput: 1 and 2 local workers, 2 Celery worker processes, kill + resume.

Usage (make test's services must run: scripts/test-services start):
    python bench/bench_jobs.py [--docs 40] [--configs local1,local2,celery] [--skip-resume] [--json out.json]

Seeds --docs approved applications with rendered licence photos in a fresh PostgreSQL schema and a
temporary encrypted image store, then re-verifies all of them once per configuration (each a new job).
Prints a markdown table (documents per minute, scaling efficiency, mean pipeline time per document,
load average before and after: the machine is shared). Figures go to docs/benchmarks/jobs.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from honnin.db import models as m  # noqa: E402
from honnin.jobs import claims  # noqa: E402
from honnin.jobs import models as jm  # noqa: E402
from honnin.jobs.service import open_job, run_job  # noqa: E402
from tests.jobs.seed import add_decided, licence, make_settings, open_resources, settings_env  # noqa: E402

BIN = Path(sys.executable).parent


def services() -> dict[str, str]:
    values = {}
    for line in (ROOT / "var" / "services.env").read_text().splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return values


def load() -> float:
    return os.getloadavg()[0]


def pipeline_ms(res, job_id: int) -> list[float]:
    """The pipeline's own total time per document, from the verifications the job wrote."""
    with res.factory() as s:
        ids = [uuid.UUID(r) for r in s.scalars(select(jm.JobItem.result_id).where(
            jm.JobItem.job_id == job_id, jm.JobItem.result_id.is_not(None)))]
        results = s.scalars(select(m.Verification.result).where(m.Verification.id.in_(ids)))
        return [float(r["timings_ms"]["total"]) for r in results if r and "timings_ms" in r]


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have exited (pool workers, Celery workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_config(res, label: str, backend: str, workers: int, stop_workers=None) -> dict:
    """One fresh reverify job over every document. CPU seconds per document do not depend on what
    else the shared machine runs; documents per minute do (see the load columns)."""
    opened = open_job(res, "reverify", {"all": True}, backend)
    before, cpu0 = load(), cpu_seconds()
    t0 = time.perf_counter()
    counts = run_job(res, opened.job_id, backend, workers, timeout_s=3600)
    wall = time.perf_counter() - t0
    if stop_workers is not None:
        stop_workers()  # Celery workers must exit for their CPU time to be counted
    cpu = cpu_seconds() - cpu0
    per_doc = pipeline_ms(res, opened.job_id)
    return {"config": label, "docs": counts["done"], "failed": counts["failed"], "wall_s": round(wall, 1),
            "docs_per_min": round(counts["done"] / wall * 60, 1),
            "cpu_s_per_doc": round(cpu / max(counts["done"], 1), 2),
            "mean_pipeline_s": round(statistics.mean(per_doc) / 1000, 2) if per_doc else None,
            "load_before": round(before, 1), "load_after": round(load(), 1)}


def celery_workers(env: dict[str, str], concurrency: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "celery"), "-A", "honnin.jobs.celery_app", "worker", "--pool=prefork",
                             f"--concurrency={concurrency}", "--loglevel=WARNING", "--without-gossip",
                             "--without-mingle", "--without-heartbeat"],
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def kill_and_resume(res, settings, env: dict[str, str], workers: int, total: int) -> dict:
    command = [str(BIN / "honnin"), "batch", "reverify", "--all", "--workers", str(workers)]
    with res.factory() as s:
        before = s.scalar(select(func.max(jm.Job.id))) or 0
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)

    def latest():
        with res.factory() as s:
            job_id = s.scalar(select(func.max(jm.Job.id)).where(jm.Job.id > before))
            return job_id, (claims.state_counts(s, job_id) if job_id else None)

    target = total // 3
    while True:
        job_id, counts = latest()
        if (counts and counts["done"] >= target) or proc.poll() is not None:
            break
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    _, at_kill = latest()
    t0 = time.perf_counter()
    second = subprocess.run(command, env=env, capture_output=True, text=True)
    with res.factory() as s:
        final = claims.state_counts(s, job_id)
        result_ids = list(s.scalars(select(jm.JobItem.result_id).where(jm.JobItem.job_id == job_id)))
        written = s.scalar(select(func.count()).where(
            m.Verification.id.in_([uuid.UUID(r) for r in result_ids if r])))
        apps_with_new = s.scalar(select(func.count(func.distinct(m.Verification.application_id))).where(
            m.Verification.id.in_([uuid.UUID(r) for r in result_ids if r])))
        attempts = s.scalar(select(func.sum(jm.JobItem.attempts)).where(jm.JobItem.job_id == job_id))
    return {"job": job_id, "at_kill": at_kill, "after_resume": final, "resume_exit": second.returncode,
            "resume_wall_s": round(time.perf_counter() - t0, 1), "items": len(result_ids),
            "verifications_written": written, "applications_with_new_verification": apps_with_new,
            "attempts": attempts, "resumed_same_job": f"resuming unfinished job {job_id}" in second.stdout}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--configs", default="local1,local2,celery",
                        help="comma-separated subset of local1, local2, celery")
    parser.add_argument("--skip-resume", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    svc = services()
    schema = f"bench_jobs_{uuid.uuid4().hex[:8]}"
    admin = create_engine(svc["HONNIN_TEST_POSTGRES_URL"])
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{svc['HONNIN_TEST_POSTGRES_URL']}?options={quote(f'-csearch_path={schema}')}"
    broker = svc["HONNIN_TEST_REDIS_URL"].rsplit("/", 1)[0] + "/12"
    results: dict = {"docs": args.docs, "cores": os.cpu_count()}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(Path(tmp), url).model_copy(update={"celery_broker_url": broker})
            res = open_resources(settings)
            for i in range(args.docs):
                add_decided(res, licence(1000 + i % 10))
            env = {**os.environ, **settings_env(settings), "HONNIN_CELERY_BROKER_URL": broker}
            configs = set(args.configs.split(","))
            runs = []
            if "local1" in configs:
                runs.append(run_config(res, "local, 1 worker", "local", 1))
            if "local2" in configs:
                runs.append(run_config(res, "local, 2 workers", "local", 2))
            if "celery" in configs:
                import redis

                redis.Redis.from_url(broker).flushdb()
                worker = celery_workers(env, 2, Path(tmp) / "celery.log")

                def stop() -> None:
                    if worker.poll() is None:
                        os.killpg(worker.pid, signal.SIGTERM)
                        worker.wait(timeout=120)

                try:
                    runs.append(run_config(res, "celery, 2 worker processes", "celery", 2, stop))
                finally:
                    stop()
            base = runs[0]["docs_per_min"] if "1 worker" in runs[0]["config"] else None
            for run in runs:
                run["speedup"] = round(run["docs_per_min"] / base, 2) if base else None
                run["efficiency"] = round(run["speedup"] / (1 if "1 worker" in run["config"] else 2), 2) if base else None
            results["runs"] = runs
            if not args.skip_resume:
                results["kill_resume"] = kill_and_resume(res, settings, env, 2, args.docs)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    print("| configuration | docs | failed | wall s | docs/min | speed-up | efficiency | CPU s/doc "
          "| mean pipeline wall s/doc | load before | load after |\n|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(f"| {r['config']} | {r['docs']} | {r['failed']} | {r['wall_s']} | {r['docs_per_min']} | "
              f"{r['speedup']} | {r['efficiency']} | {r['cpu_s_per_doc']} | {r['mean_pipeline_s']} | "
              f"{r['load_before']} | {r['load_after']} |")
    if "kill_resume" in results:
        print("\nkill + resume:", json.dumps(results["kill_resume"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
