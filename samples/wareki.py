"""Japanese era (和暦) dates as printed on cards, written independently of matching.dates."""

from __future__ import annotations

import datetime as dt

ERAS = [  # (name, first day): newest first
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
    ("大正", dt.date(1912, 7, 30)),
    ("明治", dt.date(1868, 1, 25)),
]

_FW = str.maketrans("0123456789", "０１２３４５６７８９")


def era_of(d: dt.date) -> tuple[str, int]:
    for name, first in ERAS:
        if d >= first:
            return name, d.year - first.year + 1
    raise ValueError("date before 明治")


def era_year_text(year: int, *, gannen: bool, pad: str = "") -> str:
    """元年 or the number; `pad` is " " or "0" to print two columns like real cards."""
    if year == 1 and gannen:
        return "元"
    return f"{year:{pad}>2}" if pad else str(year)


def wareki(d: dt.date, *, pad: str = "", gannen: bool = True, suffix: str = "", fw: bool = False) -> str:
    """昭和61年 5月 1日生 (pad=" ") / 令和01年05月07日 (pad="0", gannen=False) / 平成元年1月8日."""
    era, year = era_of(d)
    y = era_year_text(year, gannen=gannen, pad=pad)
    m = f"{d.month:{pad}>2}" if pad else str(d.month)
    day = f"{d.day:{pad}>2}" if pad else str(d.day)
    text = f"{era}{y}年{m}月{day}日{suffix}"
    return text.translate(_FW) if fw else text


def seireki(d: dt.date, *, pad: str = "", fw: bool = False) -> str:
    m = f"{d.month:{pad}>2}" if pad else str(d.month)
    day = f"{d.day:{pad}>2}" if pad else str(d.day)
    text = f"{d.year}年{m}月{day}日"
    return text.translate(_FW) if fw else text


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + years, day=28)


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
