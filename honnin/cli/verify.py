"""`honnin verify`: one submission (the stable CLI contract) or a batch of generated cases."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

DECISIONS = ("approved", "needs_review", "resubmit", "rejected")


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"honnin verify: {message}", err=True)
    return typer.Exit(code=2)


def _read_image(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _usage_error(f"{what} image not found: {path}") from None
    except IsADirectoryError:
        raise _usage_error(f"{what} image is a directory: {path}") from None
    except OSError as exc:
        raise _usage_error(f"cannot read {what} image {path}: {exc.strerror}") from None


def _read_registration(path: Path):
    from pydantic import ValidationError

    from honnin.registration import Registration

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _usage_error(f"cannot read registration {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _usage_error(f"registration {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _usage_error(f"registration {path} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise _usage_error(f"registration {path} must be a JSON object")
    try:
        return Registration.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'registration'}: {e['msg']}" for e in exc.errors())
        raise _usage_error(f"registration {path} is invalid: {problems}") from None


def _parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _usage_error(f"--as-of must be a date as YYYY-MM-DD, got {value!r}") from None


def _check_engine(name: str | None) -> str:
    from honnin.config import get_settings
    from ocr.engines import ENGINES

    engine = name or get_settings().ocr_engine
    if engine not in ENGINES:
        raise _usage_error(f"unknown engine {engine!r}; choose one of {', '.join(sorted(ENGINES))}")
    return engine


def register(app: typer.Typer) -> None:
    @app.command()
    def verify(
        registration: Annotated[Path | None, typer.Option(help="Registration JSON (see docs/cli.md).")] = None,
        front: Annotated[Path | None, typer.Option(help="Photo of the document's front (JPEG).")] = None,
        back: Annotated[Path | None, typer.Option(help="Photo of the back, when it carries information.")] = None,
        supplementary: Annotated[Path | None, typer.Option(help="Supplementary address document (JPEG).")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of", help="Judge validity on this date (YYYY-MM-DD).")] = None,
        engine: Annotated[str | None, typer.Option(help="OCR engine: rapidocr, tesserocr or pytesseract.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
        batch: Annotated[Path | None, typer.Option(help="Verify every case in a cases.jsonl.")] = None,
        out: Annotated[Path | None, typer.Option(help="With --batch: write one result line per case here.")] = None,
        workers: Annotated[int | None, typer.Option(help="With --batch: worker processes (default: cores).")] = None,
    ) -> None:
        """Verify a submission. Exit 0 whenever a decision was made; 2 for usage errors."""
        as_of_date = _parse_as_of(as_of)
        engine_name = _check_engine(engine)
        if batch is not None:
            if registration or front or back or supplementary:
                raise _usage_error("--batch cannot be combined with --registration/--front/--back/--supplementary")
            _run_batch(batch, out, engine_name, as_of_date, workers)
            return
        if registration is None or front is None:
            raise _usage_error("--registration and --front are required (or use --batch CASES.jsonl)")
        reg = _read_registration(registration)
        images = {"front": _read_image(front, "front")}
        if back is not None:
            images["back"] = _read_image(back, "back")
        if supplementary is not None:
            images["supplementary"] = _read_image(supplementary, "supplementary")

        from honnin.config import get_settings
        from honnin.pipeline import Submission, VerifyContext
        from honnin.pipeline import verify as run_verify

        ctx = VerifyContext.from_settings(get_settings(), as_of=as_of_date, engine=engine_name)
        result = run_verify(Submission(**images), reg, ctx)
        if as_json:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        else:
            _print_human(result.to_json())


def _print_human(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    colour = {"approved": "green", "needs_review": "yellow", "resubmit": "red", "rejected": "red"}[data["decision"]]
    console.print(f"[bold {colour}]{data['decision']}[/]  document: {data['document']['type']} ({data['document']['side']})")
    table = Table("field", "read", "confidence", "verdict", "detail")
    for name in ("name", "birthdate", "address", "expiry"):
        field = data["fields"].get(name)
        match = data["match"].get(name, {})
        table.add_row(name, field["value"] if field else "-", f"{field['confidence']:.2f}" if field else "-",
                      match.get("verdict", ""), match.get("detail", ""))
    console.print(table)
    for r in data["reasons"]:
        console.print(f"- [bold]{r['code']}[/] {r['message_ja']}\n  {r['message_en']}")


def _run_batch(cases_path: Path, out: Path | None, engine: str, as_of: date | None, workers: int | None) -> None:
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

    from honnin.casefile import CaseFileError, iter_jobs, read_cases, run_cases

    try:
        cases = read_cases(cases_path)
    except FileNotFoundError:
        raise _usage_error(f"cases file not found: {cases_path}") from None
    except CaseFileError as exc:
        raise _usage_error(str(exc)) from None
    jobs = list(iter_jobs(cases, cases_path.parent, engine, as_of.isoformat() if as_of else None))
    results: list[dict[str, Any]] = []
    sink = out.open("w", encoding="utf-8") if out else None
    try:
        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TimeRemainingColumn(), transient=False) as progress:
            task = progress.add_task("verifying", total=len(jobs))

            def done(line: dict[str, Any]) -> None:
                results.append(line)
                if sink:
                    sink.write(json.dumps(line, ensure_ascii=False) + "\n")
                    sink.flush()
                progress.advance(task)

            run_cases(jobs, workers or os.cpu_count() or 1, done)
    finally:
        if sink:
            sink.close()
    print_summary(results)


def print_summary(results: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("case", "expected", "decision", "document", "reasons", title="decisions")
    for line in results:
        result = line.get("result") or {}
        decision = result.get("decision", "error")
        style = "" if line.get("expected") in (None, decision) else "yellow"
        table.add_row(str(line.get("id")), str(line.get("expected") or "-"), decision,
                      (result.get("document") or {}).get("type", "-"),
                      ", ".join(r["code"] for r in result.get("reasons", [])) or line.get("error", ""), style=style)
    console.print(table)

    counts = Counter((line.get("result") or {}).get("decision", "error") for line in results)
    console.print("totals: " + ", ".join(f"{k} {counts[k]}" for k in (*DECISIONS, "error") if counts[k]))
    with_expected = [r for r in results if r.get("expected")]
    if with_expected:
        agree = sum(1 for r in with_expected if (r.get("result") or {}).get("decision") == r["expected"])
        false_accepts = sum(
            1 for r in with_expected
            if (r.get("result") or {}).get("decision") == "approved" and r["expected"] != "approved"
        )
        console.print(f"agreement with expected class: {agree}/{len(with_expected)}; false accepts: {false_accepts}")
