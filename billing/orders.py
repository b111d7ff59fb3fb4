"""Orders and payments: bulk renewal orders, charging, confirming, transfer reports, cancelling, resending."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing import invoices, mail, timeline
from billing.context import Context
from billing.invoices import RenewalItem, current_renewal_date
from billing.models import (
    ACTIVE,
    AWAITING_PAYMENT,
    INSTANT_METHODS,
    METHODS,
    ORDER_CANCELLED,
    PAID,
    SUSPENDED,
    Charge,
    Contract,
    Counter,
    Customer,
    Invoice,
    Order,
    PaymentMethod,
    Reverification,
)
from billing.plans import downgrade_blockers, plan
from billing.verification import reverification_reason, verification_state


class BillingError(ValueError):
    """A refused operation; `code` is stable (web and CLI show it), the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def write_lock(session: Session) -> None:
    """On SQLite, make the first statement of the transaction a write so it holds the database write lock
    from the start (pysqlite runs earlier reads outside the transaction). PostgreSQL locks rows instead."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Counter).where(Counter.name == "_lock").values(value=Counter.value))


def order_by_key(session: Session, key: str) -> Order | None:
    return session.execute(select(Order).where(Order.idempotency_key == key)).scalar_one_or_none()


def payment_method_for(session: Session, customer: Customer, contract: Contract | None, kind: str) -> PaymentMethod | None:
    if kind == "card" and contract is not None and not customer.consolidated and contract.payment_method_id:
        return session.get(PaymentMethod, contract.payment_method_id)
    return session.execute(
        select(PaymentMethod).where(PaymentMethod.customer_id == customer.id, PaymentMethod.kind == kind,
                                    PaymentMethod.is_default.is_(True)).order_by(PaymentMethod.id.desc()).limit(1)
    ).scalar_one_or_none()


def _check_item(session: Session, ctx: Context, customer: Customer, contract: Contract, item: RenewalItem,
                today: date, *, auto: bool) -> None:
    if contract.customer_id != customer.id:
        raise BillingError("not_your_contract", f"contract {contract.ref} belongs to another customer")
    if contract.billing_mode != "term" or contract.service_status not in (ACTIVE, SUSPENDED):
        raise BillingError("not_renewable", f"contract {contract.ref} cannot be renewed")
    last_day = current_renewal_date(contract) + timedelta(days=ctx.policy.manual_grace_days)
    if today > last_day:
        raise BillingError("renewal_window_closed", f"renewal of {contract.ref} closed on {last_day}")
    target = plan(item.plan_code or contract.plan_code)
    if target.kind != contract.kind or not target.allows_term(item.months, auto=auto):
        raise BillingError("term_not_offered", f"{target.code} has no {item.months}-month term")
    if target.rank < plan(contract.plan_code).rank:
        blockers = downgrade_blockers(target, contract.usage or {})
        if blockers:
            raise BillingError("downgrade_over_limits", f"usage exceeds {target.code}: {', '.join(blockers)}")


def create_renewal_order(
    session: Session, ctx: Context, customer: Customer, items: list[RenewalItem], method: str,
    idempotency_key: str, *, purpose: str = "renewal",
) -> Order:
    """One order (and one finalised invoice) over several contracts; card and PayPal are charged at once."""
    if method not in METHODS:
        raise BillingError("unknown_method", f"unknown payment method {method!r}")
    write_lock(session)
    existing = order_by_key(session, idempotency_key)
    if existing is not None:
        return existing
    today = ctx.today()
    contracts = []
    for item in items:
        contract = session.get(Contract, item.contract_id)
        if contract is None:
            raise BillingError("unknown_contract", f"no contract {item.contract_id}")
        _check_item(session, ctx, customer, contract, item, today, auto=purpose == "auto_renewal")
        contracts.append(contract)
    if not items:
        raise BillingError("nothing_to_renew", "no contracts chosen")
    pay_with = None
    if method in INSTANT_METHODS:
        pay_with = payment_method_for(session, customer, contracts[0], method)
        if pay_with is None:
            raise BillingError("no_payment_method", f"no {method} registered")
    lines = [ln for c, it in zip(contracts, items, strict=True) for ln in invoices.renewal_lines(c, it)]
    lines += invoices.fee_lines(method, ctx.policy)
    last_days = [current_renewal_date(c) + timedelta(days=ctx.policy.manual_grace_days) for c in contracts]
    # Unpaid orders (a failed card included) stay payable until the renewal window closes.
    due = max(today, min(last_days))
    try:
        with session.begin_nested():
            invoice = invoices.finalise(session, customer, lines, today, ctx.policy)
            order = Order(customer_id=customer.id, purpose=purpose, idempotency_key=idempotency_key,
                          method=method, payment_method_id=pay_with.id if pay_with else None, total=invoice.total,
                          items={"items": [i.as_json() for i in items]}, created_on=today, due_date=due,
                          invoice_id=invoice.id)
            session.add(order)
            session.flush()
    except IntegrityError:
        existing = order_by_key(session, idempotency_key)
        if existing is None:
            raise
        return existing
    timeline.record(session, f"order:{order.id}", today, "invoice_issued", customer_id=customer.id,
                    order_id=order.id, number=invoice.number, total=invoice.total, method=method,
                    contracts=[c.ref for c in contracts], net=invoice.net, tax=invoice.tax)
    for contract in contracts:
        _maybe_request_reverification(session, ctx, customer, contract, today)
    if method in INSTANT_METHODS:
        charge_order(session, ctx, order, f"{idempotency_key}:charge")
    else:
        send_order_mail(session, customer, order, invoice, key=f"order_created:{order.id}")
    return order


def send_order_mail(session: Session, customer: Customer, order: Order, invoice: Invoice, *, key: str) -> bool:
    return mail.queue(session, key, customer, "order_created", order.created_on, number=invoice.number,
                      total=order.total, method=mail.METHOD_JA[order.method], due_date=order.due_date.isoformat())


def charge_order(session: Session, ctx: Context, order: Order, key: str) -> Charge:
    """Charge the order's card or PayPal once per `key`; on success the order is paid and applied."""
    write_lock(session)
    done = session.execute(select(Charge).where(Charge.idempotency_key == key)).scalar_one_or_none()
    if done is not None:
        return done
    # Lock the order (PostgreSQL) so two different keys cannot both charge an order that owes once.
    order = session.execute(select(Order).where(Order.id == order.id).with_for_update()
                            .execution_options(populate_existing=True)).scalar_one()
    if order.status != AWAITING_PAYMENT:
        raise BillingError("not_awaiting_payment", "this order is settled; nothing to charge")
    method = session.get(PaymentMethod, order.payment_method_id) if order.payment_method_id else None
    today = ctx.today()
    if method is None:
        result_ok, failure, reference = False, "no_card", "-"
    else:
        result = ctx.gateway.charge(method.token, order.total, key)
        result_ok, failure, reference = result.ok, result.failure, result.reference
    charge = Charge(idempotency_key=key, order_id=order.id, payment_method_id=method.id if method else None,
                    amount=order.total, ok=result_ok, failure=failure, reference=reference, on_date=today,
                    created_at=datetime.now(UTC))
    session.add(charge)
    session.flush()
    order.attempts += 1
    timeline.record(session, f"charge:{key}", today, "charge", customer_id=order.customer_id, order_id=order.id,
                    amount=order.total, ok=result_ok, failure=failure, attempt=order.attempts,
                    last4=method.last4 if method else None)
    if result_ok:
        mark_paid(session, ctx, order, paid_on=today)
    return charge


