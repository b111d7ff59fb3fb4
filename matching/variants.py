"""Old and variant kanji (髙/高, 﨑/崎, 邊/邉/辺, 齋/斎, 濵/濱/浜) folded to one representative."""

from __future__ import annotations

from functools import lru_cache

from matching.normalize import TranslateTable, strip_variation_selectors

# Pairs the MJ shrink map does not join (checked against jntajis-python 0.x in this venv), plus
# pairs common in names and place names. Each group folds to its first character.
_EXTRA_GROUPS = (
    "高髙",
    "崎﨑嵜",
    "辺邊邉",
    "斎齋",
    "斉齊",
    "浜濱濵",
    "徳德",
    "桜櫻",
    "沢澤",
    "広廣",
    "国國圀",
    "竜龍",
    "島嶋嶌",
    "富冨",
    "柳栁",
    "槙槇",
    "塚塚",
    "条條",
    "籠篭",
    "曽曾",
    "恵惠",
    "真眞",
    "瀬瀨",
    "吉𠮷",
    "鴎鷗",
    "兎菟",
    "煕熙",
    "蔵藏",
    "黒黑",
    "弥彌",
    "実實",
    "寿壽",
    "万萬",
    "滝瀧",
    "浅淺",
    "関關",
    "県縣",
    "区區",
    "郷鄕",
    "隆隆",
    "神神",
    "祐祐",
    "侮侮",
    "葛葛",
)
_EXTRA = {c: group[0] for group in _EXTRA_GROUPS for c in group}


@lru_cache(maxsize=16384)
def _mj_candidates(char: str) -> frozenset[str]:
    import jntajis  # imported on first use: the extension module is large

    combo = (
        jntajis.MJShrinkSchemeCombo.JIS_INCORPORATION_UCS_UNIFICATION_RULE
        | jntajis.MJShrinkSchemeCombo.INFERENCE_BY_READING_AND_GLYPH
        | jntajis.MJShrinkSchemeCombo.MOJ_NOTICE_582
        | jntajis.MJShrinkSchemeCombo.MOJ_FAMILY_REGISTER_ACT_RELATED_NOTICE
    )
    try:
        found = jntajis.mj_shrink_candidates(char, combo)
    except Exception:  # characters outside the MJ table: no variants known
        found = []
    return frozenset(strip_variation_selectors(c) for c in found) | {char}


@lru_cache(maxsize=16384)
def fold_char(char: str) -> str:
    """One representative for `char` and its variants (the same for 髙 and 高)."""
    if char < "\u3400":  # ASCII, kana, punctuation: no kanji variants
        return char
    if char in _EXTRA:
        return _EXTRA[char]
    candidates = _mj_candidates(char)
    for c in sorted(candidates):
        if c in _EXTRA:
            return _EXTRA[c]
    # The MJ map gives the standard form among the candidates; take the smallest code point so that
    # both members of a pair pick the same one (髙 -> {高, 髙}, 高 -> {高}).
    return min(candidates)


FOLD_TABLE = TranslateTable(lambda c: fold_char(c))


def fold(text: str) -> str:
    """`text` with every kanji replaced by its variant representative."""
    return strip_variation_selectors(text).translate(FOLD_TABLE)


def same_kanji(a: str, b: str) -> bool:
    """True when two characters are the same kanji or variants of each other."""
    if a == b or fold_char(a) == fold_char(b):
        return True
    return bool(_mj_candidates(a) & _mj_candidates(b))


# Spellings of place names used interchangeably in addresses (the peer normaliser's 表記ゆれ cases and
# the JIS 2004 glyph changes): only used for city and town names, never for personal names.
_PLACE_GROUPS = (
    "鯵鰺", "竈竃釜", "騨驒", "婁娄", "諫諌", "鉋飽", "班斑", "櫟擽", "藪薮籔", "檜桧", "館舘", "脊背",
    "己巳", "治冶", "梼檮", "祗祇", "鶯鴬", "麹麴", "炮砲", "邇爾迩", "遙遥", "蛎蠣", "桑桒", "嘩譁",
    "頚頸", "涜瀆", "焔焰", "蝋蠟", "禰祢", "逢逢", "辻辻", "稗稗", "塚塚",
)  # fmt: skip
_PLACE = {c: group[0] for group in _PLACE_GROUPS for c in group}


def fold_place_char(char: str) -> str:
    folded = fold_char(char)
    return _PLACE.get(folded, _PLACE.get(char, folded))


PLACE_TABLE = TranslateTable(fold_place_char)


def fold_place(text: str) -> str:
    """Like `fold`, plus the place-name spellings used interchangeably (檜原 = 桧原, 塩竈 = 塩釜)."""
    return strip_variation_selectors(text).translate(PLACE_TABLE)
