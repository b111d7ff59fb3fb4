"""The daily sweep is idempotent: running any day a second time changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from billing.models import Charge, Contract, Event, Invoice, Mail, Order, Reverification
from billing.simulate import load, start, step
from billing.sweep import run_day

SCENARIOS = Path(__file__).resolve().parents[2] / "billing" / "scenarios"


def snapshot(factory) -> dict:
    with factory() as s:
        return {
            "events": s.execute(select(Event.dedupe_key)).scalars().all(),
            "mails": s.execute(select(Mail.dedupe_key)).scalars().all(),
            "charges": s.execute(select(Charge.idempotency_key)).scalars().all(),
            "invoices": s.execute(select(Invoice.number)).scalars().all(),
            "reverifications": s.execute(select(Reverification.dedupe_key)).scalars().all(),
            "orders": s.execute(select(Order.id, Order.status, Order.dunning_stage, Order.attempts,
                                       Order.next_retry_on, Order.method, Order.due_date)).all(),
            "contracts": s.execute(select(Contract.id, Contract.service_status, Contract.months_paid,
                                          Contract.anchor_date, Contract.plan_code)).all(),
        }


@pytest.mark.parametrize(("name", "first", "last"), [
    ("000_card_failure_dunning.json", date(2024, 2, 1), date(2024, 4, 12)),
    ("003_server_renewals.json", date(2024, 2, 1), date(2024, 3, 20)),
    ("verification_gating.json", date(2024, 2, 1), date(2024, 2, 20)),
])
def test_every_day_run_twice_changes_nothing(name: str, first: date, last: date) -> None:
    sim = start(load(SCENARIOS / name), first)
    day = first
    while day <= last:
        step(sim, day)
        before, charged = snapshot(sim.session_factory), list(sim.gateway.charges)
        with sim.session_factory() as s, s.begin():
            run_day(s, sim.ctx)
        assert snapshot(sim.session_factory) == before, day
        assert sim.gateway.charges == charged
        day += timedelta(days=1)
