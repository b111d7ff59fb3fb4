"""generate_cases: byte-identical output per seed, decodable images, no My Number in any text file."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from honnin.cli import app
from samples.cases import build, plan
from samples.generate import AS_OF, generate_cases, load_cases
from samples.numbers import is_valid_my_number

N = 4  # licence, My Number front, residence card, My Number back (the start of the core tour)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("set")
    cases = generate_cases(N, 9, out, max_side=700)
    return out, cases


def _files(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_the_same_seed_gives_byte_identical_files_with_or_without_workers(generated, tmp_path):
    out, _ = generated
    generate_cases(N, 9, tmp_path, max_side=700, workers=2)
    assert _files(out) == _files(tmp_path)


def test_another_seed_gives_other_photos(generated, tmp_path):
    out, _ = generated
    generate_cases(1, 10, tmp_path, max_side=700)
    assert (out / "c0001_front.jpg").read_bytes() != (tmp_path / "c0001_front.jpg").read_bytes()


def test_every_listed_image_exists_and_decodes(generated):
    out, _ = generated
    records = load_cases(out)
    assert [r["id"] for r in records] == [f"c{i:04d}" for i in range(1, N + 1)]
    for r in records:
        assert r["images"]["front"]
        for name in filter(None, r["images"].values()):
            with Image.open(out / name) as im:
                im.load()
                assert im.format == "JPEG"


def test_the_my_number_never_reaches_cases_jsonl(generated):
    out, _ = generated
    records = load_cases(out)
    back = next(r for r in records if r["document"]["type"] == "my_number_back")
    assert back["expected_reasons"] == ["my_number_visible"] and back["truth"]["number"] is None
    # Rebuild the same card from its seed (building is deterministic) and read the number from its QR code.
    spec = plan(N, 9, AS_OF)[int(back["id"][1:]) - 1]
    card = np.asarray(build(spec).images["front"].image)
    number, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.cvtColor(card, cv2.COLOR_RGB2BGR))
    assert is_valid_my_number(number)
    for path in out.iterdir():
        if path.suffix != ".jpg":
            assert number not in path.read_text(encoding="utf-8")


def test_records_carry_the_documented_keys(generated):
    out, _ = generated
    for r in load_cases(out):
        assert {"id", "as_of", "registration", "images", "document", "truth", "expected", "expected_reasons",
                "tags"} <= set(r)
        assert {"name_kanji", "name_kana", "name_romaji", "birthdate", "address", "contract_type"} <= set(
            r["registration"])
        assert any(t.startswith(("quality:", "unusable:")) for t in r["tags"])
        assert len(r["photos"]["front"]["corners"]) == 4
        json.dumps(r)


def test_the_cli_writes_a_set_and_prints_a_summary(tmp_path):
    result = CliRunner().invoke(app, ["samples", "generate", "--out", str(tmp_path), "--n", "2", "--seed", "1",
                                      "--max-side", "600", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "2 cases" in result.output
    assert len(load_cases(tmp_path)) == 2
