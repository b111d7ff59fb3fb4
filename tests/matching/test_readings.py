from pathlib import Path

import pytest

from matching import readings
from matching.readings import is_plausible_reading

pytestmark = pytest.mark.skipif(
    not (readings.EDICT_DIR / "enamdict").exists(), reason="Debian enamdict/kanjidic not installed"
)


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [
        ("中島", "なかじま"),
        ("中島", "なかしま"),  # both readings exist
        ("山田 太郎", "ヤマダ タロウ"),
        ("服部", "はっとり"),
        ("佐々木", "ささき"),  # 々
        ("髙橋", "たかはし"),  # variant kanji looked up through its standard form
        ("大内", "おおうち"),
        ("大内", "おうち"),  # long vowel dropped
        ("幸次", "こおじ"),  # long vowel written with お
        ("草ナギ", "くさなぎ"),  # katakana inside the kanji name
        ("日本 花子", "にほん はなこ"),
    ],
)
def test_real_readings_are_plausible(kanji, kana):
    assert is_plausible_reading(kanji, kana)


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [("山田", "すずき"), ("田中", "やまだ"), ("山田 太郎", "やまだ はなこ"), ("日本 花子", "にほん たろう")],
)
def test_other_names_readings_are_not(kanji, kana):
    assert not is_plausible_reading(kanji, kana)


def test_index_is_cached_on_disk_keyed_by_the_dictionaries(tmp_path, monkeypatch):
    monkeypatch.setattr(readings, "CACHE_DIR", tmp_path)
    readings.reading_index.cache_clear()
    try:
        first = readings.reading_index()
        files = list(Path(tmp_path).glob("readings_*.pickle"))
        assert len(files) == 1
        assert "kanjidic" in files[0].name and "enamdict" in files[0].name
        readings.reading_index.cache_clear()
        assert readings.reading_index().chars["山"] == first.chars["山"]
    finally:
        readings.reading_index.cache_clear()
