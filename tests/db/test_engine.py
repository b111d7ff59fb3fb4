"""Migrations bring an empty database to the models' schema, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import inspect, text

from honnin.db.engine import current_revision, make_engine, upgrade
from honnin.db.models import Base


def test_upgrade_creates_every_table_and_is_idempotent(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op, as at every `honnin serve`
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "0001" in (current_revision(engine) or "")
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
