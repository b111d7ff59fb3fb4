"""`honnin samples generate`: write a seeded set of synthetic ID photos with ground truth."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    samples_app = typer.Typer(help="Synthetic ID photos with ground truth (for tests and benchmarks).",
                              no_args_is_help=True)

    @samples_app.command("generate")
    def generate(
        out: Path = typer.Option(..., "--out", help="Directory for the JPEGs and cases.jsonl."),
        n: int = typer.Option(300, "--n", min=1, help="Number of cases."),
        seed: int = typer.Option(0, "--seed", help="Seed: the same seed gives byte-identical files."),
        max_side: int = typer.Option(2600, "--max-side", min=400, help="Longest photo side in pixels."),
        workers: int = typer.Option(2, "--workers", min=1, help="Worker processes (output does not depend on it)."),
        as_of: str = typer.Option("2026-11-22", "--as-of", help="Reference date for validity (YYYY-MM-DD)."),
    ) -> None:
        """Generate N cases into OUT."""
        import datetime as dt

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from samples.generate import generate_cases

        start = time.monotonic()
        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), transient=True) as progress:
            task = progress.add_task("rendering", total=n)
            cases = generate_cases(n, seed, out, as_of=dt.date.fromisoformat(as_of), max_side=max_side,
                                   workers=workers, on_case=lambda _c: progress.advance(task))
        size = sum(p.stat().st_size for p in Path(out).iterdir() if p.is_file())
        images = sum(1 for c in cases for v in c.images.values() if v)
        counts = Counter(c.expected for c in cases)
        mix = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        typer.echo(f"{len(cases)} cases, {images} images, {size / 1e6:.1f} MB in {out} "
                   f"({time.monotonic() - start:.1f} s; {mix})")

    app.add_typer(samples_app, name="samples")
