"""Field value parsers: dates (era and Western), licence expiry cross-check, names, addresses, numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.dates import to_wareki
from ocr import parse


@given(st.dates(min_value=date(1912, 8, 1), max_value=date(2040, 12, 31)), st.booleans())
def test_any_day_written_in_its_era_reads_back(day: date, padded: bool) -> None:
    era, year = to_wareki(day)
    y = ("元" if year == 1 and not padded else f"{year:02d}") if padded or year != 1 else "元"
    text = (
        f"{era.name}{y}年{day.month:2d}月{day.day:2d}日生"
        if padded
        else f"{era.name}{y}年{day.month}月{day.day}日"
    )
    assert parse.parse_day(text) == (day, True)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)))
def test_licence_expiry_with_both_years_agreeing_is_confident(day: date) -> None:
    era, year = to_wareki(day)
    text = f"{day.year}年({era.name}{year:02d}年){day.month:02d}月{day.day:02d}日まで有効"
    assert parse.parse_licence_expiry(text) == (day, True)


def test_licence_expiry_years_that_disagree_keep_the_western_year_and_say_so() -> None:
    assert parse.parse_licence_expiry("2024年(令和07年)06月01日まで有効") == (date(2024, 6, 1), False)


def test_ocr_misread_era_is_read_but_flagged() -> None:
    assert parse.parse_day("還和61年5月1日生") == (date(1986, 5, 1), False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("日 本  花 子", "日本 花子"),
        ("日本 花子", "日本 花子"),
        ("日本花子", "日本花子"),
        ("日　本　　花　子", "日本 花子"),
        ("氏名 山田 太郎 様", "山田 太郎"),
        ("nguyen van an", "NGUYEN VAN AN"),
    ],
)
def test_names_keep_the_family_given_split_when_it_is_visible(raw: str, expected: str) -> None:
    assert parse.clean_name(raw) == expected


def test_an_address_that_wrapped_is_joined_without_the_break() -> None:
    assert (
        parse.clean_address(["住所 東京都千代田区霞が関", "２－１－２ 中央合同庁舎"])
        == "東京都千代田区霞が関2-1-2中央合同庁舎"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("番号 第 012345678900 号", "012345678900"), ("第O12345678900号", "012345678900"), ("第 0123 号", None)],
)
def test_licence_numbers(raw: str, expected: str | None) -> None:
    assert parse.licence_number(raw) == expected


@given(
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=2, max_size=2),
)
def test_residence_card_numbers_read_back_even_with_o_for_zero(head: str, digits: str, tail: str) -> None:
    number = head + digits + tail
    assert parse.residence_card_number(f"番号 {number}") == number
    assert parse.residence_card_number(head + digits.replace("0", "O") + tail) == number


def test_a_residence_card_number_needs_letters_at_both_ends() -> None:
    assert parse.residence_card_number("123456789012") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("爱知県名古屋市中区錦1-27-7", "愛知県名古屋市中区錦1-27-7"),  # simplified 爱 for 愛
        ("所沖縄県那覇市松山3-15-8", "沖縄県那覇市松山3-15-8"),  # the tail of a cut label
        ("北海道札幌市中央区", "北海道札幌市中央区"),
        ("中央区銀座1-2-3", "中央区銀座1-2-3"),  # no prefecture: left alone
    ],
)
def test_a_misread_or_cut_prefecture_is_repaired(raw: str, expected: str) -> None:
    assert parse.clean_address([raw]) == expected


def test_kanji_one_between_katakana_is_a_long_vowel_mark() -> None:
    assert parse.clean_address(["東京都港区芝1-2-3コ一ポ山田"]) == "東京都港区芝1-2-3コーポ山田"
    assert parse.clean_address(["東京都港区芝一丁目"]) == "東京都港区芝一丁目"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "千葉県千葉市中央区新町5丁目22番シテイハイム704号室",
            "千葉県千葉市中央区新町5丁目22番シティハイム704号室",
        ),
        ("東京都港区芝1-2-3ライオンズマンシヨン101", "東京都港区芝1-2-3ライオンズマンション101"),
        ("広島県府中市宮西町5丁目ヴイラ緑が丘108号室", "広島県府中市宮西町5丁目ヴィラ緑が丘108号室"),
        ("東京都港区芝1-2-3ハイツ青山", "東京都港区芝1-2-3ハイツ青山"),  # ツ is large in ハイツ: untouched
    ],
)
def test_small_kana_read_large_in_building_names_are_restored(raw: str, expected: str) -> None:
    assert parse.clean_address([raw]) == expected


def test_a_space_read_inside_a_padded_era_year_is_tolerated_but_flagged() -> None:
    assert parse.parse_day("昭和6 4年 1月 7日生") == (date(1989, 1, 7), False)
