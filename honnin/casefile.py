"""Reading the sample generator's cases.jsonl and verifying its cases, one process per core."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

logger = logging.getLogger(__name__)
DIGIT_RUN = re.compile(r"\d{4,}")


class CaseFileError(ValueError):
    """A cases file that cannot be read; the message says which line and why."""


@dataclass(frozen=True)
class CaseJob:
    case: dict[str, Any]
    base_dir: str
    engine: str
    as_of: str | None


def read_cases(path: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(f"{path} is not UTF-8 text") from exc
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(case, dict) or "registration" not in case or "images" not in case:
            raise CaseFileError(f"{path}:{lineno}: a case needs 'registration' and 'images'")
        cases.append(case)
    return cases


_worker_settings: Any = None


def _init_worker(engine: str) -> None:
    # Each worker process loads the OCR engine once, not once per case; one thread each, since
    # the pool already uses every core.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import cv2

    cv2.setNumThreads(1)
    from ocr.engines import get_engine

    get_engine(engine)


def verify_case(job: CaseJob) -> dict[str, Any]:
    """Verify one case; any failure becomes an error line, never an exception out of the pool."""
    from honnin.config import get_settings
    from honnin.pipeline import Submission, VerifyContext, verify
    from honnin.registration import Registration

    case = job.case
    out: dict[str, Any] = {
        "id": case.get("id"),
        "expected": case.get("expected"),
        "expected_reasons": case.get("expected_reasons", []),
        "truth_document": case.get("document"),
        "tags": case.get("tags", []),
    }
    try:
        registration = Registration.model_validate(case["registration"])
        images = {}
        for role in ("front", "back", "supplementary"):
            name = (case.get("images") or {}).get(role)
            if name:
                images[role] = (Path(job.base_dir) / name).read_bytes()
        if "front" not in images:
            raise CaseFileError("case has no front image")
        as_of = date.fromisoformat(job.as_of or case.get("as_of") or date.today().isoformat())
        ctx = VerifyContext.from_settings(get_settings(), as_of=as_of, engine=job.engine)
        result = verify(Submission(**images), registration, ctx)
        out["result"] = result.to_json()
    except (ValidationError, CaseFileError, OSError, ValueError) as exc:
        out["error"] = _describe(exc)
    except Exception as exc:  # a bug in one case must not stop a batch of thousands
        logger.exception("case %s failed", case.get("id"))
        out["error"] = _describe(exc)
    return out


def _describe(exc: BaseException) -> str:
    # Exception text could in principle quote image content: keep digit runs out of it.
    first = (str(exc).splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {DIGIT_RUN.sub('#', first)}"


def run_cases(jobs: list[CaseJob], workers: int, on_done: Callable[[dict[str, Any]], None]) -> None:
    """Run jobs on a process pool (or inline for one worker), calling on_done in input order."""
    if workers <= 1:
        _init_worker(jobs[0].engine if jobs else "rapidocr")
        for job in jobs:
            on_done(verify_case(job))
        return
    engine = jobs[0].engine if jobs else "rapidocr"
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(engine,)) as pool:
        for result in pool.map(verify_case, jobs, chunksize=1):
            on_done(result)


def iter_jobs(cases: list[dict[str, Any]], base_dir: Path, engine: str, as_of: str | None) -> Iterator[CaseJob]:
    for case in cases:
        yield CaseJob(case=case, base_dir=str(base_dir), engine=engine, as_of=as_of)
