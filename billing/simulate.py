"""Replay a scenario (customers, contracts, dated events) day by day on a fresh database; yield the timeline.

Used by `honnin billing simulate` for operators and by the scenario tests; see billing/scenarios/.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from billing import timeline
from billing.cards import CardDetails, CardRejected
from billing.clock import FixedClock, tokyo_start
from billing.context import Context, Policy
from billing.customers import (
    contract_by_ref,
    create_contract,
    create_customer,
    customer_by_ref,
    register_card,
    register_paypal,
)
from billing.gateway import TestGateway
from billing.invoices import RenewalItem
from billing.models import AWAITING_PAYMENT, Customer, Event, Mail, Order, PaymentMethod
from billing.orders import (
    BillingError,
    cancel_order,
    charge_order,
    confirm_payment,
    create_renewal_order,
    report_transfer,
)
from billing.sweep import run_day
from honnin.db.models import Application, Base, RegistrationVersion, Verification


@dataclass
class Simulation:
    session_factory: sessionmaker[Session]
    ctx: Context
    gateway: TestGateway
    clock: FixedClock
    scenario: dict[str, Any]
    deferred: list[tuple[date, dict[str, Any]]] = field(default_factory=list)


def load(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _d(value: str) -> date:
    return date.fromisoformat(value)


def _policy(overrides: dict[str, Any] | None) -> Policy:
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in (overrides or {}).items()}
    return replace(Policy(), **values)


def start(scenario: dict[str, Any], start_day: date, url: str = "sqlite://") -> Simulation:
    """A fresh database (in-memory SQLite unless `url` says otherwise) holding the scenario's world."""
    if url == "sqlite://":
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(url)
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    clock = FixedClock()
    clock.set_date(start_day)
    gateway = TestGateway()
    sim = Simulation(factory, Context(gateway, clock, _policy(scenario.get("policy"))), gateway, clock, scenario)
    with factory() as session, session.begin():
        for spec in scenario.get("customers", []):
            _add_customer(sim, session, spec, start_day)
        for spec in scenario.get("contracts", []):
            _add_contract(session, spec)
    return sim


def _add_customer(sim: Simulation, session: Session, spec: dict[str, Any], today: date) -> None:
    app_id = _add_application(session, spec["ref"], spec["verification"]) if spec.get("verification") else None
    customer = create_customer(
        session, ref=spec["ref"], name=spec["name"], name_romaji=spec["romaji"], email=spec["email"],
        sub_email=spec.get("sub_email"), notify_40_days=spec.get("notify_40_days", False),
        consolidated=spec.get("consolidated", True), application_id=app_id,
    )
    if spec.get("card"):
        _register(sim, session, customer, spec["card"], today)
    if spec.get("paypal"):
        register_paypal(session, customer, today)


def _add_application(session: Session, ref: str, verification: dict[str, Any]) -> uuid.UUID:
    """Stand-in rows for the verification side (the web helper's tables), as an approved case would leave them."""
    now = datetime.now(UTC)
    decided = tokyo_start(_d(verification["decided_on"])) if verification.get("decided_on") else None
    app = Application(external_id=f"sim-{ref}", upload_token_hash=hashlib.sha256(ref.encode()).hexdigest(),
                      status=verification.get("status", "approved"), created_at=now, updated_at=now,
                      decided_at=decided)
    session.add(app)
    session.flush()
    if verification.get("document_expiry"):
        reg = RegistrationVersion(application_id=app.id, version=1, data={}, source="api", created_at=now)
        session.add(reg)
        session.flush()
        session.add(Verification(application_id=app.id, registration_version_id=reg.id, status="done",
                                 decision="approved", created_at=now,
                                 result={"fields": {"expiry": {"value": verification["document_expiry"]}}}))
        session.flush()
    return app.id


def _register(sim: Simulation, session: Session, customer: Customer, card: dict[str, Any], today: date,
              contract_ref: str | None = None) -> None:
    """Register a card; with `contract_ref` it pays that line only (個別払い), else it is the default."""
    month, year = (int(x) for x in card["exp"].split("/"))
    try:
        method = register_card(session, customer, CardDetails(card["number"], month, year, card["holder"]), today,
                               default=contract_ref is None)
        if contract_ref is not None:
            contract_by_ref(session, contract_ref).payment_method_id = method.id
    except CardRejected as exc:
        timeline.record(session, f"card_rejected:{customer.id}:{today}:{exc.code}", today, "card_rejected",
                        customer_id=customer.id, code=exc.code)


def _add_contract(session: Session, spec: dict[str, Any]) -> None:
    customer = customer_by_ref(session, spec["customer"])
    create_contract(
        session, customer, ref=spec["ref"], plan_code=spec["plan"], billing_mode=spec.get("mode", "term"),
        term_months=spec.get("term_months", 1), auto_renew=spec.get("auto_renew", False),
        trial=spec.get("trial", False), usage=spec.get("usage"),
        anchor_date=_d(spec["anchor"]) if spec.get("anchor") else None, months_paid=spec.get("months_paid", 0),
        status=spec.get("status", "pending_verification"),
        start_date=_d(spec["start"]) if spec.get("start") else None,
    )


def _default_card(session: Session, customer: Customer) -> PaymentMethod | None:
    return session.execute(select(PaymentMethod).where(
        PaymentMethod.customer_id == customer.id, PaymentMethod.kind == "card", PaymentMethod.is_default.is_(True)
    )).scalar_one_or_none()


