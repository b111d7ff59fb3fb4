"""Parsers for single field values read by OCR: dates, names, addresses and document numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from matching.cities import PREFECTURES
from matching.dates import DateParseError, parse_date_ocr
from matching.normalize import dashes_in_numbers, normalize

_SPACES = re.compile(r"[ \u3000]+")
_KANA_NAME = re.compile(r"^[\u30a0-\u30ff\u3040-\u309f ・=＝]+$")
# Romaji as printed on residence cards and passports: capitals, spaces, commas, hyphens.
_ROMAJI = re.compile(r"^[A-Z][A-Z ,.'\-]*[A-Z]$")
_LICENCE_NUMBER = re.compile(r"(?<![0-9])([0-9](?:\s?[0-9]){11})(?![0-9])")
# 在留カード番号: two letters, eight digits, two letters (AB12345678CD).
_RESIDENCE_NUMBER = re.compile(r"([A-Z0-9]{2})\s?([0-9OIlDSBZ]{8})\s?([A-Z0-9]{2})")
_DIGIT_LIKE = str.maketrans("OoQDIl|SBZ", "0000111582")
_LETTER_LIKE = str.maketrans("0185", "OIBS")


def parse_day(text: str, *, allow_era_overflow: bool = True) -> tuple[date, bool] | None:
    """The one date found in `text` (any era or Western notation) and whether it read cleanly
    (False when a known OCR misread had to be corrected to read it).

    Era overflow is allowed because cards issued before 2019 print expiry years such as 平成33年.
    """
    try:
        found = parse_date_ocr(text, allow_era_overflow=allow_era_overflow)
    except DateParseError:
        # Space-padded numbers (昭和6 4年) read with the padding inside the number.
        joined = re.sub(r"(?<=\d)\s+(?=\d)", "", text)
        if joined == text:
            return None
        try:
            found = parse_date_ocr(joined, allow_era_overflow=allow_era_overflow)
        except DateParseError:
            return None
        return found.date, False
    return found.date, not found.corrected


def parse_licence_expiry(text: str) -> tuple[date, bool] | None:
    """Licence expiry `2024年(令和06年)06月01日まで有効`: returns the date and whether both years agreed.

    When the era year and the Western year disagree (one of them misread), the Western reading wins
    but the agreement flag is False so the field's confidence drops.
    """
    norm = normalize(text)
    m = re.search(
        r"(\d{4})\s*年?\s*\(\s*([^\d()]{1,3}?)\s*(\d{1,2}|元)\s*年?\s*\)\s*(\d{1,2})\s*月\s*(\d{1,2})", norm
    )
    if m is None:
        found = parse_day(norm)
        return (found[0], False) if found else None
    west = parse_day(f"{m.group(1)}年{m.group(4)}月{m.group(5)}日")
    era = parse_day(f"{m.group(2)}{m.group(3)}年{m.group(4)}月{m.group(5)}日")
    if west and era:
        return west[0], west[0] == era[0]
    chosen = west or era
    return (chosen[0], False) if chosen else None


def split_spaced_name(text: str) -> str:
    """A letter-spaced kanji/kana name as `family given`.

    Licences print 日 本  花 子: the gap between family and given name is wider than between
    letters. With only single gaps (or none) the characters are joined without a split.
    """
    # Not normalize(): it collapses runs of spaces, and the run length is the family/given cue.
    text = unicodedata.normalize("NFKC", text).strip()
    if _ROMAJI.match(text.upper()) and text.isascii():
        return " ".join(text.upper().split())
    gaps = [m for m in re.finditer(r"\s+", text)]
    if not gaps:
        return text
    widths = [len(m.group()) for m in gaps]
    widest = max(widths)
    parts = [p for p in _SPACES.split(text) if p]
    if all(len(p) > 1 for p in parts) and len(parts) == 2:
        return " ".join(parts)  # already "日本 花子"
    if widest > min(widths) and widths.count(widest) == 1:
        cut = gaps[widths.index(widest)]
        return f"{_SPACES.sub('', text[: cut.start()])} {_SPACES.sub('', text[cut.end() :])}"
    return _SPACES.sub("", text)


def clean_name(text: str) -> str:
    """Trim label residue (氏名, 様, punctuation) from a name read by OCR."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"^(氏\s*名|名\s*前|お名前|NAME|Name)\s*[:：]?\s*", "", text)
    text = re.sub(r"\s*(様|殿)\s*$", "", text)
    return split_spaced_name(text.strip(" :：,、。"))


