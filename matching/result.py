"""The result every comparison returns: a verdict, a score and a reason a reviewer can read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# Details quote card text; a run of 9+ digits there could be a My Number read by mistake, and a
# My Number must never reach output or logs.
_LONG_DIGITS = re.compile(r"\d{9,}")


class Verdict(StrEnum):
    MATCH = "match"
    MISMATCH = "mismatch"
    UNCERTAIN = "uncertain"  # send to a human reviewer


@dataclass(frozen=True)
class Comparison:
    """Outcome of comparing one registered field with what the card says.

    `detail` is Japanese for the reviewer (番地が異なります: カード 1, 登録 7); `detail_en` the same in
    English. `score` is 1.0 for certain equality, 0.0 for a certain difference, in between otherwise.
    """

    verdict: Verdict
    score: float
    detail: str
    detail_en: str = ""

    @property
    def matched(self) -> bool:
        return self.verdict is Verdict.MATCH


def _safe(text: str) -> str:
    return _LONG_DIGITS.sub("<数字列>", text)


def match(detail: str, detail_en: str = "", score: float = 1.0) -> Comparison:
    return Comparison(Verdict.MATCH, score, _safe(detail), _safe(detail_en))


def mismatch(detail: str, detail_en: str = "", score: float = 0.0) -> Comparison:
    return Comparison(Verdict.MISMATCH, score, _safe(detail), _safe(detail_en))


def uncertain(detail: str, detail_en: str = "", score: float = 0.5) -> Comparison:
    return Comparison(Verdict.UNCERTAIN, score, _safe(detail), _safe(detail_en))
