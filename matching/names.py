"""Name comparison: kanji (with variants and katakana stand-ins), kana readings and romaji."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from matching.confusion import lookalikes, misread_positions
from matching.kana import fold_kana, is_katakana, light_fold, to_hiragana
from matching.normalize import normalize, remove_spaces
from matching.readings import is_plausible_reading
from matching.result import Comparison, Verdict, match, mismatch, uncertain
from matching.romaji import (
    NotJapaneseRomaji,
    kana_romaji_equivalent,
    romaji_equivalent,
    romaji_key,
    romaji_to_kana,
)
from matching.variants import fold, same_kanji


@dataclass(frozen=True)
class RegisteredName:
    """What the customer registered: 氏名 (kanji), フリガナ (kana), and/or romaji. Any may be None."""

    kanji: str | None = None
    kana: str | None = None
    romaji: str | None = None


@dataclass(frozen=True)
class ObservedName:
    """What the card shows: one of kanji (licence, My Number card), kana, or romaji (在留カード, passport)."""

    kanji: str | None = None
    kana: str | None = None
    romaji: str | None = None


@dataclass(frozen=True)
class _KanjiResult:
    kind: str  # exact | variant | katakana | misread | different
    note: str = ""


def _reading_ok(kanji: str, kana: str) -> bool | None:
    """Plausibility of a reading, or None when the dictionaries are not installed."""
    try:
        return is_plausible_reading(normalize(kanji), normalize(kana))
    except FileNotFoundError:
        return None


@lru_cache(maxsize=4096)
def _katakana_alignment(registered: str, observed: str) -> str | None:
    """If `registered` writes some of `observed`'s kanji in katakana (草ナギ for 草彅), describe how."""
    notes: list[str] = []

    def walk(i: int, j: int) -> bool:
        if i == len(registered):
            return j == len(observed)
        if j >= len(observed):
            return False
        if is_katakana(registered[i]):
            k = i
            while k < len(registered) and is_katakana(registered[k]):
                k += 1
            run = registered[i:k]
            for m in range(1, 4):
                piece = observed[j : j + m]
                if (
                    len(piece) == m
                    and not any(is_katakana(c) for c in piece)
                    and _reading_ok(piece, run)
                    and walk(k, j + m)
                ):
                    notes.append(f"{run}={piece}")
                    return True
            return False
        return same_kanji(registered[i], observed[j]) and walk(i + 1, j + 1)

    return "、".join(reversed(notes)) if walk(0, 0) and notes else None


def _compare_kanji(registered: str, observed: str) -> _KanjiResult:
    reg, obs = remove_spaces(normalize(registered)), remove_spaces(normalize(observed))
    if reg == obs:
        return _KanjiResult("exact")
    if fold(reg) == fold(obs) or (
        len(reg) == len(obs) and all(same_kanji(a, b) for a, b in zip(reg, obs, strict=True))
    ):
        pairs = "、".join(f"{o}/{r}" for r, o in zip(reg, obs, strict=True) if r != o)
        return _KanjiResult("variant", f"異体字 {pairs} を同一視")
    if any(is_katakana(c) for c in reg) and not any(is_katakana(c) for c in obs):
        aligned = _katakana_alignment(reg, obs)
        if aligned:
            return _KanjiResult("katakana", f"登録のカタカナ {aligned} は漢字の読みとして妥当")
    misread = misread_positions(fold(obs), fold(reg))
    if misread:
        return _KanjiResult("misread", "、".join(f"{c}/{r}" for c, r in misread))
    if any(is_katakana(c) for c in reg):
        # 草ナギ registered, 草剪 read: the card's 彅 came out as its look-alike.
        for i, char in enumerate(obs):
            for other in lookalikes(char):
                aligned = _katakana_alignment(reg, obs[:i] + other + obs[i + 1 :])
                if aligned:
                    return _KanjiResult("misread", f"{char}/{other} ({aligned})")
    return _KanjiResult("different")


def _with_kanji(reg: RegisteredName, observed: str) -> Comparison:
    card = remove_spaces(normalize(observed))
    if not reg.kanji:
        if reg.kana:
            ok = _reading_ok(observed, reg.kana)
            return _reading_only(ok, card, reg.kana)
        words = _romaji_words(reg.romaji or "")
        ok = _reading_ok(observed, " ".join(words)) if words else False
        return _reading_only(ok, card, reg.romaji or "")
    result = _compare_kanji(reg.kanji, observed)
    reading = _reading_ok(observed, reg.kana) if reg.kana else None
    reading_note = (
        ""
        if reg.kana is None
        else "フリガナも読みとして妥当"
        if reading
        else "フリガナは辞書で確認できず"
        if reading is False
        else "フリガナは未確認(辞書なし)"
    )
    if result.kind in ("exact", "variant", "katakana"):
        note = "、".join(x for x in (result.note, reading_note) if x)
        detail = f"漢字氏名が一致します(漢字で判定): {card}" + (f" ({note})" if note else "")
        if reading is False:
            # The kanji decide identity; a registered フリガナ no dictionary supports is worth a look,
            # not a rejection: the dictionaries miss a few percent of real readings (docs/benchmarks/matching.md).
            return uncertain(
                f"漢字氏名は一致しますが、登録フリガナ {reg.kana} はカードの漢字 {card} の読みとして辞書で確認できません",
                "kanji match but the registered kana is not a known reading of the card's kanji",
                0.8,
            )
        return match(
            detail,
            f"kanji name equal ({result.kind}); decided by the kanji",
            1.0 if result.kind == "exact" else 0.95,
        )
    if result.kind == "misread":
        return uncertain(
            f"漢字氏名が誤読の可能性で異なります ({result.note}): カード {card}, 登録 {reg.kanji}"
            + (f" ({reading_note})" if reading_note else ""),
            "kanji names differ only by OCR look-alikes",
            0.6,
        )
    return mismatch(
        f"漢字氏名が異なります: カード {card}, 登録 {remove_spaces(normalize(reg.kanji))}"
        + (" (漢字の違いで判定。フリガナは読みとして妥当)" if reading else ""),
        "kanji names differ; decided by the kanji",
    )


