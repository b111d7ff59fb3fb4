"""Check digits: My Number (DOMAIN.md weights) and ICAO 9303 MRZ."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards.passport import mrz_lines
from samples.numbers import is_valid_my_number, make_my_number, mrz_check_digit


def test_the_documented_my_number_example_is_valid_and_a_changed_digit_is_not():
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number("12345678901")


def test_generated_my_numbers_all_pass_the_check_digit():
    rng = random.Random(5)
    assert all(is_valid_my_number(make_my_number(rng)) for _ in range(500))


def test_mrz_check_digits_match_the_icao_specimen():
    # ICAO 9303 part 4 specimen: document number, birth date, expiry and optional data.
    assert mrz_check_digit("L898902C3") == "6"
    assert mrz_check_digit("740812") == "2"
    assert mrz_check_digit("120415") == "9"
    assert mrz_check_digit("ZE184226B<<<<<") == "1"


def _icao(field: str) -> int:
    values = {**{str(d): d for d in range(10)}, "<": 0, **{chr(65 + i): 10 + i for i in range(26)}}
    return sum(values[c] * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10


def test_td3_lines_have_44_characters_and_valid_check_digits():
    l1, l2 = mrz_lines(surname="NIHON", given="HANAKO", number="TK1234567", birthdate=dt.date(1986, 5, 1),
                       sex="F", expiry=dt.date(2029, 6, 1))
    assert len(l1) == len(l2) == 44
    assert l1.startswith("P<JPNNIHON<<HANAKO<")
    assert l2[:9] == "TK1234567" and int(l2[9]) == _icao(l2[:9])
    assert l2[10:13] == "JPN"
    assert l2[13:19] == "860501" and int(l2[19]) == _icao("860501")
    assert l2[20] == "F"
    assert l2[21:27] == "290601" and int(l2[27]) == _icao("290601")
    assert int(l2[42]) == _icao(l2[28:42])
    assert int(l2[43]) == _icao(l2[0:10] + l2[13:20] + l2[21:43])
