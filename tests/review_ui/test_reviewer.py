"""Reviewer pages: login, lock-out, sessions, CSRF, the queue, claim and decide, four eyes, audit, metrics."""

from __future__ import annotations

import re
import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select

from honnin import applications as svc
from honnin.db import models as m
from intake.reasons import Reason
from review_ui.security import SESSION_COOKIE
from tests.db.fixtures import RECTIFIED_JPEG, REGISTRATION, recorded


def _case(site, external_id: str, *codes: Reason, decision: str = "needs_review") -> str:
    """An application waiting for review, its verification recorded (no OCR in these tests)."""
    w = site.web
    with w.tx() as s:
        created = svc.create_application(s, REGISTRATION, external_id, w.now())
        app = svc.get(s, created.id)
        svc.add_document(s, w.store, app, "front", b"raw", w.now(), "applicant")
        v = svc.submit(s, app, w.now(), "applicant")
        svc.claim_verification(s, v.id, w.now())
        svc.record_result(s, w.store, v, recorded(decision, *codes), w.now(), "recorded", date(2026, 11, 22))
    return str(created.id)


def _post(site, path: str, data: dict | None = None, client: TestClient | None = None, page: str | None = None):
    c = client or site.client
    token = site.csrf(page or path.rsplit("/", 1)[0], client=c)
    return c.post(path, data={"csrf_token": token, **(data or {})}, follow_redirects=False)


def test_pages_need_a_login(site) -> None:
    for path in ("/review", "/review/metrics", "/review/cases/00000000-0000-0000-0000-000000000000"):
        r = site.client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"


def test_login_sets_a_fresh_httponly_lax_session_cookie(site) -> None:
    site.client.cookies.set(SESSION_COOKIE, "attacker-chosen-id")
    r = site.login("rev@example.com")
    assert r.status_code == 303 and r.headers["location"] == "/review"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    new = re.search(SESSION_COOKIE + r"=([^;]+)", cookie).group(1)
    assert new != "attacker-chosen-id" and len(new) >= 43
    assert site.client.get("/review").status_code == 200


def test_an_old_session_id_dies_at_login(site) -> None:
    site.login("rev@example.com")
    old = site.client.cookies.get(SESSION_COOKIE)
    site.login("rev@example.com")  # logging in again (e.g. on a shared browser) rotates the id
    stale = TestClient(site.app, cookies={SESSION_COOKIE: old})
    assert stale.get("/review", follow_redirects=False).status_code == 303


def test_login_needs_its_csrf_token(site) -> None:
    r = site.client.post("/login", data={"email": "rev@example.com", "password": "x", "csrf_token": "forged"},
                         follow_redirects=False)
    assert r.status_code == 403


def test_repeated_failures_lock_the_account_even_for_the_right_password(site) -> None:
    for _ in range(site.web.settings.login_max_failures):
        assert "error=invalid" in site.login("rev@example.com", "wrong password").headers["location"] or True
    r = site.login("rev@example.com")
    assert r.headers["location"] == "/login?error=locked"
    assert site.client.get("/review", follow_redirects=False).status_code == 303
    assert site.login("rev2@example.com").headers["location"] == "/review"  # others are unaffected


def test_logout_ends_the_session_on_the_server(site) -> None:
    site.login("rev@example.com")
    token = site.client.cookies.get(SESSION_COOKIE)
    assert _post(site, "/logout", page="/review").status_code == 303
    assert TestClient(site.app, cookies={SESSION_COOKIE: token}).get("/review", follow_redirects=False).status_code == 303


def test_every_reviewer_post_needs_the_session_csrf_token(site) -> None:
    case = _case(site, "c-1", Reason.NAME_UNCERTAIN)
    site.login("rev@example.com")
    for data in ({}, {"csrf_token": "forged"}):
        r = site.client.post(f"/review/cases/{case}/claim", data=data, follow_redirects=False)
        assert r.status_code == 403
    with site.web.tx() as s:
        assert svc.get(s, uuid.UUID(case)).claimed_by is None
    r = site.client.post(f"/review/cases/{case}/claim", headers={"X-CSRF-Token": site.csrf()}, follow_redirects=False)
    assert r.status_code == 303


