"""`honnin demo`: the main job on the embedded default (SQLite, local pool, files under ./var/)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

FIXED_SET = Path(__file__).resolve().parents[2] / "samples" / "fixed" / "cases.jsonl"


def _sample_cases(data_dir: Path) -> Path:
    """The committed fixed set when present (a source checkout), else a freshly generated one."""
    if FIXED_SET.exists():
        return FIXED_SET
    generated = data_dir / "samples" / "cases.jsonl"
    if not generated.exists():
        from samples.generate import generate_cases

        typer.echo(f"generating the sample set into {generated.parent} ...")
        generate_cases(n=30, seed=2026, out_dir=generated.parent)
    return generated


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        batch_only: Annotated[bool, typer.Option("--batch-only", help="Only verify the samples; no server.")] = False,
        host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    ) -> None:
        """Verify the sample set, then serve the web app with the processed applications."""
        from honnin.config import get_settings

        settings = get_settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        cases = _sample_cases(settings.data_dir)
        try:
            from review_ui.demo import seed_demo
        except ImportError:
            seed_demo = None
        if batch_only or seed_demo is None:
            from honnin.cli.verify import _run_batch

            _run_batch(cases, settings.data_dir / "demo-results.jsonl", settings.ocr_engine, None, None)
            typer.echo(f"results: {settings.data_dir / 'demo-results.jsonl'}")
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        # Links in the demo's pages and mails point at where it actually listens.
        settings = settings.model_copy(update={"public_base_url": f"http://{host}:{port}"})
        with Progress("verifying the sample applications", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn()) as progress:
            task = progress.add_task("seed", total=None)
            info = seed_demo(settings, cases,
                             on_progress=lambda done, total: progress.update(task, completed=done, total=total))
        typer.echo(f"\nhonnin is running at {info.url}")
        typer.echo(f"reviewer login: {info.login_email} / {info.login_password}")
        typer.echo(f"an applicant's upload page: {info.applicant_url}\n")
        import uvicorn

        from review_ui.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
