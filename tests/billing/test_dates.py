"""Renewal dates come from the anchor: month ends and leap years never drift."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from billing.dates import add_months, days_in_month, month_end, prorated, renewal_date

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
periods = st.integers(min_value=0, max_value=600)


def test_jan_31_goes_to_feb_29_then_back_to_mar_31_in_a_leap_year() -> None:
    anchor = date(2024, 1, 31)
    assert [renewal_date(anchor, k) for k in range(4)] == [
        date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]


def test_jan_31_goes_to_feb_28_in_a_common_year() -> None:
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 1, 31), 2) == date(2023, 3, 31)


def test_chaining_would_drift_but_the_anchor_does_not() -> None:
    chained = add_months(add_months(date(2024, 1, 31), 1), 1)
    assert chained == date(2024, 3, 29)
    assert renewal_date(date(2024, 1, 31), 2) == date(2024, 3, 31)


def test_feb_29_anchor_lands_on_feb_28_then_feb_29_again() -> None:
    anchor = date(2024, 2, 29)
    assert add_months(anchor, 12) == date(2025, 2, 28)
    assert add_months(anchor, 48) == date(2028, 2, 29)


@given(anchors, periods)
def test_day_is_the_anchor_day_clamped_to_the_month(anchor: date, k: int) -> None:
    result = add_months(anchor, k)
    assert (result.year * 12 + result.month) - (anchor.year * 12 + anchor.month) == k
    assert result.day == min(anchor.day, days_in_month(result.year, result.month))


@given(anchors, periods, periods)
def test_renewal_dates_are_monotonic_in_k(anchor: date, j: int, k: int) -> None:
    lo, hi = sorted((j, k))
    assert renewal_date(anchor, lo) <= renewal_date(anchor, hi)


@given(anchors, periods)
def test_month_end_anchor_stays_on_the_last_day(anchor: date, k: int) -> None:
    result = add_months(month_end(anchor), k, month_end_anchor=True)
    assert result == month_end(result)


@given(anchors, st.integers(min_value=0, max_value=100_000))
def test_proration_is_integer_yen_within_one_month(day: date, monthly: int) -> None:
    charge = prorated(monthly, day)
    assert isinstance(charge, int)
    assert 0 <= charge < max(monthly, 1)
    assert prorated(monthly, month_end(day)) == 0


def test_proration_counts_days_up_to_the_month_end() -> None:
    # Mar 15 -> Mar 31 is 16 days of a 31-day month.
    assert prorated(3100, date(2024, 3, 15)) == 1600
