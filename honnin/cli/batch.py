"""`honnin batch`: re-verify stored documents and run maintenance jobs, resumably, locally or on Celery."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

batch_app = typer.Typer(help="Batch re-verification and maintenance jobs (resumable).", no_args_is_help=True)

BackendOpt = Annotated[str | None, typer.Option("--backend", help="local (process pool) or celery; default: "
                                                "HONNIN_JOB_BACKEND.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Local worker processes (default: "
                                                "HONNIN_WORKERS, the number of cores).")]
ReportOpt = Annotated[Path | None, typer.Option("--report", help="Write a per-item report: FILE.csv or FILE.json.")]
LeaseOpt = Annotated[float | None, typer.Option("--lease-seconds", min=1, hidden=True,
                                                help="How long a claimed item stays leased to a worker.")]


def open_resources():
    """Settings, a migrated database and the image store, for a command of this process."""
    from honnin.config import get_settings
    from honnin.db.engine import make_engine, session_factory, upgrade
    from honnin.jobs.runner import Resources
    from honnin.store import open_store

    settings = get_settings()
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine, "heads")
    return Resources(settings, session_factory(engine), open_store(settings))


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"honnin batch: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise _fail(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from None


def run_and_report(res, job_id: int, backend: str, workers: int, report: Path | None,
                   lease_s: float | None = None) -> dict[str, Any]:
    """Run with a progress bar, print the summary table, write the report; exit 1 if items failed."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from honnin.jobs.service import run_job

    console = Console(stderr=True)
    with Progress(TextColumn("[bold]job {task.fields[job]}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("running {task.fields[running]}  failed {task.fields[failed]}"),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("items", total=None, job=job_id, running=0, failed=0)

        def on_progress(counts: dict[str, int]) -> None:
            bar.update(task, total=sum(counts.values()), completed=counts["done"] + counts["failed"],
                       running=counts["running"], failed=counts["failed"])

        counts = run_job(res, job_id, backend, workers, on_progress, lease_s=lease_s)
    print_summary(job_id, counts)
    if report is not None:
        from honnin.jobs.report import write_report

        with res.factory() as s:
            rows = write_report(s, job_id, report)
        typer.echo(f"report: {report} ({rows} items)")
    if counts.get("failed"):
        raise typer.Exit(1)
    return counts


def print_summary(job_id: int, counts: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"job {job_id}: {counts.get('status', '')}")
    table.add_column("count")
    table.add_column("items", justify="right")
    for key in ("total", "done", "failed", "pending", "running", "changed"):
        table.add_row(key, str(counts.get(key, 0)))
    for code, n in (counts.get("results") or {}).items():
        table.add_row(f"result: {code}", str(n))
    Console().print(table)


def _start(kind: str, selection: dict[str, Any], backend: str | None, workers: int | None, report: Path | None,
           lease_s: float | None, as_of: str | None = None) -> None:
    from honnin.jobs.selection import SelectionError
    from honnin.jobs.service import open_job

    res = open_resources()
    backend = backend or res.settings.job_backend
    if backend not in ("local", "celery"):
        raise _fail("--backend must be local or celery")
    try:
        opened = open_job(res, kind, selection, backend, as_of=date.fromisoformat(as_of) if as_of else None)
    except SelectionError as exc:
        raise _fail(str(exc)) from None
    verb = "resuming unfinished" if opened.resumed else "started"
    typer.echo(f"{verb} job {opened.job_id} ({kind}): {opened.total} items"
               + (f", {opened.skipped_held} held by another unfinished job" if opened.skipped_held else ""))
    run_and_report(res, opened.job_id, backend, workers or res.settings.workers, report, lease_s)


@batch_app.command("reverify")
def reverify(
    status: Annotated[str | None, typer.Option(help="Applications in this status (e.g. approved).")] = None,
    decided_before: Annotated[str | None, typer.Option(help="Decided before this date (YYYY-MM-DD, JST).")] = None,
    expiring_before: Annotated[str | None, typer.Option(help="Whose document expires before this date.")] = None,
    registration_changed: Annotated[bool, typer.Option(help="Registration corrected since the last run.")] = False,
    engine_version_older: Annotated[bool, typer.Option(help="Last run by another or older OCR engine.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every decided application.")] = False,
    as_of: Annotated[str | None, typer.Option(help="Decide as of this date (default: today, JST).")] = None,
    backend: BackendOpt = None,
    workers: WorkersOpt = None,
    report: ReportOpt = None,
    lease_seconds: LeaseOpt = None,
) -> None:
    """Re-run the pipeline on stored documents. Criteria combine (AND). Running the same command again
    resumes its unfinished job; changed approvals go back to the reviewer queue."""
    from honnin.jobs.selection import ReverifySelection, SelectionError

    try:
        selection = ReverifySelection(status=status, decided_before=_date(decided_before, "--decided-before"),
                                      expiring_before=_date(expiring_before, "--expiring-before"),
                                      registration_changed=registration_changed,
                                      engine_version_older=engine_version_older, all=all_)
    except SelectionError as exc:
        raise _fail(str(exc)) from None
    _start("reverify", selection.to_json(), backend, workers, report, lease_seconds, _date(as_of, "--as-of"))


@batch_app.command("resume")
def resume(
    job_id: int,
    backend: BackendOpt = None,
    workers: WorkersOpt = None,
    report: ReportOpt = None,
    lease_seconds: LeaseOpt = None,
) -> None:
    """Finish an interrupted job: items of dead workers are taken over, finished ones are not redone."""
    from honnin.jobs.models import Job

    res = open_resources()
    with res.factory() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise _fail(f"job {job_id} does not exist", 1)
        status, job_backend = job.status, job.backend
    if status not in ("pending", "running"):
        raise _fail(f"job {job_id} is {status}; nothing to resume", 1)
    typer.echo(f"resuming job {job_id}")
    run_and_report(res, job_id, backend or job_backend, workers or res.settings.workers, report, lease_seconds)


@batch_app.command("purge")
def purge(backend: BackendOpt = None, report: ReportOpt = None) -> None:
    """Retention: delete images N days after the decision and records N years after the contract ends."""
    _start("retention", {}, backend, 1, report, None)


@batch_app.command("expiry")
def expiry(
    within_days: Annotated[int, typer.Option(min=0, help="Flag documents expiring within this many days.")] = 30,
    backend: BackendOpt = None,
    report: ReportOpt = None,
) -> None:
    """Expiry sweep: approved applications whose document expires soon are flagged (audit log, report)."""
    _start("expiry", {"within_days": within_days}, backend, 1, report, None)


@batch_app.command("scrub")
def scrub(backend: BackendOpt = None, workers: WorkersOpt = None, report: ReportOpt = None) -> None:
    """My Number scrub: every stored image is classified again; one showing a My Number is deleted."""
    _start("mynumber_scrub", {}, backend, workers, report, None)


def register(app: typer.Typer) -> None:
    app.add_typer(batch_app, name="batch")
