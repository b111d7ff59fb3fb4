"""The applicant's link: upload (format gate at once, photo check by polling), send, status, correction;
nothing else reachable."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from honnin import applications as svc
from honnin.db import models as m
from intake.reasons import Reason
from tests.db.fixtures import recorded
from tests.review_ui.photos import card_photo, tiny_jpeg
from tests.review_ui.test_api import BODY


def _link(site, external_id="signup-1") -> tuple[str, str]:
    body = site.client.post("/api/applications", json={**BODY, "external_id": external_id}, headers=site.api()).json()
    return body["id"], "/u/" + body["upload_url"].rsplit("/", 1)[1]


def test_the_page_is_japanese_first_with_an_english_toggle_and_a_camera_input(site) -> None:
    _, link = _link(site)
    page = site.client.get(link)
    assert page.status_code == 200 and 'lang="ja"' in page.text and "本人確認" in page.text
    assert 'accept="image/jpeg" capture="environment"' in page.text
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["cache-control"] == "no-store"
    en = site.client.get(link + "?lang=en")
    assert "Identity verification" in en.text


def test_a_file_that_is_not_a_jpeg_is_refused_at_once_with_the_reason(site) -> None:
    _, link = _link(site)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    r = site.client.post(link + "/documents", files={"file": ("p.png", png, "image/png")}, data={"side": "front"})
    assert r.status_code == 422 and r.json()["accepted"] is False
    assert [x["code"] for x in r.json()["reasons"]] == ["not_jpeg"]
    assert r.json()["reasons"][0]["message_ja"] and r.json()["reasons"][0]["message_en"]
    with site.web.tx() as s:
        assert s.scalars(select(m.Document)).all() == []


def test_a_bad_photo_gets_retake_guidance_in_both_languages_by_polling_and_is_not_kept(site) -> None:
    _, link = _link(site)
    r = site.client.post(link + "/documents", files={"file": ("p.jpg", tiny_jpeg(), "image/jpeg")}, data={"side": "front"})
    # The upload is answered before the photo is checked; the page shows "checking" and polls.
    assert r.status_code == 202 and r.json()["accepted"] is True and r.json()["checking"] is True
    assert r.json()["state"]["checks"]["front"]["state"] in ("checking", "retake")
    state = site.checked(link)
    check = state["checks"]["front"]
    assert check["state"] == "retake" and state["sides"] == []
    assert check["reasons"] and all(x["message_ja"] and x["message_en"] for x in check["reasons"])
    assert site.client.post(link + "/submit").status_code == 409  # nothing usable to send
    with site.web.tx() as s:
        doc = s.scalars(select(m.Document)).one()
        assert doc.deleted_at is not None and doc.pending_name is None
    assert not any((site.web.settings.data_dir / "images").iterdir())


def test_upload_then_send_queues_one_verification(site) -> None:
    app_id, link = _link(site)
    assert site.client.post(link + "/submit").status_code == 409  # nothing uploaded yet
    r = site.client.post(link + "/documents", files={"file": ("p.jpg", card_photo(), "image/jpeg")}, data={"side": "front"})
    assert r.status_code == 202 and r.json()["accepted"] is True and r.json()["state"]["sides"] == ["front"]
    state = site.checked(link)
    assert state["checks"]["front"] == {"state": "ok", "reasons": []} and state["sides"] == ["front"]
    r = site.client.post(link + "/submit")
    assert r.json()["status"] == "processing"
    assert site.client.get(link + "/status").json()["status"] == "processing"
    assert site.client.get(link + "/status").json()["checks"] == {}  # a new round starts afresh
    assert site.client.post(link + "/submit").status_code == 409  # not twice while processing
    with site.web.tx() as s:
        assert len(s.scalars(select(m.Verification)).all()) == 1


def test_a_refused_retake_keeps_the_photo_that_passed(site) -> None:
    _, link = _link(site)
    site.client.post(link + "/documents", files={"file": ("p.jpg", card_photo(), "image/jpeg")}, data={"side": "front"})
    assert site.checked(link)["checks"]["front"]["state"] == "ok"
    site.client.post(link + "/documents", files={"file": ("p.jpg", tiny_jpeg(), "image/jpeg")}, data={"side": "front"})
    state = site.checked(link)
    assert state["checks"]["front"]["state"] == "retake" and state["sides"] == ["front"]
    assert site.client.post(link + "/submit").json()["status"] == "processing"
    with site.web.tx() as s:
        v = s.scalars(select(m.Verification)).one()
        assert s.get(m.Document, v.front_id).check_status == "ok"


def test_the_page_cannot_send_while_a_photo_is_being_checked(site) -> None:
    app_id, link = _link(site)
    with site.web.tx() as s:  # an upload whose check has not answered yet
        app = svc.get(s, uuid.UUID(app_id))
        svc.add_document(s, site.web.store, app, "front", card_photo(), site.web.now(), "applicant", check=True)
    r = site.client.post(link + "/submit")
    assert r.status_code == 409 and r.json()["detail"]["code"] == "photo_checking"
    assert site.client.get(link + "/status").json()["checks"]["front"]["state"] == "checking"


def test_one_applicants_link_reaches_nothing_of_another(site) -> None:
    a_id, a_link = _link(site, "a")
    b_id, b_link = _link(site, "b")
    site.client.post(b_link + "/documents", files={"file": ("p.jpg", card_photo(), "image/jpeg")}, data={"side": "front"})
    assert site.client.get(a_link + "/status").json()["sides"] == []
    for path in ("/u/" + "A" * 43, "/u/" + b_id, f"/u/{a_link[3:]}x", "/u/..%2F" + a_link[3:]):
        assert site.client.get(path + "/status").status_code == 404
        r = site.client.post(path + "/documents", files={"file": ("p.jpg", tiny_jpeg(), "image/jpeg")}, data={"side": "front"})
        assert r.status_code == 404
    # The applicant link is no key to the API or to reviewer images.
    assert site.client.get(f"/api/applications/{b_id}").status_code == 401
    with site.web.tx() as s:
        doc = s.scalars(select(m.Document)).one()
    r = site.client.get(f"/review/documents/{doc.id}/photo", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login" and b"\xff\xd8" not in r.content


def test_a_name_mismatch_lets_the_applicant_correct_the_registration(site) -> None:
    app_id, link = _link(site)
    site.client.post(link + "/documents", files={"file": ("p.jpg", card_photo(), "image/jpeg")}, data={"side": "front"})
    site.checked(link)
    site.client.post(link + "/submit")
    with site.web.tx() as s:
        v = s.scalars(select(m.Verification)).one()
        svc.claim_verification(s, v.id, site.web.now())
        svc.record_result(s, site.web.store, v, recorded("resubmit", Reason.NAME_MISMATCH), site.web.now(),
                          "recorded", date(2026, 11, 22))
    state = site.client.get(link + "/status").json()
    assert state["status"] == "action_needed" and state["can_correct"] and state["accepting"]
    assert "correct" in site.client.get(link).text
    form = {"name_kanji": "山田 太朗", "name_kana": "ヤマダ タロウ", "name_romaji": "", "birthdate": "1990-04-01",
            "address": "東京都千代田区千代田1-1"}
    r = site.client.post(link + "/registration", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert site.client.post(link + "/submit").json()["status"] == "processing"
    with site.web.tx() as s:
        versions = s.scalars(select(m.RegistrationVersion).order_by(m.RegistrationVersion.version)).all()
        assert [(v.version, v.source, v.data["name_kanji"]) for v in versions] == [
            (1, "api", "山田 太郎"), (2, "applicant", "山田 太朗")]
    bad = site.client.post(link + "/registration", data={**form, "birthdate": "1990-13-01"})
    assert bad.status_code in (409, 422)


def test_a_check_a_stopped_server_left_pending_is_run_when_the_app_starts(site) -> None:
    from fastapi.testclient import TestClient

    from review_ui.app import create_app
    from tests.review_ui.conftest import Site

    app_id, link = _link(site)
    with site.web.tx() as s:  # uploaded, then the server stopped before the check answered
        app = svc.get(s, uuid.UUID(app_id))
        svc.add_document(s, site.web.store, app, "front", tiny_jpeg(), site.web.now(), "applicant", check=True)
    restarted = create_app(site.web.settings, start_queue=False, queue_processes=False)
    with TestClient(restarted, base_url="http://testserver") as client:
        state = Site(client, restarted, "").checked(link)
    assert state["checks"]["front"]["state"] == "retake" and state["checks"]["front"]["reasons"]

