"""Measure the OCR stage per engine on generated cases: field exact-match rate, document type accuracy, time.

Usage:
    honnin samples generate --out /tmp/ocrbench --n 60 --seed 7
    python bench/bench_ocr.py /tmp/ocrbench [--engines rapidocr,tesserocr,pytesseract] [--limit N]

Each image goes through intake (`run_intake`: format gate, locate, rectify) and then `read_document`.
Images intake rejects as unusable are still read when a card was located (the score then shows how
OCR fares on them) and counted apart. Prints a markdown table; figures go to docs/benchmarks/ocr.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np

from intake.run import run_intake
from matching.normalize import dashes_in_numbers, normalize, remove_spaces
from ocr.engines import get_engine
from ocr.read import read_document

FIELDS = ("name", "birthdate", "address", "expiry", "number")


def canon(value: str | None) -> str | None:
    """Notation-free form for exact matching: NFKC, dashes, no spaces, upper case."""
    if value is None:
        return None
    return remove_spaces(dashes_in_numbers(normalize(value))).upper()


def field_value(fields, name: str) -> str | None:  # noqa: ANN001
    fv = (fields.name_romaji or fields.name) if name == "name" else getattr(fields, name)
    return fv.value if fv is not None else None


def rectified(data: bytes) -> tuple[np.ndarray | None, bool]:
    result = run_intake(data)
    if result.located is not None and result.located.found:
        return result.located.rectified, result.usable
    if result.loaded is not None:
        return result.loaded.bgr, False
    return None, False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases_dir", type=Path)
    ap.add_argument("--engines", default="rapidocr,tesserocr,pytesseract")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--rapid-det-side", type=int, default=0, help="build rapidocr with this detection size")
    args = ap.parse_args()
    cv2.setNumThreads(1)

    cases = [json.loads(line) for line in (args.cases_dir / "cases.jsonl").read_text().splitlines() if line.strip()]
    if args.limit:
        cases = cases[: args.limit]
    # (image bytes, role, truth doc {type, side}, truth fields or None)
    items = []
    for case in cases:
        doc, truth = case.get("document") or {}, case.get("truth") or {}
        for role, name in (case.get("images") or {}).items():
            sub = doc if role == "front" else doc.get(role)
            if not isinstance(sub, dict) or "type" not in sub:
                continue
            if role == "front":
                want = {f: truth.get(f) for f in FIELDS}
                if truth.get("name_romaji") and sub["type"] in ("passport", "residence_card"):
                    want["name"] = truth["name_romaji"]  # these print the romaji name only
            elif role == "back":
                want = {"address": truth.get("current_address")}
            else:
                sup = truth.get(role) or {}
                want = {"name": sup.get("name"), "address": sup.get("address"), "issue_date": sup.get("issued")}
            items.append((case.get("id"), (args.cases_dir / name).read_bytes(), role, sub, want))

    t0 = time.perf_counter()
    prepared = [(cid, *rectified(data), role, sub, want) for cid, data, role, sub, want in items]
    intake_s = (time.perf_counter() - t0) / max(1, len(prepared))

    report = {"cases": len(cases), "images": len(prepared), "intake_s_per_image": round(intake_s, 3), "engines": {}}
    if args.json and args.json.exists():  # runs of one engine at a time accumulate in one file
        report["engines"] = json.loads(args.json.read_text()).get("engines", {})
    for name in args.engines.split(","):
        t_load = time.perf_counter()
        if name == "rapidocr" and args.rapid_det_side:
            from ocr.engines.rapid import RapidEngine

            engine = RapidEngine(threads=args.threads, det_side=args.rapid_det_side)
            name = f"rapidocr-det{args.rapid_det_side}"
        else:
            engine = get_engine(name, threads=args.threads)
        load_s = time.perf_counter() - t_load
        hits: dict[str, list[bool]] = defaultdict(list)
        hits_usable: dict[str, list[bool]] = defaultdict(list)
        type_ok, side_ok, times, misses = [], [], [], []
        for cid, card, usable, role, sub, want in prepared:
            if card is None:
                continue
            t = time.perf_counter()
            result = read_document(card, engine)
            times.append(time.perf_counter() - t)
            type_ok.append(result.classification.type.value == sub["type"])
            side_ok.append(result.classification.side.value == sub.get("side", "front"))
            if not type_ok[-1]:
                misses.append(f"{cid}:{role}: {sub['type']} -> {result.classification.type.value}")
            for f, truth in want.items():
                if truth is None:
                    continue
                ok = canon(field_value(result.fields, f)) == canon(truth)
                key = f if role == "front" else f"{role}_{f}"
                hits[key].append(ok)
                if usable:
                    hits_usable[key].append(ok)
        report["engines"][name] = {
            "version": engine.version,
            "load_s": round(load_s, 2),
            "s_per_image_mean": round(statistics.mean(times), 3) if times else None,
            "s_per_image_median": round(statistics.median(times), 3) if times else None,
            "type_accuracy": round(sum(type_ok) / len(type_ok), 3) if type_ok else None,
            "side_accuracy": round(sum(side_ok) / len(side_ok), 3) if side_ok else None,
            "fields": {k: [sum(v), len(v)] for k, v in sorted(hits.items())},
            "fields_usable": {k: [sum(v), len(v)] for k, v in sorted(hits_usable.items())},
            "type_misses": misses,
        }
        print(f"{name}: done", file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))

    print_markdown(report)
    return 0


def print_markdown(report: dict) -> None:
    engines = report["engines"]
    names = list(engines)
    print(f"{report['cases']} cases, {report['images']} images; intake {report['intake_s_per_image']} s/image\n")
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    rows = [("seconds per image (mean)", "s_per_image_mean"), ("seconds per image (median)", "s_per_image_median"),
            ("document type accuracy", "type_accuracy"), ("side accuracy", "side_accuracy")]
    for label, key in rows:
        print(f"| {label} | " + " | ".join(str(engines[n][key]) for n in names) + " |")
    keys = sorted({k for n in names for k in engines[n]["fields"]})
    for scope in ("fields", "fields_usable"):
        for k in keys:
            cells = []
            for n in names:
                ok, total = engines[n][scope].get(k, [0, 0])
                cells.append(f"{ok}/{total} ({ok / total:.0%})" if total else "-")
            suffix = " (intake-usable only)" if scope == "fields_usable" else ""
            print(f"| {k} exact{suffix} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
