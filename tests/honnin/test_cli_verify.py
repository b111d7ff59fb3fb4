"""`honnin verify` as other tools run it: a subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REG = {
    "name_kanji": "日本 花子",
    "name_kana": "ニホン ハナコ",
    "birthdate": "1986-05-01",
    "address": "東京都千代田区霞が関2-1-2",
    "contract_type": "data_sim",
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def run_verify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "honnin.cli", "verify", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def reg_file(tmp_path: Path) -> Path:
    path = tmp_path / "reg.json"
    path.write_text(json.dumps(REG, ensure_ascii=False), encoding="utf-8")
    return path


def _assert_usage_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "must be a JSON object"),
        (json.dumps({**REG, "birthdate": "1986-02-30"}).encode(), "birthdate"),
        (json.dumps({k: v for k, v in REG.items() if k != "address"}).encode(), "address"),
        (json.dumps({**REG, "contract_type": "fax"}).encode(), "contract_type"),
    ],
)
def test_a_bad_registration_is_a_usage_error_with_a_clear_message(tmp_path, content, needle):
    reg = tmp_path / "reg.json"
    reg.write_bytes(content)
    front = tmp_path / "front.jpg"
    front.write_bytes(b"")
    _assert_usage_error(run_verify("--registration", str(reg), "--front", str(front), "--json"), needle)


def test_a_missing_image_is_a_usage_error(reg_file, tmp_path):
    _assert_usage_error(run_verify("--registration", str(reg_file), "--front", str(tmp_path / "nope.jpg")),
                        "not found")


def test_an_unknown_engine_and_a_bad_date_are_usage_errors(reg_file, tmp_path):
    front = tmp_path / "f.jpg"
    front.write_bytes(b"")
    _assert_usage_error(run_verify("--registration", str(reg_file), "--front", str(front), "--engine", "gpt"),
                        "unknown engine")
    _assert_usage_error(run_verify("--registration", str(reg_file), "--front", str(front), "--as-of", "22/11/2026"),
                        "--as-of")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (PNG, "not_jpeg"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_jpeg"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "not_jpeg"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "corrupt_jpeg"),
    ],
)
def test_a_bad_image_is_a_decision_not_a_crash(reg_file, tmp_path, content, code):
    front = tmp_path / "front.jpg"
    front.write_bytes(content)
    proc = run_verify("--registration", str(reg_file), "--front", str(front), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["decision"] == "resubmit"
    assert [r["code"] for r in result["reasons"]] == [code]
    assert result["reasons"][0]["message_ja"] and result["reasons"][0]["message_en"]
    assert result["images"]["front"]["kept"] is False
