"""The jobs Alembic branch creates exactly the tables the models describe, and comes off cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import honnin.jobs.models  # noqa: F401
from honnin.db.engine import _alembic_config, make_engine, upgrade
from honnin.db.models import Base

JOB_TABLES = {"jobs", "job_items"}


def touches_jobs(op) -> bool:
    text = repr(op)
    return any(f"'{t}'" in text or f"<{t}>" in text for t in JOB_TABLES)


def test_the_migration_matches_the_models(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "heads")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [op for op in diff if touches_jobs(op)] == []
    assert set(inspect(engine).get_table_names()) >= JOB_TABLES
    engine.dispose()


def test_the_branch_downgrades_and_upgrades_again(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    upgrade(engine, "heads")
    command.downgrade(_alembic_config(engine), "jobs@base")
    assert not JOB_TABLES & set(inspect(engine).get_table_names())
    assert "applications" in inspect(engine).get_table_names()
    upgrade(engine, "heads")
    assert set(inspect(engine).get_table_names()) >= JOB_TABLES
    engine.dispose()
