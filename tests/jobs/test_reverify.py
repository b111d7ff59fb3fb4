"""`reverify` jobs: the real pipeline on stored photos, history kept, changed approvals re-queued."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import select

from honnin.db import models as m
from honnin.jobs import models as jm
from honnin.jobs.report import write_report
from honnin.jobs.service import open_job, run_job
from tests.jobs.seed import add_decided, fixed_case


def test_reverify_adds_a_verification_beside_the_old_and_requeues_an_approval_it_no_longer_confirms(res, tmp_path):
    agreeing = add_decided(res, fixed_case("c0001"))
    disagreeing = add_decided(res, fixed_case("c0025"))  # generated with an address mismatch
    with res.factory() as s:
        before = {v.id: (v.decision, v.result) for v in s.scalars(select(m.Verification))}

    opened = open_job(res, "reverify", {"status": "approved"}, "local", as_of=dt.date(2026, 11, 22))
    seen: list[dict[str, int]] = []
    counts = run_job(res, opened.job_id, "local", 1, seen.append)

    assert opened.total == 2 and not opened.resumed
    assert counts["status"] == "done" and counts["done"] == 2 and counts["failed"] == 0
    assert seen and seen[-1]["done"] == 2
    with res.factory() as s:
        # the old verifications are untouched; each application has one new one from this job
        for vid, (decision, result) in before.items():
            old = s.get(m.Verification, vid)
            assert (old.decision, old.result) == (decision, result)
        items = {i.target_id: i for i in s.scalars(select(jm.JobItem).where(jm.JobItem.job_id == opened.job_id))}
        for app_id in (agreeing, disagreeing):
            runs = list(s.scalars(select(m.Verification).where(m.Verification.application_id == app_id)))
            assert len(runs) == 2
            item = items[str(app_id)]
            new = s.get(m.Verification, uuid.UUID(item.result_id))
            assert new.decision == item.result_code and new.engine == "rapidocr" and new.as_of == dt.date(2026, 11, 22)
            app = s.get(m.Application, app_id)
            if new.decision == "approved":
                assert app.status == m.APPROVED and not item.changed
            else:
                assert app.status == m.IN_REVIEW and item.changed and item.outcome["requeued"]
                assert app.reason_codes.startswith(",reverify_changed,")
                actions = [a.action for a in s.scalars(select(m.AuditEntry).where(m.AuditEntry.application_id == app_id))]
                assert "reverify.requeue" in actions
        # a registration whose address differs from the card cannot be approved again
        assert s.get(m.Application, disagreeing).status == m.IN_REVIEW

    csv_path, json_path = tmp_path / "r.csv", tmp_path / "r.json"
    with res.factory() as s:
        assert write_report(s, opened.job_id, csv_path) == 2
        write_report(s, opened.job_id, json_path)
    rows = list(csv.DictReader(csv_path.open()))
    assert {r["target_id"] for r in rows} == {str(agreeing), str(disagreeing)}
    assert {r["old"] for r in rows} == {"approved"}
    report = json.loads(json_path.read_text())
    assert report["job"]["counts"]["done"] == 2 and len(report["items"]) == 2


def test_an_application_whose_images_were_purged_is_skipped_not_failed(res):
    app_id = add_decided(res, None)
    opened = open_job(res, "reverify", {"all": True}, "local")
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["results"] == {"skipped:no_image": 1} and counts["failed"] == 0
    with res.factory() as s:
        assert len(list(s.scalars(select(m.Verification).where(m.Verification.application_id == app_id)))) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_kept_image_in_which_a_rerun_finds_a_my_number_is_deleted(res):
    app_id = add_decided(res, None, front_jpeg=fixed_case("c0004").jpeg)
    with res.factory() as s:
        (doc,) = s.scalars(select(m.Document).where(m.Document.application_id == app_id))
    opened = open_job(res, "reverify", {"all": True}, "local")
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["done"] == 1
    with res.factory() as s:
        after = s.get(m.Document, doc.id)
        assert after.image_name is None and after.deleted_at is not None
        assert s.get(m.Application, app_id).status == m.IN_REVIEW
        (entry,) = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "document.delete_my_number"))
        assert set(entry.detail) == {"document_id", "side"}
    assert not res.store.exists(doc.image_name)