def is_kana(text: str) -> bool:
    return bool(_KANA_NAME.match(normalize(text)))


def is_romaji(text: str) -> bool:
    return bool(_ROMAJI.match(normalize(text).upper())) and normalize(text).isascii()


def clean_address(parts: list[str]) -> str:
    """One address from the lines it was printed on: label removed, wrapped lines joined."""
    text = "".join(normalize(p).strip() for p in parts if p.strip())
    text = re.sub(r"^(住\s*所|住\s*居\s*地|ご住所|所在地|使用場所)\s*[:：]?\s*", "", text)
    # Wrapped lines join without the space NFKC or OCR may have put at the break.
    text = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)
    # 一 (kanji one) between katakana is the long-vowel mark misread (コ一ポ -> コーポ).
    text = re.sub(r"(?<=[\u30a1-\u30fa])一(?=[\u30a1-\u30fa])", "ー", text)
    text = _KATAKANA_RUN.sub(lambda m: _restore_small_kana(m.group()), text)
    return fix_prefecture(dashes_in_numbers(text).strip())


# Large kana PP-OCR reads for small ones in building names (シテイハイム for シティハイム,
# マンシヨン for マンション). Each pair below is, in a katakana loanword, almost always the small
# form; the address match is strict, so the misread would fail a correct address.
_SMALL_KANA = {
    "シヨ": "ショ", "チヨ": "チョ", "ジヨ": "ジョ", "シユ": "シュ", "チユ": "チュ", "ジユ": "ジュ",
    "テイ": "ティ", "デイ": "ディ", "ヴイ": "ヴィ", "ヴア": "ヴァ", "ヴエ": "ヴェ",
    "フイ": "フィ", "フア": "ファ", "フエ": "フェ", "フオ": "フォ", "シエ": "シェ", "ジエ": "ジェ",
}  # fmt: skip
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")


def _restore_small_kana(run: str) -> str:
    for large, small in _SMALL_KANA.items():
        run = run.replace(large, small)
    return run


def fix_prefecture(text: str) -> str:
    """Repair a one-character misread in the leading prefecture name (爱知県 -> 愛知県).

    Only when the rest of the name and its 都/道/府/県 agree: a prefecture is a closed list of 47.
    """
    if any(text.startswith(pref) for pref in PREFECTURES):
        return text
    for pref in PREFECTURES:  # the tail of a label cut by a crop (所沖縄県…): drop it
        at = text.find(pref, 1, 6)
        if at > 0:
            return text[at:]
    for pref in PREFECTURES:
        head = text[: len(pref)]
        if (
            len(head) == len(pref) >= 3
            and head[-1] == pref[-1]
            and sum(a != b for a, b in zip(head, pref, strict=True)) == 1
        ):
            return pref + text[len(pref) :]
    return text


def licence_number(text: str) -> str | None:
    """The 12-digit licence number in `text` (第 012345678900 号), digits only."""
    norm = normalize(text)
    m = re.search(r"第\s*([0-9OoIl|\s]{12,20}?)\s*号", norm)
    candidates = [m.group(1)] if m else []
    candidates += [g.group(1) for g in _LICENCE_NUMBER.finditer(norm)]
    for raw in candidates:
        digits = re.sub(r"\s", "", raw).translate(_DIGIT_LIKE)
        if re.fullmatch(r"\d{12}", digits):
            return digits
    return None


def residence_card_number(text: str) -> str | None:
    """在留カード番号 (two letters, eight digits, two letters) with letter/digit look-alikes fixed by position."""
    norm = normalize(text).upper().replace(" ", "")
    for m in re.finditer(r"[A-Z0-9]{12}", norm):
        raw = m.group()
        fixed = (
            raw[:2].translate(_LETTER_LIKE)
            + raw[2:10].translate(_DIGIT_LIKE)
            + raw[10:].translate(_LETTER_LIKE)
        )
        if re.fullmatch(r"[A-Z]{2}\d{8}[A-Z]{2}", fixed):
            return fixed
    return None
