"""Is a kana string a plausible reading of a kanji name? ENAMDICT and KANJIDIC from the system.

The EDRDG files (CC BY-SA 4.0) are read from /usr/share/edict at first use, never shipped with
honnin. Parsing ENAMDICT takes a few seconds, so the index is pickled under ~/.cache/honnin keyed by
the files' size and mtime; delete the cache to rebuild it.
"""

from __future__ import annotations

import os
import pickle
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matching.kana import is_kana, is_long_extension, light_fold, to_hiragana
from matching.variants import fold

EDICT_DIR = Path(os.environ.get("HONNIN_EDICT_DIR", "/usr/share/edict"))
CACHE_DIR = Path(os.environ.get("HONNIN_CACHE_DIR", Path.home() / ".cache" / "honnin"))
# Name-like ENAMDICT entry types: surname, given, female, male, unclassified, full name.
_PERSON_TYPES = frozenset({"s", "g", "f", "m", "u", "h"})
_MAX_WORD = 6

_VOICED = {
    "か": "が", "き": "ぎ", "く": "ぐ", "け": "げ", "こ": "ご", "さ": "ざ", "し": "じ", "す": "ず", "せ": "ぜ",
    "そ": "ぞ", "た": "だ", "ち": "じ", "つ": "ず", "て": "で", "と": "ど", "は": "ば", "ひ": "び", "ふ": "ぶ",
    "へ": "べ", "ほ": "ぼ",
}  # fmt: skip
# Name kanji outside JIS X 0208/0212, which the EUC-JP dictionaries cannot hold.
_EXTRA_READINGS = {"彅": ("なぎ",), "𠮷": ("よし", "きち"), "髙": ("たか", "こう"), "﨑": ("さき", "ざき")}
_SEMI_VOICED = {"は": "ぱ", "ひ": "ぴ", "ふ": "ぷ", "へ": "ぺ", "ほ": "ぽ"}


@dataclass(frozen=True)
class ReadingIndex:
    words: dict[str, tuple[str, ...]]  # ENAMDICT: kanji word -> readings (hiragana)
    chars: dict[str, tuple[str, ...]]  # KANJIDIC: kanji -> on, kun (stem and full) and nanori readings


def _parse_kanjidic(path: Path) -> dict[str, tuple[str, ...]]:
    chars: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="euc_jp", errors="replace") as fh:
        for line in fh:
            if line.startswith("#") or " " not in line:
                continue
            head, _, body = line.partition("{")
            fields = head.split()
            kanji, readings = fields[0], set()
            for token in fields[2:]:
                if token == "T1":
                    continue  # nanori (name readings) follow: kept like the others
                if token == "T2":
                    break  # radical names, not readings
                if not is_kana(token[0]) and token[0] != "-":
                    continue
                token = to_hiragana(token).strip("-")
                stem, _, okurigana = token.partition(".")
                readings.add(stem)
                if okurigana:
                    readings.add(stem + okurigana)
            readings.discard("")
            chars[kanji] = tuple(sorted(readings))
    return chars


def _parse_enamdict(path: Path) -> dict[str, tuple[str, ...]]:
    words: dict[str, set[str]] = {}
    with path.open(encoding="euc_jp", errors="replace") as fh:
        for line in fh:
            key, sep, rest = line.partition(" [")
            if not sep or len(key) > _MAX_WORD:
                continue
            reading, _, gloss = rest.partition("] /(")
            types = set(gloss.partition(")")[0].split(","))
            if not types & _PERSON_TYPES:
                continue
            words.setdefault(key, set()).add(reading)
    return {k: tuple(sorted(v)) for k, v in words.items()}


def _signature(*paths: Path) -> str:
    parts = []
    for p in paths:
        st = p.stat()
        parts.append(f"{p.name}-{st.st_size}-{int(st.st_mtime)}")
    return "_".join(parts)


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def reading_index() -> ReadingIndex:
    """Load (or build and cache) the reading index. Raises FileNotFoundError without the dictionaries."""
    with _LOCK:
        kanjidic, enamdict = EDICT_DIR / "kanjidic", EDICT_DIR / "enamdict"
        cache = CACHE_DIR / f"readings_{_signature(kanjidic, enamdict)}.pickle"
        if cache.exists():
            try:
                with cache.open("rb") as fh:
                    return pickle.load(fh)  # our own file, written below from the system dictionaries
            except (OSError, pickle.UnpicklingError, EOFError):
                pass
        index = ReadingIndex(words=_parse_enamdict(enamdict), chars=_parse_kanjidic(kanjidic))
        try:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as fh:
                pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError:
            pass  # a read-only home: work without the cache
        return index


