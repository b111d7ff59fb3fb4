"""Every seed flow, replayed through `simulate` and checked on its timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from billing.simulate import load, simulate

SCENARIOS = Path(__file__).resolve().parents[2] / "billing" / "scenarios"


def timeline(name: str, first: date, last: date) -> list[dict]:
    return list(simulate(load(SCENARIOS / name), first, last))


def of(rows: list[dict], kind: str, **match) -> list[dict]:
    return [r for r in rows if r["kind"] == kind and all(r.get(k) == v for k, v in match.items())]


def days(rows: list[dict]) -> list[str]:
    return [r["date"] for r in rows]


@pytest.fixture(scope="module")
def dunning() -> list[dict]:
    return timeline("000_card_failure_dunning.json", date(2024, 2, 1), date(2024, 4, 15))


def test_seed_000_a_failed_card_is_retried_then_mailed_then_sent_a_postcard(dunning) -> None:
    charges = of(dunning, "charge", customer="C-SATO", order=2)
    assert [(r["date"], r["ok"], r["failure"]) for r in charges] == [
        ("2024-02-01", False, "refused"), ("2024-02-03", False, "refused"), ("2024-02-05", False, "refused")]
    assert [m["date"] for m in of(dunning, "mail") if "お振込のお願い" in m["subject"] and m["to"] == "hanako@example.jp"] \
        == ["2024-02-01", "2024-03-01", "2024-04-01"]  # once per failed month, not per retry
    postcard = of(dunning, "postcard_issued", order=2)
    assert days(postcard) == ["2024-02-08"] and postcard[0]["due_date"] == "2024-02-29"
    assert 6 <= int(postcard[0]["date"][-2:]) <= 10


def test_seed_000_unpaid_postcard_leads_to_suspension_then_cancellation(dunning) -> None:
    assert days(of(dunning, "overdue_warning", order=2)) == ["2024-03-01"]
    assert days(of(dunning, "suspended", contract="L-SATO-1")) == ["2024-03-11"]
    assert days(of(dunning, "cancelled", contract="L-SATO-1")) == ["2024-04-10"]
    subjects = [m["subject"] for m in of(dunning, "mail") if m["to"] == "hanako@example.jp"]
    assert any("サービスの一時停止に関するお知らせ" in s for s in subjects)
    assert any("ご契約解除" in s for s in subjects)
    # The next month's debt does not suspend or cancel a line that is already gone.
    assert [(m["date"], m["template"]) for m in of(dunning, "mail", to="hanako@example.jp") if m["date"] > "2024-04-10"] == []


def test_seed_000_konbini_paid_by_the_deadline_but_confirmed_later_is_not_suspended(dunning) -> None:
    # Paid Feb 27 (deadline Feb 29), confirmed Mar 7: the overdue clock runs from the deadline.
    paid = of(dunning, "paid", order=1)
    assert [(r["date"], r["paid_on"], r["method"]) for r in paid] == [("2024-03-07", "2024-02-27", "konbini")]
    assert of(dunning, "suspended", contract="L-YAMADA-1") == []
    assert days(of(dunning, "paid", customer="C-YAMADA", method="card")) == ["2024-03-01", "2024-04-01"]


@pytest.fixture(scope="module")
def registration() -> list[dict]:
    return timeline("001_card_registration_and_retries.json", date(2024, 2, 1), date(2024, 3, 12))


def test_seed_001_only_a_valid_card_in_the_holders_own_name_is_registered(registration) -> None:
    rejected = [r["code"] for r in of(registration, "card_rejected", customer="C-TANAKA")]
    assert rejected == ["card_holder_mismatch", "card_expired", "card_number_invalid", "card_holder_format"]
    assert days(of(registration, "card_registered", customer="C-TANAKA")) == ["2024-02-21", "2024-02-21"]


def test_seed_001_matome_barai_puts_all_lines_on_one_charge(registration) -> None:
    suzuki = of(registration, "invoice_issued", customer="C-SUZUKI")
    assert [sorted(r["contracts"]) for r in suzuki] == [["L-SUZUKI-1", "L-SUZUKI-2"]] * 2
    assert [r["total"] for r in suzuki] == [(990 + 850) * 110 // 100] * 2
    tanaka = of(registration, "invoice_issued", customer="C-TANAKA", date="2024-03-01")
    assert sorted(tuple(r["contracts"]) for r in tanaka) == [("L-TANAKA-1",), ("L-TANAKA-2",)]


def test_seed_001_per_line_billing_charges_each_line_to_its_own_card(registration) -> None:
    lines = {r["order"]: r["contracts"][0] for r in of(registration, "invoice_issued", customer="C-TANAKA",
                                                        date="2024-03-01")}
    cards = {lines[r["order"]]: r["last4"] for r in of(registration, "charge", customer="C-TANAKA", date="2024-03-01")}
    assert cards == {"L-TANAKA-1": "1111", "L-TANAKA-2": "4444"}


def test_seed_001_retries_pick_up_an_updated_card_before_any_postcard(registration) -> None:
    charges = of(registration, "charge", customer="C-TAKAHASHI", date="2024-03-05")
    assert [(r["ok"], r["attempt"]) for r in charges] == [(True, 3)]
    march = of(registration, "charge", customer="C-TAKAHASHI")
    assert [(r["date"], r["ok"]) for r in march if r["date"] >= "2024-03"] == [
        ("2024-03-01", False), ("2024-03-03", False), ("2024-03-05", True)]
    assert of(registration, "postcard_issued", customer="C-TAKAHASHI") == []


@pytest.fixture(scope="module")
def renewals() -> list[dict]:
    return timeline("003_server_renewals.json", date(2024, 2, 1), date(2024, 3, 25))


def test_seed_003_reminders_at_10_5_0_days_before_and_1_after(renewals) -> None:
    sent = of(renewals, "reminder", contract="S-NAKAMURA-1")
    assert [(r["date"], r["days_before"]) for r in sent] == [
        ("2024-02-24", 10), ("2024-02-29", 5), ("2024-03-05", 0), ("2024-03-06", -1)]
    assert days(of(renewals, "contract_ended", contract="S-NAKAMURA-1")) == ["2024-03-13"]


def test_seed_003_the_40_day_reminder_only_for_those_who_opted_in(renewals) -> None:
    assert [(r["date"], r["contract"]) for r in of(renewals, "reminder", days_before=40)] == [
        ("2024-02-20", "S-ITO-2")]


def test_seed_003_transfer_extends_on_confirmation_from_the_anchor(renewals) -> None:
    assert days(of(renewals, "transfer_reported", customer="C-ITO")) == ["2024-02-21"]
    ext = of(renewals, "extended", contract="S-ITO-1")
    assert [(r["date"], r["next_renewal"]) for r in ext] == [("2024-02-23", "2024-03-31")]  # Jan 31 -> Feb 29 -> Mar 31


def test_seed_003_konbini_with_month_end_alignment_and_fee(renewals) -> None:
    issued = of(renewals, "invoice_issued", contracts=["S-ITO-2"])[0]
    prorated = 300 * 16 // 31  # Mar 15 -> Mar 31
    assert (issued["net"], issued["tax"]) == (300 + prorated + 200, (300 + prorated) * 10 // 100)
    assert [r["next_renewal"] for r in of(renewals, "extended", contract="S-ITO-2")] == ["2024-03-31"]


def test_seed_003_auto_renewal_charges_7_days_before_grouped_by_renewal_date(renewals) -> None:
    issued = of(renewals, "invoice_issued", customer="C-WATANABE")
    assert [(r["date"], sorted(r["contracts"]), r["method"]) for r in issued] == [
        ("2024-03-03", ["A-WATANABE-1", "A-WATANABE-2"], "card"), ("2024-03-13", ["A-WATANABE-3"], "card")]
    assert of(renewals, "reminder", customer="C-WATANABE", contract="A-WATANABE-1") == []


def test_seed_003_a_failed_auto_renewal_mails_reminds_and_can_be_paid_later(renewals) -> None:
    charges = of(renewals, "charge", customer="C-WATANABE", order=5)
    assert [(r["date"], r["ok"], r["failure"]) for r in charges] == [
        ("2024-03-13", False, "expired"), ("2024-03-16", True, None)]
    mails = [(m["date"], m["template"]) for m in of(renewals, "mail", to="ai@example.jp")]
    assert ("2024-03-13", "auto_renewal_failed") in mails
    # Auto-renewal customers get reminders only once their automatic charge has failed.
    assert [(r["date"], r["days_before"]) for r in of(renewals, "reminder", contract="A-WATANABE-3")] == [
        ("2024-03-15", 5)]
    assert [r["next_renewal"] for r in of(renewals, "extended", contract="A-WATANABE-3")] == ["2024-04-20"]


def test_seed_003_bulk_paypal_renewal_extends_at_once(renewals) -> None:
    (order,) = of(renewals, "invoice_issued", customer="C-KOBAYASHI")
    assert order["method"] == "paypal" and sorted(order["contracts"]) == ["B-KOBAYASHI-1", "B-KOBAYASHI-2"]
    assert {r["contract"]: r["next_renewal"] for r in of(renewals, "extended", customer="C-KOBAYASHI")} == {
        "B-KOBAYASHI-1": "2024-08-25", "B-KOBAYASHI-2": "2024-09-05"}
    assert days(of(renewals, "paid", customer="C-KOBAYASHI")) == ["2024-02-20"]


def test_seed_003_downgrade_refused_over_limits(renewals) -> None:
    assert [r["code"] for r in of(renewals, "refused", customer="C-NAKAMURA")] == ["downgrade_over_limits"]


@pytest.fixture(scope="module")
def gating() -> list[dict]:
    return timeline("verification_gating.json", date(2024, 2, 1), date(2024, 2, 20))


def test_a_contract_starts_only_when_verification_is_approved(gating) -> None:
    assert days(of(gating, "activated", contract="S-KATO-1")) == ["2024-02-05"]


def test_renewals_with_old_or_expired_identity_request_reverification(gating) -> None:
    reasons = {r["contract"]: r["reason"] for r in of(gating, "reverification_requested")}
    assert reasons == {"S-YOSHIDA-1": "verification_too_old", "S-YAMAMOTO-1": "document_expired"}
    assert any("本人確認" in m["subject"] for m in of(gating, "mail", to="tsubasa@example.jp"))
