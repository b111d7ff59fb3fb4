"""Birthdate comparison: both sides parsed from any notation, then compared as days."""

from __future__ import annotations

from datetime import date

from matching.dates import DateParseError, parse_date, to_wareki
from matching.result import Comparison, match, mismatch, uncertain


def _as_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    return parse_date(value)


def _show(day: date) -> str:
    era, year = to_wareki(day)
    return f"{day.year}年{day.month}月{day.day}日({era.name}{'元' if year == 1 else year}年)"


def compare_birthdate(registered: str | date, observed: str | date) -> Comparison:
    """Compare two birthdates written in any notation (昭和61年5月1日生 = 1986-05-01).

    A registered value that cannot be parsed raises DateParseError (bad input, not a verdict); an
    observed (card) value that cannot be parsed gives `uncertain`, since OCR may have misread it.
    """
    reg = _as_date(registered)
    try:
        obs = _as_date(observed)
    except DateParseError as exc:
        return uncertain(f"カードの生年月日を読み取れません: {exc}", f"card birthdate unreadable: {exc}", 0.0)
    if reg == obs:
        return match(f"生年月日が一致します: {_show(reg)}", "birthdates are equal")
    parts = [
        name
        for name, a, b in (("年", reg.year, obs.year), ("月", reg.month, obs.month), ("日", reg.day, obs.day))
        if a != b
    ]
    return mismatch(
        f"生年月日が異なります({'・'.join(parts)}): カード {_show(obs)}, 登録 {_show(reg)}",
        f"birthdates differ: card {obs.isoformat()}, registered {reg.isoformat()}",
    )
