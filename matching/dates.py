"""Dates in any notation found on Japanese IDs and forms (和暦, 西暦, English) to `datetime.date`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from matching.normalize import normalize
from matching.numerals import KANJI_NUMERAL_CHARS, kanji_to_int


class DateParseError(ValueError):
    """The text is not one date, or names a day that does not exist (2月30日, 平成35年)."""


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date
    last_day: date | None  # None: the current era

    @property
    def offset(self) -> int:
        return self.first_day.year - 1


ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 1, 25), date(1912, 7, 30)),
    # The day an emperor died belongs to both eras: 1912-07-30 and 1926-12-25 appear under either name.
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 25)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
_ERA_BY_KEY = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS} | {e.letter.lower(): e for e in ERAS}

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("JAN JANUARY", "FEB FEBRUARY", "MAR MARCH", "APR APRIL", "MAY", "JUN JUNE", "JUL JULY",
         "AUG AUGUST", "SEP SEPT SEPTEMBER", "OCT OCTOBER", "NOV NOVEMBER", "DEC DECEMBER")
    )
    for m in names.split()
}  # fmt: skip

_N = r"\d{1,2}"
_ERA = r"(?P<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])"
_ERA_DATE = (
    _ERA
    + r"\.?\s*(?P<ey>\d{1,2}|元)\s*(?:年|[./-])\s*(?P<m>"
    + _N
    + r")\s*(?:月|[./-])\s*(?P<d>"
    + _N
    + r")\s*日?"
)
_WEST_DATE = r"(?P<y>\d{4})\s*(?:年|[./-])\s*(?P<m>" + _N + r")\s*(?:月|[./-])\s*(?P<d>" + _N + r")\s*日?"
# Licence expiry: 2024年(令和06年)06月01日 — both years printed, they must agree.
_DUAL_DATE = (
    r"(?P<y>\d{4})\s*年\s*\(\s*"
    + _ERA
    + r"\s*(?P<ey>\d{1,2}|元)\s*年\s*\)\s*(?P<m>"
    + _N
    + r")\s*月\s*(?P<d>"
    + _N
    + r")\s*日?"
)
_COMPACT_DATE = r"(?<!\d)(?P<y>(?:18|19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"
_ENGLISH_DMY = r"(?P<d>" + _N + r")\s*[ .-]?\s*(?P<mon>[A-Za-z]{3,9})\.?\s*[ .,-]?\s*(?P<y>\d{4})"
_ENGLISH_MDY = r"(?P<mon>[A-Za-z]{3,9})\.?\s*(?P<d>" + _N + r")\s*,?\s*(?P<y>\d{4})"

_PREFIX = r"(?:(?:生年月日|有効期限|交付|このカードは|Date of birth|DATE OF BIRTH)\s*[:：]?\s*)?"
_SUFFIX = r"(?:\s*(?:生まれ|生|まで有効(?:\s*です)?|交付|迄有効))?"

_PATTERNS = tuple(
    re.compile(_PREFIX + p + _SUFFIX)
    for p in (_DUAL_DATE, _ERA_DATE, _WEST_DATE, _COMPACT_DATE, _ENGLISH_DMY, _ENGLISH_MDY)
)
_KANJI_NUMBER = re.compile(f"[{KANJI_NUMERAL_CHARS}]+(?=[年月日])")


_LONG_DIGITS = re.compile(r"\d{9,}")


def _quote(text: str) -> str:
    # Error messages echo the input, but never a long digit run: it could be a My Number.
    return repr(_LONG_DIGITS.sub("<数字列>", text))


def _kanji_numbers_to_digits(text: str) -> str:
    # 昭和六十一年五月一日 -> 昭和61年5月1日; only numerals directly before 年/月/日 are numbers here.
    return _KANJI_NUMBER.sub(lambda m: str(kanji_to_int(m.group())), text)


def _prepare(text: str) -> str:
    return _kanji_numbers_to_digits(normalize(text))


def era_to_western(era: Era | str, era_year: int) -> int:
    """Western year of `era_year` in `era` (昭和61 -> 1986)."""
    era = era if isinstance(era, Era) else _ERA_BY_KEY[era]
    return era.offset + era_year


def to_wareki(day: date) -> tuple[Era, int]:
    """The era and era year a day is written with (the later era on a shared transition day)."""
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era, day.year - era.offset
    raise DateParseError(f"{day.isoformat()} は明治より前です (before the Meiji era)")


def _era_date(era_key: str, era_year_text: str, month: int, day: int, allow_era_overflow: bool) -> date:
    era = _ERA_BY_KEY[era_key]
    era_year = 1 if era_year_text == "元" else int(era_year_text)
    if era_year < 1:
        raise DateParseError(f"{era.name}{era_year}年 は存在しません (era year must be 1 or more)")
    result = _make_date(era.offset + era_year, month, day)
    if result < era.first_day:
        raise DateParseError(
            f"{era.name}{era_year}年{month}月{day}日 は{era.name}の始まり({era.first_day})より前です"
        )
    if era.last_day is not None and result > era.last_day and not allow_era_overflow:
        raise DateParseError(
            f"{era.name}{era_year}年{month}月{day}日 は{era.name}の終わり({era.last_day})より後です "
            f"(date after the end of the {era.name} era)"
        )
    return result


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateParseError(f"{year}年{month}月{day}日 は存在しない日付です ({exc})") from None


def _from_match(groups: dict[str, str | None], allow_era_overflow: bool) -> date:
    month_name = groups.get("mon")
    if month_name is not None:
        month = _MONTHS.get(month_name.upper())
        if month is None:
            raise DateParseError(f"月の名前が分かりません: {month_name!r} (unknown month name)")
    else:
        month = int(groups["m"])  # type: ignore[arg-type]
    day = int(groups["d"])  # type: ignore[arg-type]
    if groups.get("era"):
        result = _era_date(groups["era"], groups["ey"], month, day, allow_era_overflow)  # type: ignore[arg-type]
        if groups.get("y") and int(groups["y"]) != result.year:  # type: ignore[arg-type]
            raise DateParseError(
                f"西暦{groups['y']}年と{groups['era']}{groups['ey']}年が一致しません "
                "(Western and era years disagree)"
            )
        return result
    return _make_date(int(groups["y"]), month, day)  # type: ignore[arg-type]


def parse_date(text: str, *, allow_era_overflow: bool = False) -> date:
    """Parse one date written in any notation seen on Japanese IDs and registration forms.

    Accepts 和暦 (明治..令和, 元年 and the "01" printed for it, M/T/S/H/R), 西暦 (1986/5/1, 1986-05-01,
    1986年5月1日, 19860501), English (01 MAY 1986, May 1, 1986), full-width characters, kanji numerals
    before 年/月/日, space padding, a leading label (生年月日) and a trailing 生 / まで有効 / 交付. The licence
    expiry form 2024年(令和06年)06月01日 is cross-checked: the two years must agree.

    A day outside its era is an error: 平成32年 does not exist (平成 ended 2019-04-30). Licences issued
    before 2019 printed expiry dates such as 平成33年; pass `allow_era_overflow=True` to read those
    as the Western year the era arithmetic gives.

    Raises DateParseError (a ValueError) with a message saying what was wrong.
    """
    if not isinstance(text, str):
        raise DateParseError(f"日付は文字列で渡してください (expected str, got {type(text).__name__})")
    prepared = _prepare(text)
    if not prepared:
        raise DateParseError("日付が空です (empty date)")
    for pattern in _PATTERNS:
        match = pattern.fullmatch(prepared)
        if match:
            return _from_match(match.groupdict(), allow_era_overflow)
    raise DateParseError(f"日付として読めません: {_quote(text)} (not a recognised date notation)")


class OcrDate(NamedTuple):
    """A date read from OCR text and whether a misread had to be corrected to read it."""

    date: date
    corrected: bool


# Misreads measured on the licence specimen with Tesseract (DOMAIN.md) and common look-alikes.
_ERA_MISREADS = {
    "還和": "昭和", "照和": "昭和", "昭私": "昭和", "召和": "昭和",
    "合和": "令和", "今和": "令和", "令私": "令和", "冷和": "令和", "令禾": "令和",
    "平戌": "平成", "平威": "平成", "乎成": "平成",
    "大止": "大正", "明冶": "明治", "明法": "明治",
}  # fmt: skip
_DIGIT_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "〇": "0", "口": "0", "l": "1", "I": "1", "|": "1", "丨": "1"}
)
# A look-alike counts as a digit only next to a digit or a date unit (年月日/.-), never inside a word.
_DIGIT_CONTEXT = re.compile(r"(?<=[0-9年月日./\-\s])[Oo〇口lI|丨]+|[Oo〇口lI|丨]+(?=[0-9年月日./\-])")


def _ocr_corrections(text: str) -> str:
    for wrong, right in _ERA_MISREADS.items():
        text = text.replace(wrong, right)
    return _DIGIT_CONTEXT.sub(lambda m: m.group().translate(_DIGIT_LOOKALIKES), text)


def _search(text: str, allow_era_overflow: bool) -> date | None:
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return _from_match(match.groupdict(), allow_era_overflow)
    return None


def parse_date_ocr(text: str, *, allow_era_overflow: bool = False) -> OcrDate:
    """Find one date in OCR output, tolerating known misreads (還和 -> 昭和, 合和 -> 令和, O -> 0, l -> 1).

    Unlike `parse_date` the date may be surrounded by other text (令和01年05月07日 12345). Returns the
    date and whether a correction was needed to read it; raises DateParseError when no date is found
    or the date found does not exist.
    """
    prepared = _prepare(text)
    found = _search(prepared, allow_era_overflow)
    if found is not None:
        return OcrDate(found, False)
    corrected = _prepare(_ocr_corrections(normalize(text)))
    found = _search(corrected, allow_era_overflow)
    if found is not None:
        return OcrDate(found, True)
    raise DateParseError(f"OCR テキストに日付が見つかりません: {_quote(text)} (no date found)")
