"""One injected clock: UTC instants in, billing dates in Asia/Tokyo out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to: tests and `honnin billing simulate` advance it a day at a time."""

    instant: datetime = field(default_factory=lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self.instant

    def advance(self, delta: timedelta) -> None:
        self.instant += delta

    def set_date(self, day: date, at: time = time(9, 0)) -> None:
        self.instant = tokyo_start(day, at)


def billing_date(instant: datetime) -> date:
    """The calendar day in Tokyo at `instant` (a UTC 16:00 is already tomorrow there)."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: billing needs UTC instants")
    return instant.astimezone(TOKYO).date()


def tokyo_start(day: date, at: time = time(0, 0)) -> datetime:
    """The UTC instant of `at` o'clock on `day` in Tokyo."""
    return datetime.combine(day, at, tzinfo=TOKYO).astimezone(UTC)


def today(clock: Clock) -> date:
    return billing_date(clock.now())


def days_between(a: date, b: date) -> int:
    return (b - a).days


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)
