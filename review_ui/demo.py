"""Seed a demo: reviewer accounts and applications created and verified from a sample cases.jsonl."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

from honnin import applications as svc
from honnin.config import Settings
from honnin.db import repositories as repo
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from honnin.queue import process_document
from honnin.registration import Registration
from honnin.store import open_store
from review_ui.security import hash_password

REVIEWER = "reviewer@honnin.invalid"
SUPERVISOR = "supervisor@honnin.invalid"
# A demo on loopback only; production accounts are made with `honnin users add`.
DEMO_PASSWORD = "honnin-demo-2026"


@dataclass(frozen=True)
class DemoInfo:
    url: str
    login_email: str
    login_password: str
    supervisor_email: str = SUPERVISOR
    applicant_url: str | None = None


def seed_demo(settings: Settings, cases_jsonl: Path, *, limit: int | None = None,
              on_progress: Callable[[int, int], None] | None = None) -> DemoInfo:
    """Idempotent: accounts are (re)set to the demo password, cases already seeded are skipped."""
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    factory = session_factory(engine)
    store = open_store(settings)
    now = datetime.now(UTC)
    with transaction(factory) as s:
        for email, role in ((REVIEWER, "reviewer"), (SUPERVISOR, "supervisor")):
            user = repo.user_by_email(s, email)
            if user is None:
                repo.add_user(s, email, hash_password(DEMO_PASSWORD), role, now)
            else:
                user.password_hash, user.locked_until, user.failed_logins = hash_password(DEMO_PASSWORD), None, 0

    queued: list[str] = []
    cases = [json.loads(line) for line in Path(cases_jsonl).read_text(encoding="utf-8").splitlines() if line.strip()]
    for case in cases[:limit]:
        queued.extend(_create(factory, store, case, Path(cases_jsonl).parent))
    applicant_url = _fresh_applicant(factory, settings)
    settings_json = settings.model_dump_json()
    if queued:
        workers = max(1, min(settings.workers, len(queued)))
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            for done, _ in enumerate(pool.map(process_document, queued, [settings_json] * len(queued)), 1):
                if on_progress:
                    on_progress(done, len(queued))
    engine.dispose()
    base = settings.public_base_url.rstrip("/")
    return DemoInfo(url=f"{base}/review", login_email=REVIEWER, login_password=DEMO_PASSWORD,
                    applicant_url=applicant_url)


def _create(factory, store, case: dict, folder: Path) -> list[str]:
    external_id = f"demo-{case['id']}"
    now = datetime.now(UTC)
    with transaction(factory) as s:
        if repo_exists(s, external_id):
            return []
        registration = Registration.model_validate(case["registration"])
        created = svc.create_application(s, registration, external_id, now, actor="demo")
        app = svc.get(s, created.id)
        for side, rel in (case.get("images") or {}).items():
            if rel and side in svc.SIDES:
                path = (folder / rel).resolve()
                if folder.resolve() not in path.parents:
                    raise ValueError(f"image path leaves the sample folder: {rel}")
                svc.add_document(s, store, app, side, path.read_bytes(), now, "demo")
        if "front" not in svc.latest_documents(s, app.id):
            return []
        return [str(svc.submit(s, app, now, "demo").id)]


def repo_exists(s, external_id: str) -> bool:
    from sqlalchemy import select

    from honnin.db.models import Application

    return s.scalar(select(Application.id).where(Application.external_id == external_id)) is not None


def _fresh_applicant(factory, settings: Settings) -> str:
    """One application with nothing uploaded yet, so the demo shows the applicant's page too."""
    now = datetime.now(UTC)
    registration = Registration(name_kanji="見本 花子", name_kana="ミホン ハナコ", birthdate="1990-04-01",
                                address="東京都千代田区千代田1-1", contract_type="voice_sim")
    with transaction(factory) as s:
        created = svc.create_application(s, registration, f"demo-applicant-{now:%Y%m%d%H%M%S%f}", now, actor="demo")
    return settings.public_base_url.rstrip("/") + f"/u/{created.upload_token}"
