"""Orchestration: plan cases, render and photograph each one, write the JPEGs and cases.jsonl."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from samples.cases import UNUSABLE_REASON, CaseSpec, build, plan
from samples.photo import photograph, plan_shot

AS_OF = dt.date(2026, 11, 22)
DEFAULT_MAX_SIDE = 2600
CASES_FILE = "cases.jsonl"


@dataclass(frozen=True)
class Case:
    """One line of cases.jsonl: a registration, its photos, the truth and the expected decision."""

    id: str
    as_of: str
    registration: dict
    images: dict  # role -> file name relative to cases.jsonl, or None
    document: dict
    truth: dict
    expected: str
    expected_reasons: list
    tags: list
    photos: dict  # role -> geometry and photographing parameters (corners in the upright photo)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def render_case(spec: CaseSpec, out_dir: Path, max_side: int = DEFAULT_MAX_SIDE) -> Case:
    """Build one case from its own seed and write its JPEGs into out_dir."""
    import cv2

    cv2.setNumThreads(1)  # the pool provides the parallelism; keep each worker single-threaded
    built = build(spec)
    rng = random.Random(spec.seed + ":photo")
    gen = np.random.default_rng(rng.getrandbits(64))
    images: dict[str, str | None] = {"front": None, "back": None, "supplementary": None}
    photos: dict[str, dict] = {}
    tags = [("unusable:" if spec.quality in UNUSABLE_REASON else "quality:") + spec.quality,
            f"scenario:{spec.scenario}", f"doc:{built.document['type']}"]
    details: dict[str, str] = {}
    for role in ("front", "back", "supplementary"):
        doc = built.images.get(role)
        if doc is None:
            continue
        family = spec.quality if role == "front" else rng.choice(["clean", "clean", "moderate"])
        taken = spec.as_of - dt.timedelta(days=rng.randint(0, 3))
        shot = plan_shot(rng, family, taken=taken)
        glare_box = doc.boxes.get(built.glare_field) or doc.boxes.get("name") if family == "glare" else None
        data, meta = photograph(doc, shot, gen, max_side=max_side, glare_box=glare_box)
        name = f"{spec.id}_{role}.jpg"
        (out_dir / name).write_bytes(data)
        images[role] = name
        photos[role] = meta
        if role == "front":
            if shot.orientation != 1:
                tags.append(f"exif_orientation:{shot.orientation}")
            turn = round(shot.roll / 90) % 4
            if turn:
                tags.append(f"card_rotated:{turn * 90}")
            if shot.gps:
                tags.append("exif:gps")
            if shot.cut_edge:
                details["edge"] = shot.cut_edge
                tags.append(f"edge:{shot.cut_edge}")
    tags += [t for t in built.tags if t not in tags]
    truth = dict(built.truth)
    return Case(
        id=spec.id, as_of=spec.as_of.isoformat(), registration=built.registration, images=images,
        document=built.document, truth=truth, expected=built.expected, expected_reasons=built.reasons,
        tags=tags, photos={"expected_details": details, **photos},
    )


def _render_one(args: tuple[CaseSpec, str, int]) -> Case:
    spec, out, max_side = args
    return render_case(spec, Path(out), max_side)


def generate_cases(n: int, seed: int, out_dir: Path | str, *, as_of: dt.date = AS_OF,
                   max_side: int = DEFAULT_MAX_SIDE, workers: int = 1,
                   on_case: Callable[[Case], None] | None = None) -> list[Case]:
    """Write n cases (JPEGs + cases.jsonl) into out_dir. The same arguments give identical bytes,
    whatever `workers` is: every case draws only from its own seed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    specs = plan(n, seed, as_of)
    jobs = [(s, str(out), max_side) for s in specs]
    cases: list[Case] = []
    if workers > 1 and n > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for case in pool.map(_render_one, jobs, chunksize=1):
                cases.append(case)
                if on_case:
                    on_case(case)
    else:
        for job in jobs:
            case = _render_one(job)
            cases.append(case)
            if on_case:
                on_case(case)
    with (out / CASES_FILE).open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(case.to_json() + "\n")
    return cases


def load_cases(path: Path | str) -> list[dict]:
    """Read cases.jsonl (a file or the directory holding it) as plain dicts."""
    p = Path(path)
    if p.is_dir():
        p = p / CASES_FILE
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
