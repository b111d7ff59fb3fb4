from datetime import date

import pytest

from matching import DateParseError, compare_birthdate
from matching.result import Verdict


def test_the_same_day_in_different_notations_matches():
    result = compare_birthdate("1986-05-01", "昭和61年 5月 1日生")
    assert result.verdict is Verdict.MATCH
    assert compare_birthdate(date(1986, 5, 1), "01 MAY 1986").verdict is Verdict.MATCH


def test_a_different_day_mismatches_and_names_the_part():
    result = compare_birthdate("1986-05-01", "昭和61年 5月 2日生")
    assert result.verdict is Verdict.MISMATCH
    assert "日" in result.detail and "昭和61年" in result.detail


def test_an_unreadable_card_date_is_uncertain():
    assert compare_birthdate("1986-05-01", "昭和6?年").verdict is Verdict.UNCERTAIN


def test_an_impossible_registered_date_is_an_error():
    with pytest.raises(DateParseError):
        compare_birthdate("1986-02-30", "1986-02-28")


def test_a_card_date_read_only_after_correcting_misreads_is_uncertain():
    same = compare_birthdate("1986-05-01", "還和61年 5月 1日生")
    assert same.verdict is Verdict.UNCERTAIN and "補正" in same.detail and same.score > 0.5
    different = compare_birthdate("1986-05-01", "還和61年 5月 2日生")
    assert different.verdict is Verdict.UNCERTAIN and different.score < 0.5


def test_a_card_date_before_the_meiji_era_is_a_mismatch_not_a_crash():
    # Tesseract read a residence card's 1974 as 1374 (case c0083 of the 300-case set).
    result = compare_birthdate("1974-01-27", "1374-01-27")
    assert result.verdict.value == "mismatch"
    assert "1374年1月27日" in result.detail
