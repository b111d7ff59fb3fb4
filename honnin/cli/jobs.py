"""`honnin jobs list|show|cancel`: status and history of batch runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

jobs_app = typer.Typer(help="Status and history of batch jobs.", no_args_is_help=True)


@jobs_app.command("list")
def list_jobs(
    limit: Annotated[int, typer.Option(min=1, help="How many of the newest jobs.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """The newest jobs first, with their item counts."""
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import select

    from honnin.cli.batch import open_resources
    from honnin.jobs import claims
    from honnin.jobs.models import Job

    res = open_resources()
    table = Table(box=None, pad_edge=False)
    for col in ("id", "kind", "status", "items", "done", "failed", "changed", "created (UTC)", "selection"):
        table.add_column(col, no_wrap=col != "selection")
    with res.factory() as s:
        for job in s.scalars(select(Job).order_by(Job.id.desc()).limit(limit)):
            c = claims.summary_counts(s, job.id)
            row = {"id": job.id, "kind": job.kind, "status": job.status, "selection": job.selection,
                   "items": c["total"], "done": c["done"], "failed": c["failed"], "changed": c["changed"],
                   "created_at": job.created_at.isoformat(),
                   "finished_at": job.finished_at.isoformat() if job.finished_at else None}
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
                continue
            selection = " ".join(k if v is True else f"{k}={v}" for k, v in job.selection.items()) or "-"
            table.add_row(str(job.id), job.kind, job.status, str(c["total"]), str(c["done"]), str(c["failed"]),
                          str(c["changed"]), job.created_at.strftime("%Y-%m-%d %H:%M"), selection)
    if not as_json:
        Console(width=max(Console().width, 120)).print(table)


@jobs_app.command("show")
def show(
    job_id: int,
    report: Annotated[Path | None, typer.Option(help="Also write the per-item report (FILE.csv or FILE.json).")] = None,
) -> None:
    """One job: selection, parameters, times and counts by state and result, as JSON."""
    from honnin.cli.batch import open_resources
    from honnin.jobs.models import Job
    from honnin.jobs.report import job_summary, write_report

    res = open_resources()
    with res.factory() as s:
        job = s.get(Job, job_id)
        if job is None:
            typer.echo(f"honnin jobs: job {job_id} does not exist", err=True)
            raise typer.Exit(1)
        typer.echo(json.dumps(job_summary(s, job), ensure_ascii=False, indent=2))
        if report is not None:
            rows = write_report(s, job_id, report)
            typer.echo(f"report: {report} ({rows} items)", err=True)


@jobs_app.command("cancel")
def cancel(job_id: int) -> None:
    """Stop an unfinished job: its pending items are marked failed (cancelled) and released."""
    from datetime import UTC, datetime

    from honnin.cli.batch import open_resources
    from honnin.db.engine import transaction
    from honnin.jobs import claims

    res = open_resources()
    with transaction(res.factory) as s:
        if not claims.cancel(s, job_id, datetime.now(UTC)):
            typer.echo(f"honnin jobs: job {job_id} is not running or pending", err=True)
            raise typer.Exit(1)
    typer.echo(f"job {job_id} cancelled")


def register(app: typer.Typer) -> None:
    app.add_typer(jobs_app, name="jobs")
