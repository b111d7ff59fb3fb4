"""The service API for the signup system: create applications, add documents, read status."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from honnin import applications as svc
from honnin.db import repositories as repo
from honnin.registration import Registration
from review_ui.intake_check import format_gate
from review_ui.uploads import file_bytes, read_form
from review_ui.web import Web, web

router = APIRouter(prefix="/api", tags=["api"])


class ApplicationCreate(Registration):
    external_id: str = Field(min_length=1, max_length=200)


class ApplicationCreated(BaseModel):
    id: uuid.UUID
    upload_url: str


class DocumentCreated(BaseModel):
    document_id: uuid.UUID
    verification_id: uuid.UUID | None = None


class ApplicationPublic(BaseModel):
    status: str
    decision: str | None
    reasons: list[dict[str, Any]]


# Declared as a security scheme so the OpenAPI document (and /docs's "Authorize") knows about the key.
_bearer = HTTPBearer(auto_error=False, description="An API key from `honnin apikeys create NAME`.")


def api_client(request: Request,
               credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None) -> int:
    """The API key's id; every API route needs `Authorization: Bearer <key>`."""
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "API key required", headers={"WWW-Authenticate": "Bearer"})
    w = web(request)
    with w.tx() as s:
        key = repo.api_key_by_secret(s, credentials.credentials.strip())
        if key is None:
            raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "Bearer"})
        return key.id


ClientId = Annotated[int, Depends(api_client)]
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


def _idempotent(w: Web, client: int, key: str | None, request_hash: str, create) -> JSONResponse:
    """Run `create(session)` once per (client, key); a retry gets the first answer back."""
    if key:
        with w.tx() as s:
            seen = repo.idempotent_response(s, client, key)
            if seen is not None:
                if seen.request_hash != request_hash:
                    raise HTTPException(422, "Idempotency-Key reused with a different request")
                return JSONResponse(seen.response, status_code=seen.status_code)
    try:
        with w.tx() as s:
            status, body = create(s)
            if key:
                repo.remember_response(s, client, key, request_hash, status, body, w.now())
    except (IntegrityError, HTTPException) as exc:
        if not key or (isinstance(exc, HTTPException) and exc.status_code != 409):
            raise
        # A concurrent retry with the same key may have won the race (seen here as a unique
        # violation or as "external_id exists"): answer as it did.
        with w.tx() as s:
            seen = repo.idempotent_response(s, client, key)
        if seen is None or seen.request_hash != request_hash:
            raise exc if isinstance(exc, HTTPException) else HTTPException(409, "conflicting request") from None
        return JSONResponse(seen.response, status_code=seen.status_code)
    return JSONResponse(body, status_code=status)


@router.post("/applications", status_code=201, response_model=ApplicationCreated)
def create_application(body: ApplicationCreate, request: Request, client: ClientId,
                       idempotency_key: IdemKey = None) -> JSONResponse:
    w = web(request)
    registration = Registration.model_validate(body.model_dump(exclude={"external_id"}))
    request_hash = hashlib.sha256(json.dumps(body.model_dump(), sort_keys=True).encode()).hexdigest()

    def create(s):
        try:
            created = svc.create_application(s, registration, body.external_id, w.now(), actor=f"api:{client}")
        except svc.ServiceError as exc:
            raise HTTPException(409, str(exc)) from None
        url = w.settings.public_base_url.rstrip("/") + f"/u/{created.upload_token}"
        return 201, {"id": str(created.id), "upload_url": url}

    return _idempotent(w, client, idempotency_key, request_hash, create)


@router.post("/applications/{application_id}/documents", status_code=201, response_model=DocumentCreated,
             responses={413: {"description": "upload too large"},
                        422: {"description": "not a complete JPEG within the limits (reasons)"}})
async def add_document(application_id: uuid.UUID, request: Request, client: ClientId,
                       idempotency_key: IdemKey = None) -> JSONResponse:
    """Multipart: `file` (JPEG), `side` (front|back|supplementary), optional `submit` (default true)."""
    w = web(request)
    form = await read_form(request, w.settings.max_upload_bytes)
    data = await file_bytes(form)
    side = str(form.get("side") or "front")
    do_submit = str(form.get("submit") or "true").lower() not in ("false", "0", "no")
    if data is None:
        raise HTTPException(422, "multipart field 'file' is required")
    if side not in svc.SIDES:
        raise HTTPException(422, "side must be front, back or supplementary")
    # Only the format gate runs here; legibility is judged by the verification (its reasons come back
    # from GET /api/applications/{id}), so the upload returns at once.
    feedback = format_gate(data, w.settings)
    if not feedback.usable:
        return JSONResponse({"detail": "unusable file", "reasons": feedback.reasons}, status_code=422)
    request_hash = hashlib.sha256(side.encode() + hashlib.sha256(data).digest()).hexdigest()

    def create(s):
        app = svc.get(s, application_id)
        if app is None:
            raise HTTPException(404, "application not found")
        try:
            doc = svc.add_document(s, w.store, app, side, data, w.now(), actor=f"api:{client}")
            v = svc.submit(s, app, w.now(), f"api:{client}") if do_submit and _has_front(s, app) else None
        except svc.ServiceError as exc:
            raise HTTPException(409, str(exc)) from None
        return 201, {"document_id": str(doc.id), "verification_id": str(v.id) if v else None}

    response = await run_in_threadpool(_idempotent, w, client, idempotency_key, request_hash, create)
    w.notify_queue()
    return response


def _has_front(s, app) -> bool:
    return "front" in svc.latest_documents(s, app.id)


@router.get("/applications/{application_id}", response_model=ApplicationPublic)
def get_application(application_id: uuid.UUID, request: Request, client: ClientId) -> ApplicationPublic:
    w = web(request)
    with w.tx() as s:
        app = svc.get(s, application_id)
        if app is None:
            raise HTTPException(404, "application not found")
        view = svc.status_view(s, app)
    return ApplicationPublic(status=view.status, decision=view.decision, reasons=view.reasons)
