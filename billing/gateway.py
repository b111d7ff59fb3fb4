"""The payment boundary: a Protocol, and the deterministic in-process gateway used offline and in tests.

No card network is reachable from here, so TestGateway *is* the real boundary this repository can
exercise; a production adapter implements the same Protocol (see docs/billing.md).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

FAILURES = ("expired", "over_limit", "refused")


@dataclass(frozen=True)
class ChargeResult:
    ok: bool
    reference: str
    failure: str | None = None  # one of FAILURES when not ok


@runtime_checkable
class PaymentGateway(Protocol):
    def charge(self, token: str, amount: int, idempotency_key: str) -> ChargeResult:
        """Charge `amount` yen to a stored card or PayPal token; the same key never charges twice."""
        ...


@dataclass
class TestGateway:
    """Charges succeed unless a token was told to fail; replays by idempotency key return the first result."""

    __test__ = False  # not a pytest class

    failing: dict[str, str] = field(default_factory=dict)
    charges: list[tuple[str, int, str]] = field(default_factory=list)
    _results: dict[str, ChargeResult] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, token: str, failure: str) -> None:
        if failure not in FAILURES:
            raise ValueError(f"unknown failure {failure!r}")
        self.failing[token] = failure

    def heal(self, token: str) -> None:
        self.failing.pop(token, None)

    def charge(self, token: str, amount: int, idempotency_key: str) -> ChargeResult:
        if not isinstance(amount, int) or amount <= 0:
            raise ValueError("a charge is a positive integer number of yen")
        with self._lock:
            if idempotency_key in self._results:
                return self._results[idempotency_key]
            reference = "ch_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:16]
            failure = self.failing.get(token)
            result = ChargeResult(ok=failure is None, reference=reference, failure=failure)
            if result.ok:
                self.charges.append((token, amount, idempotency_key))
            self._results[idempotency_key] = result
            return result
