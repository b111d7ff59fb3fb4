"""The billing Alembic branch creates exactly the tables the models describe, and comes off cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import billing.models  # noqa: F401
from honnin.db.engine import _alembic_config, make_engine, upgrade
from honnin.db.models import Base


def billing_tables(engine) -> set[str]:
    return {t for t in inspect(engine).get_table_names() if t.startswith("billing_")}


def test_the_migration_matches_the_models(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "heads")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)

    def touches_billing(op) -> bool:
        text = repr(op)
        return "billing_" in text

    assert [op for op in diff if touches_billing(op)] == []
    assert billing_tables(engine) == {t.name for t in Base.metadata.sorted_tables if t.name.startswith("billing_")}
    engine.dispose()


def test_the_branch_downgrades_and_upgrades_again(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    upgrade(engine, "heads")
    command.downgrade(_alembic_config(engine), "billing@base")
    assert billing_tables(engine) == set()
    assert "applications" in inspect(engine).get_table_names()
    upgrade(engine, "heads")
    assert len(billing_tables(engine)) == 10
    engine.dispose()
