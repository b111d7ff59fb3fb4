"""A web app per test on a fresh database (SQLite and PostgreSQL), with a service key and reviewers."""

# ruff: noqa: F811  (pytest fixtures imported from tests/db/fixtures.py are parameters here)
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from honnin.db import repositories as repo
from review_ui.app import create_app
from tests.db.fixtures import database_url, now, settings  # noqa: F401

PASSWORD = "correct horse battery staple"


@lru_cache(maxsize=1)
def password_hash() -> str:
    # Light argon2 parameters keep the many test logins fast; verification reads them from the hash.
    return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)


@dataclass
class Site:
    client: TestClient
    app: object
    api_key: str

    @property
    def web(self):
        return self.app.state.web

    def api(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def login(self, email: str, password: str = PASSWORD, client: TestClient | None = None):
        c = client or self.client
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return c.post("/login", data={"email": email, "password": password, "csrf_token": token},
                      follow_redirects=False)

    def checked(self, link: str, side: str = "front", timeout_s: float = 30.0) -> dict:
        """Poll the applicant's status like the page does until the photo check of `side` answered."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.client.get(link + "/status").json()
            check = state["checks"].get(side)
            if check is None or check["state"] != "checking" or time.monotonic() > deadline:
                return state
            time.sleep(0.05)

    def csrf(self, path: str = "/review", client: TestClient | None = None) -> str:
        page = (client or self.client).get(path)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.fixture
def site(settings) -> Iterator[Site]:
    # No verification pool; photo checks run in threads, so a test waits a moment for their answer.
    app = create_app(settings, start_queue=False, queue_processes=False)
    with app.state.web.tx() as s:
        key = repo.create_api_key(s, "signup", datetime.now(UTC))
        for email, role in (("rev@example.com", "reviewer"), ("rev2@example.com", "reviewer"),
                            ("sup@example.com", "supervisor")):
            repo.add_user(s, email, password_hash(), role, datetime.now(UTC))
    with TestClient(app, base_url="http://testserver") as client:
        yield Site(client, app, key)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `honnin serve` (tests/review_ui/live.py), one per test module."""
    from tests.review_ui.live import Server

    srv = Server(tmp_path_factory.mktemp("server"))
    yield srv
    srv.stop()
