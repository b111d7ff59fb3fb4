"""The billing pages: renew, pay, report a transfer, cancel, resend; the operator overview."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from billing.customers import register_paypal
from billing.models import Contract, Mail, Order
from billing.web import make_router
from tests.billing.conftest import build_world


@pytest.fixture
def client(factory, ctx):
    with factory() as s, s.begin():
        world = build_world(s, anchors=(date(2024, 1, 31), date(2024, 2, 10)), usage={"domains": 3})
        register_paypal(s, world.customer, date(2024, 2, 1))
    app = FastAPI()
    app.include_router(make_router(factory, lambda: ctx))
    with TestClient(app) as c:
        c.world = world
        yield c


def form_key(html: str) -> str:
    return re.search(r'name="key" value="([0-9a-f]+)"', html).group(1)


def test_the_customer_page_lists_contracts_with_their_renewal_dates(client) -> None:
    page = client.get("/billing/c/C1")
    assert page.status_code == 200
    assert "C1-S0" in page.text and "2024-02-29" in page.text and "2024-03-10" in page.text
    assert "コンビニ決済の場合、手数料200円" in page.text


def test_a_bank_transfer_renewal_is_reported_then_cancelled(client, factory) -> None:
    w = client.world
    ids = [str(c.id) for c in w.contracts]
    page = client.get("/billing/c/C1")
    response = client.post("/billing/c/C1/renew", data={
        "key": form_key(page.text), "contract": ids, f"months_{ids[0]}": "3", f"months_{ids[1]}": "1",
        "method": "bank_transfer"}, follow_redirects=True)
    assert response.status_code == 200
    assert "ご入金待ち" in response.text and "INV-00000001" in response.text and "T1234567890123" in response.text
    order_url = str(response.url)
    assert client.post(f"{order_url}/report-transfer", follow_redirects=True).status_code == 200
    assert client.post(f"{order_url}/resend", follow_redirects=True).status_code == 200
    cancelled = client.post(f"{order_url}/cancel", follow_redirects=True)
    assert "取消" in cancelled.text
    assert client.post(f"{order_url}/cancel").status_code == 409
    with factory() as s:
        assert s.scalar(select(func.count(Mail.id)).where(Mail.template == "order_created")) == 2  # + resend
        assert s.execute(select(Order.transfer_reported_on)).scalar_one() == date(2024, 2, 20)


def test_a_double_submitted_form_creates_one_order(client, factory) -> None:
    key = form_key(client.get("/billing/c/C1").text)
    data = {"key": key, "contract": [str(client.world.contracts[0].id)], "method": "paypal"}
    first = client.post("/billing/c/C1/renew", data=data, follow_redirects=False)
    second = client.post("/billing/c/C1/renew", data=data, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    with factory() as s:
        assert s.scalar(select(func.count(Order.id))) == 1
        assert s.get(Contract, client.world.contracts[0].id).months_paid == 2


def test_a_downgrade_over_the_limits_is_refused_on_the_page(client) -> None:
    cid = str(client.world.contracts[0].id)
    response = client.post("/billing/c/C1/renew", data={
        "key": "abc", "contract": [cid], f"plan_{cid}": "server-lite", "method": "card"})
    assert response.status_code == 400 and "downgrade_over_limits" in response.text


def test_the_preview_endpoint_returns_the_invoice_to_be(client) -> None:
    cid = client.world.contracts[1].id
    shown = client.get(f"/billing/c/C1/preview?contract={cid}&months=1&method=card&align=true").json()
    assert shown["next_renewal_date"] == "2024-04-30"  # Mar 10 + 1 month, then the month's end
    assert [ln["unit_price"] for ln in shown["lines"]] == [600, 600 * 20 // 30]


def test_the_admin_page_lists_orders_awaiting_payment(client) -> None:
    cid = str(client.world.contracts[0].id)
    client.post("/billing/c/C1/renew", data={"key": "k", "contract": [cid], "method": "konbini"})
    page = client.get("/billing/admin")
    assert page.status_code == 200 and "伊藤誠" in page.text and "860円" in page.text


def test_other_customers_orders_are_not_found(client) -> None:
    assert client.get("/billing/c/nobody").status_code == 404
    assert client.get("/billing/c/C1/orders/999").status_code == 404


def test_a_failed_card_order_can_be_paid_from_its_page_once(client, factory, gateway) -> None:
    from billing.models import PaymentMethod

    with factory() as s:
        token = s.execute(select(PaymentMethod.token).where(PaymentMethod.kind == "card")).scalar_one()
    gateway.fail(token, "over_limit")
    cid = str(client.world.contracts[0].id)
    order_page = client.post("/billing/c/C1/renew", data={"key": "k", "contract": [cid], "method": "card"})
    assert "ご入金待ち" in order_page.text
    gateway.heal(token)
    key = form_key(order_page.text)
    paid = client.post(f"{order_page.url}/pay", data={"key": key}, follow_redirects=True)
    assert "お支払済" in paid.text
    assert "本人確認の記録がありません" in client.get("/billing/c/C1").text  # this customer was never verified
    assert client.post(f"{order_page.url}/pay", data={"key": key}).status_code == 200  # replay: nothing new
    assert client.post(f"{order_page.url}/pay", data={"key": "another"}).status_code == 409  # already paid
    assert len(gateway.charges) == 1
    with factory() as s:
        assert s.get(Contract, client.world.contracts[0].id).months_paid == 2
