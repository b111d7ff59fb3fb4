"""`honnin billing run|preview|simulate|send-mail`: the daily sweep, invoice previews and scenario replays."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

billing_app = typer.Typer(help="Contracts, renewals, invoices and dunning.", no_args_is_help=True)


def _factory():
    from honnin.config import get_settings
    from honnin.db.engine import make_engine, session_factory, upgrade

    engine = make_engine(get_settings().resolved_database_url)
    upgrade(engine, "heads")  # billing is its own Alembic branch
    return session_factory(engine)


def _context(day: date | None):
    from billing.clock import FixedClock, SystemClock
    from billing.context import Context
    from billing.gateway import TestGateway

    clock = SystemClock()
    if day is not None:
        clock = FixedClock()
        clock.set_date(day)
    # No card network is reachable offline: the in-process gateway is the boundary (docs/billing.md).
    return Context(TestGateway(), clock)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from None


@billing_app.command("run")
def run(
    day: Annotated[str | None, typer.Option("--date", help="Billing day (Asia/Tokyo), default today.")] = None,
    send: Annotated[bool, typer.Option("--send", help="Deliver queued mails over SMTP afterwards.")] = False,
) -> None:
    """The daily sweep: activation, reminders, auto-renewal, monthly charges, retries, postcards, ladder.

    Running the same day twice changes nothing."""
    from sqlalchemy import func, select

    from billing.models import Event, Mail
    from billing.sweep import run_day
    from honnin.db.engine import transaction

    factory = _factory()
    ctx = _context(_date(day))
    with transaction(factory) as session:
        before = (session.scalar(select(func.count(Event.id))), session.scalar(select(func.count(Mail.id))))
        run_day(session, ctx)
        session.flush()
        after = (session.scalar(select(func.count(Event.id))), session.scalar(select(func.count(Mail.id))))
    sent = _send(factory) if send else 0
    typer.echo(json.dumps({"date": ctx.today().isoformat(), "events": after[0] - before[0],
                           "mails_queued": after[1] - before[1], "mails_sent": sent}))


def _send(factory) -> int:
    from billing.mail import SmtpTarget, deliver
    from honnin.config import get_settings
    from honnin.db.engine import transaction

    s = get_settings()
    with transaction(factory) as session:
        return deliver(session, SmtpTarget(s.smtp_host, s.smtp_port, s.mail_from))


@billing_app.command("send-mail")
def send_mail() -> None:
    """Deliver the outbox to HONNIN_SMTP_HOST:HONNIN_SMTP_PORT."""
    typer.echo(json.dumps({"mails_sent": _send(_factory())}))


@billing_app.command("preview")
def preview(
    contract: Annotated[str, typer.Option("--contract", help="Contract ref.")],
    day: Annotated[str | None, typer.Option("--date", help="As of this day, default today.")] = None,
    months: Annotated[int | None, typer.Option(help="Renewal length; default the contract's term.")] = None,
    method: Annotated[str, typer.Option(help="card, bank_transfer, konbini or paypal.")] = "card",
    plan: Annotated[str | None, typer.Option(help="Plan after the renewal.")] = None,
    align_month_end: Annotated[bool, typer.Option("--align-month-end", help="Next renewal on the month's end.")] = False,
) -> None:
    """Print the invoice a renewal would produce (JSON), without numbering or storing anything."""
    from billing.customers import contract_by_ref
    from billing.invoices import RenewalItem
    from billing.invoices import preview as build

    ctx = _context(_date(day))
    with _factory()() as session:
        try:
            found = contract_by_ref(session, contract)
        except KeyError as exc:
            typer.echo(f"error: {exc.args[0]}", err=True)
            raise typer.Exit(1) from None
        item = RenewalItem(found.id, months or found.term_months, plan, align_month_end)
        result = build(found, item, method, ctx.policy)
    typer.echo(json.dumps({"as_of": ctx.today().isoformat(), **result}, ensure_ascii=False, indent=2))


@billing_app.command("simulate")
def simulate(
    scenario: Annotated[Path, typer.Option("--scenario", exists=True, dir_okay=False, help="Scenario JSON.")],
    first: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    last: Annotated[str, typer.Option("--to", help="Last day, inclusive.")],
    db: Annotated[str, typer.Option(help="Database URL; default a fresh in-memory SQLite.")] = "sqlite://",
) -> None:
    """Replay a scenario day by day on a fresh database; print the timeline as JSON lines."""
    from billing.simulate import load
    from billing.simulate import simulate as replay

    for row in replay(load(scenario), _date(first), _date(last), db):
        typer.echo(json.dumps(row, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.add_typer(billing_app, name="billing")
