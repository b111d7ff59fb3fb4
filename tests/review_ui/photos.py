"""Photos for the web tests: a synthetic card photo intake accepts, and a tiny JPEG it refuses."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def card_photo() -> bytes:
    from tests.intake.synth import jpeg, photo, tilted_corners

    return jpeg(photo(tilted_corners()))


def tiny_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (128, 128, 128)).save(buf, "JPEG")
    return buf.getvalue()


def sample_case(doc_type: str, tmp_dir: Path) -> tuple[dict, Path]:
    """The first case of `doc_type` in samples/fixed (committed), else in a freshly generated set."""
    for folder in (ROOT / "samples" / "fixed", tmp_dir):
        if not (folder / "cases.jsonl").exists():
            if folder != tmp_dir:
                continue
            from samples.generate import generate_cases

            generate_cases(6, 5, folder)  # this seed's first six cover a licence and a My Number back
        for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if case["document"]["type"] == doc_type:
                return case, folder
    raise LookupError(doc_type)
