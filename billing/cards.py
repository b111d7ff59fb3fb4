"""Card registration checks: Luhn, brand by BIN prefix, expiry, and a holder name equal to the contract holder's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Brands accepted (seed 001): VISA, Mastercard, JCB, American Express, Diners Club.
_BRANDS: tuple[tuple[str, tuple[tuple[int, int], ...], tuple[int, ...]], ...] = (
    ("amex", ((34, 34), (37, 37)), (15,)),
    ("diners", ((300, 305), (36, 36), (38, 39)), (14, 16)),
    ("jcb", ((3528, 3589),), (16,)),
    ("visa", ((4, 4),), (13, 16)),
    ("mastercard", ((51, 55), (2221, 2720)), (16,)),
)
_HOLDER = re.compile(r"^[A-Z]+(?: [A-Z]+)+$")


class CardRejected(ValueError):
    """A card we refuse to register; `code` is a stable identifier, the message is for operators."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CardDetails:
    number: str
    exp_month: int
    exp_year: int
    holder: str  # as embossed: half-width upper-case romaji, e.g. "TARO YAMADA"


@dataclass(frozen=True)
class AcceptedCard:
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    holder: str


def luhn_ok(number: str) -> bool:
    if not number.isdigit() or len(number) < 12:
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def brand_of(number: str) -> str | None:
    for brand, ranges, lengths in _BRANDS:
        if len(number) not in lengths:
            continue
        for low, high in ranges:
            width = len(str(low))
            if low <= int(number[:width]) <= high:
                return brand
    return None


def expired(exp_month: int, exp_year: int, today: date) -> bool:
    """A card is valid through the last day of its expiry month."""
    if not 1 <= exp_month <= 12:
        return True
    return (exp_year, exp_month) < (today.year, today.month)


def check_card(card: CardDetails, contract_holder_romaji: str, today: date, names_match) -> AcceptedCard:
    """Accept `card` for a holder, or raise CardRejected. `names_match(a, b)` is matching's romaji comparison."""
    number = re.sub(r"[ -]", "", card.number)
    if not luhn_ok(number):
        raise CardRejected("card_number_invalid", "card number fails the Luhn check")
    brand = brand_of(number)
    if brand is None:
        raise CardRejected("card_brand_not_accepted", "card brand not accepted")
    if expired(card.exp_month, card.exp_year, today):
        raise CardRejected("card_expired", "card expired")
    if not _HOLDER.fullmatch(card.holder):
        raise CardRejected("card_holder_format", "holder name must be half-width upper-case romaji")
    if not names_match(card.holder, contract_holder_romaji):
        raise CardRejected("card_holder_mismatch", "card holder is not the contract holder")
    return AcceptedCard(brand, number[-4:], card.exp_month, card.exp_year, card.holder)


def holder_names_match(card_holder: str, registered_romaji: str) -> bool:
    """matching's romaji comparison (Hepburn/Kunrei, long vowels, word order: cards put the given name first)."""
    from matching import romaji_equivalent

    return bool(romaji_equivalent(card_holder, registered_romaji))
