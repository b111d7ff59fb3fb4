"""Browser tests: Debian's chromium drives a real `honnin serve` on a loopback port.

Screenshots go to test-artifacts/ (gitignored) so a person can look at what the pages show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.reasons import Reason
from tests.review_ui.conftest import PASSWORD
from tests.review_ui.live import Server
from tests.review_ui.photos import sample_case, tiny_jpeg

# One server per run: keep these tests on one xdist worker (make test uses --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def licence_case(tmp_path_factory) -> tuple[dict, Path]:
    """A real sample: a legible driving licence photo and its registration."""
    case, folder = sample_case("drivers_license", tmp_path_factory.mktemp("samples"))
    return case, folder / case["images"]["front"]


def _login(page, server: Server, email: str) -> None:
    page.goto(server.base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.base + "/review")


def test_applicant_uploads_on_a_phone_and_follows_the_status(server, browser, licence_case, tmp_path) -> None:
    case, licence_photo = licence_case
    link = server.new_application("browser-applicant", case["registration"])
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(link)
    assert page.locator("#status-title").inner_text() == "書類をアップロードしてください"
    page.screenshot(path=str(ARTIFACTS / "applicant_1_start.png"), full_page=True)

    not_jpeg = tmp_path / "scan.jpg"
    not_jpeg.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 200)  # refused by the upload itself, at once
    page.set_input_files('input[name="supplementary"]', str(not_jpeg))
    page.wait_for_selector('[data-state-for="supplementary"].bad')
    assert "JPEG" in page.locator('[data-reasons-for="supplementary"]').inner_text()

    bad = tmp_path / "bad.jpg"
    bad.write_bytes(tiny_jpeg())  # a valid JPEG with no card: the photo check (polled) asks for a retake
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


def test_the_api_docs_page_renders_the_operations_offline(server, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    off_site: list[str] = []
    page.on("request", lambda req: off_site.append(req.url) if not req.url.startswith(server.base) else None)
    page.goto(server.base + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    page.screenshot(path=str(ARTIFACTS / "api_docs.png"), full_page=True)
    assert {p.replace("\u200b", "") for p in summaries} == {
        "/api/applications", "/api/applications/{application_id}/documents", "/api/applications/{application_id}"}
    assert blocked == [] and off_site == []
    page.close()
