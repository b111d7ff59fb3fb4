"""The plan catalogue: prices (tax-exclusive yen a month), limits, and which terms each plan offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from billing.dates import AUTO_TERMS_MONTHS, TERMS_MONTHS


@dataclass(frozen=True)
class Plan:
    code: str
    kind: str  # "sim" (monthly postpaid line) | "server" (prepaid term)
    name: str
    monthly_price: int
    rank: int  # higher is a bigger plan; a lower rank is a downgrade
    limits: dict[str, int] = field(default_factory=dict)
    terms: tuple[int, ...] = TERMS_MONTHS

    def allows_term(self, months: int, *, auto: bool) -> bool:
        return months in self.terms and (not auto or months in AUTO_TERMS_MONTHS)


PLANS: dict[str, Plan] = {
    p.code: p
    for p in (
        Plan("sim-2gb", "sim", "データ 2GB", 850, 1, {"data_gb": 2}, (1,)),
        Plan("sim-5gb", "sim", "データ 5GB", 990, 2, {"data_gb": 5}, (1,)),
        Plan("sim-15gb", "sim", "データ 15GB", 1800, 3, {"data_gb": 15}, (1,)),
        Plan("server-lite", "server", "ライト", 300, 1, {"domains": 1, "accounts": 5}),
        Plan("server-standard", "server", "スタンダード", 600, 2, {"domains": 10, "accounts": 50}),
        Plan("server-pro", "server", "プロ", 1200, 3, {"domains": 100, "accounts": 500}, (1, 3, 6, 12, 24, 36)),
    )
}


def plan(code: str) -> Plan:
    try:
        return PLANS[code]
    except KeyError:
        raise KeyError(f"unknown plan {code!r}") from None


def downgrade_blockers(target: Plan, usage: dict[str, int]) -> list[str]:
    """The usage counters that exceed `target`'s limits (empty: the change is allowed)."""
    return sorted(k for k, limit in target.limits.items() if usage.get(k, 0) > limit)
