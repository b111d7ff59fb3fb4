"""The applicant's pages behind the unguessable upload link /u/{token}: upload, status, correction.

The token in the path is the only credential (no cookie), so a cross-site form cannot ride on an
ambient session: CSRF does not apply here; Referrer-Policy: no-referrer keeps the link from leaking.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import ValidationError

from honnin import applications as svc
from honnin.registration import Registration
from review_ui.intake_check import format_gate
from review_ui.uploads import file_bytes, read_form
from review_ui.web import render, web

router = APIRouter(prefix="/u", include_in_schema=False)


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "ja"


def _app_or_404(s, token: str):
    app = svc.by_token(s, token)
    if app is None:
        raise HTTPException(404, "not found")
    return app


def _status_payload(s, app, now) -> dict[str, Any]:
    view = svc.status_view(s, app)
    docs = svc.latest_documents(s, app.id)
    return {
        "checks": svc.photo_checks(s, app, now),
        "status": view.status,
        "reasons": view.reasons,
        "message": view.message,
        "can_correct": view.can_correct,
        "accepting": svc.accepting_uploads(app),
        "sides": sorted(docs),
    }


@router.get("/{token}")
def page(token: str, request: Request):
    w = web(request)
    with w.tx() as s:
        app = _app_or_404(s, token)
        status = _status_payload(s, app, w.now())
        registration = svc.current_registration(s, app).data
    return render(request, "applicant.html", token=token, lang=_lang(request), state=status,
                  registration=registration)


@router.get("/{token}/status")
def status(token: str, request: Request) -> JSONResponse:
    w = web(request)
    with w.tx() as s:
        payload = _status_payload(s, _app_or_404(s, token), w.now())
    return JSONResponse(payload, headers={"Cache-Control": "no-store"})


@router.post("/{token}/documents")
async def upload(token: str, request: Request) -> JSONResponse:
    w = web(request)
    with w.tx() as s:  # refuse unknown links before reading a byte of the body
        _app_or_404(s, token)
    form = await read_form(request, w.settings.max_upload_bytes)
    data = await file_bytes(form)
    side = str(form.get("side") or "")
    if data is None or side not in svc.SIDES:
        raise HTTPException(422, "file and side (front, back, supplementary) are required")
    feedback = format_gate(data, w.settings)
    if not feedback.usable:
        # Not stored: not a JPEG (or broken, or too large); the reasons say how to send a photo.
        return JSONResponse({"accepted": False, "reasons": feedback.reasons}, status_code=422)

    def store():
        with w.tx() as s:
            app = _app_or_404(s, token)
            try:
                doc = svc.add_document(s, w.store, app, side, data, w.now(), actor="applicant",
                                       check=w.checks is not None)
            except svc.ServiceError as exc:
                raise HTTPException(409, str(exc)) from None
            return doc.id, _status_payload(s, app, w.now())

    doc_id, payload = await run_in_threadpool(store)
    # Legibility (card found, blur, exposure, glare) is checked after this answer; the page polls
    # /status for it ("checking" -> "ok" or "retake" with the reasons).
    w.check_photo(doc_id)
    return JSONResponse({"accepted": True, "checking": w.checks is not None, "document_id": str(doc_id),
                         "reasons": [], "state": payload}, status_code=202)


@router.post("/{token}/submit")
def submit(token: str, request: Request) -> JSONResponse:
    w = web(request)
    with w.tx() as s:
        app = _app_or_404(s, token)
        try:
            svc.submit(s, app, w.now(), actor="applicant")
        except svc.ServiceError as exc:
            raise HTTPException(409, {"code": exc.code, "message": str(exc)}) from None
        payload = _status_payload(s, app, w.now())
    w.notify_queue()
    return JSONResponse(payload)


@router.post("/{token}/registration")
def correct(token: str, request: Request, name_kanji: str = Form(""), name_kana: str = Form(""),
            name_romaji: str = Form(""), birthdate: str = Form(""), address: str = Form("")):
    w = web(request)
    lang = _lang(request)
    with w.tx() as s:
        app = _app_or_404(s, token)
        current = svc.current_registration(s, app).data
        try:
            registration = Registration(name_kanji=name_kanji, name_kana=name_kana or None,
                                        name_romaji=name_romaji or None, birthdate=birthdate,
                                        address=address, contract_type=current["contract_type"])
        except ValidationError:
            raise HTTPException(422, "invalid registration") from None
        try:
            svc.correct_registration(s, app, registration, w.now())
        except svc.ServiceError as exc:
            raise HTTPException(409, str(exc)) from None
    return RedirectResponse(f"/u/{token}?lang={lang}&corrected=1", status_code=303)
