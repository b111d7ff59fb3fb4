"""The one place configuration lives: a pydantic-settings class read from HONNIN_* variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob honnin has. Stage code never reads this: the wiring passes values in."""

    model_config = SettingsConfigDict(env_prefix="HONNIN_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    # Default: SQLite under data_dir. Production: postgresql+psycopg://...
    database_url: str | None = None

    # Intake limits (seed 002: JPEG only).
    max_upload_bytes: int = 10 * 1024 * 1024
    max_image_pixels: int = 60_000_000
    max_image_side: int = 12_000

    ocr_engine: str = "rapidocr"
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)

    # Accepted-document policy (see honnin/policy.py); None means the built-in default.
    policy_file: Path | None = None

    # Encrypted image store: a base64 AES-256 key, or a file holding one (created 0600 on first use).
    image_key: str | None = None
    image_key_file: Path | None = None
    image_retention_days: int = 30
    # Images of an application left waiting for the applicant go this many days after its last activity.
    abandoned_retention_days: int = 30
    record_retention_years: int = 3

    secret_key: str | None = None
    session_max_age_s: int = 8 * 3600
    claim_ttl_s: int = 30 * 60
    login_max_failures: int = 5
    public_base_url: str = "http://127.0.0.1:8000"

    job_backend: Literal["local", "celery"] = "local"
    celery_broker_url: str = "redis://127.0.0.1:6379/0"

    # The billing pages in the web app (staff only; they charge through the in-process test gateway).
    billing_web: bool = False

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    mail_from: str = "noreply@honnin.invalid"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'honnin.db').resolve()}"

    @property
    def resolved_image_key_file(self) -> Path:
        return self.image_key_file or (self.data_dir / "image.key")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Built on first use, never at import, so tests can set HONNIN_* before asking."""
    return Settings()
