"""The demo seeding: accounts, and sample cases created and verified in worker processes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from honnin.config import Settings
from honnin.db import models as m
from honnin.db.engine import make_engine, session_factory, transaction
from review_ui.demo import seed_demo


@pytest.mark.slow
def test_seed_demo_creates_reviewers_and_processes_the_cases(tmp_path) -> None:
    from samples.generate import generate_cases

    generate_cases(1, 11, tmp_path / "samples")
    settings = Settings(env="test", data_dir=tmp_path / "var", workers=1, public_base_url="http://127.0.0.1:9")
    info = seed_demo(settings, tmp_path / "samples" / "cases.jsonl")
    assert info.url == "http://127.0.0.1:9/review" and info.login_password
    assert info.applicant_url.startswith("http://127.0.0.1:9/u/")
    again = seed_demo(settings, tmp_path / "samples" / "cases.jsonl")  # idempotent
    engine = make_engine(settings.resolved_database_url)
    with transaction(session_factory(engine)) as s:
        apps = s.scalars(select(m.Application).where(m.Application.external_id.like("demo-c%"))).all()
        assert len(apps) == 1 and all(a.status not in (m.PROCESSING, m.AWAITING_UPLOAD) for a in apps)
        assert {u.role for u in s.scalars(select(m.User))} == {"reviewer", "supervisor"}
        assert all(v.status == "done" for v in s.scalars(select(m.Verification)))
    engine.dispose()
    assert again.login_email == info.login_email
