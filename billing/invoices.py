"""Building invoice lines, previewing them, finalising qualified invoices and issuing credit notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from billing import dates, tax
from billing.context import Policy
from billing.models import Contract, Customer, Invoice
from billing.numbering import next_number
from billing.plans import plan


@dataclass(frozen=True)
class RenewalItem:
    contract_id: int
    months: int
    plan_code: str | None = None  # a plan change takes effect with the renewal
    align_month_end: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"contract_id": self.contract_id, "months": self.months, "plan_code": self.plan_code,
                "align_month_end": self.align_month_end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RenewalItem:
        return cls(int(data["contract_id"]), int(data["months"]), data.get("plan_code"),
                   bool(data.get("align_month_end")))


def current_renewal_date(contract: Contract) -> date:
    if contract.anchor_date is None:
        raise ValueError(f"contract {contract.ref} has not started")
    return dates.renewal_date(contract.anchor_date, contract.months_paid, month_end_anchor=contract.month_end_anchor)


def extended_renewal_date(contract: Contract, item: RenewalItem) -> date:
    """The renewal date after `item` is paid: anchor + (months paid + months), then the month's end if asked."""
    after = dates.renewal_date(
        contract.anchor_date, contract.months_paid + item.months, month_end_anchor=contract.month_end_anchor
    )
    return dates.month_end(after) if item.align_month_end else after


def renewal_lines(contract: Contract, item: RenewalItem) -> list[tax.Line]:
    target = plan(item.plan_code or contract.plan_code)
    lines = [tax.Line(f"{contract.ref} {target.name} {item.months}ヶ月分", target.monthly_price, item.months)]
    if item.align_month_end:
        after = dates.renewal_date(
            contract.anchor_date, contract.months_paid + item.months, month_end_anchor=contract.month_end_anchor
        )
        extra_days = dates.days_to_month_end(after)
        if extra_days:
            lines.append(tax.Line(f"{contract.ref} 月末までの日割 {extra_days}日分", dates.prorated(target.monthly_price, after)))
    return lines


def monthly_lines(contracts: list[Contract], month_label: str) -> list[tax.Line]:
    return [tax.Line(f"{c.ref} {plan(c.plan_code).name} {month_label}分", plan(c.plan_code).monthly_price)
            for c in contracts]


def fee_lines(method: str, policy: Policy) -> list[tax.Line]:
    if method == "konbini":
        return [tax.Line("コンビニ決済手数料", policy.konbini_fee, 1, tax.NON_TAXABLE)]
    return []


def _per_rate(totals: tax.Totals) -> dict[str, Any]:
    return {str(r.rate): {"net": r.net, "tax": r.tax} for r in totals.per_rate}


def finalise(
    session: Session, customer: Customer, lines: list[tax.Line], on: date, policy: Policy,
    *, kind: str = "invoice", corrects: Invoice | None = None,
) -> Invoice:
    """Number and store the invoice in the caller's transaction; it never changes after this."""
    totals = tax.totals(lines)
    invoice = Invoice(
        number=next_number(session, kind), kind=kind, corrects_id=corrects.id if corrects else None,
        customer_id=customer.id, issued_on=on, issuer_name=policy.issuer_name,
        issuer_registration=policy.issuer_registration, recipient=f"{customer.name} 様",
        lines={"lines": [{"description": ln.description, "unit_price": ln.unit_price, "quantity": ln.quantity,
                          "tax_rate": ln.tax_rate} for ln in lines]},
        per_rate=_per_rate(totals), net=totals.net, tax=totals.tax, total=totals.total,
        finalised_at=datetime.now(UTC),
    )
    session.add(invoice)
    session.flush()
    return invoice


def credit_note(session: Session, customer: Customer, original: Invoice, on: date, policy: Policy) -> Invoice:
    """The negative mirror of `original`; tax per rate mirrors exactly because rounding is toward zero."""
    lines = [tax.Line(f"取消: {ln['description']}", -ln["unit_price"], ln["quantity"], ln["tax_rate"])
             for ln in original.lines["lines"]]
    return finalise(session, customer, lines, on, policy, kind="credit_note", corrects=original)


def invoice_lines(invoice: Invoice) -> list[tax.Line]:
    return [tax.Line(ln["description"], ln["unit_price"], ln["quantity"], ln["tax_rate"])
            for ln in invoice.lines["lines"]]


def preview(contract: Contract, item: RenewalItem, method: str, policy: Policy) -> dict[str, Any]:
    """What an invoice for renewing `contract` would say, without numbering or storing anything."""
    lines = renewal_lines(contract, item) + fee_lines(method, policy)
    totals = tax.totals(lines)
    return {
        "contract": contract.ref,
        "renewal_date": current_renewal_date(contract).isoformat(),
        "next_renewal_date": extended_renewal_date(contract, item).isoformat(),
        "issuer": policy.issuer_name, "issuer_registration": policy.issuer_registration,
        "lines": [{"description": ln.description, "unit_price": ln.unit_price, "quantity": ln.quantity,
                   "tax_rate": ln.tax_rate, "amount": ln.amount} for ln in lines],
        "per_rate": _per_rate(totals), "net": totals.net, "tax": totals.tax, "total": totals.total,
    }