def test_queue_lists_cases_with_filters(site) -> None:
    _case(site, "blurry-one", Reason.NAME_UNCERTAIN)
    _case(site, "address-one", Reason.ADDRESS_UNCERTAIN)
    _case(site, "done-one", decision="approved")
    site.login("rev@example.com")
    page = site.client.get("/review").text
    assert "blurry-one" in page and "address-one" in page and "done-one" not in page
    page = site.client.get("/review?reason=address_uncertain").text
    assert "address-one" in page and "blurry-one" not in page
    assert "address-one" not in site.client.get("/review?document_type=passport").text
    assert "address-one" not in site.client.get("/review?min_age_h=5").text
    assert "address-one" not in site.client.get("/review?assignee=me").text
    found = site.client.get("/review?q=done-one").text  # a decided case, found by its external id
    assert "done-one" in found and "address-one" not in found


def test_claim_then_decide_and_the_applicant_sees_it(site) -> None:
    case = _case(site, "c-1", Reason.EXPIRY_UNCERTAIN)
    site.login("rev@example.com")
    page = site.client.get(f"/review/cases/{case}").text
    assert "Claim" in page and 'id="decide"' not in page
    _post(site, f"/review/cases/{case}/claim", page=f"/review/cases/{case}")
    page = site.client.get(f"/review/cases/{case}").text
    assert 'id="decide"' in page and "Claimed by you" in page
    other = TestClient(site.app)
    site.login("rev2@example.com", client=other)
    assert "Held by rev@example.com" in other.get(f"/review/cases/{case}").text
    r = _post(site, f"/review/cases/{case}/decide", {"action": "approve"}, client=other, page=f"/review/cases/{case}")
    assert "error=not_claimed" in r.headers["location"]
    r = _post(site, f"/review/cases/{case}/decide", {"action": "resubmit", "reason_codes": "glare",
                                                   "message": "光が反射しています", "note": "glare on DOB"},
              page=f"/review/cases/{case}")
    assert r.headers["location"] == "/review?decided=1"
    with site.web.tx() as s:
        view = svc.status_view(s, svc.get(s, uuid.UUID(case)))
    assert view.status == "action_needed" and [x["code"] for x in view.reasons] == ["glare"]


def test_four_eyes_on_an_approved_mismatch(site) -> None:
    case = _case(site, "c-1", Reason.NAME_MISMATCH)
    site.login("rev@example.com")
    page = site.client.get(f"/review/cases/{case}").text
    assert "second approval" in page
    _post(site, f"/review/cases/{case}/claim", page=f"/review/cases/{case}")
    _post(site, f"/review/cases/{case}/decide", {"action": "approve"}, page=f"/review/cases/{case}")
    sup = TestClient(site.app)
    site.login("sup@example.com", client=sup)
    assert "c-1" in sup.get("/review?status=awaiting_second_approval").text
    _post(site, f"/review/cases/{case}/claim", client=sup, page=f"/review/cases/{case}")
    r = _post(site, f"/review/cases/{case}/decide", {"action": "approve"}, client=sup, page=f"/review/cases/{case}")
    assert r.headers["location"] == "/review?decided=1"
    with site.web.tx() as s:
        assert svc.get(s, uuid.UUID(case)).status == m.APPROVED


def test_images_are_served_only_to_reviewers_and_every_view_is_audited(site) -> None:
    case = _case(site, "c-1", Reason.NAME_UNCERTAIN)
    with site.web.tx() as s:
        doc = s.scalars(select(m.Document)).one()
    url = f"/review/documents/{doc.id}/rectified"
    assert site.client.get(url, follow_redirects=False).status_code == 303
    site.login("rev@example.com")
    r = site.client.get(url)
    assert r.status_code == 200 and r.content == RECTIFIED_JPEG and r.headers["cache-control"] == "no-store"
    assert site.client.get(f"/review/documents/{doc.id}/..%2F..%2Fimage.key").status_code == 404
    assert site.client.get("/review/documents/not-a-uuid/rectified").status_code == 422
    site.client.get(f"/review/cases/{case}")
    with site.web.tx() as s:
        actions = [a.action for a in s.scalars(select(m.AuditEntry).where(m.AuditEntry.application_id == uuid.UUID(case)))]
    assert "document.view" in actions and "case.view" in actions


def test_metrics_count_the_queue_and_decisions(site) -> None:
    _case(site, "c-1", Reason.NAME_UNCERTAIN)
    _case(site, "c-2", decision="approved")
    site.login("rev@example.com")
    page = site.client.get("/review/metrics").text
    assert re.search(r'id="queue-size">1<', page)
    assert "100 %" in page  # the one decided case was approved
