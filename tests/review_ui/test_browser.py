"""Browser tests: Debian's chromium drives a real `honnin serve` on a loopback port.

Screenshots go to test-artifacts/ (gitignored) so a person can look at what the pages show.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from honnin import applications as svc
from honnin.config import Settings
from honnin.db import repositories as repo
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from honnin.store import open_store
from intake.reasons import Reason
from tests.db.fixtures import REGISTRATION, recorded
from tests.review_ui.conftest import PASSWORD, password_hash
from tests.review_ui.photos import tiny_jpeg

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.settings = Settings(env="test", data_dir=tmp / "var", workers=1, public_base_url=self.base)
        self.engine = make_engine(self.settings.resolved_database_url)
        upgrade(self.engine)
        self.factory = session_factory(self.engine)
        self.store = open_store(self.settings)
        now = datetime.now(UTC)
        with transaction(self.factory) as s:
            self.api_key = repo.create_api_key(s, "signup", now)
            for email, role in (("rev@example.com", "reviewer"), ("sup@example.com", "supervisor")):
                repo.add_user(s, email, password_hash(), role, now)
        env = {**os.environ, "HONNIN_DATA_DIR": str(self.settings.data_dir), "HONNIN_WORKERS": "1",
               "HONNIN_PUBLIC_BASE_URL": self.base, "HONNIN_ENV": "test"}
        env.pop("HONNIN_DATABASE_URL", None)
        self.log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([str(Path(sys.executable).parent / "honnin"), "serve", "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/login", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("honnin serve did not start; see server.log")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        self.engine.dispose()

    def new_application(self, external_id: str) -> str:
        r = httpx.post(self.base + "/api/applications", headers={"Authorization": f"Bearer {self.api_key}"},
                       json={**REGISTRATION.model_dump(), "external_id": external_id})
        r.raise_for_status()
        return r.json()["upload_url"]

    def review_case(self, external_id: str, *codes: Reason) -> str:
        """A case waiting for review, its verification recorded directly (no OCR needed here)."""
        now = datetime.now(UTC)
        with transaction(self.factory) as s:
            created = svc.create_application(s, REGISTRATION, external_id, now)
            app = svc.get(s, created.id)
            svc.add_document(s, self.store, app, "front", b"raw", now, "applicant")
            v = svc.submit(s, app, now, "applicant")
            svc.claim_verification(s, v.id, now)
            svc.record_result(s, self.store, v, recorded("needs_review", *codes), now, "recorded", date.today())
        return str(created.id)

    def status(self, case_id: str) -> str:
        with transaction(self.factory) as s:
            return svc.get(s, uuid.UUID(case_id)).status


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Server:
    srv = Server(tmp_path_factory.mktemp("browser"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def licence_photo(tmp_path_factory) -> Path:
    """A real sample: a legible driving licence photo from the sample generator."""
    from samples.generate import generate_cases

    out = tmp_path_factory.mktemp("samples")
    generate_cases(1, 7, out)
    case = json.loads((out / "cases.jsonl").read_text().splitlines()[0])
    return out / case["images"]["front"]


def _login(page, server: Server, email: str) -> None:
    page.goto(server.base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.base + "/review")


def test_applicant_uploads_on_a_phone_and_follows_the_status(server, browser, licence_photo, tmp_path) -> None:
    link = server.new_application("browser-applicant")
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(link)
    assert page.locator("#status-title").inner_text() == "書類をアップロードしてください"
    page.screenshot(path=str(ARTIFACTS / "applicant_1_start.png"), full_page=True)

    bad = tmp_path / "bad.jpg"
    bad.write_bytes(tiny_jpeg())
    page.set_input_files('input[name="back"]', str(bad))
    page.wait_for_selector('[data-state-for="back"].bad')
    assert page.locator('[data-reasons-for="back"] li').count() >= 1
    page.screenshot(path=str(ARTIFACTS / "applicant_2_retake.png"), full_page=True)

    page.set_input_files('input[name="front"]', str(licence_photo))
    page.wait_for_selector('[data-state-for="front"].ok', timeout=30_000)
    assert page.locator("#submit").is_enabled()
    page.screenshot(path=str(ARTIFACTS / "applicant_3_accepted.png"), full_page=True)

    page.click("#submit")
    page.wait_for_selector("#status.status-processing")
    page.screenshot(path=str(ARTIFACTS / "applicant_4_processing.png"), full_page=True)
    # The page polls by itself; the worker pool verifies with the real pipeline.
    page.wait_for_selector("#status:not(.status-processing)", timeout=240_000)
    final = page.locator("#status").get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "applicant_5_result.png"), full_page=True)
    assert any(s in final for s in ("status-approved", "status-action_needed", "status-in_review"))
    page.click("a.lang")
    assert page.locator("h1").inner_text() == "Identity verification"
    page.close()


def test_reviewer_claims_and_decides_with_the_keyboard(server, browser) -> None:
    case = server.review_case("browser-review", Reason.EXPIRY_UNCERTAIN)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    _login(page, server, "rev@example.com")
    assert page.locator("table.queue").inner_text().count("browser-review") == 1
    page.screenshot(path=str(ARTIFACTS / "review_1_queue.png"), full_page=True)
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/cases/{case}")
    page.keyboard.press("c")
    page.wait_for_selector("#decide")
    page.screenshot(path=str(ARTIFACTS / "review_2_case_claimed.png"), full_page=True)
    page.fill("textarea[name=note]", "expiry checked by eye")
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("a")
    page.wait_for_url("**/review?decided=1")
    assert server.status(case) == "approved"
    page.close()


def test_four_eyes_needs_a_supervisors_second_approval(server, browser) -> None:
    case = server.review_case("browser-mismatch", Reason.NAME_MISMATCH)
    reviewer = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    _login(reviewer, server, "rev@example.com")
    reviewer.goto(f"{server.base}/review/cases/{case}")
    assert "second approval" in reviewer.locator(".warn").inner_text()
    reviewer.click("#claim")
    reviewer.click("button.approve")
    reviewer.wait_for_url("**/review?decided=1")
    assert server.status(case) == "awaiting_second_approval"

    supervisor = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    _login(supervisor, server, "sup@example.com")
    supervisor.goto(f"{server.base}/review?status=awaiting_second_approval")
    assert "browser-mismatch" in supervisor.locator("table.queue").inner_text()
    supervisor.click("text=browser-mismatch")
    supervisor.click("#claim")
    supervisor.screenshot(path=str(ARTIFACTS / "review_3_second_approval.png"), full_page=True)
    assert supervisor.locator("button.approve").inner_text().startswith("Second approval")
    supervisor.click("button.approve")
    supervisor.wait_for_url("**/review?decided=1")
    assert server.status(case) == "approved"
