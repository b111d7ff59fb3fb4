"""Find and scrub a 12-digit 個人番号 (My Number) in OCR text; the digits never leave this module.

Nothing here logs, and no exception raised here carries the text it was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from matching.normalize import normalize

_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# Twelve digits, possibly printed in groups (1234 5678 9018) or misread with a dash between them.
_GROUP = re.compile(r"(?<![0-9])[0-9](?:[ \-]?[0-9]){11}(?![0-9])")
# Licence numbers are printed 第 012345678900 号: about 10% of them pass the My Number check by
# chance, so their context, not the checksum, rules them out (DOMAIN.md).
_LICENCE_CONTEXT = re.compile(r"(?:第|(?<!個人)番号\s*[:：]?)\s*$")
_LICENCE_AFTER = re.compile(r"^\s*号")
# Any run of four or more digits, allowing group spaces: what scrubbing removes on a card that shows one.
_DIGIT_RUN = re.compile(r"[0-9０-９](?:[ \u3000\-]?[0-9０-９]){3,}")
MASK = "＊"


def check_digit(first11: str) -> int:
    """My Number check digit of the first 11 digits (weights 6,5,4,3,2,7,6,5,4,3,2; mod 11)."""
    if len(first11) != 11 or not first11.isascii() or not first11.isdigit():
        raise ValueError("check_digit needs exactly 11 ASCII digits")
    r = sum(int(d) * w for d, w in zip(first11, _WEIGHTS, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def is_valid(number: str) -> bool:
    """True when `number` is 12 ASCII digits whose last digit is the check digit of the rest."""
    return (
        len(number) == 12
        and number.isascii()
        and number.isdigit()
        and check_digit(number[:11]) == int(number[11])
    )


def twelve_digit_groups(text: str) -> list[tuple[str, bool]]:
    """Every 12-digit group in `text`, each with whether it stands in licence-number context (第…号)."""
    text = normalize(text)
    found = []
    for m in _GROUP.finditer(text):
        digits = re.sub(r"[^0-9]", "", m.group())
        licence = bool(_LICENCE_CONTEXT.search(text[: m.start()])) or bool(
            _LICENCE_AFTER.match(text[m.end() :])
        )
        found.append((digits, licence))
    return found


def has_candidate(texts: Iterable[str], *, require_checksum: bool = True) -> bool:
    """Whether any text holds a 12-digit group outside licence context (passing the check, if asked)."""
    for text in texts:
        for digits, licence in twelve_digit_groups(text):
            if not licence and (is_valid(digits) or not require_checksum):
                return True
    return False


def scrub_candidates(text: str) -> str:
    """Mask every 12-digit group that passes the check and is not a licence number: always applied."""
    norm = normalize(text)
    out, last = [], 0
    for m in _GROUP.finditer(norm):
        digits = re.sub(r"[^0-9]", "", m.group())
        licence = bool(_LICENCE_CONTEXT.search(norm[: m.start()])) or bool(
            _LICENCE_AFTER.match(norm[m.end() :])
        )
        if is_valid(digits) and not licence:
            out.append(norm[last : m.start()] + MASK * 12)
            last = m.end()
    if not out:
        return text
    return "".join(out) + norm[last:]


def scrub_all(text: str) -> str:
    """Mask every run of four or more digits: used on a card that shows a My Number, where a
    misread digit may defeat the checksum and the number may be split over several lines."""
    return _DIGIT_RUN.sub(lambda m: MASK * len(re.sub(r"[ \u3000\-]", "", m.group())), text)
