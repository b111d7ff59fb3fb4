from __future__ import annotations

import pytest

from matching import compare_address
from matching.confusion import confusable, misread_positions


@pytest.mark.parametrize("a,b", [("バ", "パ"), ("ハ", "バ"), ("ソ", "ゾ"), ("ほ", "ぽ"), ("ウ", "ヴ"), ("ハ", "八")])
def test_a_lost_or_changed_sound_mark_is_a_look_alike(a, b):
    assert confusable(a, b) and confusable(b, a)


def test_kana_of_different_rows_are_not_look_alikes():
    assert not confusable("カ", "サ")
    assert misread_positions("メゾン", "メラン") is None


def test_a_building_read_without_its_sound_mark_goes_to_a_person_not_back_to_the_applicant():
    registered = "静岡県静岡市葵区追手町1-13-14パークサイド1108号室"
    read = "静岡県静岡市葵区追手町1丁目13番14号バークサイド1108号室"
    assert compare_address(registered, read).verdict.value == "uncertain"
    other = "静岡県静岡市葵区追手町1丁目13番14号レイクサイド1108号室"
    assert compare_address(registered, other).verdict.value == "mismatch"


def test_a_katakana_stand_in_against_the_look_alike_the_engine_printed_goes_to_a_person():
    from matching import ObservedName, RegisteredName, compare_name

    registered = RegisteredName(kanji="草ナギ 誠", kana="クサナギ マコト")
    assert compare_name(registered, ObservedName(kanji="草剪 誠")).verdict.value == "uncertain"
    assert compare_name(registered, ObservedName(kanji="草彅 誠")).verdict.value == "match"
    assert compare_name(registered, ObservedName(kanji="草野 誠")).verdict.value == "mismatch"
