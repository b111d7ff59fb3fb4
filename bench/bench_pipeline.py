"""Pipeline benchmark: every OCR engine and the naive baseline over one generated set, in one run.

    python -m bench.bench_pipeline --n 300 --seed 11 --workers 2 --report docs/benchmarks/pipeline.md

Per engine: exact-match rate per field, document-type accuracy, the decision confusion matrix against
the expected classes, false accepts (approved though the truth is not `approved`: must be 0),
auto-approval of genuine legible matching cases, p50/p95 seconds per image, peak RSS. The naive
baseline is one pytesseract call on the whole unrectified photo, then the same classification,
parsing and decision.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("rapidocr", "tesserocr", "pytesseract", "naive")
DECISIONS = ("approved", "needs_review", "resubmit", "rejected")
LEGIBLE = ("quality:clean", "quality:moderate")


# ---------------------------------------------------------------- the naive baseline, run in workers
def naive_verify(case: dict[str, Any], base_dir: str, as_of: str) -> dict[str, Any]:
    """One pytesseract call per photo, no rectification or legibility checks; same parsing and decision."""
    from datetime import date

    from honnin.decision import SideReading, decide
    from honnin.policy import load_policy
    from honnin.registration import Registration
    from intake.limits import Limits
    from intake.load import IntakeError, load_jpeg
    from intake.locate import Located
    from intake.run import IntakeResult
    from ocr.classify import classify
    from ocr.engines import get_engine
    from ocr.fields import extract
    from ocr.fields.common import Ctx
    from ocr.models import OcrResult
    from ocr.read import scrub_fields

    engine = get_engine("pytesseract")
    t0 = time.perf_counter()
    readings = {}
    per_image = {}
    for role in ("front", "back", "supplementary"):
        name = case["images"].get(role)
        if not name:
            continue
        data = (Path(base_dir) / name).read_bytes()
        t_img = time.perf_counter()
        try:
            loaded = load_jpeg(data, Limits())
        except IntakeError as err:
            readings[role] = SideReading(role, IntakeResult(None, None, None, (err.item,)), None)
            continue
        lines = engine.read_lines(loaded.bgr)
        classification = classify(lines, loaded.bgr)
        fields = scrub_fields(extract(classification.type, classification.side, Ctx(tuple(lines))),
                              classification.my_number_visible)
        located = Located(found=True, quad=None, rectified=loaded.bgr, aspect=1.0, cut_off_edges=())
        ocr = OcrResult(classification=classification, fields=fields, lines=())
        readings[role] = SideReading(role, IntakeResult(loaded, located, None, ()), ocr)
        per_image[f"{role}_total"] = (time.perf_counter() - t_img) * 1000
        per_image[role] = {n: {"value": v.value, "confidence": v.confidence} for n, v in fields.present().items()}
    outcome = decide(readings, Registration.model_validate(case["registration"]), load_policy(), date.fromisoformat(as_of))
    return {
        "decision": outcome.decision.value,
        "reasons": [{"code": r.code.value} for r in outcome.reasons],
        "document": {"type": outcome.document_type.value, "side": outcome.side.value},
        "fields": {k: ({"value": v.value, "confidence": v.confidence} if v else None) for k, v in outcome.fields.items()},
        "images": {role: {"document": {"type": r.doc_type.value}, "fields": per_image.get(role, {})}
                   for role, r in readings.items()},
        "timings_ms": {"total": (time.perf_counter() - t0) * 1000,
                       **{k: v for k, v in per_image.items() if k.endswith("_total")}},
    }


def _naive_job(args: tuple[dict[str, Any], str, str]) -> dict[str, Any]:
    case, base_dir, as_of = args
    out = {"id": case["id"], "expected": case.get("expected"), "tags": case.get("tags", []),
           "truth_document": case.get("document")}
    try:
        out["result"] = naive_verify(case, base_dir, as_of)
    except Exception as exc:  # the baseline may fail where the pipeline would not; count it
        out["error"] = type(exc).__name__
    return out


def run_engine(engine: str, cases_path: Path, results_path: Path, workers: int) -> dict[str, Any]:
    """Runs inside a subprocess per engine so that peak RSS is that engine's alone."""
    from concurrent.futures import ProcessPoolExecutor

    from honnin.casefile import iter_jobs, read_cases, run_cases

    cases = read_cases(cases_path)
    as_of = cases[0].get("as_of", "2026-11-22") if cases else "2026-11-22"
    start = time.perf_counter()
    with results_path.open("w", encoding="utf-8") as sink:
        def done(line: dict[str, Any]) -> None:
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")

        if engine == "naive":
            from honnin.casefile import _init_worker

            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=("pytesseract",)) as pool:
                for line in pool.map(_naive_job, [(c, str(cases_path.parent), as_of) for c in cases]):
                    done(line)
        else:
            run_cases(list(iter_jobs(cases, cases_path.parent, engine, None)), workers, done)
    wall = time.perf_counter() - start
    rss_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"engine": engine, "wall_s": wall, "peak_rss_mb": rss_kb / 1024, "cases": len(cases)}


