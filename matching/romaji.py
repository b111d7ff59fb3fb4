"""Romaji in any system (passport Hepburn, Kunrei, Nihon-shiki, macrons, OH) compared through kana."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from matching.kana import fold_kana, to_hiragana

_VOWELS = "AEIOU"
_V = {"A": "あ", "I": "い", "U": "う", "E": "え", "O": "お"}
# Consonant onsets and their kana rows (a, i, u, e, o). None: that syllable is not written so.
_ROWS: dict[str, tuple[str | None, ...]] = {
    "K": ("か", "き", "く", "け", "こ"),
    "G": ("が", "ぎ", "ぐ", "げ", "ご"),
    "S": ("さ", "し", "す", "せ", "そ"),
    "Z": ("ざ", "じ", "ず", "ぜ", "ぞ"),
    "T": ("た", "ち", "つ", "て", "と"),
    "D": ("だ", "ぢ", "づ", "で", "ど"),
    "N": ("な", "に", "ぬ", "ね", "の"),
    "H": ("は", "ひ", "ふ", "へ", "ほ"),
    "B": ("ば", "び", "ぶ", "べ", "ぼ"),
    "P": ("ぱ", "ぴ", "ぷ", "ぺ", "ぽ"),
    "M": ("ま", "み", "む", "め", "も"),
    "Y": ("や", None, "ゆ", "いぇ", "よ"),
    "R": ("ら", "り", "る", "れ", "ろ"),
    "L": ("ら", "り", "る", "れ", "ろ"),
    "W": ("わ", "うぃ", "う", "うぇ", "を"),
    "F": ("ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"),
    "V": ("ゔぁ", "ゔぃ", "ゔ", "ゔぇ", "ゔぉ"),
    "SH": ("しゃ", "し", "しゅ", "しぇ", "しょ"),
    "CH": ("ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"),
    "TS": ("つぁ", "つぃ", "つ", "つぇ", "つぉ"),
    "J": ("じゃ", "じ", "じゅ", "じぇ", "じょ"),
    "DZ": ("ざ", "じ", "ず", "ぜ", "ぞ"),  # DZU = づ = ず
    "SHY": ("しゃ", "し", "しゅ", "しぇ", "しょ"),
    "CHY": ("ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"),
    "JY": ("じゃ", "じ", "じゅ", "じぇ", "じょ"),
    "TY": ("ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"),  # Kunrei TYA = CHA
    "CY": ("ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"),
    "SY": ("しゃ", "し", "しゅ", "しぇ", "しょ"),  # Kunrei SYA = SHA
    "ZY": ("じゃ", "じ", "じゅ", "じぇ", "じょ"),
    "DY": ("ぢゃ", "ぢ", "ぢゅ", "ぢぇ", "ぢょ"),
}
for _c, _row in list(_ROWS.items()):
    if len(_c) == 1 and _c not in "YWFVJL" and _row[1]:
        base = _row[1]
        _ROWS[_c + "Y"] = (base + "ゃ", base + "ぃ", base + "ゅ", base + "ぇ", base + "ょ")
_ONSETS = sorted(_ROWS, key=len, reverse=True)

# Kana back to one canonical spelling (Hepburn): the comparison key. Earlier onsets win, so し is SHI
# (not SI) and ち is CHI; ん is always N, which makes SHUN'ICHI, SYUNITI and SHUNICHI one key.
_HEPBURN_ORDER = (
    "SH",
    "CH",
    "TS",
    "J",
    "F",
    "K",
    "G",
    "S",
    "Z",
    "T",
    "D",
    "N",
    "H",
    "B",
    "P",
    "M",
    "Y",
    "R",
    "W",
    "V",
)
_TO_ROMAJI: dict[str, str] = {"ん": "N", "ー": "", **{k: v for v, k in _V.items()}}
for _onset in (
    *_HEPBURN_ORDER,
    *(o for o in _ROWS if len(o) == 2 and o.endswith("Y") and o[0] in "KGNHBPMR"),
):
    for _vowel, _kana in zip("AIUEO", _ROWS[_onset], strict=True):
        if _kana is not None and _kana not in _TO_ROMAJI:
            _TO_ROMAJI[_kana] = _onset + _vowel


def kana_to_romaji(kana: str) -> str:
    """Canonical romaji for hiragana: Hepburn spelling, N for ん, っ doubling the next consonant."""
    out: list[str] = []
    i, double = 0, False
    while i < len(kana):
        piece = kana[i : i + 2] if kana[i : i + 2] in _TO_ROMAJI else kana[i]
        i += len(piece)
        if piece == "っ":
            double = True
            continue
        romaji = _TO_ROMAJI.get(piece, piece)
        if double and romaji:
            out.append("T" if romaji.startswith("CH") else romaji[0])
            double = False
        out.append(romaji)
    return "".join(out)


_NOT_LETTERS = re.compile(r"[^A-Z']+")


class NotJapaneseRomaji(ValueError):
    """The text cannot be read as Japanese syllables (a foreign name such as SMITH)."""


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    # Macrons and circumflexes mark long vowels (Ō, Û): the base letter is what passports write.
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).upper()
    # An apostrophe after N marks ん before a vowel (KEN'ICHI); elsewhere it means nothing.
    text = text.replace("’", "'").replace("N-", "N'")
    return [t.strip("'") for t in _NOT_LETTERS.split(text) if t.strip("'")]


def _parse(token: str) -> str:
    out: list[str] = []
    i, n = 0, len(token)
    while i < n:
        c = token[i]
        nxt = token[i + 1] if i + 1 < n else ""
        if c == "'":
            i += 1
            continue
        if c in _VOWELS:
            out.append(_V[c])
            i += 1
            continue
        if c == "H" and i > 0 and token[i - 1] == "O" and (nxt == "" or nxt not in _VOWELS + "Y"):
            out.append("ー")  # OH: passport long O (OHNO = おおの)
            i += 1
            continue
        if (
            c in "NM"
            and (nxt == "" or nxt not in _VOWELS + "Y")
            and (c == "N" or (nxt != "" and nxt in "BMP"))
        ):
            out.append("ん")  # N, and M before B/M/P (NAMBA = なんば)
            i += 1
            continue
        if c == nxt and c not in "N" or (c == "T" and token.startswith("CH", i + 1)):
            out.append("っ")  # doubled consonant, TCH
            i += 1
            continue
        for onset in _ONSETS:
            if token.startswith(onset, i):
                j = i + len(onset)
                if j < n and token[j] in _VOWELS:
                    kana = _ROWS[onset]["AIUEO".index(token[j])]
                    if kana is not None:
                        out.append(kana)
                        i = j + 1
                        break
        else:
            raise NotJapaneseRomaji(f"not Japanese romaji: {token}")
    return "".join(out)


@lru_cache(maxsize=8192)
def romaji_to_kana(text: str) -> tuple[str, ...]:
    """Hiragana for each word of `text` (any romanisation). Raises NotJapaneseRomaji."""
    return tuple(_parse(t) for t in _tokens(text))


def _folded_words(text: str) -> tuple[str, ...] | None:
    try:
        return tuple(kana_to_romaji(fold_kana(w)) for w in romaji_to_kana(text))
    except NotJapaneseRomaji:
        return None


def words_equivalent(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same name up to word order and word splitting (middle names in the family or given field)."""
    if sorted(a) == sorted(b) or "".join(a) == "".join(b):
        return True
    if len(a) <= 5 and len(b) <= 5:
        joined_b = {"".join(p) for p in itertools.permutations(b)}
        return any("".join(p) in joined_b for p in itertools.permutations(a))
    return False


