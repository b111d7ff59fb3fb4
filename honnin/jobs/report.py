"""Job reports: one row per item as CSV or JSON, and the summary `jobs show` prints."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from honnin.jobs import claims
from honnin.jobs import models as jm

COLUMNS = ("item_id", "target_id", "state", "attempts", "result_code", "changed", "old", "new",
           "requeued", "reasons", "result_id", "error", "finished_at")


def job_summary(s: Session, job: jm.Job) -> dict[str, Any]:
    return {
        "id": job.id, "kind": job.kind, "status": job.status, "backend": job.backend,
        "selection": job.selection, "params": job.params,
        "created_at": _iso(job.created_at), "started_at": _iso(job.started_at),
        "finished_at": _iso(job.finished_at),
        "counts": claims.summary_counts(s, job.id),
        "skipped_held_by_other_job": int((job.counts or {}).get("skipped_held_by_other_job", 0)),
    }


def item_rows(s: Session, job_id: int) -> Iterator[dict[str, Any]]:
    q = select(jm.JobItem).where(jm.JobItem.job_id == job_id).order_by(jm.JobItem.id)
    for item in s.scalars(q.execution_options(yield_per=2000)):
        outcome = item.outcome or {}
        yield {
            "item_id": item.id, "target_id": item.target_id, "state": item.state, "attempts": item.attempts,
            "result_code": item.result_code, "changed": item.changed, "old": outcome.get("old"),
            "new": outcome.get("new"), "requeued": outcome.get("requeued"),
            "reasons": ";".join(outcome.get("reasons", [])), "result_id": item.result_id, "error": item.error,
            "finished_at": _iso(item.finished_at),
        }


def write_report(s: Session, job_id: int, path: Path) -> int:
    """CSV for .csv, JSON (summary + items) for .json; returns the number of item rows."""
    job = s.get(jm.Job, job_id)
    if job is None:
        raise LookupError(f"job {job_id} does not exist")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise ValueError("the report file must end in .csv or .json")
    rows = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        if suffix == ".csv":
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            for row in item_rows(s, job_id):
                writer.writerow(row)
                rows += 1
        else:
            items = list(item_rows(s, job_id))
            rows = len(items)
            json.dump({"job": job_summary(s, job), "items": items}, handle, ensure_ascii=False, indent=1)
    return rows


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None
