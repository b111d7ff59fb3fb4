"""The local worker pool runs queued verifications with the real pipeline, off the request path."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from honnin import applications as svc
from honnin.config import Settings
from honnin.db import models as m
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from honnin.queue import LocalQueue, process_document
from honnin.store import open_store
from ocr.mynumber import is_valid
from tests.db.fixtures import REGISTRATION
from tests.review_ui.photos import card_photo, sample_case


@pytest.mark.slow
def test_a_queued_upload_is_verified_once_and_its_raw_image_replaced(tmp_path) -> None:
    settings = Settings(env="test", data_dir=tmp_path, workers=1)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    factory, store = session_factory(engine), open_store(settings)
    now = datetime.now(UTC)
    with transaction(factory) as s:
        app_id = svc.create_application(s, REGISTRATION, "q-1", now).id
        svc.add_document(s, store, svc.get(s, app_id), "front", card_photo(), now, "applicant")
        vid = svc.submit(s, svc.get(s, app_id), now, "applicant").id
    queue = LocalQueue(settings, use_processes=False, poll_interval_s=0.2)
    queue.start()
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with transaction(factory) as s:
                if s.get(m.Verification, vid).status in ("done", "failed"):
                    break
            time.sleep(0.3)
    finally:
        queue.stop()
    with transaction(factory) as s:
        v = s.get(m.Verification, vid)
        doc = s.scalars(select(m.Document)).one()
        app = svc.get(s, app_id)
        assert v.status == "done" and v.engine == settings.ocr_engine and v.engine_version
        assert v.result["decision"] == v.decision and app.status != m.PROCESSING
        # A plain card with no text cannot be approved, and its reasons say why.
        assert v.decision != "approved" and v.result["reasons"]
        assert doc.pending_name is None
    # A retried task for the same id does nothing: the run is never duplicated.
    assert process_document(str(vid), settings.model_dump_json()) == "skipped"
    engine.dispose()


@pytest.mark.slow
def test_a_my_number_back_is_deleted_and_its_number_stored_nowhere(tmp_path) -> None:
    import json

    case, folder = sample_case("my_number_back", tmp_path / "samples")
    settings = Settings(env="test", data_dir=tmp_path / "var", workers=1)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    factory, store = session_factory(engine), open_store(settings)
    now = datetime.now(UTC)
    with transaction(factory) as s:
        app_id = svc.create_application(s, REGISTRATION.model_validate(case["registration"]), "mn-1", now).id
        photo = (folder / case["images"]["front"]).read_bytes()
        svc.add_document(s, store, svc.get(s, app_id), "front", photo, now, "applicant")
        vid = svc.submit(s, svc.get(s, app_id), now, "applicant").id
    assert process_document(str(vid), settings.model_dump_json()) == "done"
    with transaction(factory) as s:
        v = s.get(m.Verification, vid)
        doc = s.scalars(select(m.Document)).one()
        assert "my_number_visible" in [r["code"] for r in v.result["reasons"]]
        assert doc.image_name is None and doc.rectified_name is None and doc.pending_name is None
        assert doc.deleted_at is not None and doc.document_number is None
        audit = [(a.action, a.detail) for a in s.scalars(select(m.AuditEntry))]
    assert list((tmp_path / "var" / "images").iterdir()) == []
    engine.dispose()
    # No 12-digit run passing the My Number check digit anywhere: result, audit, the database file.
    stored = json.dumps(v.result, ensure_ascii=False) + str(audit)
    stored += "".join(p.read_bytes().decode("latin-1") for p in (tmp_path / "var").glob("honnin.db*"))
    assert [d for d in re.findall(r"(?<![0-9a-fA-F])[0-9]{12}(?![0-9a-fA-F])", stored) if is_valid(d)] == []
