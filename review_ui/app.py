"""Build the web app: applicant pages, the reviewer UI and the service API over one database."""

from __future__ import annotations

import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from honnin.config import Settings
from honnin.db.engine import make_engine, session_factory, upgrade
from honnin.store import open_store
from review_ui import api, api_docs, applicant, reviewer
from review_ui.web import HERE, Web

_CSP = ("default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def create_app(settings: Settings, *, start_queue: bool = True, queue_processes: bool = True) -> FastAPI:
    """One app per settings. Migrates the database to head, then starts the photo-check pool and (with
    `start_queue` and the local job backend) the verification worker pool; `queue_processes=False` runs
    both in threads (tests)."""
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    factory = session_factory(engine)
    store = open_store(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from honnin.queue import PhotoChecks

        # Photo checks run whatever the job backend: they are the applicant's feedback, not verification.
        checks = PhotoChecks(settings, use_processes=queue_processes)
        checks.start()
        app.state.web.checks = checks
        queue = None
        if start_queue and settings.job_backend == "local":
            from honnin.queue import LocalQueue

            queue = LocalQueue(settings, use_processes=queue_processes)
            queue.start()
            app.state.web.queue = queue
        try:
            yield
        finally:
            if queue is not None:
                queue.stop(wait=False)
            checks.stop(wait=True)  # at most one photo check per worker: half a second
            engine.dispose()

    # FastAPI's own Swagger and ReDoc pages load scripts from a CDN, which an offline deployment cannot
    # reach and our Content-Security-Policy forbids: /docs is served from local files instead (api_docs).
    app = FastAPI(title="honnin", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="本人確認: identity document verification for the signup system and reviewers.")
    app.state.web = Web(settings=settings, factory=factory, store=store, queue=None)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(api_docs.make_router(app.openapi_url, app.title))
    app.include_router(applicant.router)
    app.include_router(reviewer.router)
    if settings.billing_web:
        _mount_billing(app, factory)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        # The upload link carries its token in the path: never send it on as a Referer.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app


def _mount_billing(app: FastAPI, factory) -> None:
    """The billing pages, for staff only. The customer-facing pages have no login of their own: until
    the carrier's portal authenticates customers in front of them, only signed-in staff reach them.
    Cross-site POSTs are stopped twice: the session cookie is SameSite=Lax, and the Origin must be ours.
    The payment gateway is the in-process test gateway (no card network offline), hence opt-in."""
    from fastapi import Depends, HTTPException

    from billing import web as billing_web
    from billing.clock import SystemClock
    from billing.context import Context
    from billing.gateway import TestGateway
    from review_ui.security import require_reviewer

    def same_origin(request: Request) -> None:
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
                raise HTTPException(403, "cross-origin form post refused")

    gateway = TestGateway()
    router = billing_web.make_router(factory, lambda: Context(gateway, SystemClock()))
    app.include_router(router, dependencies=[Depends(require_reviewer), Depends(same_origin)])
