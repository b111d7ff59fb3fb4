"""Renewal orders: methods, bulk orders, month-end alignment, windows, downgrades, immutable invoices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from billing import invoices, orders
from billing.customers import register_paypal
from billing.invoices import RenewalItem, current_renewal_date
from billing.models import PAID, Charge, Contract, Invoice, InvoiceImmutable, Mail, Order
from tests.billing.conftest import build_world


def renew(factory, ctx, world, items, method, key="k1", contracts=None):
    with factory() as s, s.begin():
        from billing.models import Customer

        customer = s.get(Customer, world.customer.id)
        return orders.create_renewal_order(s, ctx, customer, items, method, key)


def contract(factory, cid) -> Contract:
    with factory() as s:
        return s.get(Contract, cid)


def test_card_renewal_is_charged_and_extended_at_once(factory, ctx, world, gateway) -> None:
    c = world.contracts[0]
    order = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "card")
    assert order.status == PAID
    assert current_renewal_date(contract(factory, c.id)) == date(2024, 3, 31)  # Jan 31 + 2, not Mar 29
    assert [amount for _, amount, _ in gateway.charges] == [660]


def test_bank_transfer_waits_for_confirmation(factory, ctx, world) -> None:
    c = world.contracts[0]
    order = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "bank_transfer")
    assert order.status == "awaiting_payment"
    assert order.due_date == date(2024, 3, 7)  # renewal date Feb 29 + 7
    assert current_renewal_date(contract(factory, c.id)) == date(2024, 2, 29)
    with factory() as s, s.begin():
        o = s.get(Order, order.id)
        orders.report_transfer(s, ctx, o)
        assert orders.confirm_payment(s, ctx, o, paid_on=date(2024, 2, 21))
        assert not orders.confirm_payment(s, ctx, o, paid_on=date(2024, 2, 21))  # a second confirmation is a no-op
    assert current_renewal_date(contract(factory, c.id)) == date(2024, 3, 31)


def test_konbini_adds_the_200_yen_fee_untaxed(factory, ctx, world) -> None:
    c = world.contracts[0]
    order = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "konbini")
    with factory() as s:
        invoice = s.get(Invoice, order.invoice_id)
    assert invoice.total == 600 + 60 + 200
    assert invoice.per_rate == {"10": {"net": 600, "tax": 60}, "0": {"net": 200, "tax": 0}}


def test_one_bulk_order_covers_several_contracts(factory, ctx) -> None:
    with factory() as s, s.begin():
        w = build_world(s, anchors=(date(2024, 1, 31), date(2024, 2, 10)))
        register_paypal(s, w.customer, date(2024, 2, 1))
    order = renew(factory, ctx, w, [RenewalItem(w.contracts[0].id, 6), RenewalItem(w.contracts[1].id, 3)], "paypal")
    assert order.status == PAID
    with factory() as s:
        assert s.scalar(select(func.count(Order.id))) == 1
        assert s.get(Invoice, order.invoice_id).net == 600 * 9
    assert current_renewal_date(contract(factory, w.contracts[0].id)) == date(2024, 8, 31)
    assert current_renewal_date(contract(factory, w.contracts[1].id)) == date(2024, 6, 10)


def test_aligning_to_the_month_end_charges_the_days_per_day(factory, ctx) -> None:
    with factory() as s, s.begin():
        w = build_world(s, anchors=(date(2024, 1, 15),))
    c = w.contracts[0]
    order = renew(factory, ctx, w, [RenewalItem(c.id, 1, align_month_end=True)], "card")
    with factory() as s:
        lines = s.get(Invoice, order.invoice_id).lines["lines"]
    assert [ln["unit_price"] for ln in lines] == [600, 600 * 16 // 31]  # Mar 15 -> Mar 31
    after = contract(factory, c.id)
    assert current_renewal_date(after) == date(2024, 3, 31)
    assert invoices.extended_renewal_date(after, RenewalItem(c.id, 1)) == date(2024, 4, 30)


def test_the_window_closes_seven_days_after_the_renewal_date(factory, ctx, world, clock) -> None:
    c = world.contracts[0]
    clock.set_date(date(2024, 3, 7))
    renew(factory, ctx, world, [RenewalItem(c.id, 1)], "bank_transfer", key="on-time")
    clock.set_date(date(2024, 3, 8))
    with pytest.raises(orders.BillingError) as info:
        renew(factory, ctx, world, [RenewalItem(c.id, 1)], "bank_transfer", key="late")
    assert info.value.code == "renewal_window_closed"


def test_a_downgrade_is_refused_while_usage_exceeds_the_lower_plan(factory, ctx) -> None:
    with factory() as s, s.begin():
        w = build_world(s, usage={"domains": 3})
    c = w.contracts[0]
    with pytest.raises(orders.BillingError) as info:
        renew(factory, ctx, w, [RenewalItem(c.id, 1, plan_code="server-lite")], "card")
    assert info.value.code == "downgrade_over_limits"
    with factory() as s, s.begin():
        s.get(Contract, c.id).usage = {"domains": 1}
    order = renew(factory, ctx, w, [RenewalItem(c.id, 1, plan_code="server-lite")], "card", key="k2")
    assert order.status == PAID and contract(factory, c.id).plan_code == "server-lite"


def test_auto_renewal_terms_are_limited_to_a_year(factory, ctx, world) -> None:
    c = world.contracts[0]
    with factory() as s, s.begin():
        from billing.models import Customer

        with pytest.raises(orders.BillingError) as info:
            orders.create_renewal_order(s, ctx, s.get(Customer, world.customer.id), [RenewalItem(c.id, 24)], "card",
                                        "auto", purpose="auto_renewal")
    assert info.value.code == "term_not_offered"


def test_the_same_idempotency_key_returns_the_same_order_and_charges_once(factory, ctx, world, gateway) -> None:
    c = world.contracts[0]
    first = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "card", key="same")
    second = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "card", key="same")
    assert first.id == second.id
    assert len(gateway.charges) == 1
    assert current_renewal_date(contract(factory, c.id)) == date(2024, 3, 31)


def test_a_failed_card_leaves_the_order_unpaid_and_a_later_attempt_can_pay(factory, ctx, world, gateway) -> None:
    with factory() as s:
        token = s.execute(select(Charge)).first()
    assert token is None
    from billing.models import PaymentMethod

    with factory() as s:
        gateway.fail(s.execute(select(PaymentMethod.token)).scalar_one(), "over_limit")
    c = world.contracts[0]
    order = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "card")
    assert order.status == "awaiting_payment"
    gateway.failing.clear()
    with factory() as s, s.begin():
        o = s.get(Order, order.id)
        orders.charge_order(s, ctx, o, "retry-1")
        assert o.status == PAID
        assert s.scalar(select(func.count(Charge.id))) == 2


def test_finalised_invoices_cannot_be_edited_and_cancelling_issues_a_credit_note(factory, ctx, world) -> None:
    c = world.contracts[0]
    order = renew(factory, ctx, world, [RenewalItem(c.id, 1)], "bank_transfer")
    with factory() as s, pytest.raises(InvoiceImmutable), s.begin():
        s.get(Invoice, order.invoice_id).total = 1
    with factory() as s, s.begin():
        note = orders.cancel_order(s, ctx, s.get(Order, order.id))
        original = s.get(Invoice, order.invoice_id)
        assert (note.kind, note.corrects_id, note.total) == ("credit_note", original.id, -original.total)
        assert note.number.startswith("CN-") and original.number.startswith("INV-")
        assert orders.cancel_order(s, ctx, s.get(Order, order.id)) is None
        assert s.scalar(select(func.count(Mail.id)).where(Mail.template == "order_cancelled")) == 1


def test_invoices_carry_the_qualified_invoice_fields(factory, ctx, world) -> None:
    order = renew(factory, ctx, world, [RenewalItem(world.contracts[0].id, 1)], "card")
    with factory() as s:
        inv = s.get(Invoice, order.invoice_id)
    assert inv.issuer_registration == "T1234567890123"
    assert inv.recipient == "伊藤誠 様" and inv.issued_on == date(2024, 2, 20)
    assert inv.per_rate["10"] == {"net": 600, "tax": 60} and inv.lines["lines"]


def test_a_preview_numbers_and_stores_nothing(factory, ctx, world) -> None:
    with factory() as s:
        c = s.get(Contract, world.contracts[0].id)
        shown = invoices.preview(c, RenewalItem(c.id, 3), "konbini", ctx.policy)
        assert s.scalar(select(func.count(Invoice.id))) == 0
    assert shown["total"] == 1800 + 180 + 200 and shown["next_renewal_date"] == "2024-05-31"


def test_renewing_a_contract_with_an_old_verification_requests_a_new_one(factory, ctx, world) -> None:
    # The world's customer has no application at all: the renewal goes through and asks for one.
    renew(factory, ctx, world, [RenewalItem(world.contracts[0].id, 1)], "card")
    from billing.models import Reverification

    with factory() as s:
        rows = s.execute(select(Reverification)).scalars().all()
        assert [r.reason for r in rows] == ["no_verification"]
        assert s.scalar(select(func.count(Mail.id)).where(Mail.template == "reverification")) == 1


def test_the_day_in_tokyo_decides_the_billing_date(clock) -> None:
    from billing.clock import today

    clock.set_date(date(2024, 2, 20))
    clock.advance(timedelta(hours=15))  # 09:00 + 15h = 00:00 next day in Tokyo, still the 20th in UTC
    assert today(clock) == date(2024, 2, 21)
    assert clock.now().date() == date(2024, 2, 20)
