"""The committed fixed set is what its documented command produces, and it tours every family."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from samples.generate import generate_cases, load_cases

FIXED = Path(__file__).resolve().parents[2] / "samples" / "fixed"
# docs/samples.md: honnin samples generate --out samples/fixed --n 34 --seed 2026 --max-side 1024
SEED, MAX_SIDE, N = 2026, 1024, 34


def test_the_first_fixed_cases_regenerate_byte_for_byte(tmp_path):
    generate_cases(3, SEED, tmp_path, max_side=MAX_SIDE)
    for name in ("c0001_front.jpg", "c0002_front.jpg", "c0003_front.jpg"):
        assert (tmp_path / name).read_bytes() == (FIXED / name).read_bytes(), name
    fresh = (tmp_path / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    committed = (FIXED / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    assert fresh == committed[:3]


def test_the_fixed_set_is_small_and_every_image_decodes():
    records = load_cases(FIXED)
    assert len(records) == N
    total = sum(p.stat().st_size for p in FIXED.iterdir())
    assert total <= 5_000_000
    for r in records:
        for name in filter(None, r["images"].values()):
            with Image.open(FIXED / name) as im:
                im.load()


def test_the_fixed_set_covers_every_document_type_and_family():
    records = load_cases(FIXED)
    types = {r["document"]["type"] for r in records} | {
        r["document"][k]["type"] for r in records for k in ("back", "supplementary") if k in r["document"]}
    assert types == {"drivers_license", "my_number_front", "my_number_back", "residence_card", "passport",
                     "health_insurance", "residence_certificate", "utility_receipt", "unknown"}
    tags = {t for r in records for t in r["tags"]}
    families = {"quality:clean", "quality:moderate", "quality:heavy", "unusable:blurry", "unusable:cut_off",
                "unusable:too_small", "unusable:glare", "unusable:dark", "mismatch:house_number",
                "mismatch:town_char", "mismatch:birth_day", "mismatch:given_name", "expired", "variant_kanji",
                "unregisterable_kanji", "back_address_change", "foreign"}
    assert families <= tags
    assert {r["expected"] for r in records} == {"approved", "resubmit"}


def test_tagged_orientations_match_the_stored_jpegs():
    seen = set()
    for r in load_cases(FIXED):
        tag = next((t for t in r["tags"] if t.startswith("exif_orientation:")), "exif_orientation:1")
        expected = int(tag.split(":")[1])
        with Image.open(FIXED / r["images"]["front"]) as im:
            assert im.getexif().get(0x0112) == expected
            upright = (r["photos"]["front"]["width"], r["photos"]["front"]["height"])
            assert im.size == (upright if expected in (1, 3) else upright[::-1])
        seen.add(expected)
    assert {1, 6} <= seen
