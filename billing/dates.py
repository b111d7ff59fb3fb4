"""Renewal-date arithmetic: anchor + k periods, never chained (Jan 31 -> Feb 28/29 -> Mar 31)."""

from __future__ import annotations

import calendar
from datetime import date

# Terms a customer may pick (seed 003): manual renewal 1/3/6/12/24/36/60 months, automatic 1/3/6/12.
TERMS_MONTHS = (1, 3, 6, 12, 24, 36, 60)
AUTO_TERMS_MONTHS = (1, 3, 6, 12)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_end(day: date) -> date:
    return day.replace(day=days_in_month(day.year, day.month))


def add_months(anchor: date, months: int, *, month_end_anchor: bool = False) -> date:
    """`anchor` moved by `months`, clamped to the month's last day; always computed from the anchor.

    With `month_end_anchor` the result is the last day of the target month (a contract aligned to the
    month's end stays there: Apr 30 + 1 is May 31, not May 30).
    """
    total = anchor.year * 12 + (anchor.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = days_in_month(year, month)
    return date(year, month, last if month_end_anchor else min(anchor.day, last))


def renewal_date(anchor: date, months_paid: int, *, month_end_anchor: bool = False) -> date:
    """The day the paid period ends and the next one must start: anchor + months paid so far."""
    return add_months(anchor, months_paid, month_end_anchor=month_end_anchor)


def days_to_month_end(day: date) -> int:
    """Days added when a renewal date of `day` moves to the month's last day (the 20th of a 31-day month: 11)."""
    return (month_end(day) - day).days


def prorated(monthly_price: int, day: date) -> int:
    """Per-day charge from `day` to the month's end: monthly price x days / days in that month, rounded down."""
    return monthly_price * days_to_month_end(day) // days_in_month(day.year, day.month)
