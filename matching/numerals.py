"""Kanji numerals (十二, 二〇二四, 六十一, 壱) to integers, for dates and address number positions."""

from __future__ import annotations

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壱": 1, "壹": 1, "二": 2, "弐": 2, "貳": 2, "三": 3, "参": 3, "參": 3,
    "四": 4, "五": 5, "伍": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "万": 10000}
KANJI_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def kanji_to_int(text: str) -> int:
    """Value of a kanji numeral; positional (二〇二四) and unit (二千二十四, 六十一) forms both work.

    Raises ValueError for an empty string or a character that is not a kanji numeral or digit.
    """
    if not text:
        raise ValueError("empty numeral")
    if all(c in _DIGITS or c.isdigit() for c in text) and not any(c in _UNITS for c in text):
        # Positional: 二〇二四 = 2024, also mixed 1二 after OCR.
        return int("".join(str(_DIGITS[c]) if c in _DIGITS else c for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in _DIGITS or c.isdigit():
            value = _DIGITS[c] if c in _DIGITS else int(c)
            digit = value if digit is None else digit * 10 + value
        elif c in _UNITS:
            unit = _UNITS[c]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            raise ValueError(f"not a kanji numeral: {c!r}")
    return total + section + (digit or 0)
