"""OCR test fixtures: each real engine loaded once per session."""

from __future__ import annotations

import pytest

from ocr.engines import ENGINES, Engine, get_engine


@pytest.fixture(scope="session")
def rapid() -> Engine:
    return get_engine("rapidocr")


@pytest.fixture(scope="session", params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest) -> Engine:
    return get_engine(request.param)
