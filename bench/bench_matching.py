"""Accuracy and speed of `matching` against the peers' test data (read at run time, never committed).

    .venv/bin/python -m bench.bench_matching [--peers /work/shared/data/peers] [--examples 5]

Prints every figure; docs/benchmarks/matching.md records a run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from matching import ObservedName, RegisteredName, compare_address, compare_name, parse_address, readings
from matching.address import parse_address as _parse_cached
from matching.kana import is_kanji
from matching.readings import is_plausible_reading, reading_index
from matching.romaji import kana_romaji_equivalent, romaji_equivalent

DEFAULT_PEERS = Path("/work/shared/data/peers")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _report(title: str, verdicts: Counter, failures: list, examples: int) -> None:
    total = sum(verdicts.values())
    matched = verdicts.get("match", 0)
    rate = 100.0 * matched / total if total else 0.0
    shown = ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items()))
    print(f"{title}: {matched}/{total} match = {rate:.1f}%  ({shown})")
    for failure in failures[:examples]:
        print("    e.g.", failure)


# ---------------------------------------------------------------- addresses
def address_pairs(peers: Path) -> dict[str, list[tuple[str, str]]]:
    """(expected normalised form, peer input) per data set."""
    sets: dict[str, list[tuple[str, str]]] = {"abr_geocoder (all)": [], "abr_geocoder (complete input)": []}
    for row in _load(peers / "addresses_abr_geocoder.jsonl"):
        exp = row.get("expected")
        if not isinstance(exp, dict) or not exp.get("output"):
            continue
        pair = (exp["output"], row["input"])
        sets["abr_geocoder (all)"].append(pair)
        # The geocoder also completes and corrects addresses (紀尾井町1-3 -> 東京都千代田区紀尾井町1-3);
        # a strict matcher must not. "Complete input": the input itself names prefecture and city.
        head = "".join(exp.get(k) or "" for k in ("pref", "county", "city", "ward"))
        if unicodedata.normalize("NFKC", row["input"]).startswith(head):
            sets["abr_geocoder (complete input)"].append(pair)
    jap = []
    for row in _load(peers / "addresses_japanese_address_parser.jsonl"):
        exp = row["expected"]
        jap.append(("".join(exp.get(k) or "" for k in ("prefecture", "city", "town", "rest")), row["input"]))
    sets["japanese_address_parser"] = jap
    return sets


_DIGITS = re.compile(r"\d+")


def _town_start(expected: str, parsed) -> int:
    """Where the town is written in `expected`: after the city, not inside 北海道 or a ward name."""
    after_city = (
        expected.find(parsed.city) + len(parsed.city) if parsed.city and parsed.city in expected else 0
    )
    return expected.find(parsed.town, after_city)


def _perturb(expected: str, rng: random.Random) -> list[tuple[str, str]]:
    """Real differences built from a normalised address: none of them may match."""
    out: list[tuple[str, str]] = []
    numbers = list(_DIGITS.finditer(expected))
    if numbers:
        m = rng.choice(numbers)
        changed = str(int(m.group()) + rng.choice((1, 2, 7)))
        out.append(("change one number", expected[: m.start()] + changed + expected[m.end() :]))
        last = numbers[-1]
        cut = expected[: last.start()].rstrip("-の番号地丁目 ")
        if cut and cut != expected and parse_address(expected).numbers:
            out.append(("drop the last number", cut + expected[last.end() :]))
    distinct = [m for m in numbers if m.group() != numbers[0].group()]
    if numbers and distinct:
        a, b = numbers[0], distinct[0]
        swapped = (
            expected[: a.start()]
            + b.group()
            + expected[a.end() : b.start()]
            + a.group()
            + expected[b.end() :]
        )
        out.append(("swap two numbers", swapped))
    parsed = parse_address(expected)
    town = parsed.town
    kanji_positions = [i for i, c in enumerate(town) if is_kanji(c) and c not in "町村字大"]
    if town and kanji_positions:
        i = rng.choice(kanji_positions)
        replacement = "沢" if town[i] not in "沢澤" else "森"
        new_town = town[:i] + replacement + town[i + 1 :]
        start = _town_start(expected, parsed)
        if start >= 0:
            out.append(
                ("change one town character", expected[:start] + new_town + expected[start + len(town) :])
            )
    if town and len(town) > 1:
        start = _town_start(expected, parsed)
        if start >= 0:
            out.append(("drop the town", expected[:start] + expected[start + len(town) :]))
    return out


def bench_addresses(peers: Path, examples: int) -> list[str]:
    print("== Addresses: peer input vs the peer's expected normalised form")
    sets = address_pairs(peers)
    for title, pairs in sets.items():
        verdicts: Counter = Counter()
        failures = []
        for expected, given in pairs:
            result = compare_address(expected, given)
            verdicts[str(result.verdict)] += 1
            if result.verdict != "match":
                failures.append((given, expected, result.detail))
        _report(title, verdicts, failures, examples)

    print("== Addresses: perturbed negatives (expected form vs a real difference) — must never match")
    rng = random.Random(20261122)
    expected_forms = sorted({e for pairs in sets.values() for e, _ in pairs})
    by_kind: Counter = Counter()
    false_matches: list = []
    verdicts: Counter = Counter()
    for expected in expected_forms:
        for kind, negative in _perturb(expected, rng):
            result = compare_address(expected, negative)
            by_kind[kind] += 1
            verdicts[str(result.verdict)] += 1
            if result.verdict == "match":
                false_matches.append((kind, expected, negative))
    total = sum(by_kind.values())
    print(f"negatives: {total} built from {len(expected_forms)} forms ({dict(by_kind)})")
    print(f"false matches: {len(false_matches)}  (verdicts: {dict(verdicts)})")
    for f in false_matches[:examples]:
        print("    e.g.", f)
    return expected_forms


def bench_speed(forms: list[str]) -> None:
    print("== Address comparison speed (CPU time of this process: one core; the machine is shared)")
    pairs = [(a, b) for a, b in zip(forms, forms[1:] + forms[:1], strict=True)]
    _parse_cached.cache_clear()
    compare_address(pairs[0][0], pairs[0][1])  # loads the city table
    _parse_cached.cache_clear()
    start = time.process_time()
    for a, b in pairs:
        compare_address(a, b)
    cold = time.process_time() - start
    print(
        f"cold (every address parsed for the first time): {len(pairs) / cold:,.0f} comparisons/s over {len(pairs)}"
    )
    rounds = max(1, 40000 // len(pairs))
    start = time.process_time()
    for _ in range(rounds):
        for a, b in pairs:
            compare_address(a, b)
    warm = time.process_time() - start
    print(f"warm (parses cached, {rounds} rounds): {rounds * len(pairs) / warm:,.0f} comparisons/s")
    synthetic = [
        f"東京都千代田区霞が関{c}丁目{b}番{g}号"
        for c in range(1, 4)
        for b in range(1, 40)
        for g in range(1, 40)
    ]
    _parse_cached.cache_clear()
    start = time.process_time()
    for s in synthetic:
        compare_address(s, s.replace("丁目", "-").replace("番", "-").replace("号", ""))
    fresh = time.process_time() - start
    print(
        f"fresh synthetic pairs (two new parses each): {len(synthetic) / fresh:,.0f} comparisons/s over {len(synthetic)}"
    )


# ---------------------------------------------------------------- names
def _reading_pairs(rows: list[dict]) -> list[tuple[str, str, str]]:
    pairs = []
    for row in rows:
        task = row["task"]
        if task == "name_parse_romaji_jp":
            e = row["expected"]
            keys = ("surname_kanji", "given_kanji", "surname_kana", "given_kana")
            if all(e.get(k) for k in keys):
                kanji = f"{e['surname_kanji']} {e['given_kanji']}"
                if all(is_kanji(c) or c == " " for c in kanji):
                    pairs.append((kanji, f"{e['surname_kana']} {e['given_kana']}", task))
        elif task == "romanize_passport_mofa" and row.get("note") and all(is_kanji(c) for c in row["note"]):
            pairs.append((row["note"], row["input"], task))
        elif task == "reading_pykakasi_unidic_noun":
            pairs.append((row["input"], row["expected"], task))
    return pairs


def bench_names(peers: Path, examples: int) -> None:
    rows = _load(peers / "names_peers.jsonl")

    print("== Names: registered kana as a reading of the kanji name")
    pairs = _reading_pairs(rows)
    accepted, failures = 0, []
    for kanji, kana, task in pairs:
        if is_plausible_reading(kanji, kana):
            accepted += 1
        else:
            failures.append((kanji, kana, task))
    print(f"real readings accepted: {accepted}/{len(pairs)} = {100.0 * accepted / len(pairs):.1f}%")
    for f in failures[:examples]:
        print("    e.g. rejected", f)
    wrong_total, wrong_accepted, wrong_examples = 0, 0, []
    for shift in (1, 7, 13):
        for i, (kanji, _, _) in enumerate(pairs):
            other = pairs[(i + shift) % len(pairs)][1]
            if other.replace(" ", "") == pairs[i][1].replace(" ", ""):
                continue
            wrong_total += 1
            if is_plausible_reading(kanji, other):
                wrong_accepted += 1
                wrong_examples.append((kanji, other))
    print(
        f"wrong readings (another name's kana) accepted: {wrong_accepted}/{wrong_total} = "
        f"{100.0 * wrong_accepted / wrong_total:.2f}%"
    )
    for f in wrong_examples[:examples]:
        print("    e.g. accepted", f)

    bench_dictionary_readings(examples)

    print("== Names: variant kanji pairs (compare_name kanji vs kanji)")
    variant_pairs = []
    for row in rows:
        if row["task"] == "variant_mj_shrink_candidates":
            variant_pairs += [(row["input"], c) for c in row["expected"]]
        elif row["task"] == "pykakasi_legacy_test_itaiji":
            variant_pairs.append((row["input"], row["expected"]))
    _count(
        "variant pairs",
        variant_pairs,
        lambda a, b: compare_name(RegisteredName(kanji=b), ObservedName(kanji=a)).verdict == "match",
        examples,
    )

    print("== Names: romanisation (kana vs romaji, romaji vs romaji)")
    groups: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        task = row["task"]
        if task in (
            "romanize_passport_mofa",
            "kana_to_romaji_hepburn_js",
            "romanize_hepburn1886",
            "romanize_bgn1962",
        ):
            groups.setdefault(task + " (kana vs romaji)", []).append((row["input"], row["expected"]))
        elif task == "romaji_name_to_hiragana_hepburn_js":
            groups.setdefault(task + " (ENAMDICT given names)", []).append((row["expected"], row["input"]))
        elif task in ("romanize_kunrei_mext1954", "romanize_iso3602"):
            groups.setdefault(task + " (Kunrei kana vs romaji)", []).append((row["input"], row["expected"]))
    for title, items in groups.items():
        _count(title, items, kana_romaji_equivalent, examples)
    clean = [(r["input"], r["expected"]) for r in rows if r["task"] == "romaji_clean_hepburn_js"]
    _count("romaji_clean_hepburn_js (romaji vs romaji)", clean, romaji_equivalent, examples)
    passport = [
        (r["input"], r["expected"])
        for r in rows
        if r["task"] == "pykakasi_legacy_passport" and all(is_kanji(c) for c in r["input"])
    ]
    _count(
        "pykakasi_legacy_passport (kanji vs passport romaji, reading check -> uncertain)",
        passport,
        lambda k, r: compare_name(RegisteredName(kanji=k), ObservedName(romaji=r)).verdict == "uncertain",
        examples,
    )
    negatives = [
        (a, b2)
        for (a, _), (_, b2) in zip(
            groups["romaji_name_to_hiragana_hepburn_js (ENAMDICT given names)"],
            groups["romaji_name_to_hiragana_hepburn_js (ENAMDICT given names)"][1:],
            strict=False,
        )
    ]
    wrong = [(a, b) for a, b in negatives if kana_romaji_equivalent(a, b)]
    print(f"wrong kana/romaji pairs (neighbouring names) accepted: {len(wrong)}/{len(negatives)}")
    for f in wrong[:examples]:
        print("    e.g.", f)


def bench_dictionary_readings(examples: int, per_kind: int = 500) -> None:
    """Readings on ENAMDICT's own entries: the per-kanji (KANJIDIC) path alone is a fair test; with
    ENAMDICT words as well it is circular for real readings but a fair test of wrong readings."""
    index = reading_index()
    rng = random.Random(7)
    kinds: dict[str, list[tuple[str, str]]] = {"surname": [], "given": []}
    enamdict = readings.EDICT_DIR / "enamdict"
    wanted = {"s": "surname", "g": "given", "f": "given", "m": "given"}
    with enamdict.open(encoding="euc_jp", errors="replace") as fh:
        for line in fh:
            key, sep, rest = line.partition(" [")
            if not sep or not 1 < len(key) <= 4 or not all(is_kanji(c) and c != "々" for c in key):
                continue
            reading, _, gloss = rest.partition("] /(")
            types = gloss.partition(")")[0].split(",")
            if len(types) == 1 and types[0] in wanted:
                kinds[wanted[types[0]]].append((key, reading))
    kanjidic_only = readings.ReadingIndex(words={}, chars=index.chars)
    print(
        f"== Names: readings of ENAMDICT entries ({per_kind} random surnames and given names each, 2-4 kanji)"
    )
    for kind, entries in kinds.items():
        sample = rng.sample(entries, per_kind)
        ok = [readings.plausible_with(kanjidic_only, k, r) for k, r in sample]
        misses = [pair for pair, good in zip(sample, ok, strict=True) if not good]
        rate = 100.0 * sum(ok) / per_kind
        print(f"{kind}: KANJIDIC per-kanji only (no ENAMDICT) accepts {sum(ok)}/{per_kind} = {rate:.1f}%")
        for m in misses[:examples]:
            print("    e.g. rejected", m)
        wrong_pairs = [
            (sample[i][0], sample[(i + 1) % per_kind][1])
            for i in range(per_kind)
            if sample[(i + 1) % per_kind][1] not in index.words.get(sample[i][0], ())
        ]
        full = [readings.plausible_with(index, k, r) for k, r in wrong_pairs]
        only = [readings.plausible_with(kanjidic_only, k, r) for k, r in wrong_pairs]
        n = len(wrong_pairs)
        print(
            f"{kind}: wrong readings (next entry's reading) accepted with ENAMDICT+KANJIDIC "
            f"{sum(full)}/{n} = {100.0 * sum(full) / n:.2f}%, KANJIDIC only {sum(only)}/{n} = {100.0 * sum(only) / n:.2f}%"
        )
        accepted = [p for p, good in zip(wrong_pairs, full, strict=True) if good]
        for m in accepted[:examples]:
            print("    e.g. accepted", m)


def _count(
    title: str, items: Iterable[tuple[str, str]], ok: Callable[[str, str], bool], examples: int
) -> None:
    items = list(items)
    failures = [(a, b) for a, b in items if not ok(a, b)]
    passed = len(items) - len(failures)
    print(f"{title}: {passed}/{len(items)} = {100.0 * passed / max(1, len(items)):.1f}%")
    for f in failures[:examples]:
        print("    e.g. failed", f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    forms = bench_addresses(args.peers, args.examples)
    bench_speed(forms)
    bench_names(args.peers, args.examples)


if __name__ == "__main__":
    main()
