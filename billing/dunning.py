"""Monthly card billing and the overdue ladder: card failure -> mails -> konbini postcard -> suspend -> cancel.

Card retries follow their own days (Policy.card_retry_days); the ladder's clock starts at the postcard's
payment deadline, never at the day a konbini payment is confirmed (confirmation takes 7-10 days).
Entitlement (Contract.service_status) is changed only here and on payment, never by the order state itself.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing import dates, invoices, mail, timeline
from billing.context import Context
from billing.models import (
    ACTIVE,
    AWAITING_PAYMENT,
    CANCELLED,
    SUSPENDED,
    Contract,
    Customer,
    Order,
)
from billing.orders import charge_order, payment_method_for


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _previous_month(day: date) -> date:
    return _first_of_month(_first_of_month(day) - timedelta(days=1))


def bill_month(session: Session, ctx: Context, today: date) -> None:
    """Create and charge last month's usage order per customer (まとめ払い) or per line, once a month."""
    if today.day < ctx.policy.monthly_charge_day:
        return
    month = _previous_month(today)
    label = f"{month.year}年{month.month}月"
    contracts = session.execute(
        select(Contract).where(Contract.billing_mode == "monthly", Contract.service_status.in_((ACTIVE, SUSPENDED)),
                               Contract.start_date < _first_of_month(today)).order_by(Contract.id)
    ).scalars().all()
    groups: dict[tuple[int, int | None], list[Contract]] = {}
    for contract in contracts:
        customer = session.get(Customer, contract.customer_id)
        groups.setdefault((customer.id, None if customer.consolidated else contract.id), []).append(contract)
    for (customer_id, line), members in groups.items():
        key = f"monthly:{customer_id}:{line or 'all'}:{month:%Y-%m}"
        if session.execute(select(Order.id).where(Order.idempotency_key == key)).first() is not None:
            continue
        customer = session.get(Customer, customer_id)
        card = payment_method_for(session, customer, members[0], "card")
        invoice = invoices.finalise(session, customer, invoices.monthly_lines(members, label), today, ctx.policy)
        order = Order(customer_id=customer_id, purpose="monthly", idempotency_key=key, method="card",
                      payment_method_id=card.id if card else None, total=invoice.total,
                      items={"items": [], "contracts": [c.id for c in members], "month": f"{month:%Y-%m}"},
                      created_on=today, due_date=today, invoice_id=invoice.id)
        session.add(order)
        session.flush()
        timeline.record(session, f"order:{order.id}", today, "invoice_issued", customer_id=customer_id,
                        order_id=order.id, number=invoice.number, total=invoice.total, method="card",
                        contracts=[c.ref for c in members], net=invoice.net, tax=invoice.tax)
        _try_card(session, ctx, order, customer, today)


def _next_retry(ctx: Context, today: date) -> date | None:
    later = [d for d in ctx.policy.card_retry_days if d > today.day and d < ctx.policy.postcard_day]
    return today.replace(day=later[0]) if later else None


def _try_card(session: Session, ctx: Context, order: Order, customer: Customer, today: date) -> None:
    # Always the card on file now: the customer may have updated it since the last attempt (seed 001).
    contract = session.get(Contract, order.items["contracts"][0]) if order.items.get("contracts") else None
    card = payment_method_for(session, customer, contract, "card")
    order.payment_method_id = card.id if card else None
    charge = charge_order(session, ctx, order, f"{order.idempotency_key}:charge:{order.attempts + 1}")
    if charge.ok:
        return
    order.next_retry_on = _next_retry(ctx, today)
    if order.dunning_stage is None:
        order.dunning_stage = "notified"
        mail.queue(session, f"card_failed:{order.id}", customer, "card_failed", today,
                   failure=FAILURE_JA.get(charge.failure or "", "カード会社による決済不可"), total=order.total)


FAILURE_JA = {"expired": "有効期限切れ", "over_limit": "ご利用限度額超過", "refused": "カード会社による決済不可",
               "no_card": "カード未登録"}


def retry_cards(session: Session, ctx: Context, today: date) -> None:
    due = session.execute(
        select(Order).where(Order.status == AWAITING_PAYMENT, Order.method == "card", Order.purpose == "monthly",
                            Order.next_retry_on.is_not(None), Order.next_retry_on <= today).order_by(Order.id)
    ).scalars().all()
    for order in due:
        _try_card(session, ctx, order, session.get(Customer, order.customer_id), today)


