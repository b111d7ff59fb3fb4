"""Japanese passport data page with a two-line TD3 machine-readable zone (ICAO 9303)."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import MONO, SANS_LATIN, Sheet, guilloche, portrait, rosette
from samples.names import Name
from samples.numbers import mrz_check_digit

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
PAGE_ASPECT = 125 / 88  # TD3 page


def passport_date(d: dt.date) -> str:
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def mrz_lines(*, surname: str, given: str, number: str, birthdate: dt.date, sex: str, expiry: dt.date) -> tuple[str, str]:
    """The two 44-character TD3 lines with their check digits."""
    names = f"{surname}<<{given.replace(' ', '<')}"
    line1 = ("P<JPN" + names + "<" * 44)[:44]
    num = (number + "<" * 9)[:9]
    dob = birthdate.strftime("%y%m%d")
    exp = expiry.strftime("%y%m%d")
    optional = "<" * 14
    body = (num + mrz_check_digit(num) + "JPN" + dob + mrz_check_digit(dob) + sex + exp + mrz_check_digit(exp)
            + optional + mrz_check_digit(optional))
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + mrz_check_digit(composite)


def passport_page(rng: random.Random, *, name: Name, birthdate: dt.date, sex: str, issued: dt.date,
                  expiry: dt.date, number: str) -> Rendered:
    s = Sheet(rng, rng.randint(1100, 1400), PAGE_ASPECT, (246, 240, 236))
    guilloche(s, [(235, 215, 220), (215, 230, 225), (230, 225, 210)], lines=50)
    rosette(s, 0.62, 0.45, 0.32, (232, 214, 222), petals=16)
    ink = (25, 25, 35)
    lab = (110, 90, 110)
    surname, given = name.romaji.split(" ", 1)
    s.text(0.04, 0.06, "旅券", 0.05, "mincho", lab, jitter=False)
    s.text(0.12, 0.06, "PASSPORT", 0.045, SANS_LATIN, lab, jitter=False)
    s.text(0.62, 0.06, "日本国  JAPAN", 0.05, "mincho", lab, jitter=False)

    def field(x: float, y: float, label: str, value: str, size: float = 0.05) -> None:
        s.text(x, y, label, 0.026, "gothic", lab, jitter=False)
        s.text(x, y + 0.045, value, size, SANS_LATIN, ink, max_w=0.3 if x < 0.6 else 0.33)

    field(0.33, 0.13, "型/Type", "P")
    field(0.45, 0.13, "発行国/Issuing country", "JPN")
    field(0.66, 0.13, "旅券番号/Passport No.", number)
    field(0.33, 0.24, "姓/Surname", surname, 0.055)
    field(0.33, 0.35, "名/Given name", given, 0.055)
    field(0.33, 0.46, "国籍/Nationality", "JAPAN")
    field(0.66, 0.46, "生年月日/Date of birth", passport_date(birthdate))
    field(0.33, 0.56, "性別/Sex", sex)
    field(0.47, 0.56, "本籍/Registered Domicile", rng.choice(["TOKYO", "OSAKA", "KANAGAWA", "AICHI", "FUKUOKA"]))
    field(0.33, 0.66, "発行年月日/Date of issue", passport_date(issued))
    field(0.66, 0.66, "有効期間満了日/Date of expiry", passport_date(expiry))
    field(0.33, 0.76, "発行官庁/Authority", "MINISTRY OF FOREIGN AFFAIRS", 0.04)
    portrait(s, (0.04, 0.14, 0.29, 0.74))
    s.rect((0.0, 0.83, 1.0, 1.0), fill=(248, 246, 244))
    l1, l2 = mrz_lines(surname=surname, given=given, number=number, birthdate=birthdate, sex=sex, expiry=expiry)
    for k, line in enumerate((l1, l2)):
        s.text(0.035, 0.875 + 0.07 * k, line, 0.056, MONO, (15, 15, 20), max_w=0.93, jitter=False)
    boxes = {"name": (0.33, 0.24, 0.9, 0.42), "birthdate": (0.66, 0.46, 0.98, 0.53),
             "expiry": (0.66, 0.66, 0.98, 0.73), "mrz": (0.03, 0.84, 0.97, 0.98)}
    return Rendered(s.img, boxes, rounded=False)
