"""The in-process gateway: deterministic failures and idempotent replays."""

from __future__ import annotations

import pytest

from billing.gateway import PaymentGateway, TestGateway


def test_it_satisfies_the_gateway_protocol() -> None:
    assert isinstance(TestGateway(), PaymentGateway)


def test_a_replayed_key_returns_the_first_result_and_charges_once() -> None:
    gw = TestGateway()
    first = gw.charge("tok", 1100, "k1")
    again = gw.charge("tok", 1100, "k1")
    assert first == again and first.ok
    assert gw.charges == [("tok", 1100, "k1")]


@pytest.mark.parametrize("failure", ["expired", "over_limit", "refused"])
def test_a_card_told_to_fail_fails_with_that_reason_until_healed(failure: str) -> None:
    gw = TestGateway()
    gw.fail("tok", failure)
    assert gw.charge("tok", 500, "a").failure == failure
    gw.heal("tok")
    assert gw.charge("tok", 500, "b").ok
    assert gw.charges == [("tok", 500, "b")]


def test_only_positive_integer_yen_can_be_charged() -> None:
    with pytest.raises(ValueError):
        TestGateway().charge("tok", 0, "k")
    with pytest.raises(ValueError):
        TestGateway().charge("tok", 10.0, "k")  # type: ignore[arg-type]
