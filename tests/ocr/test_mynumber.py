"""My Number check digit, detection context and scrubbing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ocr import mynumber

eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


def test_the_published_example_number_is_valid() -> None:
    assert mynumber.check_digit("12345678901") == 8
    assert mynumber.is_valid("123456789018")
    assert not mynumber.is_valid("123456789017")


@given(eleven_digits)
def test_appending_the_check_digit_always_gives_a_valid_number(first11: str) -> None:
    number = first11 + str(mynumber.check_digit(first11))
    assert mynumber.is_valid(number)
    wrong = (mynumber.check_digit(first11) + 1) % 10
    assert not mynumber.is_valid(first11 + str(wrong)) or wrong == 0


@given(eleven_digits, st.sampled_from(["", " 個人番号 ", "No.", "番号のない文 "]), st.booleans())
def test_a_valid_number_is_scrubbed_whatever_surrounds_it(first11: str, prefix: str, grouped: bool) -> None:
    number = first11 + str(mynumber.check_digit(first11))
    shown = f"{number[:4]} {number[4:8]} {number[8:]}" if grouped else number
    text = f"{prefix}{shown} 以上"
    assert number not in mynumber.scrub_candidates(text).replace(" ", "")
    assert number not in mynumber.scrub_all(text).replace(" ", "")


def test_a_licence_number_is_kept_even_when_it_passes_the_check() -> None:
    licence = "123456789018"  # passes the My Number check by construction
    assert mynumber.twelve_digit_groups(f"番号 第 {licence} 号") == [(licence, True)]
    assert licence in mynumber.scrub_candidates(f"第{licence}号")
    assert not mynumber.has_candidate([f"番号 第 {licence} 号"])
    assert mynumber.has_candidate([f"個人番号 {licence}"])


def test_scrub_all_masks_digit_runs_but_keeps_short_numbers() -> None:
    assert mynumber.scrub_all("1234 5678 90 丁目2-1") == "＊＊＊＊＊＊＊＊＊＊ 丁目2-1"
