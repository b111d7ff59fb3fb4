"""The service layer on both databases: applications, uploads, verification records, review, retention."""

# ruff: noqa: F811  (pytest fixtures imported from tests/db/fixtures.py are parameters here)
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from honnin import applications as svc
from honnin.db import models as m
from honnin.db.engine import transaction
from honnin.db.repositories import token_hash
from intake.reasons import Reason
from tests.db.fixtures import (  # noqa: F401
    CLEAN_JPEG,
    RECTIFIED_JPEG,
    REGISTRATION,
    database_url,
    factory,
    now,
    recorded,
    settings,
    store,
)


def _new(factory, now, external_id="ext-1"):
    with transaction(factory) as s:
        return svc.create_application(s, REGISTRATION, external_id, now)


def _verified(factory, store, now, result, external_id="ext-1"):
    """An application with one front photo whose verification produced `result`."""
    created = _new(factory, now, external_id)
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        svc.add_document(s, store, app, "front", b"raw-upload", now, "applicant")
        v = svc.submit(s, app, now, "applicant")
        assert svc.claim_verification(s, v.id, now)
        svc.record_result(s, store, v, result, now, "recorded", date(2026, 11, 22))
    return created


def _user(factory, now, email, role="reviewer"):
    from honnin.db.repositories import add_user

    with transaction(factory) as s:
        return add_user(s, email, "x", role, now)


def test_the_upload_token_is_stored_only_as_a_hash(factory, now) -> None:
    created = _new(factory, now)
    assert len(created.upload_token) >= 43  # 256 bits in url-safe base64
    with transaction(factory) as s:
        app = svc.by_token(s, created.upload_token)
        assert app is not None and app.id == created.id
        assert app.upload_token_hash == token_hash(created.upload_token) != created.upload_token
        assert svc.by_token(s, created.upload_token[:-1] + "x") is None
        assert svc.current_registration(s, app).data["name_kanji"] == "山田 太郎"


def test_external_ids_are_unique(factory, now) -> None:
    _new(factory, now, "dup")
    with pytest.raises(svc.ServiceError) as err, transaction(factory) as s:
        svc.create_application(s, REGISTRATION, "dup", now)
    assert err.value.code == "duplicate_external_id"


def test_an_upload_is_kept_encrypted_until_verification_replaces_it_with_the_clean_image(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("approved"))
    with transaction(factory) as s:
        doc = s.scalars(select(m.Document).where(m.Document.application_id == created.id)).one()
        assert doc.pending_name is None
        assert store.get(str(doc.id), doc.image_name) == CLEAN_JPEG
        assert store.get(str(doc.id), doc.rectified_name) == RECTIFIED_JPEG
        assert doc.document_type == "drivers_license" and doc.document_number == "AB1234"
        app = svc.get(s, created.id)
        assert app.status == m.APPROVED and app.decided_at == now
    assert len(list((store._root).iterdir())) == 2  # the raw upload is gone


def test_an_image_the_pipeline_says_not_to_keep_is_deleted(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("resubmit", Reason.MY_NUMBER_VISIBLE, keep=False))
    with transaction(factory) as s:
        doc = s.scalars(select(m.Document).where(m.Document.application_id == created.id)).one()
        assert doc.image_name is None and doc.pending_name is None and doc.deleted_at is not None
        assert svc.get(s, created.id).status == m.ACTION_NEEDED
    assert list(store._root.iterdir()) == []


def test_a_registration_mismatch_can_be_corrected_and_every_version_is_kept(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("resubmit", Reason.NAME_MISMATCH))
    fixed = REGISTRATION.model_copy(update={"name_kanji": "山田 太朗"})
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        view = svc.status_view(s, app)
        assert view.can_correct and view.decision == "resubmit"
        assert [r["code"] for r in view.reasons] == ["name_mismatch"]
        assert svc.correct_registration(s, app, fixed, now) == 2
        v = svc.submit(s, app, now, "applicant")  # the kept clean photo is verified again
        versions = s.scalars(select(m.RegistrationVersion).where(m.RegistrationVersion.application_id == app.id)
                             .order_by(m.RegistrationVersion.version)).all()
        assert [r.data["name_kanji"] for r in versions] == ["山田 太郎", "山田 太朗"]
        assert v.registration_version_id == versions[1].id
        assert app.status == m.PROCESSING


