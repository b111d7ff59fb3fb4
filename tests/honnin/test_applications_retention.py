"""Retention of abandoned applications and the photo check's record, on SQLite and PostgreSQL."""

# ruff: noqa: F811  (pytest fixtures imported from tests/db/fixtures.py are parameters here)
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select

from honnin import applications as svc
from honnin.db import models as m
from honnin.db.engine import transaction
from intake.reasons import Reason, reason
from tests.db.fixtures import (  # noqa: F401
    REGISTRATION,
    database_url,
    factory,
    now,
    recorded,
    store,
)


def _with_upload(factory, store, now, external_id: str, *, check: bool = False):
    with transaction(factory) as s:
        created = svc.create_application(s, REGISTRATION, external_id, now)
        app = svc.get(s, created.id)
        doc = svc.add_document(s, store, app, "front", b"raw-upload " + external_id.encode(), now, "applicant",
                               check=check)
    return created.id, doc.id


def _audit(s, app_id) -> list[str]:
    q = select(m.AuditEntry.action).where(m.AuditEntry.application_id == app_id).order_by(m.AuditEntry.id)
    return list(s.scalars(q))


def test_images_of_an_abandoned_application_go_after_the_idle_period_and_the_record_stays(factory, store, now) -> None:
    app_id, doc_id = _with_upload(factory, store, now, "left-1")
    with transaction(factory) as s:
        report = svc.purge_expired(s, store, now + timedelta(days=29), 30, 3, abandoned_retention_days=30)
        assert (report.images_deleted, report.abandoned_applications) == (0, 0)
    assert len(list(store._root.iterdir())) == 1
    with transaction(factory) as s:
        report = svc.purge_expired(s, store, now + timedelta(days=31), 30, 3, abandoned_retention_days=30)
        assert (report.images_deleted, report.abandoned_applications, report.applications_deleted) == (1, 1, 0)
    assert list(store._root.iterdir()) == []
    with transaction(factory) as s:
        app, doc = svc.get(s, app_id), s.get(m.Document, doc_id)
        # Who sent what and when stays; only the image is gone.
        assert app.status == m.AWAITING_UPLOAD and app.external_id == "left-1"
        assert doc.deleted_at is not None and doc.pending_name is None and doc.sha256 and doc.side == "front"
        assert _audit(s, app_id)[-1] == "application.images_expired"
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "application.images_expired")).one()
        assert entry.detail == {"images": 1, "retention_days": 30}
        # A second run finds nothing more to do.
        assert svc.purge_expired(s, store, now + timedelta(days=40), 30, 3).abandoned_applications == 0


def test_the_idle_clock_restarts_with_every_upload_and_correction(factory, store, now) -> None:
    app_id, _ = _with_upload(factory, store, now, "busy-1")
    with transaction(factory) as s:
        app = svc.get(s, app_id)
        svc.add_document(s, store, app, "back", b"a later photo", now + timedelta(days=20), "applicant")
    with transaction(factory) as s:
        assert svc.purge_abandoned(s, store, now + timedelta(days=31), 30) == {}
        assert svc.purge_abandoned(s, store, now + timedelta(days=51), 30) == {app_id: 2}


def test_cases_waiting_for_a_worker_or_a_reviewer_are_not_abandoned(factory, store, now) -> None:
    queued, _ = _with_upload(factory, store, now, "queued-1")
    in_review, _ = _with_upload(factory, store, now, "review-1")
    resubmit, _ = _with_upload(factory, store, now, "resubmit-1")
    with transaction(factory) as s:
        svc.submit(s, svc.get(s, queued), now, "applicant")
        for app_id, result in ((in_review, recorded("needs_review")), (resubmit, recorded("resubmit", Reason.BLURRY))):
            v = svc.submit(s, svc.get(s, app_id), now, "applicant")
            svc.claim_verification(s, v.id, now)
            svc.record_result(s, store, v, result, now, "recorded", date(2026, 11, 22))
    with transaction(factory) as s:
        dropped = svc.purge_abandoned(s, store, now + timedelta(days=365), 30)
        # Only the one waiting for the applicant (action needed) lost its image.
        assert dropped == {resubmit: 1}
        assert svc.latest_documents(s, queued) and svc.latest_documents(s, in_review)


