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


def test_index_is_built_from_the_system_files_and_cached_keyed_by_them(tmp_path, monkeypatch):
    # Tiny dictionaries in the EDRDG formats (EUC-JP), so the test does not parse the real 26 MB file.
    edict = tmp_path / "edict"
    edict.mkdir()
    (edict / "kanjidic").write_bytes("山 3B33 U5c71 B46 S3 サン やま {mountain}\n".encode("euc_jp"))
    (edict / "enamdict").write_bytes(
        "山田 [やまだ] /(s) Yamada/\n山田 [やまだえき] /(st) Yamada Station/\n".encode("euc_jp")
    )
    monkeypatch.setattr(readings, "EDICT_DIR", edict)
    monkeypatch.setattr(readings, "CACHE_DIR", tmp_path / "cache")
    readings.reading_index.cache_clear()
    try:
        index = readings.reading_index()
        assert index.chars["山"] == ("さん", "やま")
        assert index.words["山田"] == ("やまだ",)  # the station entry is not a person's name
        files = list((tmp_path / "cache").glob("readings_*.pickle"))
        assert len(files) == 1 and "kanjidic" in files[0].name and "enamdict" in files[0].name
        readings.reading_index.cache_clear()
        assert readings.reading_index() == index  # read back from the cache
    finally:
        readings.reading_index.cache_clear()
        readings._plausible.cache_clear()