def test_a_blurred_photo_cannot_be_answered_with_a_registration_correction(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("resubmit", Reason.BLURRY))
    with pytest.raises(svc.ServiceError), transaction(factory) as s:
        svc.correct_registration(s, svc.get(s, created.id), REGISTRATION, now)


def test_only_the_claim_holder_decides_and_claims_expire(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("needs_review", Reason.NAME_UNCERTAIN))
    alice, bob = _user(factory, now, "alice@x"), _user(factory, now, "bob@x")
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        assert app.status == m.IN_REVIEW and app.reason_codes == ",name_uncertain,"
        with pytest.raises(svc.ServiceError, match="claim"):
            svc.decide(s, app, s.get(m.User, alice.id), "approve", now)
        svc.claim(s, app, s.get(m.User, alice.id), now, ttl_s=600)
        with pytest.raises(svc.ServiceError) as err:
            svc.claim(s, app, s.get(m.User, bob.id), now + timedelta(seconds=599), ttl_s=600)
        assert err.value.code == "claimed"
        later = now + timedelta(seconds=601)
        with pytest.raises(svc.ServiceError):
            svc.decide(s, app, s.get(m.User, alice.id), "approve", later)  # her claim expired
        svc.claim(s, app, s.get(m.User, bob.id), later, ttl_s=600)
        assert svc.decide(s, app, s.get(m.User, bob.id), "approve", later, note="ok") == m.APPROVED
        review = s.scalars(select(m.Review).where(m.Review.application_id == app.id)).one()
        assert (review.reviewer_id, review.action, review.note) == (bob.id, "approve", "ok")


def test_approving_a_matcher_mismatch_needs_a_second_person_who_is_a_supervisor(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("needs_review", Reason.ADDRESS_MISMATCH))
    rev = _user(factory, now, "rev@x")
    sup = _user(factory, now, "sup@x", "supervisor")
    other = _user(factory, now, "rev2@x")
    sup2 = _user(factory, now, "sup2@x", "supervisor")
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        svc.claim(s, app, s.get(m.User, sup.id), now, 600)
        assert svc.decide(s, app, s.get(m.User, sup.id), "approve", now) == m.AWAITING_SECOND
        assert app.decided_at is None
        svc.claim(s, app, s.get(m.User, sup.id), now, 600)
        with pytest.raises(svc.ServiceError) as err:  # a supervisor cannot second their own approval
            svc.decide(s, app, s.get(m.User, sup.id), "approve", now)
        assert err.value.code == "four_eyes"
        svc.release(s, app, s.get(m.User, sup.id), now)
        svc.claim(s, app, s.get(m.User, other.id), now, 600)
        with pytest.raises(svc.ServiceError) as err:
            svc.decide(s, app, s.get(m.User, other.id), "approve", now)
        assert err.value.code == "supervisor_required"
        svc.release(s, app, s.get(m.User, other.id), now)
        svc.claim(s, app, s.get(m.User, sup2.id), now, 600)
        assert svc.decide(s, app, s.get(m.User, sup2.id), "approve", now) == m.APPROVED
        actions = [r.action for r in s.scalars(select(m.Review).order_by(m.Review.id))]
        assert actions == ["approve", "second_approve"]
    del rev


def test_a_resubmission_request_shows_the_reviewers_reasons_and_message(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("needs_review", Reason.EXPIRY_UNCERTAIN))
    rev = _user(factory, now, "rev@x")
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        user = s.get(m.User, rev.id)
        svc.claim(s, app, user, now, 600)
        svc.decide(s, app, user, "resubmit", now, reason_codes=["glare", "not-a-code"], message="角度を変えて")
        view = svc.status_view(s, app)
        assert view.status == m.ACTION_NEEDED and svc.accepting_uploads(app)
        assert [r["code"] for r in view.reasons] == ["glare"] and view.message == "角度を変えて"


