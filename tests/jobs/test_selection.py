"""Selections resolve to the right applications and documents; criteria combine with AND."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import UTC, datetime

import pytest

from honnin.db import models as m
from honnin.jobs.selection import (
    ReverifySelection,
    SelectionError,
    expiring_applications,
    reverify_targets,
    stored_documents,
)
from tests.jobs.seed import add_decided


def _ids(res, sel: ReverifySelection, **kw) -> set[str]:
    with res.factory() as s:
        return set(reverify_targets(s, sel, **kw))


def test_an_empty_selection_is_refused():
    with pytest.raises(SelectionError):
        ReverifySelection()
    with pytest.raises(ValueError):
        ReverifySelection(decided_before="2026-13-01")


def test_status_and_decided_before_combine(res):
    early = add_decided(res, None, decided_at=datetime(2026, 3, 1, tzinfo=UTC))
    late = add_decided(res, None, decided_at=datetime(2026, 10, 1, tzinfo=UTC))
    rejected = add_decided(res, None, status=m.REJECTED, decided_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert _ids(res, ReverifySelection(status="approved")) == {str(early), str(late)}
    assert _ids(res, ReverifySelection(status="approved", decided_before="2026-06-01")) == {str(early)}
    assert _ids(res, ReverifySelection(all=True)) == {str(early), str(late), str(rejected)}


def test_registration_changed_selects_corrected_applications(res):
    add_decided(res, None)
    corrected = add_decided(res, None, corrected=True)
    assert _ids(res, ReverifySelection(registration_changed=True)) == {str(corrected)}


def test_engine_version_older_selects_runs_of_an_older_engine_only(res):
    old = add_decided(res, None, engine_version="3.9.1")
    add_decided(res, None, engine_version="3.10.0")
    add_decided(res, None, engine_version="3.11.0")  # a newer engine (rolled back since): not older
    sel = ReverifySelection(engine_version_older=True)
    assert _ids(res, sel, current_engine="rapidocr", current_version="3.10.0") == {str(old)}
    assert len(_ids(res, sel, current_engine="tesserocr", current_version="5.3.0")) == 3


def test_expiring_before_reads_the_expiry_the_last_run_found(res):
    soon = add_decided(res, None, expiry=dt.date(2026, 12, 1))
    add_decided(res, None, expiry=dt.date(2030, 1, 1))
    assert _ids(res, ReverifySelection(expiring_before="2027-01-01")) == {str(soon)}
    with res.factory() as s:
        assert list(expiring_applications(s, dt.date(2026, 11, 22), 30)) == [(str(soon), dt.date(2026, 12, 1))]


def test_applications_still_in_the_upload_flow_are_never_selected(res):
    add_decided(res, None, status=m.PROCESSING)
    assert _ids(res, ReverifySelection(all=True)) == set()


def test_stored_documents_lists_only_documents_with_an_image(res):
    add_decided(res, None)  # its document has no image
    with_image = add_decided(res, None, front_jpeg=b"\xff\xd8 not really a photo")
    with res.factory() as s:
        docs = list(stored_documents(s))
        assert [s.get(m.Document, uuid.UUID(d)).application_id for d in docs] == [with_image]
