"""`honnin match` as a subprocess over good and bad lines."""

import json
import subprocess
import sys

LINES = [
    {
        "field": "address",
        "registered": "東京都千代田区霞が関2-1-2",
        "observed": "東京都千代田区霞ヶ関二丁目1番2号",
    },
    {"field": "address", "registered": "東京都千代田区霞が関2-1-2", "observed": "東京都千代田区霞が関2-1-7"},
    {"field": "birthdate", "registered": "1986-05-01", "observed": "昭和61年 5月 1日生"},
    {"field": "name", "registered": {"kanji": "山田 太郎"}, "observed": {"kanji": "山田 次郎"}},
    {"field": "name", "registered": {"kana": "ナンバ"}, "observed": {"romaji": "NAMBA"}},
    "this is not json",
    {"field": "phone", "registered": "a", "observed": "b"},
    {"field": "address", "registered": "東京都"},
    {"field": "birthdate", "registered": "1986-02-30", "observed": "1986-02-28"},
    {"field": "birthdate", "registered": "1986-02-28", "observed": "平成32年1月1日"},
    {"field": "name", "registered": {"kanji": "山田"}, "observed": {"kanji": "山田", "kana": "やまだ"}},
    {"field": "name", "registered": "山田", "observed": {"kanji": "山田"}},
    [1, 2],
]


def run_cli(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from honnin.cli import main; main()", "match", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_line_gets_one_answer_in_order_and_bad_lines_are_errors():
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in LINES) + "\n"
    proc = run_cli(stdin, "--jsonl", "-")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["verdict"] for o in out] == [
        "match", "mismatch", "match", "mismatch", "match",
        "error", "error", "error", "error", "error", "error", "error", "error",
    ]  # fmt: skip
    assert out[1]["detail"] and 0.0 <= out[1]["score"] <= 1.0
    assert all(o["message"] for o in out if o["verdict"] == "error")
    assert "Traceback" not in proc.stderr


def test_reads_a_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(LINES[0], ensure_ascii=False) + "\n", encoding="utf-8")
    proc = run_cli("", "--jsonl", str(path))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["verdict"] == "match"
