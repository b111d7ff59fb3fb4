"""Customers, contracts and stored payment methods: creating them and registering a card in the holder's name."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from billing import timeline
from billing.cards import CardDetails, check_card, holder_names_match
from billing.models import PENDING_VERIFICATION, Contract, Customer, PaymentMethod
from billing.plans import plan


def create_customer(
    session: Session, *, ref: str, name: str, name_romaji: str, email: str, sub_email: str | None = None,
    notify_40_days: bool = False, consolidated: bool = True, application_id: uuid.UUID | None = None,
) -> Customer:
    customer = Customer(ref=ref, name=name, name_romaji=name_romaji, email=email, sub_email=sub_email,
                        notify_40_days=notify_40_days, consolidated=consolidated, application_id=application_id,
                        created_at=datetime.now(UTC))
    session.add(customer)
    session.flush()
    return customer


def create_contract(
    session: Session, customer: Customer, *, ref: str, plan_code: str, billing_mode: str, term_months: int = 1,
    auto_renew: bool = False, trial: bool = False, usage: dict[str, Any] | None = None,
    anchor_date: date | None = None, months_paid: int = 0, status: str = PENDING_VERIFICATION,
    start_date: date | None = None, payment_method_id: int | None = None,
) -> Contract:
    """A new contract waits for identity verification unless `status` says otherwise (imports, scenarios)."""
    chosen = plan(plan_code)
    if not chosen.allows_term(term_months, auto=auto_renew):
        raise ValueError(f"{plan_code} has no {term_months}-month {'automatic ' if auto_renew else ''}term")
    contract = Contract(ref=ref, customer_id=customer.id, kind=chosen.kind, plan_code=plan_code,
                        billing_mode=billing_mode, term_months=term_months, auto_renew=auto_renew, trial=trial,
                        usage=usage or {}, anchor_date=anchor_date, months_paid=months_paid, service_status=status,
                        start_date=start_date, payment_method_id=payment_method_id, created_at=datetime.now(UTC))
    session.add(contract)
    session.flush()
    return contract


def register_card(session: Session, customer: Customer, card: CardDetails, today: date, *, names_match=None,
                  default: bool = True) -> PaymentMethod:
    """Check and store a card (token and display facts only); raises cards.CardRejected.

    The holder must be the contract holder: the embossed romaji is compared with the registered romaji by
    matching's romaji comparison (`names_match` is injectable for tests of the rule itself).
    """
    accepted = check_card(card, customer.name_romaji, today, names_match or holder_names_match)
    # The gateway would hand back its own token; offline we derive one that never contains the number.
    digest = hashlib.sha256(f"{customer.id}:{card.number}:{card.exp_month}/{card.exp_year}".encode()).hexdigest()
    if default:
        session.execute(update(PaymentMethod).where(PaymentMethod.customer_id == customer.id,
                                                    PaymentMethod.kind == "card").values(is_default=False))
    method = PaymentMethod(customer_id=customer.id, kind="card", token=f"card_{digest[:24]}", brand=accepted.brand,
                           last4=accepted.last4, exp_month=accepted.exp_month, exp_year=accepted.exp_year,
                           holder=accepted.holder, is_default=default, created_at=datetime.now(UTC))
    session.add(method)
    session.flush()
    timeline.record(session, f"card:{method.id}", today, "card_registered", customer_id=customer.id,
                    brand=accepted.brand, last4=accepted.last4)
    return method


def register_paypal(session: Session, customer: Customer, today: date) -> PaymentMethod:
    method = PaymentMethod(customer_id=customer.id, kind="paypal", token=f"paypal_{customer.id}", is_default=True,
                           created_at=datetime.now(UTC))
    session.add(method)
    session.flush()
    return method


def customer_by_ref(session: Session, ref: str) -> Customer:
    found = session.execute(select(Customer).where(Customer.ref == ref)).scalar_one_or_none()
    if found is None:
        raise KeyError(f"no customer {ref!r}")
    return found


def contract_by_ref(session: Session, ref: str) -> Contract:
    found = session.execute(select(Contract).where(Contract.ref == ref)).scalar_one_or_none()
    if found is None:
        raise KeyError(f"no contract {ref!r}")
    return found