def test_the_abandoned_purge_has_an_index_on_status_and_last_activity(factory) -> None:
    engine = factory.kw["bind"]
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("applications")}
    assert indexes["ix_applications_status_updated"] == ["status", "updated_at"]


def test_drop_images_deletes_every_file_of_a_document_and_keeps_its_row(factory, store, now) -> None:
    app_id, doc_id = _with_upload(factory, store, now, "drop-1")
    with transaction(factory) as s:
        doc = s.get(m.Document, doc_id)
        doc.image_name = store.put(str(doc_id), b"clean")
        doc.rectified_name = store.put(str(doc_id), b"rectified")
        svc.drop_images(store, doc, now)
    assert list(store._root.iterdir()) == []
    with transaction(factory) as s:
        doc = s.get(m.Document, doc_id)
        assert (doc.pending_name, doc.image_name, doc.rectified_name) == (None, None, None)
        assert doc.deleted_at is not None


# --- the photo check's record ---------------------------------------------------------------------


def test_a_refused_photo_is_not_kept_but_its_reasons_are_shown(factory, store, now) -> None:
    app_id, doc_id = _with_upload(factory, store, now, "check-1", check=True)
    with transaction(factory) as s:
        assert svc.photo_to_check(s, store, doc_id) == b"raw-upload check-1"
        assert svc.photo_checks(s, svc.get(s, app_id), now) == {"front": {"state": "checking", "reasons": []}}
        with_reason = [reason(Reason.BLURRY).as_dict()]
        assert svc.record_check(s, store, doc_id, False, with_reason, now) == "retake"
        assert svc.record_check(s, store, doc_id, True, [], now) == "skipped"  # answered once only
        assert svc.photo_checks(s, svc.get(s, app_id), now)["front"] == {"state": "retake", "reasons": with_reason}
        assert svc.latest_documents(s, app_id) == {}
        assert svc.photo_to_check(s, store, doc_id) is None
        assert "document.refused" in _audit(s, app_id)
    assert list(store._root.iterdir()) == []


def test_a_retake_replaces_the_kept_photo_only_once_it_passes(factory, store, now) -> None:
    app_id, first = _with_upload(factory, store, now, "check-2", check=True)
    with transaction(factory) as s:
        svc.record_check(s, store, first, True, [], now)
        app = svc.get(s, app_id)
        refused = svc.add_document(s, store, app, "front", b"blurred", now + timedelta(seconds=5), "applicant",
                                   check=True).id
        svc.record_check(s, store, refused, False, [reason(Reason.BLURRY).as_dict()], now)
        assert svc.latest_documents(s, app_id)["front"].id == first  # the good photo is still there
        better = svc.add_document(s, store, app, "front", b"sharp", now + timedelta(seconds=9), "applicant",
                                  check=True).id
        with pytest.raises(svc.ServiceError, match="still being checked"):
            svc.submit(s, app, now + timedelta(seconds=10), "applicant")
        svc.record_check(s, store, better, True, [], now)
        assert svc.latest_documents(s, app_id)["front"].id == better
        assert s.get(m.Document, first).deleted_at is not None
        v = svc.submit(s, app, now + timedelta(seconds=11), "applicant")
        assert v.front_id == better
        # After sending, the page starts afresh: no check of this round is shown any more.
        assert svc.photo_checks(s, app, now) == {}


def test_a_check_whose_worker_died_does_not_block_sending_for_ever(factory, store, now) -> None:
    app_id, doc_id = _with_upload(factory, store, now, "check-3", check=True)
    later = now + svc.CHECK_STALE + timedelta(seconds=1)
    with transaction(factory) as s:
        assert svc.documents_being_checked(s) == [doc_id]
        app = svc.get(s, app_id)
        # The page stops waiting for it: the photo counts as kept, unchecked.
        assert svc.photo_checks(s, app, later)["front"]["state"] == "unchecked"
        v = svc.submit(s, app, later, "applicant")
        assert v.front_id == doc_id