# ---------------------------------------------------------------- scoring
def _norm(text: str | None) -> str:
    from matching.normalize import normalize

    return "".join(normalize(text or "").split()).upper()


def _truth_name(case: dict[str, Any]) -> str | None:
    truth = case["truth"]
    if case["document"]["type"] in ("residence_card", "passport"):
        return truth.get("name_romaji") or truth.get("name")
    return truth.get("name")


def score(cases: dict[str, dict[str, Any]], lines: list[dict[str, Any]]) -> dict[str, Any]:
    from matching.variants import fold

    field_hits: dict[str, list[bool]] = {k: [] for k in ("name", "birthdate", "expiry", "address")}
    field_hits_heavy: dict[str, list[bool]] = {k: [] for k in field_hits}
    # Names equal once glyph variants are folded (髙/高, 﨑/崎, 𠮷/吉): an engine whose character set
    # lacks the card's variant can at best print the common form.
    name_folded: list[bool] = []
    type_hits: list[bool] = []
    type_hits_read: list[bool] = []
    confusion: Counter[tuple[str, str]] = Counter()
    false_accepts: list[str] = []
    genuine = approved_genuine = 0
    per_image_s: list[float] = []
    errors = 0
    for line in lines:
        case = cases[line["id"]]
        result = line.get("result")
        expected = case["expected"]
        if result is None:
            errors += 1
            confusion[(expected, "error")] += 1
            continue
        decision = result["decision"]
        confusion[(expected, decision)] += 1
        if decision == "approved" and expected != "approved":
            false_accepts.append(line["id"])
        if expected == "approved":
            genuine += 1
            approved_genuine += decision == "approved"
        front_doc = ((result.get("images") or {}).get("front") or {}).get("document", {}).get("type")
        type_hits.append(front_doc == case["document"]["type"])
        # A photo refused for legibility is never classified; score classification on the ones read.
        if any(t.startswith("quality:") for t in case.get("tags", [])):
            type_hits_read.append(front_doc == case["document"]["type"])
        image_ms = [v for k, v in result["timings_ms"].items() if k.endswith(("_intake", "_ocr", "_total"))]
        n_images = len(result.get("images") or {}) or 1
        if image_ms:
            per_image_s.append(sum(image_ms) / n_images / 1000)

        tags = case.get("tags", [])
        if not any(t.startswith("quality:") for t in tags) or "scenario:non_document" in tags:
            continue
        # An image showing a My Number is deleted unread, by design: there is no field to score.
        if "my_number_visible" in case.get("expected_reasons", []):
            continue
        bucket = field_hits if any(t in tags for t in LEGIBLE) else field_hits_heavy
        front_fields = ((result.get("images") or {}).get("front") or {}).get("fields") or {}
        truth = case["truth"]
        wanted = {
            "name": _truth_name(case),
            "birthdate": truth.get("birthdate"),
            "expiry": truth.get("expiry"),
        }
        for key, value in wanted.items():
            if value is None:
                continue
            got = front_fields.get(key) or (front_fields.get("name_romaji") if key == "name" else None)
            if key == "name" and case["document"]["type"] in ("residence_card", "passport"):
                got = front_fields.get("name_romaji") or front_fields.get("name")
            bucket[key].append(got is not None and _norm(got["value"]) == _norm(value))
            if key == "name" and bucket is field_hits:
                name_folded.append(got is not None and fold(_norm(got["value"])) == fold(_norm(value)))
        addresses = {_norm(truth.get("address")), _norm(truth.get("current_address"))} - {""}
        if addresses:
            got = (result.get("fields") or {}).get("address") or front_fields.get("address")
            bucket["address"].append(got is not None and _norm(got["value"]) in addresses)

    def rate(hits: list[bool]) -> dict[str, Any]:
        return {"rate": (sum(hits) / len(hits)) if hits else None, "n": len(hits)}

    return {
        "fields_legible": {k: rate(v) for k, v in field_hits.items()},
        "fields_heavy": {k: rate(v) for k, v in field_hits_heavy.items()},
        "name_variants_folded": rate(name_folded),
        "type_accuracy": rate(type_hits),
        "type_accuracy_read": rate(type_hits_read),
        "confusion": {f"{e}->{d}": n for (e, d), n in sorted(confusion.items())},
        "false_accepts": false_accepts,
        "auto_approval": {"rate": approved_genuine / genuine if genuine else None, "n": genuine},
        "p50_s": statistics.median(per_image_s) if per_image_s else None,
        "p95_s": statistics.quantiles(per_image_s, n=20)[18] if len(per_image_s) >= 20 else None,
        "errors": errors,
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def report(runs: list[dict[str, Any]], n: int, source: str, workers: int, command: str) -> str:
    out = [
        "# Pipeline benchmark",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; {workers} worker processes per engine.",
        f"Command: `{command}`; {n} generated cases ({source}), the same set for every engine.",
        "",
        "Field exact match (after NFKC and spacing) on the clean and moderately degraded families,",
        "then on the heavily degraded but legible family. Images that show a My Number are deleted unread",
        "by design and are left out of the field rates; `doc type (read)` counts only photos that passed",
        "the legibility checks (a refused photo is never classified).",
        "",
        "| engine | name | name, variants folded | birthdate | expiry | address | heavy: name | birthdate | expiry"
        " | address | doc type (all / read) | auto-approval | false accepts | p50 s/image | p95 s/image"
        " | peak RSS MB | wall s |",
        "|---|" + "---|" * 17,
    ]
    for run in runs:
        s = run["score"]
        fl, fh = s["fields_legible"], s["fields_heavy"]
        out.append(
            f"| {run['engine']} | {_pct(fl['name']['rate'])} (n={fl['name']['n']}) | "
            f"{_pct(s['name_variants_folded']['rate'])} | "
            + " | ".join(f"{_pct(fl[k]['rate'])} (n={fl[k]['n']})" for k in fl if k != "name") + " | "
            + " | ".join(_pct(fh[k]["rate"]) for k in fh) + " | "
            + f"{_pct(s['type_accuracy']['rate'])} / {_pct(s['type_accuracy_read']['rate'])} | "
            f"{_pct(s['auto_approval']['rate'])} (n={s['auto_approval']['n']}) | "
            f"**{len(s['false_accepts'])}** | {s['p50_s']:.2f} | {(s['p95_s'] or 0):.2f} | "
            f"{run['peak_rss_mb']:.0f} | {run['wall_s']:.0f} |"
        )
    out += ["", "Decision confusion (expected -> decided):", ""]
    for run in runs:
        s = run["score"]
        out.append(f"- **{run['engine']}**: " + ", ".join(f"{k} {v}" for k, v in s["confusion"].items())
                   + (f"; false accepts: {', '.join(s['false_accepts'])}" if s["false_accepts"] else "")
                   + (f"; errors {s['errors']}" if s["errors"] else ""))
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--cases", type=Path, help="use this cases.jsonl instead of generating one")
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks" / "pipeline.md")
    parser.add_argument("--score-only", action="store_true",
                        help="score the results-<engine>.jsonl already next to --cases, without running anything")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run_one:
        print(json.dumps(run_engine(args.run_one, args.cases, args.results, args.workers)))
        return

    cases_path = args.cases
    if cases_path is None:
        cases_path = ROOT / "var" / "bench" / f"cases-n{args.n}-s{args.seed}" / "cases.jsonl"
        if not cases_path.exists():
            from samples.generate import generate_cases

            print(f"generating {args.n} cases into {cases_path.parent}", file=sys.stderr)
            generate_cases(args.n, args.seed, cases_path.parent, workers=args.workers)
    cases = {c["id"]: c for c in map(json.loads, cases_path.read_text(encoding="utf-8").splitlines())}
    runs = []
    for engine in args.engines.split(","):
        results = cases_path.parent / f"results-{engine}.jsonl"
        if args.score_only:
            run = {"engine": engine, "wall_s": float("nan"), "peak_rss_mb": float("nan"), "cases": len(cases)}
        else:
            print(f"running {engine} ...", file=sys.stderr)
            proc = subprocess.run(
                [sys.executable, "-m", "bench.bench_pipeline", "--run-one", engine, "--cases", str(cases_path),
                 "--results", str(results), "--workers", str(args.workers)],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )
            run = json.loads(proc.stdout.strip().splitlines()[-1])
        run["score"] = score(cases, [json.loads(x) for x in results.read_text(encoding="utf-8").splitlines()])
        runs.append(run)
        print(json.dumps({k: run[k] for k in ("engine", "wall_s", "peak_rss_mb")} | {
            "false_accepts": len(run["score"]["false_accepts"]), "fields": run["score"]["fields_legible"]},
            ensure_ascii=False), file=sys.stderr)
    command = "python -m bench.bench_pipeline " + " ".join(sys.argv[1:])
    source = f"seed {args.seed}" if args.cases is None else str(args.cases)
    text = report(runs, len(cases), source, args.workers, command)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    (args.report.with_suffix(".json")).write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