def _reading_only(ok: bool | None, card: str, registered: str) -> Comparison:
    if ok:
        return uncertain(
            f"登録に漢字氏名がなく、読み {registered} はカードの {card} の読みとして妥当です (要確認)",
            "no registered kanji; the registered reading fits the card's kanji",
            0.6,
        )
    if ok is None:
        return uncertain(
            "登録に漢字氏名がなく、読みの辞書もありません",
            "no registered kanji and no reading dictionary",
            0.3,
        )
    return mismatch(
        f"登録の読み {registered} はカードの {card} の読みとして妥当ではありません",
        "the registered reading does not fit the card's kanji",
    )


def _romaji_words(romaji: str) -> list[str]:
    try:
        return list(romaji_to_kana(romaji))
    except NotJapaneseRomaji:
        return []


def _with_kana(reg: RegisteredName, observed: str) -> Comparison:
    card = normalize(observed)
    if reg.kana:
        a, b = light_fold(reg.kana), light_fold(card)
        if a == b:
            return match(f"フリガナが一致します: {card}", "kana equal")
        if fold_kana(a) == fold_kana(b):
            return uncertain(
                f"フリガナが長音の表記だけ異なります: カード {card}, 登録 {reg.kana}",
                "kana differ in long vowels only",
                0.7,
            )
        misread = misread_positions(to_hiragana(card), to_hiragana(reg.kana))
        if misread:
            return uncertain(
                f"フリガナが誤読の可能性で異なります: カード {card}, 登録 {reg.kana}", "kana look-alikes", 0.6
            )
        return mismatch(f"フリガナが異なります: カード {card}, 登録 {reg.kana}", "kana differ")
    if reg.romaji:
        if kana_romaji_equivalent(card, reg.romaji):
            return match(
                f"カードのカナ {card} と登録ローマ字 {reg.romaji} が一致します",
                "kana equals registered romaji",
            )
        return mismatch(
            f"カードのカナ {card} と登録ローマ字 {reg.romaji} が異なります", "kana differs from romaji"
        )
    ok = _reading_ok(reg.kanji or "", card)
    return _reading_only(ok, reg.kanji or "", card)


def _with_romaji(reg: RegisteredName, observed: str) -> Comparison:
    card = normalize(observed)
    if reg.romaji and romaji_equivalent(reg.romaji, card):
        return match(f"ローマ字氏名が一致します: {card}", "romaji names equivalent")
    if reg.kana and kana_romaji_equivalent(reg.kana, card):
        return match(
            f"カードのローマ字 {card} は登録フリガナ {reg.kana} と一致します",
            "romaji matches the registered kana",
        )
    japanese = bool(_romaji_words(card))
    if reg.kana and not japanese and not reg.romaji:
        return uncertain(
            f"外国名のローマ字 {card} とカタカナ {reg.kana} は機械的に照合できません (要確認)",
            "foreign romaji name against katakana: needs a reviewer",
            0.5,
        )
    if reg.romaji:
        a, b = romaji_key(reg.romaji), romaji_key(card)
        if min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= 1:
            return uncertain(
                f"ローマ字氏名が1文字だけ異なります: カード {card}, 登録 {reg.romaji}",
                "romaji one sound apart",
                0.6,
            )
    if not reg.romaji and not reg.kana and reg.kanji:
        ok = _reading_ok(reg.kanji, " ".join(_romaji_words(card))) if japanese else False
        return _reading_only(ok, reg.kanji, card)
    shown = reg.romaji or reg.kana or ""
    return mismatch(f"ローマ字氏名が異なります: カード {card}, 登録 {shown}", "romaji names differ")


def compare_name(registered: RegisteredName, observed: ObservedName) -> Comparison:
    """Compare a registered name with the name read from a card.

    Kanji decide when both sides have kanji (variants 髙/高 and katakana stand-ins 草ナギ/草彅 are
    equal); a registered フリガナ that the dictionaries cannot derive from the card's kanji makes the
    result `uncertain`, never `match`. Kana and romaji compare through kana with notation folded
    (passport Hepburn, Kunrei, long vowels, word order).
    """
    if observed.kanji:
        return _with_kanji(registered, observed.kanji)
    if observed.kana:
        return _with_kana(registered, observed.kana)
    if observed.romaji:
        return _with_romaji(registered, observed.romaji)
    return Comparison(Verdict.UNCERTAIN, 0.0, "カードの氏名が空です", "the card's name is empty")
