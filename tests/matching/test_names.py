import pytest

from matching import ObservedName, RegisteredName, compare_name
from matching.readings import EDICT_DIR
from matching.result import Verdict

needs_dictionaries = pytest.mark.skipif(not (EDICT_DIR / "enamdict").exists(), reason="no enamdict")


def kanji_vs(registered: str, kana: str | None, card: str):
    return compare_name(RegisteredName(kanji=registered, kana=kana), ObservedName(kanji=card))


@needs_dictionaries
def test_letter_spaced_card_name_matches_and_says_the_kanji_decided():
    result = kanji_vs("日本 花子", "ニホン ハナコ", "日 本 花 子")
    assert result.verdict is Verdict.MATCH
    assert "漢字" in result.detail and "フリガナも読みとして妥当" in result.detail


@needs_dictionaries
@pytest.mark.parametrize(
    ("registered", "card"), [("高橋 一郎", "髙橋 一郎"), ("山崎 翔", "山﨑 翔"), ("渡辺 学", "渡邉 学")]
)
def test_variant_kanji_match_with_a_note(registered, card):
    result = kanji_vs(registered, None, card)
    assert result.verdict is Verdict.MATCH
    assert "異体字" in result.detail


@needs_dictionaries
def test_katakana_for_an_unregisterable_kanji_matches_when_it_is_a_reading():
    result = kanji_vs("草ナギ 剛", "クサナギ ツヨシ", "草彅 剛")
    assert result.verdict is Verdict.MATCH
    assert "ナギ" in result.detail


@needs_dictionaries
def test_katakana_that_is_not_a_reading_of_the_kanji_does_not_match():
    assert kanji_vs("草タロウ 剛", None, "草彅 剛").verdict is not Verdict.MATCH


def test_a_different_kanji_name_mismatches():
    assert kanji_vs("山田 太郎", None, "山田 次郎").verdict is Verdict.MISMATCH


def test_ocr_look_alikes_make_it_uncertain():
    result = kanji_vs("工藤 一", None, "エ藤 一")
    assert result.verdict is Verdict.UNCERTAIN
    assert "誤読" in result.detail


@needs_dictionaries
def test_registered_kana_that_is_not_a_reading_makes_a_kanji_match_uncertain():
    result = kanji_vs("山田 太郎", "スズキ ハナコ", "山田 太郎")
    assert result.verdict is Verdict.UNCERTAIN
    assert "フリガナ" in result.detail


@needs_dictionaries
def test_kana_only_registration_is_never_an_automatic_match():
    plausible = compare_name(RegisteredName(kana="ヤマダ タロウ"), ObservedName(kanji="山田太郎"))
    assert plausible.verdict is Verdict.UNCERTAIN
    wrong = compare_name(RegisteredName(kana="スズキ ハナコ"), ObservedName(kanji="山田太郎"))
    assert wrong.verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [("オオノ シュンイチ", "OHNO SYUNITI"), ("オオノ シュンイチ", "SHUNICHI ONO"), ("ナンバ", "NAMBA")],
)
def test_passport_romaji_matches_the_registered_kana(kana, romaji):
    result = compare_name(RegisteredName(kanji="大野 俊一", kana=kana), ObservedName(romaji=romaji))
    assert result.verdict is Verdict.MATCH


def test_different_romaji_mismatches():
    result = compare_name(RegisteredName(kana="オオノ シュンイチ"), ObservedName(romaji="ANO SHUNICHI"))
    assert result.verdict is Verdict.MISMATCH


def test_foreign_romaji_against_katakana_goes_to_a_reviewer():
    result = compare_name(RegisteredName(kana="スミス ジョン"), ObservedName(romaji="SMITH JOHN"))
    assert result.verdict is Verdict.UNCERTAIN


def test_romaji_against_romaji_allows_order_and_middle_names():
    result = compare_name(
        RegisteredName(romaji="SMITH JOHN MICHAEL"), ObservedName(romaji="JOHN MICHAEL SMITH")
    )
    assert result.verdict is Verdict.MATCH


def test_romaji_one_letter_apart_is_uncertain():
    result = compare_name(RegisteredName(romaji="NGUYEN VAN MINH"), ObservedName(romaji="NGUYEN VAN MlNH"))
    assert result.verdict is Verdict.UNCERTAIN


def test_kana_card_against_registered_kana():
    assert (
        compare_name(RegisteredName(kana="ヤマダ タロウ"), ObservedName(kana="ﾔﾏﾀﾞ ﾀﾛｳ")).verdict
        is Verdict.MATCH
    )
    assert compare_name(RegisteredName(kana="オオノ"), ObservedName(kana="オノ")).verdict is Verdict.UNCERTAIN
    assert (
        compare_name(RegisteredName(kana="ヤマダ"), ObservedName(kana="ヤマネ")).verdict is Verdict.MISMATCH
    )


@needs_dictionaries
def test_kana_with_a_middle_dot_between_family_and_given_name():
    result = compare_name(
        RegisteredName(kanji="山田 太郎", kana="ヤマダ・タロウ"), ObservedName(kanji="山田太郎")
    )
    assert result.verdict is Verdict.MATCH
    assert compare_name(RegisteredName(kana="ヤマダ・タロウ"), ObservedName(romaji="YAMADA TARO")).matched
