"""Maintenance jobs: expiry sweep, retention purge and the My Number scrub, in the job framework."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from honnin.db import models as m
from honnin.jobs.service import open_job, run_job
from tests.jobs.seed import add_decided, fixed_case


def _audit(res, action: str) -> list[m.AuditEntry]:
    with res.factory() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_expiry_sweep_flags_documents_expiring_within_the_window(res):
    soon = add_decided(res, None, expiry=dt.date(2026, 12, 10))
    gone = add_decided(res, None, expiry=dt.date(2026, 11, 1))
    add_decided(res, None, expiry=dt.date(2029, 1, 1))
    opened = open_job(res, "expiry", {"within_days": 30}, "local", as_of=dt.date(2026, 11, 22))
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["results"] == {"expired": 1, "expiring": 1}
    assert {e.application_id for e in _audit(res, "document.expiring")} == {soon}
    assert {e.application_id for e in _audit(res, "document.expired")} == {gone}
    assert _audit(res, "document.expiring")[0].detail["days_left"] == 18


def test_retention_purge_deletes_images_after_the_retention_period(res):
    old = add_decided(res, None, front_jpeg=b"old photo", decided_at=datetime(2020, 1, 1, tzinfo=UTC))
    recent = add_decided(res, None, front_jpeg=b"new photo", decided_at=datetime.now(UTC))
    opened = open_job(res, "retention", {}, "local")
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["done"] == 1
    with res.factory() as s:
        docs = {d.application_id: d for d in s.scalars(select(m.Document))}
        assert docs[old].image_name is None and docs[old].deleted_at is not None
        assert docs[recent].image_name is not None and res.store.exists(docs[recent].image_name)
    (entry,) = _audit(res, "retention.purge")
    assert entry.detail["images_deleted"] == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_scrub_deletes_an_image_showing_a_my_number_and_logs_it_without_the_number(res):
    kept = add_decided(res, fixed_case("c0001"))
    leaked = add_decided(res, None, front_jpeg=fixed_case("c0004").jpeg)
    with res.factory() as s:
        names = {d.application_id: d.image_name for d in s.scalars(select(m.Document))}
    opened = open_job(res, "mynumber_scrub", {}, "local")
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["results"] == {"clean": 1, "my_number_deleted": 1}
    with res.factory() as s:
        docs = {d.application_id: d for d in s.scalars(select(m.Document))}
        assert docs[leaked].image_name is None and docs[leaked].deleted_at is not None
        assert docs[kept].image_name == names[kept]
    assert not res.store.exists(names[leaked]) and res.store.exists(names[kept])
    (entry,) = _audit(res, "document.delete_my_number")
    assert entry.application_id == leaked
    assert not re.search(r"\d{4}\s?\d{4}\s?\d{4}", json.dumps(entry.detail))
    assert uuid.UUID(entry.detail["document_id"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_retention_job_carries_the_configured_abandoned_period(res):
    from honnin.config import Settings
    from honnin.jobs.service import make_params

    params = make_params("retention", Settings(abandoned_retention_days=7), {})
    assert params["abandoned_retention_days"] == 7
