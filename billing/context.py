"""What every billing operation is handed: the policy, the payment gateway and the clock (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from billing.clock import Clock, today
from billing.gateway import PaymentGateway


@dataclass(frozen=True)
class Policy:
    """The business rules as numbers; defaults follow seeds 000, 001 and 003."""

    issuer_name: str = "honnin通信株式会社"
    issuer_registration: str = "T1234567890123"  # 適格請求書発行事業者登録番号: T + 13 digits
    konbini_fee: int = 200
    manual_grace_days: int = 7  # manual renewal allowed until renewal date + 7
    auto_charge_days_before: int = 7
    reminder_days_before: tuple[int, ...] = (10, 5, 0, -1)  # -1: the day after the renewal date
    optin_reminder_days_before: int = 40
    monthly_charge_day: int = 1
    card_retry_days: tuple[int, ...] = (3, 5)  # days of the month the failed card is tried again
    postcard_day: int = 8  # the konbini postcard goes out around the 6th-10th
    confirmation_days: int = 10  # konbini payments take 7-10 days to be confirmed
    cancel_after_suspension_days: int = 30
    reverify_after_days: int = 3 * 365

    def __post_init__(self) -> None:
        reg = self.issuer_registration
        if not (len(reg) == 14 and reg[0] == "T" and reg[1:].isdigit()):
            raise ValueError("issuer registration number is T followed by 13 digits")


@dataclass
class Context:
    gateway: PaymentGateway
    clock: Clock
    policy: Policy = field(default_factory=Policy)

    def today(self) -> date:
        return today(self.clock)
