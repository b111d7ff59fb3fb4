"""`honnin billing run|preview|simulate` on a migrated database (the billing Alembic branch included)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from billing.customers import create_contract, create_customer
from billing.models import ACTIVE
from honnin.cli import app
from honnin.config import get_settings
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from tests.billing.conftest import subject

SCENARIO = Path(__file__).resolve().parents[2] / "billing" / "scenarios" / "003_server_renewals.json"


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("HONNIN_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    upgrade(engine, "heads")
    with transaction(session_factory(engine)) as s:
        customer = create_customer(s, ref="C1", name="中村翔", name_romaji="NAKAMURA SHO", email="sho@example.jp")
        create_contract(s, customer, ref="S1", plan_code="server-standard", billing_mode="term",
                        anchor_date=date(2024, 1, 31), months_paid=1, status=ACTIVE)
    yield engine
    engine.dispose()
    get_settings.cache_clear()


def test_the_billing_branch_migrates_beside_the_verification_tables(database) -> None:
    tables = set(inspect(database).get_table_names())
    assert {"applications", "billing_contracts", "billing_invoices", "billing_counters"} <= tables


def test_run_twice_on_the_same_day_changes_nothing(database) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["billing", "run", "--date", "2024-02-19"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output) == {"date": "2024-02-19", "events": 1, "mails_queued": 1, "mails_sent": 0}
    again = runner.invoke(app, ["billing", "run", "--date", "2024-02-19"])
    assert json.loads(again.output)["events"] == 0 and json.loads(again.output)["mails_queued"] == 0


def test_preview_shows_the_invoice_without_issuing_it(database) -> None:
    result = CliRunner().invoke(app, ["billing", "preview", "--contract", "S1", "--date", "2024-02-20",
                                      "--method", "konbini", "--months", "3"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert (shown["renewal_date"], shown["next_renewal_date"]) == ("2024-02-29", "2024-05-31")
    assert shown["total"] == 1800 + 180 + 200 and shown["issuer_registration"].startswith("T")


def test_preview_of_an_unknown_contract_fails(database) -> None:
    result = CliRunner().invoke(app, ["billing", "preview", "--contract", "nope"])
    assert result.exit_code != 0


def test_simulate_prints_json_lines() -> None:
    result = CliRunner().invoke(app, ["billing", "simulate", "--scenario", str(SCENARIO),
                                      "--from", "2024-02-19", "--to", "2024-02-20"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["date"] for r in rows} <= {"2024-02-19", "2024-02-20"}
    assert any(r["kind"] == "paid" and r["customer"] == "C-KOBAYASHI" for r in rows)


def test_run_with_send_delivers_the_reminder_over_smtp(database, monkeypatch, smtp_server) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("HONNIN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HONNIN_SMTP_PORT", str(port))
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["billing", "run", "--date", "2024-02-19", "--send"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["mails_sent"] == 1
    (message,) = inbox.messages
    assert subject(message) == "【ご契約更新のお知らせ】S1 の更新日は 2024-02-29 です"
    assert message["To"] == "sho@example.jp"
