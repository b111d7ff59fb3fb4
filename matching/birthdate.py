"""Birthdate comparison: both sides parsed from any notation, then compared as days."""

from __future__ import annotations

from datetime import date

from matching.dates import DateParseError, parse_date, parse_date_ocr, to_wareki
from matching.result import Comparison, match, mismatch, uncertain


def _as_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    return parse_date(value)


def _show(day: date) -> str:
    try:
        era, year = to_wareki(day)
    except DateParseError:  # before Meiji: a misread year (1374 for 1974) still has to be shown
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日({era.name}{'元' if year == 1 else year}年)"


def _from_ocr_text(reg: date, observed: str, error: DateParseError) -> Comparison:
    """The card text is not a clean date: read it with known OCR misreads corrected, never to a match."""
    try:
        obs, _ = parse_date_ocr(observed)
    except DateParseError:
        return uncertain(
            f"カードの生年月日を読み取れません: {error}", f"card birthdate unreadable: {error}", 0.0
        )
    if obs == reg:
        return uncertain(
            f"誤読を補正すると生年月日が一致します: {_show(obs)} (要確認)",
            "birthdates equal after correcting OCR misreads",
            0.8,
        )
    return uncertain(
        f"誤読を補正して読んだ生年月日が異なります: カード {_show(obs)}, 登録 {_show(reg)} (要確認)",
        "birthdates differ after correcting OCR misreads",
        0.3,
    )


def compare_birthdate(registered: str | date, observed: str | date) -> Comparison:
    """Compare two birthdates written in any notation (昭和61年5月1日生 = 1986-05-01).

    A registered value that cannot be parsed raises DateParseError (bad input, not a verdict). An
    observed (card) value that is not a clean date is read again with OCR misreads corrected
    (還和 -> 昭和, O -> 0); whatever that gives, the verdict is `uncertain`, since OCR may have misread it.
    """
    reg = _as_date(registered)
    try:
        obs = _as_date(observed)
    except DateParseError as exc:
        return _from_ocr_text(reg, str(observed), exc)
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
