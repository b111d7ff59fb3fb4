"""Billing mails reach a real SMTP server (aiosmtpd on a loopback port), in Japanese, exactly once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from billing import mail
from billing.customers import create_customer
from billing.models import Mail
from tests.billing.conftest import free_port, subject


@pytest.fixture
def smtp(smtp_server):
    inbox, port = smtp_server
    return inbox, mail.SmtpTarget("127.0.0.1", port, "billing@honnin.invalid")


def test_queued_mails_are_delivered_once_with_japanese_subject_and_body(factory, smtp) -> None:
    inbox, target = smtp
    with factory() as s, s.begin():
        customer = create_customer(s, ref="C1", name="山田太郎", name_romaji="YAMADA TARO", email="taro@example.jp",
                                   sub_email="taro.sub@example.jp")
        assert mail.queue(s, "k1", customer, "card_failed", date(2024, 2, 1), failure="有効期限切れ", total=1089)
        assert not mail.queue(s, "k1", customer, "card_failed", date(2024, 2, 1), failure="x", total=1)
        mail.queue(s, "k2", customer, "renewal_reminder", date(2024, 2, 1), contract="S1", plan="server-lite",
                   renewal_date="2024-02-11", last_day="2024-02-18")
    with factory() as s, s.begin():
        assert mail.deliver(s, target) == 2
    with factory() as s, s.begin():
        assert mail.deliver(s, target) == 0
        assert all(m.sent_at is not None for m in s.execute(select(Mail)).scalars())
    assert len(inbox.messages) == 2
    first = inbox.messages[0]
    assert subject(first) == "[honnin]【重要】ご利用料金お振込のお願い / Notification"
    assert first["To"] == "taro@example.jp,taro.sub@example.jp"
    assert first["X-RcptTo"] == "taro@example.jp, taro.sub@example.jp"
    body = first.get_payload(decode=True).decode("utf-8")
    assert "山田太郎 様" in body and "1,089円" in body and "有効期限切れ" in body
    assert "2024-02-18" in inbox.messages[1].get_payload(decode=True).decode("utf-8")


def test_an_unreachable_server_leaves_the_outbox_untouched(factory) -> None:
    with factory() as s, s.begin():
        customer = create_customer(s, ref="C1", name="山田太郎", name_romaji="YAMADA TARO", email="taro@example.jp")
        mail.queue(s, "k1", customer, "resumed", date(2024, 2, 1))
    with factory() as s, pytest.raises(OSError), s.begin():
        mail.deliver(s, mail.SmtpTarget("127.0.0.1", free_port(), "billing@honnin.invalid", timeout_s=2))
    with factory() as s:
        assert s.execute(select(Mail.sent_at)).scalar_one() is None


def test_every_template_renders_with_the_signature() -> None:
    values = dict(contract="S1", plan="p", renewal_date="2024-01-01", last_day="2024-01-08", number="INV-1",
                  total=1000, method="銀行振込", due_date="2024-01-08", extended="", credit_note="CN-1",
                  contracts="S1", failure="x", suspend_on="2024-01-02", cancel_on="2024-02-01", reason="r")
    for name in mail.TEMPLATES:
        subject_text, body = mail.render(name, name="山田太郎", **values)
        assert subject_text and body.startswith("山田太郎 様") and "honnin 料金センター" in body
