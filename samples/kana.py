"""Katakana to passport-style Hepburn romaji, written for the sample names (not a general converter)."""

from __future__ import annotations

_DIGRAPHS = {
    "キャ": "KYA", "キュ": "KYU", "キョ": "KYO", "シャ": "SHA", "シュ": "SHU", "ショ": "SHO",
    "チャ": "CHA", "チュ": "CHU", "チョ": "CHO", "ニャ": "NYA", "ニュ": "NYU", "ニョ": "NYO",
    "ヒャ": "HYA", "ヒュ": "HYU", "ヒョ": "HYO", "ミャ": "MYA", "ミュ": "MYU", "ミョ": "MYO",
    "リャ": "RYA", "リュ": "RYU", "リョ": "RYO", "ギャ": "GYA", "ギュ": "GYU", "ギョ": "GYO",
    "ジャ": "JA", "ジュ": "JU", "ジョ": "JO", "ビャ": "BYA", "ビュ": "BYU", "ビョ": "BYO",
    "ピャ": "PYA", "ピュ": "PYU", "ピョ": "PYO", "ヴァ": "VA", "ティ": "TI", "ファ": "FA",
}
_MONO = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲ"
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ",
        ["A", "I", "U", "E", "O", "KA", "KI", "KU", "KE", "KO", "SA", "SHI", "SU", "SE", "SO", "TA", "CHI", "TSU", "TE", "TO", "NA", "NI", "NU", "NE", "NO", "HA", "HI", "FU", "HE", "HO", "MA", "MI", "MU", "ME", "MO", "YA", "YU", "YO", "RA", "RI", "RU", "RE", "RO", "WA", "O", "GA", "GI", "GU", "GE", "GO", "ZA", "JI", "ZU", "ZE", "ZO", "DA", "JI", "ZU", "DE", "DO", "BA", "BI", "BU", "BE", "BO", "PA", "PI", "PU", "PE", "PO", "VU"],
        strict=True,
    )
)


def hepburn(kana: str) -> str:
    """Passport Hepburn: long vowels dropped (オオノ -> ONO, ユウコ -> YUKO), N before B/M/P written M."""
    syllables: list[str] = []
    i = 0
    while i < len(kana):
        ch = kana[i]
        if ch in " 　":
            syllables.append(" ")
            i += 1
            continue
        pair = kana[i : i + 2]
        if pair in _DIGRAPHS:
            syllables.append(_DIGRAPHS[pair])
            i += 2
        elif ch == "ッ":
            syllables.append("ッ")
            i += 1
        elif ch == "ン":
            syllables.append("N")
            i += 1
        elif ch == "ー":
            i += 1  # long-vowel mark: dropped in passport spelling
        else:
            syllables.append(_MONO[ch])
            i += 1
    out = ""
    for k, syl in enumerate(syllables):
        if syl == "ッ":
            nxt = syllables[k + 1] if k + 1 < len(syllables) else ""
            out += "T" if nxt.startswith("CH") else nxt[:1]
            continue
        if syl == "N" and k + 1 < len(syllables) and syllables[k + 1][:1] in "BMP":
            out += "M"
            continue
        # Long vowels: OU/OO -> O, UU -> U (ヨウコ -> YOKO, オオタ -> OTA, ユウキ -> YUKI).
        before_e = k + 1 < len(syllables) and syllables[k + 1] == "E"  # イノウエ: ウエ is 上, not a long vowel
        if syl in ("U", "O") and out.endswith("O") and not before_e:
            continue
        if syl == "U" and out.endswith("U") and not before_e:
            continue
        out += syl
    return out
