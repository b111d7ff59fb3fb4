"""What every route needs: settings, the session factory, the image store, the queue, templates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker

from honnin.config import Settings
from honnin.db.engine import transaction
from honnin.store import ImageStore

HERE = Path(__file__).resolve().parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))


@dataclass
class Web:
    settings: Settings
    factory: sessionmaker[Session]
    store: ImageStore
    queue: Any  # honnin.queue.LocalQueue or anything with notify()
    checks: Any = None  # honnin.queue.PhotoChecks or anything with submit(document_id)

    @contextmanager
    def tx(self) -> Iterator[Session]:
        with transaction(self.factory) as s:
            yield s

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def notify_queue(self) -> None:
        if self.queue is not None:
            self.queue.notify()

    def check_photo(self, document_id) -> None:
        """Start the photo check of a committed upload (no-op when the app runs without checks)."""
        if self.checks is not None:
            self.checks.submit(document_id)

    @property
    def secure_cookies(self) -> bool:
        return self.settings.public_base_url.startswith("https://")


def web(request: Request) -> Web:
    return request.app.state.web


def render(request: Request, name: str, status_code: int = 200, **context: Any):
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response
