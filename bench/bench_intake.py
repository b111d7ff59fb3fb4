"""Measure the intake stage on a generated sample set: document found, quad accuracy, reasons vs truth, speed.

    honnin samples generate --out /tmp/intake_set --n 240 --seed 7
    .venv/bin/python -m bench.bench_intake /tmp/intake_set [--json out.json]

Each photo's shot family (clean / moderate / heavy are legible; blurry / cut_off / too_small / glare /
dark are not) comes from the generator's plan; the corners it records give the quad's IoU.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from intake.geometry import order_corners, quad_iou
from intake.run import run_intake

LEGIBLE = ("clean", "moderate", "heavy")
# The reason each unusable family should produce.
EXPECTED = {"blurry": "blurry", "cut_off": "card_cut_off", "too_small": "card_too_small", "glare": "glare",
            "dark": "too_dark"}


def measure(root: Path) -> list[dict]:
    rows = []
    for line in (root / "cases.jsonl").read_text().splitlines():
        case = json.loads(line)
        photos = case.get("photos", {})
        for role, name in case["images"].items():
            if not name:
                continue
            shot = photos.get(role) or {}
            data = (root / name).read_bytes()
            start = time.perf_counter()
            result = run_intake(data)
            elapsed = time.perf_counter() - start
            iou = None
            if result.located is not None and result.located.found and shot.get("corners"):
                iou = quad_iou(result.located.quad, order_corners(np.float32(shot["corners"])))
            q = result.quality
            rows.append({
                "case": case["id"], "role": role, "doc": case["document"]["type"],
                "family": (shot.get("plan") or {}).get("family", "unknown"),
                "codes": [r.code.value for r in result.reasons], "usable": result.usable,
                "found": bool(result.located and result.located.found), "iou": iou, "seconds": elapsed,
                "card_px": shot.get("card_px"), "width_px": q.card_width_px if q else None,
                "sharpness": q.sharpness if q else None, "glare": q.glare_fraction if q else None,
                "brightness": q.brightness if q else None,
            })
    return rows


def report(rows: list[dict]) -> str:
    out = [f"photos: {len(rows)}", ""]
    framed = [r for r in rows if r["family"] != "cut_off" and r["doc"] != "unknown"]
    found = [r for r in framed if r["found"]]
    ious = [r["iou"] for r in found if r["iou"] is not None]
    out.append(f"document found (whole document in frame): {len(found)}/{len(framed)}"
               f" = {len(found) / max(1, len(framed)):.1%}")
    if ious:
        out.append(f"quad IoU vs truth: median {statistics.median(ious):.3f}, >= 0.9 in "
                   f"{sum(i >= 0.9 for i in ious) / len(ious):.1%}, >= 0.8 in {sum(i >= 0.8 for i in ious) / len(ious):.1%}")
    out += ["", "| family | photos | usable | expected reason given | reasons given (count) |", "|---|---|---|---|---|"]
    by_family: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_family[r["family"]].append(r)
    for family in sorted(by_family, key=lambda f: (f not in LEGIBLE, f)):
        group = by_family[family]
        codes = Counter(c for r in group for c in set(r["codes"]))
        want = EXPECTED.get(family)
        hit = f"{sum(want in r['codes'] for r in group)}/{len(group)}" if want else "-"
        listed = ", ".join(f"{c} {n}" for c, n in codes.most_common())
        out.append(f"| {family} | {len(group)} | {sum(r['usable'] for r in group)}/{len(group)} | {hit} | {listed} |")
    legible = [r for r in rows if r["family"] in LEGIBLE]
    unusable = [r for r in rows if r["family"] in EXPECTED]
    if legible:
        out.append(f"\nfalse rejections (legible photo sent back): {sum(not r['usable'] for r in legible)}/{len(legible)}"
                   f" = {sum(not r['usable'] for r in legible) / len(legible):.1%}")
        docs = [r for r in legible if r["doc"] != "unknown"]  # non-documents are refused later anyway
        out.append(f"of them on real documents (non-document photos left out): {sum(not r['usable'] for r in docs)}"
                   f"/{len(docs)} = {sum(not r['usable'] for r in docs) / max(1, len(docs)):.1%}")
    if unusable:
        out.append(f"unusable photos let through: {sum(r['usable'] for r in unusable)}/{len(unusable)}"
                   f" = {sum(r['usable'] for r in unusable) / len(unusable):.1%}")
    secs = sorted(r["seconds"] for r in rows)
    out.append(f"time per photo: median {statistics.median(secs):.2f} s, p95 {secs[int(0.95 * (len(secs) - 1))]:.2f} s")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--json", type=Path, help="also write every photo's measurements here")
    args = parser.parse_args()
    rows = measure(args.root)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print(report(rows))


if __name__ == "__main__":
    main()
