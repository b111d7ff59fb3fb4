"""The service API: keys, idempotent creates, document uploads with streaming size limits, status."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from honnin.db import models as m
from honnin.db import repositories as repo
from tests.review_ui.photos import card_photo, tiny_jpeg

BODY = {"external_id": "signup-1", "name_kanji": "山田 太郎", "name_kana": "ヤマダ タロウ",
        "birthdate": "1990-04-01", "address": "東京都千代田区千代田1-1", "contract_type": "voice_sim"}


def test_every_api_route_needs_a_valid_key(site) -> None:
    c = site.client
    assert c.post("/api/applications", json=BODY).status_code == 401
    assert c.post("/api/applications", json=BODY, headers={"Authorization": "Bearer hk_wrong"}).status_code == 401
    with site.web.tx() as s:
        repo.revoke_api_key(s, "signup", datetime.now(UTC))
    assert c.post("/api/applications", json=BODY, headers=site.api()).status_code == 401


def test_create_returns_an_unguessable_upload_link_and_the_status_reads_back(site) -> None:
    r = site.client.post("/api/applications", json=BODY, headers=site.api())
    assert r.status_code == 201
    body = r.json()
    assert body["upload_url"].startswith("http://testserver/u/")
    assert len(body["upload_url"].rsplit("/", 1)[1]) >= 43
    status = site.client.get(f"/api/applications/{body['id']}", headers=site.api()).json()
    assert status == {"status": "awaiting_upload", "decision": None, "reasons": []}
    assert site.client.post("/api/applications", json=BODY, headers=site.api()).status_code == 409


def test_a_retried_create_with_the_same_idempotency_key_creates_nothing_new(site) -> None:
    headers = {**site.api(), "Idempotency-Key": "k-1"}
    first = site.client.post("/api/applications", json=BODY, headers=headers)
    again = site.client.post("/api/applications", json=BODY, headers=headers)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    other = site.client.post("/api/applications", json={**BODY, "external_id": "x"}, headers=headers)
    assert other.status_code == 422
    with site.web.tx() as s:
        assert len(s.scalars(select(m.Application)).all()) == 1


def test_invalid_registrations_are_refused(site) -> None:
    bad = {**BODY, "birthdate": "1990-02-30"}
    assert site.client.post("/api/applications", json=bad, headers=site.api()).status_code == 422


def _created(site) -> str:
    return site.client.post("/api/applications", json=BODY, headers=site.api()).json()["id"]


def test_a_file_that_is_not_a_complete_jpeg_is_refused_at_once_with_reasons_and_not_stored(site) -> None:
    app_id = _created(site)
    url = f"/api/applications/{app_id}/documents"
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    truncated = card_photo()[: len(card_photo()) // 2]
    for data, code in ((png, "not_jpeg"), (truncated, "corrupt_jpeg"), (b"", "empty_file")):
        r = site.client.post(url, headers=site.api(), files={"file": ("a.jpg", data, "image/jpeg")}, data={"side": "front"})
        assert r.status_code == 422, code
        assert [x["code"] for x in r.json()["reasons"]] == [code]
        assert all(x["message_ja"] and x["message_en"] for x in r.json()["reasons"])
    with site.web.tx() as s:
        assert s.scalars(select(m.Document)).all() == []
    assert not any((site.web.settings.data_dir / "images").iterdir())


def test_legibility_is_left_to_the_verification_so_the_upload_answers_at_once(site) -> None:
    # A 16x16 JPEG is a valid file with no card in it: accepted and queued; the verification's intake
    # will answer with the reasons (GET /api/applications/{id}), not the upload.
    app_id = _created(site)
    r = site.client.post(f"/api/applications/{app_id}/documents", headers=site.api(),
                         files={"file": ("a.jpg", tiny_jpeg(), "image/jpeg")}, data={"side": "front"})
    assert r.status_code == 201
    with site.web.tx() as s:
        doc = s.scalars(select(m.Document)).one()
        assert doc.check_status is None and doc.pending_name is not None
        assert s.scalars(select(m.Verification)).one().status == "queued"


def test_a_usable_front_photo_is_stored_and_queued_for_verification(site) -> None:
    app_id = _created(site)
    r = site.client.post(f"/api/applications/{app_id}/documents", headers=site.api(),
                         files={"file": ("a.jpg", card_photo(), "image/jpeg")}, data={"side": "front"})
    assert r.status_code == 201, r.text
    with site.web.tx() as s:
        v = s.scalars(select(m.Verification)).one()
        assert (v.status, str(v.front_id)) == ("queued", r.json()["document_id"])
    assert site.client.get(f"/api/applications/{app_id}", headers=site.api()).json()["status"] == "processing"


def test_oversize_uploads_are_refused_before_being_read_whole(site) -> None:
    app_id = _created(site)
    limit = site.web.settings.max_upload_bytes
    url = f"/api/applications/{app_id}/documents"
    big = b"\xff\xd8\xff" + b"0" * (limit + 100_000)
    r = site.client.post(url, headers=site.api(), files={"file": ("a.jpg", big, "image/jpeg")}, data={"side": "front"})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the server must count while streaming
        for _ in range(limit // 65536 + 10):
            yield b"0" * 65536

    r = site.client.post(url, headers={**site.api(), "Content-Type": "multipart/form-data; boundary=x"},
                         content=chunks())
    assert r.status_code == 413
    with site.web.tx() as s:
        assert s.scalars(select(m.Document)).all() == []


def test_unknown_ids_and_path_tricks_are_not_found(site) -> None:
    h = site.api()
    assert site.client.get("/api/applications/00000000-0000-0000-0000-000000000000", headers=h).status_code == 404
    assert site.client.get("/api/applications/..%2F..%2Fetc%2Fpasswd", headers=h).status_code in (404, 422)
    assert site.client.get("/static/..%2Fapp.py").status_code == 404
    assert site.client.get("/static/../review_ui/app.py").status_code == 404


def test_the_openapi_document_lists_the_three_routes(site) -> None:
    paths = site.client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/api/applications", "/api/applications/{application_id}/documents",
                          "/api/applications/{application_id}"}