def _variants(reading: str, first: bool, last: bool) -> set[str]:
    """The reading as it may sound inside a name: voiced (rendaku) unless first, っ unless last."""
    forms = {reading}
    if not first and reading[0] in _VOICED:
        forms.add(_VOICED[reading[0]] + reading[1:])
        if reading[0] in _SEMI_VOICED:
            forms.add(_SEMI_VOICED[reading[0]] + reading[1:])
    if not last and len(reading) > 1 and reading[-1] in "つくちき":
        forms |= {f[:-1] + "っ" for f in list(forms)}
    return {light_fold(f) for f in forms}


def _char_readings(index: ReadingIndex, char: str) -> tuple[str, ...]:
    found = index.chars.get(char)
    if found is None:
        found = index.chars.get(fold(char), ())
    return found + _EXTRA_READINGS.get(char, ())


def is_plausible_reading(kanji: str, kana: str) -> bool:
    """True when `kana` can be read from `kanji` by dictionary words and per-kanji readings.

    Allows rendaku (はし -> ばし), っ before the next kanji, long vowels dropped or added (こうじ = こおじ =
    こじ), 々 repeating the previous kanji, and kana inside the kanji name (草ナギ). Both strings may
    contain spaces; when both split into the same number of parts each part is checked on its own.
    """
    k_parts, r_parts = kanji.split(), to_hiragana(kana).replace("・", " ").split()
    if len(k_parts) == len(r_parts) > 1:
        return all(_plausible(k, r) for k, r in zip(k_parts, r_parts, strict=True))
    return _plausible("".join(k_parts), "".join(r_parts))


@lru_cache(maxsize=16384)
def _plausible(kanji: str, kana: str) -> bool:
    return plausible_with(reading_index(), kanji, kana)


def plausible_with(index: ReadingIndex, kanji: str, kana: str) -> bool:
    """`is_plausible_reading` for one unsplit name against a given index (benchmarks ablate with it)."""
    target = light_fold(kana)
    n = len(kanji)
    seen: set[tuple[int, int]] = set()

    def pieces(i: int) -> list[tuple[int, set[str]]]:
        out: list[tuple[int, set[str]]] = []
        first = i == 0
        char = kanji[i]
        if is_kana(char):
            return [(i + 1, {light_fold(char)})]
        for k in range(min(n, i + _MAX_WORD), i + 1, -1):
            word = kanji[i:k]
            readings = index.words.get(word) or index.words.get(fold(word))
            if readings:
                out.append((k, {v for r in readings for v in _variants(r, first, k == n)}))
        if char == "々" and i > 0:
            base = _char_readings(index, kanji[i - 1])
        else:
            base = _char_readings(index, char) + index.words.get(char, ())
        out.append((i + 1, {v for r in base if r for v in _variants(r, first, i + 1 == n)}))
        return out

    def walk(i: int, j: int) -> bool:
        if i == n:
            return j == len(target)
        if (i, j) in seen:
            return False
        seen.add((i, j))
        for k, forms in pieces(i):
            for form in forms:
                if any(walk(k, end) for end in _ends(form, target, j)):
                    return True
        return False

    return walk(0, 0)


def _ends(form: str, target: str, start: int) -> set[int]:
    """Where `form` can end when laid over `target` from `start`, long vowels dropped or added."""
    ends: set[int] = set()

    def go(a: int, b: int) -> None:
        if a == len(form):
            ends.add(b)
            while b < len(target) and b > 0 and is_long_extension(target[b - 1], target[b]):
                b += 1
                ends.add(b)
            return
        if b < len(target) and target[b] == form[a]:
            go(a + 1, b + 1)
        if a > 0 and is_long_extension(form[a - 1], form[a]):
            go(a + 1, b)  # the registration dropped a long vowel (こうじ written こじ)
        if 0 < b < len(target) and is_long_extension(target[b - 1], target[b]):
            go(a, b + 1)  # the registration added one (こじ written こうじ / こおじ)

    go(0, start)
    return ends
