"""Consumption tax is rounded once per invoice per rate, in integer yen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.tax import NON_TAXABLE, REDUCED_RATE, STANDARD_RATE, Line, tax_for, totals

lines = st.lists(
    st.builds(Line, st.just("x"), st.integers(min_value=0, max_value=500_000), st.integers(min_value=1, max_value=60),
              st.sampled_from([STANDARD_RATE, REDUCED_RATE, NON_TAXABLE])),
    min_size=1, max_size=12,
)


def test_rounding_happens_once_per_rate_not_per_line() -> None:
    three = [Line("a", 105), Line("b", 105), Line("c", 105)]
    per_line = sum(tax_for(ln.amount, 10) for ln in three)
    assert per_line == 30
    assert totals(three).tax == 31  # floor(315 * 10%) = 31


def test_each_rate_is_summed_and_rounded_on_its_own() -> None:
    result = totals([Line("server", 999), Line("food", 999, tax_rate=REDUCED_RATE), Line("fee", 200, tax_rate=0)])
    assert {(r.rate, r.net, r.tax) for r in result.per_rate} == {(10, 999, 99), (8, 999, 79), (0, 200, 0)}
    assert result.total == 999 + 99 + 999 + 79 + 200


@given(lines)
def test_tax_per_rate_is_the_floor_of_the_rate_sum(items: list[Line]) -> None:
    result = totals(items)
    for r in result.per_rate:
        net = sum(ln.amount for ln in items if ln.tax_rate == r.rate)
        assert r.net == net
        assert r.tax == net * r.rate // 100
    assert isinstance(result.total, int)
    assert result.total == sum(ln.amount for ln in items) + result.tax


@given(lines)
def test_a_credit_note_mirrors_its_invoice_exactly(items: list[Line]) -> None:
    negated = [Line(ln.description, -ln.unit_price, ln.quantity, ln.tax_rate) for ln in items]
    assert totals(negated).tax == -totals(items).tax
    assert totals(negated).total == -totals(items).total


def test_fractional_yen_are_refused() -> None:
    with pytest.raises(TypeError):
        Line("x", 100.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Line("x", 100, tax_rate=5)
