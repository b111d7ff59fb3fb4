"""Document numbers: My Number check digit, ICAO 9303 MRZ, licence/residence-card/passport numbers."""

from __future__ import annotations

import random

_MN_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def my_number_check_digit(first11: str) -> int:
    r = sum(int(c) * w for c, w in zip(first11, _MN_WEIGHTS, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def is_valid_my_number(number: str) -> bool:
    return len(number) == 12 and number.isdigit() and my_number_check_digit(number[:11]) == int(number[11])


def make_my_number(rng: random.Random) -> str:
    first = "".join(rng.choice("0123456789") for _ in range(11))
    return first + str(my_number_check_digit(first))


def mrz_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if ch == "<":
        return 0
    return ord(ch) - ord("A") + 10


def mrz_check_digit(field: str) -> str:
    return str(sum(mrz_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def licence_number(rng: random.Random, commission_code: int, issued_year: int) -> str:
    """12 digits: 公安委員会 code, first-licence year (2 digits), serial, check, reissue count."""
    serial = "".join(rng.choice("0123456789") for _ in range(6))
    body = f"{commission_code:02d}{issued_year % 100:02d}{serial}"
    check = sum(int(c) * (i % 3 + 1) for i, c in enumerate(body)) % 10  # a stand-in check digit
    return f"{body}{check}{rng.choice('0001')}"


def residence_card_number(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return (rng.choice(letters) + rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(8))
            + rng.choice(letters) + rng.choice(letters))


def passport_number(rng: random.Random) -> str:
    return rng.choice(["TK", "TR", "TZ", "MU", "TS"]) + "".join(rng.choice("0123456789") for _ in range(7))
