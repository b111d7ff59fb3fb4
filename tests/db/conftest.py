"""The shared database fixtures (tests/db/fixtures.py) for this directory."""

from tests.db.fixtures import database_url, factory, now, settings, store  # noqa: F401
