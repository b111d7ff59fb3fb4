"""Shared test fixtures: paths, and the real servers that `make test` starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES_ENV = ROOT / "var" / "services.env"


def _services() -> dict[str, str]:
    values: dict[str, str] = {}
    if SERVICES_ENV.exists():
        for line in SERVICES_ENV.read_text().splitlines():
            key, _, value = line.partition("=")
            if key:
                values[key] = value
    values.update({k: v for k, v in os.environ.items() if k.startswith("HONNIN_TEST_")})
    return values


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = _services().get("HONNIN_TEST_POSTGRES_URL")
    if not url:
        pytest.fail("PostgreSQL is not running: start it with scripts/test-services start (make test does)")
    return url


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = _services().get("HONNIN_TEST_REDIS_URL")
    if not url:
        pytest.fail("redis-server is not running: start it with scripts/test-services start (make test does)")
    return url
