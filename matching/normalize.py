"""Text normalisation for card and registration text: NFKC plus what NFKC leaves alone."""

from __future__ import annotations

import re
import unicodedata

# Characters that people, IMEs and OCR put where a hyphen is meant. NFKC maps only a few of them
# (e.g. U+FF0D); the rest survive it. The long-vowel mark ー is deliberately NOT here: it is a real
# character inside katakana words (ビル名 "センター"), so it is only treated as a dash in number
# context (see `dashes_in_numbers`).
DASHES = "\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\u2501\ufe58\ufe63\uff0d\u30fc\uff70\u2e3a\u2e3b\u301c\uff5e"
_DASH_TRANSLATE = {ord(c): "-" for c in DASHES if c not in "\u30fc\uff70"}
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_WHITESPACE = re.compile(r"\s+")
# ー/一 (long-vowel mark, kanji one) between two digits are a dash: 2ー1ー2.
_NUMBER_DASH = re.compile(r"(?<=[0-9])[ー一ｰ](?=[0-9])")
# Small ヶ/ヵ between kanji (霞ヶ関, 一ヶ月) is read が/か; normalise to the full-size ケ so that
# 霞ヶ関 / 霞ケ関 compare equal. Whether が is also equal is the address module's decision.
_SMALL_KE = {ord(k): v for k, v in {"ヶ": "ケ", "ヵ": "カ", "ゖ": "ケ", "ゕ": "カ"}.items()}


class TranslateTable(dict):
    """A `str.translate` table that learns every character it meets.

    A plain dict makes `translate` raise and swallow a LookupError for each character it lacks, which
    is most of the text; this one stores the answer on first sight, so later calls stay in C.
    """

    def __init__(self, func, fixed: dict[int, str] | None = None):
        super().__init__(fixed or {})
        self._func = func

    def __missing__(self, code: int) -> str:
        value = self._func(chr(code))
        self[code] = value
        return value


_TRANSLATE = TranslateTable(lambda c: c, {**_DASH_TRANSLATE, **_SMALL_KE})


def strip_variation_selectors(text: str) -> str:
    """Remove Unicode variation selectors (IVS), which NFKC keeps."""
    if text.isascii():
        return text
    return _VARIATION_SELECTORS.sub("", text)


def normalize(text: str) -> str:
    """Return `text` in one canonical notation.

    NFKC (full-width ASCII and digits to half-width, half-width katakana to full-width, U+3000 to
    space), then: variation selectors removed, dash look-alikes to '-', ヶ/ヵ to ケ/カ, runs of
    whitespace collapsed to one space and the ends stripped. Kanji variants and kana/kanji choices
    are left alone: those are decisions for the comparison that uses the text.
    """
    text = strip_variation_selectors(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRANSLATE)
    if " " in text or not text.isprintable():
        text = _WHITESPACE.sub(" ", text).strip()
    return text


def dashes_in_numbers(text: str) -> str:
    """Turn ー / 一 written between digits (2ー1ー2) into '-'. Use on already normalised text."""
    return _NUMBER_DASH.sub("-", text)


def remove_spaces(text: str) -> str:
    """Drop every space: card names are letter-spaced (日 本 花 子) and addresses wrap."""
    return _WHITESPACE.sub("", text)
