"""A real `honnin serve` in a subprocess on a free loopback port, for browser and socket-level tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from honnin import applications as svc
from honnin.config import Settings
from honnin.db import repositories as repo
from honnin.db.engine import make_engine, session_factory, transaction, upgrade
from honnin.store import open_store
from intake.reasons import Reason
from tests.db.fixtures import REGISTRATION, recorded
from tests.review_ui.conftest import password_hash

# Small enough that the streaming-limit test sends little, large enough for real card photos.
MAX_UPLOAD_BYTES = 3 * 1024 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.settings = Settings(env="test", data_dir=tmp / "var", workers=1, public_base_url=self.base,
                                 max_upload_bytes=MAX_UPLOAD_BYTES)
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
               "HONNIN_PUBLIC_BASE_URL": self.base, "HONNIN_ENV": "test",
               "HONNIN_MAX_UPLOAD_BYTES": str(MAX_UPLOAD_BYTES)}
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

    def new_application(self, external_id: str, registration: dict | None = None) -> str:
        r = httpx.post(self.base + "/api/applications", headers={"Authorization": f"Bearer {self.api_key}"},
                       json={**(registration or REGISTRATION.model_dump()), "external_id": external_id})
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
