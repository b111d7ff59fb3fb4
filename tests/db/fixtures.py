"""Database fixtures shared by the persistence, service and web tests: a fresh, migrated database per test."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from honnin.config import Settings
from honnin.db.engine import make_engine, session_factory, upgrade
from honnin.registration import Registration
from honnin.store import ImageStore
from intake.reasons import Reason, ReasonItem, reason


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLite in a temporary file, or a private schema on PostgreSQL (search_path in the URL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'honnin.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(base)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path) -> ImageStore:
    return ImageStore(tmp_path / "images", bytes(range(32)))


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(env="test", data_dir=tmp_path / "var", database_url=database_url, workers=1,
                    public_base_url="http://testserver", login_max_failures=3)


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


@dataclass(frozen=True)
class RecordedResult:
    """Replays a pipeline result (the VerificationResult attributes the service layer reads), like a
    recorded OCR output: lets the persistence tests cover every decision without running OCR."""

    decision: str
    reasons: tuple[ReasonItem, ...] = ()
    stored_images: dict[str, bytes | None] = field(default_factory=dict)
    rectified_images: dict[str, bytes | None] = field(default_factory=dict)
    document_number: str | None = None
    engine_version: str = "recorded"
    document_type: str = "drivers_license"

    def to_json(self) -> dict[str, Any]:
        return {"decision": self.decision, "reasons": [r.as_dict() for r in self.reasons],
                "document": {"type": self.document_type, "side": "front"},
                "fields": {"name": {"value": "山田 太郎", "confidence": 0.9}},
                "match": {"name": {"verdict": "match", "score": 1.0, "detail": ""}},
                "engine": {"name": "recorded", "version": self.engine_version}}


def _jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle((20, 20, width // 3, height - 20), outline=(60, 60, 60), width=4)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return buf.getvalue()


CLEAN_JPEG = _jpeg(800, 504, (225, 232, 226))
RECTIFIED_JPEG = _jpeg(856, 540, (236, 242, 238))


def recorded(decision: str, *codes: Reason, keep: bool = True) -> RecordedResult:
    images = {"front": CLEAN_JPEG if keep else None}
    rect = {"front": RECTIFIED_JPEG if keep else None}
    return RecordedResult(decision, tuple(reason(c, "name") for c in codes), images, rect,
                          document_number="AB1234")


REGISTRATION = Registration(name_kanji="山田 太郎", name_kana="ヤマダ タロウ", birthdate="1990-04-01",
                            address="東京都千代田区千代田1-1", contract_type="voice_sim")