def issue_postcards(session: Session, ctx: Context, today: date) -> None:
    """Around the 6th-10th: the unpaid card order becomes a konbini postcard with a deadline."""
    if today.day < ctx.policy.postcard_day:
        return
    orders = session.execute(
        select(Order).where(Order.status == AWAITING_PAYMENT, Order.purpose == "monthly",
                            Order.dunning_stage == "notified").order_by(Order.id)
    ).scalars().all()
    for order in orders:
        order.method, order.next_retry_on, order.dunning_stage = "konbini", None, "postcard"
        order.due_date = dates.month_end(today)
        customer = session.get(Customer, order.customer_id)
        timeline.record(session, f"postcard:{order.id}", today, "postcard_issued", customer_id=customer.id,
                        order_id=order.id, total=order.total, due_date=order.due_date.isoformat())
        mail.queue(session, f"postcard:{order.id}", customer, "postcard_sent", today, total=order.total,
                   due_date=order.due_date.isoformat())


def climb_ladder(session: Session, ctx: Context, today: date) -> None:
    """warn the day after the deadline; suspend once the longest confirmation time has passed; then cancel.

    A debt whose lines are all gone already (cancelled by an earlier order) leaves the ladder silently:
    there is nothing left to warn about, suspend or cancel.
    """
    p = ctx.policy
    orders = session.execute(
        select(Order).where(Order.status == AWAITING_PAYMENT, Order.purpose == "monthly",
                            Order.dunning_stage.in_(("postcard", "warned", "suspended"))).order_by(Order.id)
    ).scalars().all()
    for order in orders:
        if today <= order.due_date:
            continue
        statuses = [session.get(Contract, cid).service_status for cid in order.items.get("contracts", [])]
        if not any(st in (ACTIVE, SUSPENDED) for st in statuses):
            order.dunning_stage = "closed"
            continue
        customer = session.get(Customer, order.customer_id)
        suspend_on = order.due_date + timedelta(days=p.confirmation_days + 1)
        cancel_on = suspend_on + timedelta(days=p.cancel_after_suspension_days)
        if order.dunning_stage == "postcard":
            order.dunning_stage = "warned"
            timeline.record(session, f"warned:{order.id}", today, "overdue_warning", customer_id=customer.id,
                            order_id=order.id, suspend_on=suspend_on.isoformat())
            if ACTIVE in statuses:
                mail.queue(session, f"warned:{order.id}", customer, "suspension_warning", today,
                           due_date=order.due_date.isoformat(), suspend_on=suspend_on.isoformat())
        if order.dunning_stage == "warned" and today >= suspend_on:
            order.dunning_stage = "suspended"
            if _set_status(session, order, SUSPENDED, today, "suspended", from_statuses=(ACTIVE,)):
                mail.queue(session, f"suspended:{order.id}", customer, "suspended", today,
                           cancel_on=cancel_on.isoformat())
        if order.dunning_stage == "suspended" and today >= cancel_on:
            order.dunning_stage = "cancelled"
            refs = _set_status(session, order, CANCELLED, today, "cancelled", from_statuses=(ACTIVE, SUSPENDED))
            if refs:
                mail.queue(session, f"cancelled:{order.id}", customer, "cancelled", today, contracts="、".join(refs))


def _set_status(session: Session, order: Order, status: str, today: date, kind: str,
                from_statuses: tuple[str, ...]) -> list[str]:
    refs = []
    for contract_id in order.items.get("contracts", []):
        contract = session.get(Contract, contract_id)
        if contract.service_status not in from_statuses:
            continue
        contract.service_status = status
        if status == CANCELLED:
            contract.ended_on = today
        refs.append(contract.ref)
        timeline.record(session, f"{kind}:{order.id}:{contract.id}", today, kind, customer_id=order.customer_id,
                        contract_id=contract.id, order_id=order.id)
    return refs


def resume_if_settled(session: Session, ctx: Context, order: Order) -> None:
    """A paid monthly order lifts its suspension unless another unpaid order still holds the line suspended."""
    if order.purpose != "monthly":
        return
    today = ctx.today()
    customer = session.get(Customer, order.customer_id)
    for contract_id in order.items.get("contracts", []):
        contract = session.get(Contract, contract_id)
        if contract.service_status != SUSPENDED or _still_suspended_by_other(session, order, contract_id):
            continue
        contract.service_status = ACTIVE
        timeline.record(session, f"resumed:{order.id}:{contract_id}", today, "resumed", customer_id=customer.id,
                        contract_id=contract_id, order_id=order.id)
        mail.queue(session, f"resumed:{order.id}:{contract_id}", customer, "resumed", today)


def _still_suspended_by_other(session: Session, order: Order, contract_id: int) -> bool:
    others = session.execute(
        select(Order).where(Order.status == AWAITING_PAYMENT, Order.purpose == "monthly", Order.id != order.id,
                            Order.dunning_stage == "suspended")
    ).scalars().all()
    return any(contract_id in o.items.get("contracts", []) for o in others)

