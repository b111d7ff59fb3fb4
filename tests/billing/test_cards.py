"""Card registration: Luhn, brand by BIN, expiry, and a holder who is the contract holder."""

from __future__ import annotations

from datetime import date

import pytest

from billing.cards import (
    CardDetails,
    CardRejected,
    brand_of,
    check_card,
    expired,
    holder_names_match,
    luhn_ok,
)

TODAY = date(2024, 2, 20)


def exact(a: str, b: str) -> bool:
    return a == b


@pytest.mark.parametrize(("number", "brand"), [
    ("4111111111111111", "visa"), ("5555555555554444", "mastercard"), ("2223003122003222", "mastercard"),
    ("3530111333300000", "jcb"), ("378282246310005", "amex"), ("30569309025904", "diners"),
])
def test_test_numbers_pass_luhn_and_get_their_brand(number: str, brand: str) -> None:
    assert luhn_ok(number)
    assert brand_of(number) == brand


def test_a_changed_digit_fails_luhn() -> None:
    assert not luhn_ok("4111111111111112")


def test_unknown_prefixes_have_no_brand() -> None:
    assert brand_of("6011111111111117") is None  # Discover: not accepted


def test_a_card_is_valid_through_its_expiry_month() -> None:
    assert not expired(2, 2024, TODAY)
    assert expired(1, 2024, TODAY)
    assert expired(13, 2030, TODAY)


def card(holder: str = "MAKOTO ITO", number: str = "4111111111111111", month: int = 12, year: int = 2030):
    return CardDetails(number, month, year, holder)


def test_the_holders_own_card_is_accepted_with_display_facts_only() -> None:
    accepted = check_card(card(), "ITO MAKOTO", TODAY, holder_names_match)
    assert (accepted.brand, accepted.last4) == ("visa", "1111")
    assert "4111111111111111" not in repr(accepted)


@pytest.mark.parametrize(("details", "code"), [
    (card(holder="KENJI ITO"), "card_holder_mismatch"),
    (card(holder="makoto ito"), "card_holder_format"),
    (card(holder="ＭＡＫＯＴＯ ＩＴＯ"), "card_holder_format"),
    (card(month=1, year=2024), "card_expired"),
    (card(number="4111111111111112"), "card_number_invalid"),
    (card(number="6011111111111117"), "card_brand_not_accepted"),
])
def test_cards_we_refuse(details: CardDetails, code: str) -> None:
    with pytest.raises(CardRejected) as info:
        check_card(details, "ITO MAKOTO", TODAY, holder_names_match)
    assert info.value.code == code


def test_the_name_rule_is_the_injected_comparison() -> None:
    with pytest.raises(CardRejected):
        check_card(card(holder="MAKOTO ITO"), "ITO MAKOTO", TODAY, exact)
    assert check_card(card(holder="ITO MAKOTO"), "ITO MAKOTO", TODAY, exact).holder == "ITO MAKOTO"


def test_given_name_first_on_the_card_matches_family_name_first_registration() -> None:
    assert holder_names_match("TARO YAMADA", "YAMADA TARO")
    assert not holder_names_match("HANAKO YAMADA", "YAMADA TARO")


def test_romaji_spelling_variants_of_the_holder_match_through_matching() -> None:
    assert holder_names_match("SYUNITI OONO", "OHNO SHUNICHI")
    assert check_card(card(holder="SYUNITI OHNO"), "ONO SHUNICHI", TODAY, holder_names_match).holder == "SYUNITI OHNO"
