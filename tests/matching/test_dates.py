from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.dates import DateParseError, parse_date, parse_date_ocr, to_wareki

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
dates = st.dates(min_value=date(1873, 1, 1), max_value=date(2099, 12, 31))


def western_notations(d: date) -> list[str]:
    return [
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}-{d.month:02}-{d.day:02}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}年{d.month}月{d.day}日".translate(FULL_WIDTH),
        f"{d.day:02} {MONTHS[d.month - 1]} {d.year}",
        f"{d.year}{d.month:02}{d.day:02}",
        f"このカードは {d.year}年{d.month}月{d.day}日まで有効 です",
    ]


def era_notations(d: date) -> list[str]:
    era, year = to_wareki(d)
    written = "元" if year == 1 else str(year)
    return [
        f"{era.name}{written}年{d.month}月{d.day}日",
        f"{era.name}{year:02}年{d.month:02}月{d.day:02}日",  # 元年 printed as 01 on licences
        f"{era.name}{year:>2}年{d.month:>2}月{d.day:>2}日生",  # space padded, as on the licence
        f"{era.letter}{year}.{d.month}.{d.day}",
        f"{era.name}{year}年{d.month}月{d.day}日".translate(FULL_WIDTH),
        f"{d.year}年({era.name}{year:02}年){d.month:02}月{d.day:02}日まで有効",
    ]


@settings(deadline=None)  # the first example loads the city table / variant map
@given(dates)
def test_any_day_round_trips_through_every_western_notation(d):
    for text in western_notations(d):
        assert parse_date(text) == d, text


@settings(deadline=None)  # the first example loads the city table / variant map
@given(dates)
def test_any_day_round_trips_through_every_era_notation(d):
    for text in era_notations(d):
        assert parse_date(text) == d, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昭和61年 5月 1日生", date(1986, 5, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和01年05月07日", date(2019, 5, 7)),
        ("H1.1.8", date(1989, 1, 8)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("明治45年7月30日", date(1912, 7, 30)),
        ("昭和六十一年五月一日", date(1986, 5, 1)),
        ("May 1, 1986", date(1986, 5, 1)),
        ("2024年(令和06年)06月01日まで有効", date(2024, 6, 1)),
    ],
)
def test_examples_from_real_cards(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年2月30日",
        "平成32年1月1日",  # 平成 ended 2019-04-30
        "昭和64年1月8日",  # 昭和 ended 1989-01-07
        "令和元年4月30日",  # before 令和 began
        "令和0年1月1日",
        "2024年(令和05年)06月01日まで有効",  # the two years disagree
        "1986/13/1",
        "86/5/1",  # two-digit Western years are ambiguous
        "",
        "昭和",
        "01 FOO 1986",
    ],
)
def test_impossible_or_ambiguous_dates_are_errors(text):
    with pytest.raises(DateParseError):
        parse_date(text)


def test_date_parse_error_is_a_value_error_with_a_message():
    with pytest.raises(ValueError, match="存在しない"):
        parse_date("2023年2月30日")


def test_error_messages_never_echo_a_long_digit_run():
    with pytest.raises(DateParseError) as info:
        parse_date("123456789018")
    assert "123456789018" not in str(info.value)


def test_era_overflow_is_accepted_only_when_asked():
    assert parse_date("平成33年3月31日まで有効", allow_era_overflow=True) == date(2021, 3, 31)


def test_ocr_variant_reads_clean_text_without_correction():
    assert parse_date_ocr("令和01年05月07日 12345") == (date(2019, 5, 7), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("還和61年 5月 1日生", date(1986, 5, 1)),
        ("合和O1年O5月O7日", date(2019, 5, 7)),
        ("昭和6l年5月l日", date(1986, 5, 1)),
        ("平成I0年1O月2日", date(1998, 10, 2)),
    ],
)
def test_ocr_variant_corrects_known_misreads_and_says_so(text, expected):
    found = parse_date_ocr(text)
    assert found.date == expected
    assert found.corrected is True


def test_ocr_variant_still_rejects_impossible_dates():
    with pytest.raises(DateParseError):
        parse_date_ocr("合和5年2月30日")
    with pytest.raises(DateParseError):
        parse_date_ocr("氏名 日本 花子")