def mark_paid(session: Session, ctx: Context, order: Order, *, paid_on: date) -> bool:
    """awaiting_payment -> paid exactly once (a conditional UPDATE), then extend the contracts and resume."""
    today = ctx.today()
    changed = session.execute(
        update(Order).where(Order.id == order.id, Order.status == AWAITING_PAYMENT)
        .values(status=PAID, paid_on=paid_on, confirmed_on=today)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        return False
    session.refresh(order)
    customer = session.get(Customer, order.customer_id)
    extended = []
    for raw in order.items.get("items", []):
        item = RenewalItem.from_json(raw)
        contract = session.execute(
            select(Contract).where(Contract.id == item.contract_id).with_for_update()
            .execution_options(populate_existing=True)  # the locked row, not the copy read before the lock
        ).scalar_one()
        apply_extension(contract, item)
        extended.append(f"{contract.ref}: 次回更新日 {current_renewal_date(contract).isoformat()}")
        timeline.record(session, f"extended:{order.id}:{contract.id}", today, "extended", customer_id=customer.id,
                        contract_id=contract.id, order_id=order.id, months=item.months,
                        plan=contract.plan_code, next_renewal=current_renewal_date(contract).isoformat())
    timeline.record(session, f"paid:{order.id}", today, "paid", customer_id=customer.id, order_id=order.id,
                    amount=order.total, method=order.method, paid_on=paid_on.isoformat())
    invoice = session.get(Invoice, order.invoice_id)
    template = "auto_renewal_charged" if order.purpose == "auto_renewal" else "order_paid"
    mail.queue(session, f"paid:{order.id}", customer, template, today, number=invoice.number, total=order.total,
               extended="\n" + "\n".join(extended) if extended else "", contracts="\n".join(extended))
    from billing.dunning import resume_if_settled  # dunning builds on this module: import at use


    resume_if_settled(session, ctx, order)
    return True


def apply_extension(contract: Contract, item: RenewalItem) -> None:
    """Move the renewal date by the paid months (from the anchor); alignment re-anchors at the month's end."""
    if item.align_month_end:
        contract.anchor_date = invoices.extended_renewal_date(contract, item)
        contract.months_paid = 0
        contract.month_end_anchor = True
    else:
        contract.months_paid += item.months
    if item.plan_code:
        contract.plan_code = item.plan_code
    contract.trial = False


def report_transfer(session: Session, ctx: Context, order: Order) -> None:
    if order.status != AWAITING_PAYMENT or order.method != "bank_transfer":
        raise BillingError("not_awaiting_transfer", "this order is not waiting for a bank transfer")
    if order.transfer_reported_on is None:
        order.transfer_reported_on = ctx.today()
        timeline.record(session, f"transfer_reported:{order.id}", ctx.today(), "transfer_reported",
                        customer_id=order.customer_id, order_id=order.id)


def confirm_payment(session: Session, ctx: Context, order: Order, *, paid_on: date) -> bool:
    """Money seen for a transfer or konbini order (paid on `paid_on`, seen today)."""
    write_lock(session)
    if order.status == ORDER_CANCELLED:
        raise BillingError("order_cancelled", "payment for a cancelled order: refund it")
    return mark_paid(session, ctx, order, paid_on=paid_on)


def cancel_order(session: Session, ctx: Context, order: Order, *, reason: str = "customer") -> Invoice | None:
    """Cancel an unpaid order; its finalised invoice is reversed by a credit note, never edited."""
    write_lock(session)
    today = ctx.today()
    changed = session.execute(
        update(Order).where(Order.id == order.id, Order.status == AWAITING_PAYMENT).values(status=ORDER_CANCELLED)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        return None
    session.refresh(order)
    customer = session.get(Customer, order.customer_id)
    original = session.get(Invoice, order.invoice_id)
    note = invoices.credit_note(session, customer, original, today, ctx.policy)
    timeline.record(session, f"cancelled:{order.id}", today, "order_cancelled", customer_id=customer.id,
                    order_id=order.id, credit_note=note.number, reason=reason)
    mail.queue(session, f"order_cancelled:{order.id}", customer, "order_cancelled", today,
               number=original.number, credit_note=note.number)
    return note


def resend_billing_mail(session: Session, ctx: Context, order: Order) -> None:
    if order.status != AWAITING_PAYMENT:
        raise BillingError("not_awaiting_payment", "only unpaid orders have a billing mail")
    customer = session.get(Customer, order.customer_id)
    invoice = session.get(Invoice, order.invoice_id)
    send_order_mail(session, customer, order, invoice, key=f"order_resend:{order.id}:{uuid.uuid4().hex}")


def _maybe_request_reverification(session: Session, ctx: Context, customer: Customer, contract: Contract,
                                  today: date) -> None:
    renewal = current_renewal_date(contract)
    reason = reverification_reason(verification_state(session, customer.application_id), renewal,
                                   ctx.policy.reverify_after_days)
    if reason is None:
        return
    key = f"reverify:{contract.id}:{renewal.isoformat()}"
    if session.execute(select(Reverification.id).where(Reverification.dedupe_key == key)).first() is None:
        session.add(Reverification(dedupe_key=key, contract_id=contract.id, application_id=customer.application_id,
                                   reason=reason, requested_on=today))
        session.flush()
    timeline.record(session, key, today, "reverification_requested", customer_id=customer.id,
                    contract_id=contract.id, reason=reason)
    mail.queue(session, key, customer, "reverification", today, contract=contract.ref, reason=reason)
