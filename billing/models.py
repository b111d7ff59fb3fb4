"""Billing tables, on the same declarative Base as the verification tables (one database, one schema)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from honnin.db.models import Base

# Contract.service_status: entitlement, kept apart from whether money is owed (Order.status).
PENDING_VERIFICATION = "pending_verification"
ACTIVE = "active"
SUSPENDED = "suspended"
CANCELLED = "cancelled"
ENDED = "ended"

# Order.status
AWAITING_PAYMENT = "awaiting_payment"
PAID = "paid"
ORDER_CANCELLED = "cancelled"

METHODS = ("card", "bank_transfer", "konbini", "paypal")
INSTANT_METHODS = ("card", "paypal")  # extend at once; the others on confirmation


class Customer(Base):
    __tablename__ = "billing_customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_romaji: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    sub_email: Mapped[str | None] = mapped_column(String(254))
    notify_40_days: Mapped[bool] = mapped_column(Boolean, default=False)
    # まとめ払い: every line on the customer's one card; otherwise each contract has its own method.
    consolidated: Mapped[bool] = mapped_column(Boolean, default=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("applications.id"))
    created_at: Mapped[datetime]


class PaymentMethod(Base):
    """A stored card or PayPal agreement: a gateway token and display facts, never a card number."""

    __tablename__ = "billing_payment_methods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("billing_customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # card | paypal
    token: Mapped[str] = mapped_column(String(100))
    brand: Mapped[str | None] = mapped_column(String(20))
    last4: Mapped[str | None] = mapped_column(String(4))
    exp_month: Mapped[int | None]
    exp_year: Mapped[int | None]
    holder: Mapped[str | None] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Contract(Base):
    __tablename__ = "billing_contracts"
    __table_args__ = (Index("ix_billing_contracts_customer", "customer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("billing_customers.id"))
    kind: Mapped[str] = mapped_column(String(10))  # sim | server
    plan_code: Mapped[str] = mapped_column(String(40))
    billing_mode: Mapped[str] = mapped_column(String(10))  # monthly (postpaid card) | term (prepaid renewal)
    term_months: Mapped[int] = mapped_column(Integer, default=1)
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=False)
    trial: Mapped[bool] = mapped_column(Boolean, default=False)
    # The renewal date is anchor + months_paid, computed, never chained.
    anchor_date: Mapped[date | None] = mapped_column(Date)
    months_paid: Mapped[int] = mapped_column(Integer, default=0)
    month_end_anchor: Mapped[bool] = mapped_column(Boolean, default=False)
    service_status: Mapped[str] = mapped_column(String(24), default=PENDING_VERIFICATION)
    usage: Mapped[dict[str, Any]] = mapped_column(default=dict)
    payment_method_id: Mapped[int | None] = mapped_column(ForeignKey("billing_payment_methods.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]


class Order(Base):
    """What the customer owes (請求): awaiting payment -> paid, or cancelled. Its invoice never changes."""

    __tablename__ = "billing_orders"
    __table_args__ = (Index("ix_billing_orders_status_due", "status", "due_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("billing_customers.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))  # renewal | auto_renewal | monthly
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=AWAITING_PAYMENT)
    method: Mapped[str] = mapped_column(String(16))
    payment_method_id: Mapped[int | None] = mapped_column(ForeignKey("billing_payment_methods.id"))
    total: Mapped[int]
    items: Mapped[dict[str, Any]]  # {"items": [{"contract_id", "months", "plan_code", "align_month_end"}]}
    created_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    transfer_reported_on: Mapped[date | None] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)  # when the customer paid
    confirmed_on: Mapped[date | None] = mapped_column(Date)  # when we saw the money
    # Card retries (their own schedule) and the overdue ladder (its own clock) are separate fields.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_retry_on: Mapped[date | None] = mapped_column(Date)
    dunning_stage: Mapped[str | None] = mapped_column(String(16))  # notified|postcard|warned|suspended|cancelled
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("billing_invoices.id"))


class Invoice(Base):
    """A qualified invoice (適格請求書) or credit note. Finalised on insert; immutable afterwards."""

    __tablename__ = "billing_invoices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # invoice | credit_note
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("billing_invoices.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("billing_customers.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    issuer_name: Mapped[str] = mapped_column(String(200))
    issuer_registration: Mapped[str] = mapped_column(String(14))
    recipient: Mapped[str] = mapped_column(String(200))
    lines: Mapped[dict[str, Any]]  # {"lines": [{"description", "unit_price", "quantity", "tax_rate"}]}
    per_rate: Mapped[dict[str, Any]]  # {"10": {"net": ..., "tax": ...}, ...}
    net: Mapped[int]
    tax: Mapped[int]
    total: Mapped[int]
    finalised_at: Mapped[datetime]


class Counter(Base):
    """Single-row-per-name sequences, bumped inside the transaction that uses the number."""

    __tablename__ = "billing_counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Charge(Base):
    """Every attempt to take money through the gateway; the key makes a retry of the same attempt a no-op."""

    __tablename__ = "billing_charges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("billing_orders.id"), index=True)
    payment_method_id: Mapped[int | None] = mapped_column(ForeignKey("billing_payment_methods.id"))
    amount: Mapped[int]
    ok: Mapped[bool] = mapped_column(Boolean)
    failure: Mapped[str | None] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(64))
    on_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]


class Reverification(Base):
    __tablename__ = "billing_reverifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("billing_contracts.id"), index=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(String(40))  # verification_too_old | document_expired | no_verification
    requested_on: Mapped[date] = mapped_column(Date)


class Mail(Base):
    """The outbox: a mail is queued in the transaction that caused it and sent later over SMTP."""

    __tablename__ = "billing_mail_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    template: Mapped[str] = mapped_column(String(40))
    to_addrs: Mapped[str] = mapped_column(String(600))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    queued_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))


class Event(Base):
    """The billing timeline (what `simulate` prints and the admin page lists); one row per fact."""

    __tablename__ = "billing_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    contract_id: Mapped[int | None] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class InvoiceImmutable(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_invoice_changes(session: Session, _context, _instances) -> None:
    """Finalised invoices are never edited or deleted: corrections are credit notes."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Invoice) and (obj in session.deleted or session.is_modified(obj)):
            raise InvoiceImmutable(f"invoice {obj.number} is finalised; issue a credit note instead")
