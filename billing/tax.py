"""Invoice arithmetic in integer yen: consumption tax rounded once per invoice per rate, never per line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

STANDARD_RATE = 10
REDUCED_RATE = 8
NON_TAXABLE = 0  # e.g. the konbini payment fee, passed through as charged (see docs/billing.md)
RATES = (STANDARD_RATE, REDUCED_RATE, NON_TAXABLE)


@dataclass(frozen=True)
class Line:
    """One invoice line; `unit_price` is tax-exclusive integer yen (negative on a credit note)."""

    description: str
    unit_price: int
    quantity: int = 1
    tax_rate: int = STANDARD_RATE

    def __post_init__(self) -> None:
        if not isinstance(self.unit_price, int) or not isinstance(self.quantity, int):
            raise TypeError("yen amounts and quantities are integers")
        if self.tax_rate not in RATES:
            raise ValueError(f"unknown tax rate {self.tax_rate}")

    @property
    def amount(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class RateTotal:
    rate: int
    net: int
    tax: int


@dataclass(frozen=True)
class Totals:
    per_rate: tuple[RateTotal, ...]

    @property
    def net(self) -> int:
        return sum(r.net for r in self.per_rate)

    @property
    def tax(self) -> int:
        return sum(r.tax for r in self.per_rate)

    @property
    def total(self) -> int:
        return self.net + self.tax


def tax_for(net: int, rate: int) -> int:
    """Tax on a rate's net sum, rounded toward zero (so a credit note mirrors its invoice exactly)."""
    tax = abs(net) * rate // 100
    return tax if net >= 0 else -tax


def totals(lines: list[Line] | tuple[Line, ...]) -> Totals:
    """Sum lines per rate, then round the tax once per rate (the qualified-invoice rule)."""
    nets: dict[int, int] = defaultdict(int)
    for line in lines:
        nets[line.tax_rate] += line.amount
    return Totals(tuple(RateTotal(rate, nets[rate], tax_for(nets[rate], rate)) for rate in sorted(nets, reverse=True)))
