"""ICAO 9303 TD3 (passport) machine-readable zone: find the two lines, verify check digits, parse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_VALUES = {**{str(i): i for i in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
_WEIGHTS = (7, 3, 1)
# OCR reads the filler '<' as «, ‹, く, K-like glyphs; the caller normalises before calling.
_FILLER_LOOKALIKES = str.maketrans({"«": "<<", "‹": "<", "く": "<", "＜": "<", "〈": "<", " ": ""})


def check_digit(field: str) -> int:
    """ICAO 9303 check digit: weights 7,3,1 over digit/letter values, '<' counting 0, mod 10."""
    total = 0
    for i, ch in enumerate(field):
        if ch not in _VALUES:
            raise ValueError("MRZ field holds a character outside 0-9, A-Z and '<'")
        total += _VALUES[ch] * _WEIGHTS[i % 3]
    return total % 10


@dataclass(frozen=True)
class Mrz:
    doc_type: str
    issuing_state: str
    surname: str
    given_names: str
    number: str
    nationality: str
    birthdate: date | None
    sex: str
    expiry: date | None
    checks: dict[str, bool]

    @property
    def valid(self) -> bool:
        return all(self.checks.values())


def _clean(line: str) -> str:
    return line.upper().translate(_FILLER_LOOKALIKES)


def find_lines(texts: list[str]) -> tuple[str, str] | None:
    """The two TD3 lines among OCR lines: the first starts P<, the next is 44 characters of MRZ."""
    cleaned = [_clean(t) for t in texts]
    for i, line in enumerate(cleaned):
        if re.match(r"^P[<A-Z][A-Z<]{3}", line) and "<<" in line and i + 1 < len(cleaned):
            second = cleaned[i + 1]
            # The recogniser may drop some of a long run of fillers (<<<<): everything up to the
            # expiry's check digit (28 characters) comes before them.
            if re.fullmatch(r"[0-9A-Z<]{30,48}", second):
                return line.ljust(44, "<")[:44], second.ljust(44, "<")[:44]
    return None


def _yymmdd(text: str, *, future: bool, today: date) -> date | None:
    if not re.fullmatch(r"\d{6}", text):
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    # Birth dates lie in the past (compared by day: 261231 read on 2026-11-22 is 1926); expiry dates
    # within ten years of today.
    try:
        recent = date(2000 + yy, mm, dd)
        limit = date(today.year + 10, 12, 31) if future else today
        return recent if recent <= limit else date(1900 + yy, mm, dd)
    except ValueError:
        return None


def _digit_fix(text: str) -> str:
    # Numeric MRZ fields cannot hold letters: O/D/Q -> 0, I/L -> 1, S -> 5, B -> 8, Z -> 2.
    return text.translate(str.maketrans("ODQILSBZ", "00011582"))


def parse(line1: str, line2: str, *, today: date | None = None) -> Mrz:
    """Parse TD3 lines (44 characters each) and verify every check digit ICAO 9303 defines."""
    today = today or date.today()
    line1, line2 = _clean(line1).ljust(44, "<")[:44], _clean(line2).ljust(44, "<")[:44]
    # Names hold letters only: a digit there is a misread letter (G0T0 -> GOTO).
    names = line1[5:44].translate(str.maketrans("0125865", "OIZSBGS")).split("<<", 1)
    surname = names[0].replace("<", " ").strip()
    given = names[1].replace("<", " ").strip() if len(names) > 1 else ""
    number, birth, expiry = line2[0:9], _digit_fix(line2[13:19]), _digit_fix(line2[21:27])
    digits = {
        k: _digit_fix(line2[i])
        for k, i in (("number", 9), ("birth", 19), ("expiry", 27), ("optional", 42), ("final", 43))
    }

    def ok(field: str, digit: str) -> bool:
        try:
            return digit.isdigit() and check_digit(field) == int(digit)
        except ValueError:
            return False

    # TD3 composite: positions 1-10, 14-20 and 22-43 (the sex at 21 is left out).
    composite = line2[0:10] + birth + digits["birth"] + expiry + digits["expiry"] + line2[28:43]
    checks = {
        "number": ok(number, digits["number"]),
        "birthdate": ok(birth, digits["birth"]),
        "expiry": ok(expiry, digits["expiry"]),
        "optional": line2[42] == "<"
        and line2[28:42].strip("<") == ""
        or ok(line2[28:42], digits["optional"]),
        "composite": ok(composite, digits["final"]),
    }
    return Mrz(
        doc_type=line1[0:2].rstrip("<"),
        issuing_state=line1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        number=number.replace("<", ""),
        nationality=line2[10:13].replace("<", ""),
        birthdate=_yymmdd(birth, future=False, today=today),
        sex=line2[20],
        expiry=_yymmdd(expiry, future=True, today=today),
        checks=checks,
    )
