"""Job-test fixtures: a fresh database per test (SQLite file, or a private PostgreSQL schema)."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from tests.jobs.seed import make_settings, open_resources


@pytest.fixture
def pg_schema_url(postgres_url):
    """A PostgreSQL URL whose connections live in a schema of their own (dropped afterwards), so
    parallel tests and subprocesses given the URL never see each other's rows."""
    schema = f"jobs_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'honnin.db'}"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def settings(tmp_path, db_url):
    return make_settings(tmp_path / "data", db_url)


@pytest.fixture
def res(settings):
    return open_resources(settings)
