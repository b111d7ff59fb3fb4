"""Decided applications with stored (encrypted) card photos, for the job tests and bench/bench_jobs.py.

Photos come from the committed sample set (samples/fixed, see its cases.jsonl) or are rendered by the
sample generator (samples.cards); they are kept only in the test's own image store.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from honnin.config import Settings
from honnin.db import models as m
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from honnin.jobs.runner import Resources
from honnin.store import open_store

FIXED = Path(__file__).resolve().parents[2] / "samples" / "fixed"
ADDRESS = "東京都千代田区千代田1-1"
BIRTHDATE = dt.date(1985, 4, 2)
NOW = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def make_settings(data_dir: Path, database_url: str) -> Settings:
    key = base64.b64encode(bytes(range(32))).decode()
    return Settings(env="test", data_dir=data_dir, database_url=database_url, image_key=key, workers=1)


def settings_env(settings: Settings) -> dict[str, str]:
    """The same settings as HONNIN_* variables, for a subprocess (CLI run, Celery worker)."""
    return {"HONNIN_ENV": "test", "HONNIN_DATA_DIR": str(settings.data_dir),
            "HONNIN_DATABASE_URL": settings.resolved_database_url, "HONNIN_IMAGE_KEY": settings.image_key or "",
            "HONNIN_OCR_ENGINE": settings.ocr_engine}


def open_resources(settings: Settings) -> Resources:
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine, "heads")
    return Resources(settings, session_factory(engine), open_store(settings))


def _photo(card) -> bytes:
    from PIL import Image

    bg = Image.new("RGB", (1600, 1200), (70, 90, 120))
    image = card.image.convert("RGB")
    image = image.resize((1100, int(1100 * image.height / image.width)))
    bg.paste(image, (250, (1200 - image.height) // 2))
    out = io.BytesIO()
    bg.save(out, "JPEG", quality=90)
    return out.getvalue()


@dataclass(frozen=True)
class Card:
    jpeg: bytes
    name_kanji: str
    expiry: dt.date
    registration: dict | None = None  # the case's registration, where the sample set gives one


@cache
def fixed_case(case_id: str) -> Card:
    """A case of samples/fixed: its front photo and the registration it was generated for."""
    for line in (FIXED / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["id"] == case_id:
            truth = case.get("truth") or {}
            expiry = dt.date.fromisoformat(truth["expiry"]) if truth.get("expiry") else dt.date(2030, 1, 1)
            return Card((FIXED / case["images"]["front"]).read_bytes(), case["registration"]["name_kanji"],
                        expiry, case["registration"])
    raise KeyError(case_id)


@cache
def licence(seed: int) -> Card:
    from samples.cards.licence import licence_front
    from samples.names import japanese_name
    from samples.numbers import licence_number

    rng = random.Random(seed)
    name = japanese_name(rng, "F" if seed % 2 else "M")
    expiry = dt.date(2028, 6, 2)
    card = licence_front(rng, name=name, birthdate=BIRTHDATE, address=ADDRESS, issued=dt.date(2023, 5, 1),
                         expiry=expiry, band="gold", number=licence_number(rng, 30, 2023),
                         commission="東京都公安委員会", letter_spaced=False)
    return Card(_photo(card), name.kanji, expiry)


@cache
def my_number_back_photo(seed: int) -> bytes:
    from samples.cards.mynumber import my_number_back
    from samples.names import japanese_name
    from samples.numbers import make_my_number

    rng = random.Random(seed)
    return _photo(my_number_back(rng, name=japanese_name(rng, "F"), birthdate=BIRTHDATE,
                                 number=make_my_number(rng)))


def add_decided(res: Resources, card: Card | None, *, status: str = m.APPROVED, decided_at: datetime = NOW,
                birthdate: dt.date = BIRTHDATE, engine_version: str = "3.10.0", expiry: dt.date | None = None,
                corrected: bool = False, front_jpeg: bytes | None = None) -> uuid.UUID:
    """An application decided by an earlier run: its registration, its front photo in the store and
    a finished verification. The registration is the sample case's, or built from `birthdate` (one
    other than the card's makes a re-run disagree)."""
    from honnin.applications import create_application
    from honnin.registration import Registration

    if card is not None and card.registration is not None:
        registration = Registration.model_validate(card.registration)
    else:
        registration = Registration(name_kanji=card.name_kanji if card else "日本 花子",
                                    birthdate=birthdate.isoformat(), address=ADDRESS, contract_type="voice_sim")
    expiry = expiry or (card.expiry if card else dt.date(2028, 6, 2))
    with transaction(res.factory) as s:
        created = create_application(s, registration, f"ext-{uuid.uuid4().hex}", NOW, actor="test")
        app = s.get(m.Application, created.id)
        reg = s.query(m.RegistrationVersion).filter_by(application_id=app.id).one()
        doc_id = uuid.uuid4()
        data = front_jpeg if front_jpeg is not None else (card.jpeg if card else None)
        doc = m.Document(id=doc_id, application_id=app.id, side="front", sha256="0" * 64,
                         size_bytes=len(data or b""), created_at=NOW,
                         image_name=res.store.put(str(doc_id), data) if data else None)
        s.add(doc)
        s.flush()
        s.add(m.Verification(id=uuid.uuid4(), application_id=app.id, registration_version_id=reg.id,
                             front_id=doc_id, status="done", decision="approved" if status == m.APPROVED else "resubmit",
                             result={"fields": {"expiry": {"value": expiry.isoformat(), "confidence": 0.99}}},
                             engine="rapidocr", engine_version=engine_version, as_of=NOW.date(),
                             created_at=NOW, started_at=NOW, finished_at=NOW))
        if corrected:
            s.add(m.RegistrationVersion(application_id=app.id, version=2, data=registration.model_dump(),
                                        source="applicant", created_at=NOW))
        app.status = status
        app.decided_at = decided_at
        return app.id
