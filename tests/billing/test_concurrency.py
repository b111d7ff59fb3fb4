"""Concurrent renewals never duplicate an invoice number or a charge (SQLite and the real PostgreSQL)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import sessionmaker

from billing import orders
from billing.clock import FixedClock
from billing.context import Context
from billing.gateway import TestGateway
from billing.invoices import RenewalItem
from billing.models import Charge, Contract, Customer, Invoice, Order, PaymentMethod
from honnin.db.engine import make_engine, upgrade
from tests.billing.conftest import build_world

THREADS = 8
ATTEMPTS = 32
DISTINCT_KEYS = 16  # every key is tried twice, from different threads


def hammer(engine) -> None:
    upgrade(engine, "heads")
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as s, s.begin():
        world = build_world(s, anchors=(date(2024, 1, 31), date(2024, 2, 5), date(2024, 2, 10), date(2024, 2, 15)))
    clock = FixedClock()
    clock.set_date(date(2024, 2, 20))
    gateway = TestGateway()
    ctx = Context(gateway, clock)
    contract_ids = [c.id for c in world.contracts]

    def attempt(i: int) -> int:
        key = f"renew-{i % DISTINCT_KEYS}"
        item = RenewalItem(contract_ids[(i % DISTINCT_KEYS) % len(contract_ids)], 1)
        with factory() as s, s.begin():
            order = orders.create_renewal_order(s, ctx, s.get(Customer, world.customer.id), [item], "card", key)
            return order.id

    with ThreadPoolExecutor(THREADS) as pool:
        ids = list(pool.map(attempt, range(ATTEMPTS)))

    with factory() as s:
        numbers = s.execute(select(Invoice.number)).scalars().all()
        assert len(numbers) == len(set(numbers)) == DISTINCT_KEYS
        assert sorted(numbers) == [f"INV-{n:08d}" for n in range(1, DISTINCT_KEYS + 1)]  # no gaps either
        assert s.scalar(select(func.count(Order.id))) == DISTINCT_KEYS
        assert len(set(ids)) == DISTINCT_KEYS
        charge_keys = s.execute(select(Charge.idempotency_key)).scalars().all()
        assert len(charge_keys) == len(set(charge_keys)) == DISTINCT_KEYS
        paid = {c.id: c.months_paid for c in s.execute(select(Contract)).scalars()}
        assert sum(paid.values()) == len(contract_ids) + DISTINCT_KEYS
    assert len(gateway.charges) == DISTINCT_KEYS
    assert len({key for _, _, key in gateway.charges}) == DISTINCT_KEYS


def pay_race(engine) -> None:
    """Eight threads press お支払のお手続き on one unpaid order with eight different keys: one charge."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as s, s.begin():
        world = build_world(s, ref="P1")
        token = s.get(PaymentMethod, s.execute(select(PaymentMethod.id).where(
            PaymentMethod.customer_id == world.customer.id)).scalar_one()).token
    clock = FixedClock()
    clock.set_date(date(2024, 2, 20))
    gateway = TestGateway()
    ctx = Context(gateway, clock)
    gateway.fail(token, "refused")
    with factory() as s, s.begin():
        order = orders.create_renewal_order(s, ctx, s.get(Customer, world.customer.id),
                                            [RenewalItem(world.contracts[0].id, 1)], "card", "pay-race")
    gateway.heal(token)

    def press(i: int) -> bool:
        try:
            with factory() as s, s.begin():
                return orders.charge_order(s, ctx, s.get(Order, order.id), f"press-{i}").ok
        except orders.BillingError:
            return False

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(press, range(THREADS)))
    assert results.count(True) == 1
    assert [amount for tok, amount, _ in gateway.charges if tok == token] == [660]
    with factory() as s:
        assert s.get(Contract, world.contracts[0].id).months_paid == 2


def test_concurrent_renewals_on_sqlite(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    try:
        hammer(engine)
        pay_race(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_concurrent_renewals_on_postgresql(postgres_url) -> None:
    schema = f"billing_race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(postgres_url, schema=schema)
    try:
        hammer(engine)
        pay_race(engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