def romaji_equivalent(a: str, b: str) -> bool:
    """True when two romaji names denote the same name.

    Tolerates notation: Hepburn / Kunrei / Nihon-shiki (SYUNITI = SHUNICHI, DZU = ZU), long vowels
    written or not (ONO = OHNO = OONO = OUNO = ŌNO), N or M before B/M/P (NAMBA = NANBA), case,
    full/half width, punctuation, word order and how the words are split. Foreign names that are not
    Japanese syllables are compared letter for letter (word order and case still free).
    """
    wa, wb = _folded_words(a), _folded_words(b)
    if wa is not None and wb is not None:
        return words_equivalent(wa, wb)
    return words_equivalent(tuple(_tokens(a)), tuple(_tokens(b)))


def kana_romaji_equivalent(kana: str, romaji: str) -> bool:
    """True when a kana name (フリガナ) and a romaji name spell the same name."""
    wr = _folded_words(romaji)
    if wr is None:
        return False
    wk = tuple(
        kana_to_romaji(fold_kana(to_hiragana(w)))
        for w in unicodedata.normalize("NFKC", kana).replace("・", " ").split()
    )
    return words_equivalent(wk, wr)


def romaji_key(text: str) -> str:
    """The canonical romaji of a name without spaces, or its upper-case letters if not Japanese."""
    words = _folded_words(text)
    return "".join(words) if words is not None else "".join(_tokens(text))