def test_a_superseded_run_does_not_change_the_status(factory, store, now) -> None:
    created = _new(factory, now)
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        svc.add_document(s, store, app, "front", b"one", now, "applicant")
        first = svc.submit(s, app, now, "applicant")
        app.status = m.AWAITING_UPLOAD  # the applicant sent a better photo before the first run finished
        svc.add_document(s, store, app, "front", b"two", now + timedelta(seconds=1), "applicant")
        second = svc.submit(s, app, now + timedelta(seconds=1), "applicant")
        for v in (first, second):
            svc.claim_verification(s, v.id, now)
        svc.record_result(s, store, second, recorded("approved"), now, "recorded", date(2026, 11, 22))
        svc.record_result(s, store, first, recorded("rejected"), now, "recorded", date(2026, 11, 22))
        assert app.status == m.APPROVED
        assert len(s.scalars(select(m.Verification).where(m.Verification.application_id == app.id)).all()) == 2


def test_a_verification_is_claimed_by_exactly_one_worker(factory, store, now) -> None:
    created = _new(factory, now)
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        svc.add_document(s, store, app, "front", b"x", now, "applicant")
        vid = svc.submit(s, app, now, "applicant").id
    with transaction(factory) as s:
        assert svc.queued_verifications(s, 10) == [vid]
        assert svc.claim_verification(s, vid, now)
    with transaction(factory) as s:
        assert not svc.claim_verification(s, vid, now)
        assert svc.requeue_stale(s, now + timedelta(minutes=5), timedelta(minutes=10)) == 0
        assert svc.requeue_stale(s, now + timedelta(minutes=11), timedelta(minutes=10)) == 1
        assert svc.queued_verifications(s, 10) == [vid]


def test_a_crashing_pipeline_sends_the_case_to_a_person(factory, store, now) -> None:
    created = _new(factory, now)
    with transaction(factory) as s:
        app = svc.get(s, created.id)
        svc.add_document(s, store, app, "front", b"x", now, "applicant")
        v = svc.submit(s, app, now, "applicant")
        svc.claim_verification(s, v.id, now)

    def boom(images, registration):
        raise RuntimeError("secret 123456789012 must not be stored")

    with transaction(factory) as s:
        status = svc.run_verification(s, store, v.id, boom, "x", date(2026, 11, 22), lambda: now)
        assert status == "failed"
        assert svc.get(s, created.id).status == m.IN_REVIEW
        assert "123456789012" not in str(s.get(m.Verification, v.id).result)


def test_purge_drops_images_after_the_retention_period_and_records_after_three_years(factory, store, now) -> None:
    created = _verified(factory, store, now, recorded("approved"))
    with transaction(factory) as s:
        report = svc.purge_expired(s, store, now + timedelta(days=29), 30, 3)
        assert report.images_deleted == 0
        report = svc.purge_expired(s, store, now + timedelta(days=31), 30, 3)
        assert report.images_deleted == 1
        assert svc.get(s, created.id) is not None  # the record stays
        svc.end_contract(s, svc.get(s, created.id), now, "api")
    assert list(store._root.iterdir()) == []
    with transaction(factory) as s:
        assert svc.purge_expired(s, store, now + timedelta(days=365 * 3 - 1), 30, 3).applications_deleted == 0
        assert svc.purge_expired(s, store, now + timedelta(days=365 * 3 + 1), 30, 3).applications_deleted == 1
        assert svc.get(s, created.id) is None
        assert s.scalars(select(m.Verification)).all() == []
        actions = [a.action for a in s.scalars(select(m.AuditEntry).where(m.AuditEntry.application_id == created.id))]
        assert actions[0] == "application.create" and actions[-1] == "application.purge"
