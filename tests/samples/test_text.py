"""Romaji, era dates and address notations produced by the generator."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import pytest

from samples import addresses as A
from samples.kana import hepburn
from samples.wareki import wareki


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [("サトウ", "SATO"), ("オオノ", "ONO"), ("イノウエ", "INOUE"), ("ナンバ", "NAMBA"), ("ハットリ", "HATTORI"),
     ("ユウイチ", "YUICHI"), ("シンイチ", "SHINICHI"), ("ジュンペイ", "JUMPEI"), ("キョウヘイ", "KYOHEI")],
)
def test_passport_hepburn_drops_long_vowels_and_writes_m_before_labials(kana, romaji):
    assert hepburn(kana) == romaji


def test_era_boundaries_and_gannen():
    assert wareki(dt.date(1989, 1, 7)) == "昭和64年1月7日"
    assert wareki(dt.date(1989, 1, 8)) == "平成元年1月8日"
    assert wareki(dt.date(2019, 5, 1), pad="0", gannen=False) == "令和01年05月01日"
    assert wareki(dt.date(1986, 5, 1), pad=" ", suffix="生") == "昭和61年 5月 1日生"


_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _kanji_int(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI[tens] if tens else 1) * 10 + (_KANJI[ones] if ones else 0)
    return _KANJI[text]


def norm(address: str) -> str:
    """A small reference normaliser for the notations the generator promises are equivalent."""
    s = unicodedata.normalize("NFKC", address).replace("ヶ", "ケ").replace(" ", "")
    s = re.sub(r"([一二三四五六七八九十]+)丁目", lambda m: f"{_kanji_int(m.group(1))}丁目", s)
    s = re.sub(r"(\d+)丁目", r"\1-", s)
    s = re.sub(r"(\d+)番地?", r"\1-", s)
    s = re.sub(r"(\d+)号(?!室)", r"\1", s)
    s = re.sub(r"-(?=\D|$)", "", s)
    for pref, *_ in A.PLACES:
        if s.startswith(pref):
            return s[len(pref):]
    return s


def test_registration_notation_differs_in_writing_but_names_the_same_place():
    rng = random.Random(11)
    differing = 0
    for _ in range(300):
        addr = A.make_address(rng)
        card = A.card_notation(rng, rng.choice(["drivers_license", "my_number_front", "other"]))
        reg = A.registration_notation(rng, card, addr)
        assert norm(addr.render(card)) == norm(addr.render(reg))
        differing += addr.render(card) != addr.render(reg)
    assert differing == 300


def test_prefecture_is_omitted_only_for_cities_that_name_one_place():
    rng = random.Random(3)
    for _ in range(300):
        addr = A.make_address(rng)
        reg = addr.render(A.registration_notation(rng, A.Notation(), addr))
        if not reg.startswith(addr.pref):
            assert addr.pref_optional


def test_controlled_address_changes_name_a_different_place():
    rng = random.Random(7)
    for _ in range(200):
        addr = A.make_address(rng, town_swappable=True)
        n = A.Notation()
        assert norm(A.house_number_changed(rng, addr).render(n)) != norm(addr.render(n))
        changed = A.town_char_changed(rng, addr)
        assert changed.town != addr.town and len(changed.town) == len(addr.town)
        assert sum(a != b for a, b in zip(changed.town, addr.town, strict=True)) == 1
