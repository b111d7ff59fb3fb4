"""The billing pages in the web app: off unless configured, and then for signed-in staff only."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from honnin.db import repositories as repo
from review_ui.app import create_app
from tests.review_ui.conftest import PASSWORD, Site, password_hash


def test_billing_pages_are_not_served_unless_enabled(site: Site):
    assert site.client.get("/billing/admin", follow_redirects=False).status_code == 404


def test_enabled_billing_pages_need_a_staff_login_and_refuse_cross_site_posts(settings):
    settings = settings.model_copy(update={"billing_web": True})
    app = create_app(settings, start_queue=False, queue_processes=False)
    with TestClient(app, base_url="http://testserver") as client:
        for path in ("/billing/admin", "/billing/c/ANY"):
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 303
            assert response.headers["location"] == "/login"
        with app.state.web.tx() as s:
            repo.add_user(s, "staff@example.com", password_hash(), "reviewer", datetime.now(UTC))
        Site(client, app, "").login("staff@example.com", PASSWORD)
        assert client.get("/billing/admin").status_code == 200
        post = client.post("/billing/c/ANY/renew", data={}, headers={"Origin": "http://evil.example"},
                           follow_redirects=False)
        assert post.status_code == 403
