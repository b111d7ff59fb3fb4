"""Server-rendered billing pages: a customer's renewal and payment pages, and an operator overview.

`make_router(factory, context)` returns an APIRouter the web app includes; routes are thin and call the
billing services. Authentication is the including app's job (see docs/billing.md for how to mount it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from billing import invoices, orders
from billing.context import Context
from billing.customers import customer_by_ref
from billing.invoices import RenewalItem, current_renewal_date
from billing.mail import METHOD_JA
from billing.models import (
    AWAITING_PAYMENT,
    SUSPENDED,
    Contract,
    Customer,
    Event,
    Invoice,
    Mail,
    Order,
    Reverification,
)
from billing.plans import PLANS, plan

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
REVERIFY_JA = {"no_verification": "本人確認の記録がありません", "verification_too_old": "前回の本人確認から期間が経過しました",
               "document_expired": "本人確認書類の有効期限が切れています"}
STATUS_JA = {"awaiting_payment": "ご入金待ち", "paid": "お支払済", "cancelled": "取消"}


def make_router(factory: sessionmaker[Session], context: Callable[[], Context], *,
                admin_dependencies: list | None = None) -> APIRouter:
    router = APIRouter(prefix="/billing", tags=["billing"])

    def session():
        with factory() as s, s.begin():
            yield s

    def customer_of(ref: str, s: Session = Depends(session)) -> Customer:
        try:
            return customer_by_ref(s, ref)
        except KeyError:
            raise HTTPException(404, "no such customer") from None

    def order_of(customer: Customer, order_id: int, s: Session) -> Order:
        order = s.get(Order, order_id)
        if order is None or order.customer_id != customer.id:
            raise HTTPException(404, "no such order")
        return order

    def customer_page(request: Request, s: Session, customer: Customer, error: str | None = None,
                      status: int = 200) -> HTMLResponse:
        contracts = s.execute(select(Contract).where(Contract.customer_id == customer.id)
                              .order_by(Contract.id)).scalars().all()
        rows = [{"c": c, "plan": plan(c.plan_code),
                 "renewal": current_renewal_date(c) if c.billing_mode == "term" and c.anchor_date else None}
                for c in contracts]
        reverify = s.execute(select(Reverification, Contract).join(Contract, Reverification.contract_id == Contract.id)
                             .where(Contract.customer_id == customer.id).order_by(Reverification.id)).all()
        history = s.execute(select(Order, Invoice).join(Invoice, Order.invoice_id == Invoice.id)
                            .where(Order.customer_id == customer.id).order_by(Order.id.desc())).all()
        return TEMPLATES.TemplateResponse(request, "billing_customer.html", {
            "customer": customer, "rows": rows, "history": history, "plans": PLANS.values(), "error": error,
            "reverify": reverify, "reverify_ja": REVERIFY_JA,
            "methods": METHOD_JA, "status_ja": STATUS_JA, "key": uuid.uuid4().hex}, status_code=status)

    @router.get("/c/{ref}", response_class=HTMLResponse)
    def show_customer(request: Request, ref: str, s: Session = Depends(session)):
        return customer_page(request, s, customer_of(ref, s))

    @router.post("/c/{ref}/renew")
    async def renew(request: Request, ref: str, s: Session = Depends(session)):
        form = await request.form()
        customer = customer_of(ref, s)
        items = []
        for raw in form.getlist("contract"):
            cid = int(raw)
            items.append(RenewalItem(cid, int(form.get(f"months_{cid}", "1")), form.get(f"plan_{cid}") or None,
                                     form.get(f"align_{cid}") == "1"))
        try:
            order = orders.create_renewal_order(s, context(), customer, items, str(form.get("method", "")),
                                                f"web:{customer.id}:{form.get('key', '')}")
        except orders.BillingError as exc:
            return customer_page(request, s, customer, error=exc.code, status=400)
        return RedirectResponse(f"/billing/c/{ref}/orders/{order.id}", status_code=303)

    @router.get("/c/{ref}/preview")
    def preview(ref: str, contract: int, months: int = 1, method: str = "card", plan_code: str | None = None,
                align: bool = False, s: Session = Depends(session)):
        customer = customer_of(ref, s)
        found = s.get(Contract, contract)
        if found is None or found.customer_id != customer.id:
            raise HTTPException(404, "no such contract")
        return JSONResponse(invoices.preview(found, RenewalItem(found.id, months, plan_code, align), method,
                                             context().policy))

    @router.get("/c/{ref}/orders/{order_id}", response_class=HTMLResponse)
    def show_order(request: Request, ref: str, order_id: int, s: Session = Depends(session)):
        customer = customer_of(ref, s)
        order = order_of(customer, order_id, s)
        return TEMPLATES.TemplateResponse(request, "billing_order.html", {
            "customer": customer, "order": order, "invoice": s.get(Invoice, order.invoice_id),
            "methods": METHOD_JA, "status_ja": STATUS_JA, "key": uuid.uuid4().hex})

    @router.post("/c/{ref}/orders/{order_id}/{action}")
    def order_action(ref: str, order_id: int, action: str, key: str = Form(""), s: Session = Depends(session)):
        customer = customer_of(ref, s)
        order = order_of(customer, order_id, s)
        ctx = context()
        try:
            if action == "pay" and order.method in ("card", "paypal"):
                orders.charge_order(s, ctx, order, f"web-pay:{order.id}:{key}")
            elif action == "report-transfer":
                orders.report_transfer(s, ctx, order)
            elif action == "cancel":
                if orders.cancel_order(s, ctx, order) is None:
                    raise orders.BillingError("not_awaiting_payment", "already settled")
            elif action == "resend":
                orders.resend_billing_mail(s, ctx, order)
            else:
                raise HTTPException(404, "no such action")
        except orders.BillingError as exc:
            raise HTTPException(409, exc.code) from None
        return RedirectResponse(f"/billing/c/{ref}/orders/{order.id}", status_code=303)

    @router.get("/admin", response_class=HTMLResponse, dependencies=admin_dependencies or [])
    def admin(request: Request, s: Session = Depends(session)):
        awaiting = s.execute(select(Order, Customer).join(Customer, Order.customer_id == Customer.id)
                             .where(Order.status == AWAITING_PAYMENT).order_by(Order.due_date)).all()
        suspended = s.execute(select(Contract).where(Contract.service_status == SUSPENDED)).scalars().all()
        events = s.execute(select(Event).order_by(Event.id.desc()).limit(50)).scalars().all()
        unsent = s.scalar(select(func.count(Mail.id)).where(Mail.sent_at.is_(None)))
        return TEMPLATES.TemplateResponse(request, "billing_admin.html", {
            "awaiting": awaiting, "suspended": suspended, "events": events, "unsent": unsent,
            "methods": METHOD_JA})

    return router
