"""The daily sweep (`honnin billing run --date D`): every dated rule, in one order, idempotent per day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing import dunning, mail, timeline
from billing.context import Context
from billing.invoices import RenewalItem, current_renewal_date
from billing.models import (
    ACTIVE,
    AWAITING_PAYMENT,
    ENDED,
    PENDING_VERIFICATION,
    SUSPENDED,
    Contract,
    Customer,
    Order,
)
from billing.orders import BillingError, cancel_order, create_renewal_order, write_lock
from billing.verification import verification_state


def run_day(session: Session, ctx: Context) -> None:
    """Apply every rule for ctx.today(). Each step keys what it does, so a second run changes nothing."""
    today = ctx.today()
    write_lock(session)
    activate_verified(session, ctx, today)
    expire_unpaid_renewals(session, ctx, today)
    end_unrenewed(session, ctx, today)
    auto_renew(session, ctx, today)
    remind(session, ctx, today)
    dunning.bill_month(session, ctx, today)
    dunning.retry_cards(session, ctx, today)
    dunning.issue_postcards(session, ctx, today)
    dunning.climb_ladder(session, ctx, today)


def activate_verified(session: Session, ctx: Context, today: date) -> None:
    """A contract starts only once its holder's identity verification is approved."""
    pending = session.execute(
        select(Contract).where(Contract.service_status == PENDING_VERIFICATION).order_by(Contract.id)
    ).scalars().all()
    for contract in pending:
        customer = session.get(Customer, contract.customer_id)
        state = verification_state(session, customer.application_id)
        if state is None or not state.approved:
            continue
        contract.service_status = ACTIVE
        contract.start_date = today
        if contract.billing_mode == "term" and contract.anchor_date is None:
            # The first term is paid with the application; renewals count from the start day.
            contract.anchor_date, contract.months_paid = today, contract.term_months
        timeline.record(session, f"activated:{contract.id}", today, "activated", customer_id=customer.id,
                        contract_id=contract.id)
        mail.queue(session, f"activated:{contract.id}", customer, "contract_activated", today, contract=contract.ref)


def _term_contracts(session: Session) -> list[Contract]:
    return list(session.execute(
        select(Contract).where(Contract.billing_mode == "term", Contract.service_status.in_((ACTIVE, SUSPENDED)))
        .order_by(Contract.id)
    ).scalars())


def expire_unpaid_renewals(session: Session, ctx: Context, today: date) -> None:
    stale = session.execute(
        select(Order).where(Order.status == AWAITING_PAYMENT, Order.purpose.in_(("renewal", "auto_renewal")),
                            Order.due_date < today).order_by(Order.id)
    ).scalars().all()
    for order in stale:
        cancel_order(session, ctx, order, reason="expired")


def end_unrenewed(session: Session, ctx: Context, today: date) -> None:
    grace = timedelta(days=ctx.policy.manual_grace_days)
    for contract in _term_contracts(session):
        renewal = current_renewal_date(contract)
        if today <= renewal + grace:
            continue
        contract.service_status, contract.ended_on = ENDED, renewal
        customer = session.get(Customer, contract.customer_id)
        timeline.record(session, f"ended:{contract.id}", today, "contract_ended", customer_id=customer.id,
                        contract_id=contract.id, renewal_date=renewal.isoformat())
        mail.queue(session, f"ended:{contract.id}", customer, "contract_ended", today, contract=contract.ref,
                   renewal_date=renewal.isoformat())


def auto_renew(session: Session, ctx: Context, today: date) -> None:
    """7 days before the renewal date, one card charge per customer and renewal date (same-day contracts together)."""
    lead = timedelta(days=ctx.policy.auto_charge_days_before)
    groups: dict[tuple[int, date], list[Contract]] = defaultdict(list)
    for contract in _term_contracts(session):
        if not contract.auto_renew or contract.trial or contract.service_status != ACTIVE:
            continue
        renewal = current_renewal_date(contract)
        if renewal - lead <= today <= renewal:
            groups[(contract.customer_id, renewal)].append(contract)
    for (customer_id, renewal), members in sorted(groups.items()):
        key = f"auto:{customer_id}:{renewal.isoformat()}"
        customer = session.get(Customer, customer_id)
        items = [RenewalItem(c.id, c.term_months) for c in members]
        try:
            order = create_renewal_order(session, ctx, customer, items, "card", key, purpose="auto_renewal")
        except BillingError as exc:
            timeline.record(session, f"{key}:refused", today, "auto_renewal_refused", customer_id=customer_id,
                            code=exc.code)
            continue
        if order.status == AWAITING_PAYMENT and order.dunning_stage is None:
            order.dunning_stage = "notified"
            failure = dunning.FAILURE_JA.get(_last_failure(session, order) or "", "カード会社による決済不可")
            mail.queue(session, f"card_failed:{order.id}", customer, "auto_renewal_failed", today,
                       failure=failure, total=order.total, last_day=order.due_date.isoformat())


def _last_failure(session: Session, order: Order) -> str | None:
    from billing.models import Charge

    return session.execute(
        select(Charge.failure).where(Charge.order_id == order.id).order_by(Charge.id.desc()).limit(1)
    ).scalar_one_or_none()


def _auto_pending(session: Session, contract: Contract, renewal: date) -> bool:
    """True while an automatic renewal will still take care of this renewal date."""
    key = f"auto:{contract.customer_id}:{renewal.isoformat()}"
    order = session.execute(select(Order).where(Order.idempotency_key == key)).scalar_one_or_none()
    return order is None or order.status != AWAITING_PAYMENT


def remind(session: Session, ctx: Context, today: date) -> None:
    """Reminders at 40 (opt-in), 10, 5, 0 days before and 1 day after a renewal not yet done."""
    p = ctx.policy
    for contract in _term_contracts(session):
        renewal = current_renewal_date(contract)
        customer = session.get(Customer, contract.customer_id)
        offsets = p.reminder_days_before + ((p.optin_reminder_days_before,) if customer.notify_40_days else ())
        offset = (renewal - today).days
        if offset not in offsets:
            continue
        if contract.auto_renew and not contract.trial and _auto_pending(session, contract, renewal):
            continue
        key = f"reminder:{contract.id}:{renewal.isoformat()}:{offset}"
        template = "renewal_overdue" if offset < 0 else "renewal_reminder"
        last_day = renewal + timedelta(days=p.manual_grace_days)
        if mail.queue(session, key, customer, template, today, contract=contract.ref, plan=contract.plan_code,
                      renewal_date=renewal.isoformat(), last_day=last_day.isoformat()):
            timeline.record(session, key, today, "reminder", customer_id=customer.id, contract_id=contract.id,
                            days_before=offset, renewal_date=renewal.isoformat())
