"""Kana helpers: katakana to hiragana, and a fold that ignores long vowels and ぢ/じ, づ/ず."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KATA_TO_HIRA = {chr(c): chr(c - 0x60) for c in range(0x30A1, 0x30F7)}
_O_ROW = frozenset("おこごそぞとどのほぼぽもよろをょ")
_U_ROW = frozenset("うくぐすずつづぬふぶぷむゆるゅ")
_FOLD = str.maketrans({"ぢ": "じ", "づ": "ず", "を": "お", "ゐ": "い", "ゑ": "え", "ゔ": "ぶ"})


def to_hiragana(text: str) -> str:
    """Katakana (full- or half-width) to hiragana; other characters unchanged."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(_KATA_TO_HIRA.get(c, c) for c in text)


def is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u309f" or "\u30a0" <= char <= "\u30ff"


def is_katakana(char: str) -> bool:
    return "\u30a1" <= char <= "\u30fa" or char == "ー"


def is_kanji(char: str) -> bool:
    return (
        "\u3400" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or char >= "\U00020000"
        or char in "々〆ヶ"
    )


@lru_cache(maxsize=65536)
def light_fold(text: str) -> str:
    """Hiragana without spaces, ぢ = じ, づ = ず, ヴァ = バ; long vowels kept."""
    text = to_hiragana(text)
    for v, b in (("ゔぁ", "ば"), ("ゔぃ", "び"), ("ゔぇ", "べ"), ("ゔぉ", "ぼ")):
        text = text.replace(v, b)
    return text.translate(_FOLD).replace(" ", "").replace("\u3000", "")


def is_long_extension(prev: str, char: str) -> bool:
    """True when `char` only lengthens the vowel of `prev` (こ+う, こ+お, す+う, or ー)."""
    return char == "ー" or (char in "うお" and prev in _O_ROW) or (char == "う" and prev in _U_ROW)


@lru_cache(maxsize=65536)
def fold_kana(text: str) -> str:
    """Hiragana with long vowels dropped (おお/おう -> お, うう -> う, ー removed), ぢ = じ, づ = ず.

    This is how passports write names (ONO for おおの) and how registrations drift (こおじ = こうじ).
    """
    out: list[str] = []
    for c in light_fold(text):
        if is_long_extension(out[-1] if out else "", c):
            continue
        out.append(c)
    return "".join(out)
