"""ICAO 9303 TD3 check digits and parsing, on the specimen the standard itself prints."""

from __future__ import annotations

from datetime import date

import pytest

from ocr import mrz

LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.mark.parametrize(
    ("field", "digit"), [("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1)]
)
def test_check_digits_of_the_icao_specimen(field: str, digit: int) -> None:
    assert mrz.check_digit(field) == digit


def test_the_icao_specimen_parses_with_every_check_passing() -> None:
    data = mrz.parse(LINE1, LINE2, today=date(2010, 1, 1))
    assert data.valid, data.checks
    assert (data.surname, data.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert data.number == "L898902C3"
    assert data.birthdate == date(1974, 8, 12)
    assert data.expiry == date(2012, 4, 15)
    assert data.nationality == "UTO"


def test_a_misread_digit_fails_its_check() -> None:
    data = mrz.parse(LINE1, LINE2.replace("7408122", "7408172"), today=date(2010, 1, 1))
    assert not data.checks["birthdate"] and not data.checks["composite"]
    assert data.checks["number"]


def test_mrz_lines_are_found_among_ocr_lines_with_lookalike_fillers() -> None:
    ocr_lines = ["PASSPORT", "日本国 JAPAN", LINE1.replace("<<<<", "«<«"), LINE2]
    found = mrz.find_lines(ocr_lines)
    assert found is not None
    assert found[1] == LINE2


def test_digits_misread_in_the_name_field_are_read_as_letters() -> None:
    line1 = "P<JPNG0T0<<KENTA<<<<<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "TR12345672JPN8605010F3006014<<<<<<<<<<<<<<<4"
    data = mrz.parse(line1, line2, today=date(2026, 1, 1))
    assert (data.surname, data.given_names) == ("GOTO", "KENTA")
    assert data.valid


def test_a_birth_date_later_this_year_than_today_belongs_to_the_last_century():
    from datetime import date

    from ocr.mrz import _yymmdd

    assert _yymmdd("261231", future=False, today=date(2026, 11, 22)) == date(1926, 12, 31)
    assert _yymmdd("261121", future=False, today=date(2026, 11, 22)) == date(2026, 11, 21)
    assert _yymmdd("281129", future=True, today=date(2026, 11, 22)) == date(2028, 11, 29)
