"""Billing mails in Japanese: templates, the outbox, and delivery over SMTP (smtplib)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing.models import Customer, Mail

SIGNATURE = "\n\n--\nhonnin 料金センター\nこのメールは送信専用です。"

TEMPLATES: dict[str, tuple[str, str]] = {
    "renewal_reminder": (
        "【ご契約更新のお知らせ】{contract} の更新日は {renewal_date} です",
        "{name} 様\n\nご契約 {contract}({plan})の更新日は {renewal_date} です。"
        "更新のお手続きが完了していません。\nご契約更新日の7日後({last_day})までに"
        "「ご契約更新・プラン変更」からお手続きください。",
    ),
    "renewal_overdue": (
        "【ご契約更新のお知らせ】{contract} の更新日を過ぎています",
        "{name} 様\n\nご契約 {contract} の更新日({renewal_date})を過ぎましたが、更新が完了していません。"
        "\n{last_day} までにお手続きがない場合、ご契約は終了します。",
    ),
    "order_created": (
        "【ご請求】請求No.{number} ご入金のお願い",
        "{name} 様\n\n以下の内容でお申込を承りました。\n請求No.: {number}\nご請求金額: {total:,}円(税込)\n"
        "お支払方法: {method}\nお支払期限: {due_date}\n\n銀行振込の場合は振込連絡ページからご連絡ください。",
    ),
    "order_paid": (
        "【お支払完了】請求No.{number}",
        "{name} 様\n\n請求No.{number}({total:,}円)のお支払を確認しました。{extended}",
    ),
    "order_cancelled": (
        "【お申込取消】請求No.{number}",
        "{name} 様\n\n請求No.{number} のお申込を取り消しました。取消伝票 {credit_note} を発行しました。",
    ),
    "auto_renewal_charged": (
        "【自動更新】ご契約を更新しました",
        "{name} 様\n\n登録のクレジットカードで {total:,}円(税込)を決済し、次のご契約を更新しました。\n{contracts}",
    ),
    "auto_renewal_failed": (
        "【自動更新】クレジットカード決済ができませんでした",
        "{name} 様\n\nご契約の自動更新で、登録のクレジットカードでの決済ができませんでした({failure})。\n"
        "ご請求金額: {total:,}円(税込)\nカード情報を更新のうえ「お支払のお手続き」から、"
        "または「ご契約更新・プラン変更」から {last_day} までにお手続きください。",
    ),
    "card_failed": (
        "[honnin]【重要】ご利用料金お振込のお願い / Notification",
        "{name} 様\n\n登録のクレジットカードでのお支払ができませんでした({failure})。\n"
        "ご請求金額: {total:,}円(税込)\nカード番号・有効期限を最新の情報に更新してください。\n"
        "お支払が確認できない場合、毎月6日〜10日頃にコンビニ払込票(圧着はがき)をお送りします。",
    ),
    "postcard_sent": (
        "[honnin]【重要】コンビニ払込票を郵送しました",
        "{name} 様\n\nコンビニでお支払いいただける払込票(はがき)を郵送しました。\n"
        "ご請求金額: {total:,}円(税込)\nお支払期限: {due_date}\n"
        "お支払の確認には7〜10日かかります。確認のご連絡はいたしません。",
    ),
    "suspension_warning": (
        "[honnin]【重要】サービスの一時停止に関するお知らせ / Notice temporarily suspend your service",
        "{name} 様\n\nお支払期限({due_date})までのお支払が確認できていません。"
        "期限内にお支払済みの場合、確認まで最大10日かかりますのでご容赦ください。\n"
        "{suspend_on} までにお支払を確認できない場合、サービスを一時停止します。",
    ),
    "suspended": (
        "[honnin]【重要】サービスを一時停止しました",
        "{name} 様\n\nお支払が確認できないため、サービスを一時停止しました。\n"
        "{cancel_on} までにお支払がない場合、ご契約は解除となります。",
    ),
    "cancelled": (
        "[honnin]【重要】ご契約解除のお知らせ",
        "{name} 様\n\nお支払が確認できなかったため、ご契約 {contracts} を解除しました。",
    ),
    "resumed": (
        "[honnin]サービスの再開のお知らせ",
        "{name} 様\n\nお支払を確認しました。サービスを再開しました。",
    ),
    "contract_ended": (
        "【ご契約終了】{contract}",
        "{name} 様\n\n更新のお手続きがなかったため、ご契約 {contract} は {renewal_date} をもって終了しました。",
    ),
    "reverification": (
        "【本人確認のお願い】ご契約更新にあたり本人確認書類の再提出をお願いします",
        "{name} 様\n\nご契約 {contract} の更新にあたり、本人確認の再実施が必要です({reason})。\n"
        "本人確認書類の画像をアップロードしてください。",
    ),
    "contract_activated": (
        "【ご利用開始】{contract}",
        "{name} 様\n\n本人確認が完了し、ご契約 {contract} のご利用を開始しました。",
    ),
}

METHOD_JA = {"card": "クレジットカード", "bank_transfer": "銀行振込", "konbini": "コンビニ決済", "paypal": "PayPal"}


def render(template: str, **values) -> tuple[str, str]:
    subject, body = TEMPLATES[template]
    return subject.format(**values), body.format(**values) + SIGNATURE


def queue(session: Session, key: str, customer: Customer, template: str, on: date, **values) -> bool:
    """Queue a mail to the customer's address(es) unless `key` was queued before; True if new."""
    if session.execute(select(Mail.id).where(Mail.dedupe_key == key)).first() is not None:
        return False
    subject, body = render(template, name=customer.name, **values)
    to = ",".join(a for a in (customer.email, customer.sub_email) if a)
    try:
        with session.begin_nested():
            session.add(Mail(dedupe_key=key, template=template, to_addrs=to, subject=subject, body=body,
                             queued_on=on, created_at=datetime.now(UTC)))
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    mail_from: str
    timeout_s: float = 10.0


def deliver(session: Session, smtp: SmtpTarget, *, limit: int = 500) -> int:
    """Send unsent outbox mails; each is marked sent in the caller's transaction. Returns how many went."""
    pending = session.execute(
        select(Mail).where(Mail.sent_at.is_(None)).order_by(Mail.id).limit(limit)
    ).scalars().all()
    if not pending:
        return 0
    sent = 0
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s) as client:
        for mail in pending:
            message = EmailMessage()
            message["From"] = smtp.mail_from
            message["To"] = mail.to_addrs
            message["Subject"] = mail.subject
            message["Message-ID"] = make_msgid(idstring=f"billing-{mail.id}")
            message.set_content(mail.body, charset="utf-8")
            mail.attempts += 1
            try:
                client.send_message(message)
            except smtplib.SMTPException as exc:
                mail.last_error = str(exc)[:300]
                continue
            mail.sent_at = datetime.now(UTC)
            sent += 1
    return sent