def _order(session: Session, event: dict[str, Any]) -> Order:
    if "order" in event:
        return session.execute(select(Order).where(Order.idempotency_key == f"scenario:{event['order']}")).scalar_one()
    customer = customer_by_ref(session, event["customer"])
    return session.execute(select(Order).where(Order.customer_id == customer.id, Order.status == AWAITING_PAYMENT)
                           .order_by(Order.id.desc()).limit(1)).scalar_one()


def _apply(sim: Simulation, session: Session, event: dict[str, Any], today: date) -> None:
    kind = event["type"]
    if kind in ("card_fails", "card_heals"):
        card = _default_card(session, customer_by_ref(session, event["customer"]))
        if kind == "card_fails":
            sim.gateway.fail(card.token, event.get("failure", "refused"))
        else:
            sim.gateway.heal(card.token)
    elif kind == "update_card":
        _register(sim, session, customer_by_ref(session, event["customer"]), event["card"], today,
                  event.get("contract"))
    elif kind == "renew":
        customer = customer_by_ref(session, event["customer"])
        items = [RenewalItem(contract_by_ref(session, c["ref"]).id, c["months"], c.get("plan"),
                             c.get("align_month_end", False)) for c in event["contracts"]]
        create_renewal_order(session, sim.ctx, customer, items, event["method"], f"scenario:{event['key']}")
    elif kind == "pay":  # the customer presses お支払のお手続き on an unpaid card or PayPal order
        order = _order(session, event)
        charge_order(session, sim.ctx, order, f"scenario-pay:{order.id}:{today}")
    elif kind == "report_transfer":
        report_transfer(session, sim.ctx, _order(session, event))
    elif kind in ("confirm_payment", "konbini_paid", "transfer_paid"):
        paid_on = _d(event.get("paid_on", today.isoformat()))
        order = _order(session, event)
        confirm_on = paid_on + timedelta(days=event.get("confirm_after_days", 0))
        sim.deferred.append((confirm_on, {"order_id": order.id, "paid_on": paid_on.isoformat()}))
        timeline.record(session, f"customer_paid:{order.id}:{paid_on}", today, "customer_paid",
                        customer_id=order.customer_id, order_id=order.id, paid_on=paid_on.isoformat(),
                        confirm_on=confirm_on.isoformat())
    elif kind == "cancel":
        cancel_order(session, sim.ctx, _order(session, event))
    elif kind == "approve_verification":
        app = session.get(Application, customer_by_ref(session, event["customer"]).application_id)
        app.status, app.decided_at = "approved", sim.clock.now()
    elif kind == "set_usage":
        contract_by_ref(session, event["contract"]).usage = dict(event["usage"])
    else:
        raise ValueError(f"unknown scenario event type {kind!r}")


def step(sim: Simulation, day: date) -> None:
    """One simulated day: the scenario's events, payments confirmed today, then the daily sweep."""
    sim.clock.set_date(day)
    for i, event in enumerate(sim.scenario.get("events", [])):
        if _d(event["date"]) != day:
            continue
        with sim.session_factory() as session, session.begin():
            try:
                with session.begin_nested():
                    _apply(sim, session, event, day)
            except BillingError as exc:
                timeline.record(session, f"refused:{i}", day, "refused", code=exc.code, event=event["type"],
                                customer=event.get("customer"))
    for when, job in [d for d in sim.deferred if d[0] == day]:
        with sim.session_factory() as session, session.begin():
            order = session.get(Order, job["order_id"])
            try:
                with session.begin_nested():
                    confirm_payment(session, sim.ctx, order, paid_on=_d(job["paid_on"]))
            except BillingError as exc:
                timeline.record(session, f"refused:confirm:{order.id}", day, "refused", code=exc.code,
                                order_id=order.id)
        sim.deferred.remove((when, job))
    with sim.session_factory() as session, session.begin():
        run_day(session, sim.ctx)


def rows(sim: Simulation, since_id: tuple[int, int] = (0, 0)) -> tuple[list[dict[str, Any]], tuple[int, int]]:
    """Timeline rows (events and queued mails) added since the given high-water marks."""
    out: list[dict[str, Any]] = []
    with sim.session_factory() as session:
        refs = {c.id: c.ref for c in session.execute(select(Customer)).scalars()}
        from billing.models import Contract

        crefs = {c.id: c.ref for c in session.execute(select(Contract)).scalars()}
        events = session.execute(select(Event).where(Event.id > since_id[0]).order_by(Event.id)).scalars().all()
        mails = session.execute(select(Mail).where(Mail.id > since_id[1]).order_by(Mail.id)).scalars().all()
        for e in events:
            out.append({"date": e.on_date.isoformat(), "kind": e.kind, "customer": refs.get(e.customer_id),
                        "contract": crefs.get(e.contract_id), "order": e.order_id, **e.detail})
        for m in mails:
            out.append({"date": m.queued_on.isoformat(), "kind": "mail", "template": m.template, "to": m.to_addrs,
                        "subject": m.subject})
        marks = (events[-1].id if events else since_id[0], mails[-1].id if mails else since_id[1])
    return out, marks


def simulate(scenario: dict[str, Any], first: date, last: date, url: str = "sqlite://") -> Iterator[dict[str, Any]]:
    """Run `first`..`last` inclusive and yield the timeline day by day (events before mails within a day)."""
    sim = start(scenario, first, url)
    marks = (0, 0)
    day = first
    while day <= last:
        step(sim, day)
        new, marks = rows(sim, marks)
        yield from (r for r in new if r["kind"] != "mail")
        yield from (r for r in new if r["kind"] == "mail")
        day += timedelta(days=1)
