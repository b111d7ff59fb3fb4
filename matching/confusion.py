"""OCR look-alikes (ロ/口, カ/力, ニ/二, ...): tells a probable misread from a different text."""

from __future__ import annotations

import unicodedata

# Pairs a Japanese OCR engine confuses because the glyphs are (nearly) identical in print.
_GROUPS = (
    "ロ口□", "カ力", "エ工", "ニ二", "ハ八", "タ夕", "ト卜", "ー一-—‐", "日目曰", "人入", "大太犬",
    "へヘ", "べベ", "ぺペ", "りリ", "もモ", "千干于", "土士", "末未", "己巳已", "刀力", "二こ",
    "ソン", "シツ", "ノ丿", "0O〇o", "1lI|", "5S", "8B", "2Z", "夫天", "王玉", "本木", "田由甲申",
    "斉斎", "崎埼", "沢択", "辺边", "衛衞", "礼札", "貝見", "代伐", "候侯", "郎朗", "鳥烏",
    "彅剪", "桜楼",
)  # fmt: skip


def _dakuten_groups() -> tuple[str, ...]:
    """ハ/バ/パ, ソ/ゾ, ...: the marks are a few pixels, the first thing blur or a low-res crop loses."""
    groups: dict[str, str] = {}
    for code in [*range(0x3041, 0x3097), *range(0x30A1, 0x30F7)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        groups[base] = groups.get(base, base) + (char if char != base else "")
    return tuple(g for g in groups.values() if len(g) > 1)


_PAIRS = frozenset((a, b) for g in (*_GROUPS, *_dakuten_groups()) for a in g for b in g if a != b)
_PARTNERS: dict[str, frozenset[str]] = {}
for _a, _b in _PAIRS:
    _PARTNERS[_a] = _PARTNERS.get(_a, frozenset()) | {_b}
MAX_MISREADS = 2


def lookalikes(char: str) -> frozenset[str]:
    """The characters an OCR engine may print for `char` (and `char` for them)."""
    return _PARTNERS.get(char, frozenset())


def confusable(a: str, b: str) -> bool:
    """True when characters `a` and `b` are known OCR look-alikes."""
    return (a, b) in _PAIRS


def misread_positions(a: str, b: str) -> list[tuple[str, str]] | None:
    """The differing character pairs if `a` and `b` differ only by OCR look-alikes, else None.

    Same length, every differing position a known look-alike pair, at most MAX_MISREADS of them.
    Returns an empty list for equal strings.
    """
    if len(a) != len(b):
        return None
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diffs) > MAX_MISREADS or not all(confusable(x, y) for x, y in diffs):
        return None
    return diffs
