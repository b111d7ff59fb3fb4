"""Reviewer pages: login, the queue, the case page with claim and decide, images and metrics."""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from honnin import applications as svc
from honnin.db import models as m
from honnin.db import repositories as repo
from honnin.store import StoreError
from intake.documents import DocumentType
from intake.reasons import Reason
from review_ui.diff import FIELD_TO_REGISTRATION, highlight
from review_ui.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    LoginRefused,
    Reviewer,
    authenticate,
    check_csrf,
    require_reviewer,
    set_session_cookie,
)
from review_ui.web import render, web

router = APIRouter(include_in_schema=False)
ReviewerDep = Annotated[Reviewer, Depends(require_reviewer)]


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/review", status_code=303)


@router.get("/login")
def login_page(request: Request, error: str | None = None):
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", csrf=token, error=error)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=web(request).secure_cookies, max_age=3600)
    return response


@router.post("/login")
def login(request: Request, email: str = Form(""), password: str = Form(""), csrf_token: str = Form("")):
    w = web(request)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise HTTPException(403, "CSRF token missing or wrong")
    old = request.cookies.get(SESSION_COOKIE)
    try:
        token = authenticate(w, email, password, w.now())
    except LoginRefused as refused:
        return RedirectResponse(f"/login?error={'locked' if refused.locked else 'invalid'}", status_code=303)
    if old:  # never keep a session id that existed before login (fixation)
        with w.tx() as s:
            repo.delete_session(s, old)
    response = RedirectResponse("/review", status_code=303)
    set_session_cookie(w, response, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, reviewer: ReviewerDep, csrf_token: str = Form("")):
    check_csrf(reviewer, csrf_token)
    w = web(request)
    with w.tx() as s:
        repo.delete_session(s, request.cookies.get(SESSION_COOKIE, ""))
        repo.audit(s, w.now(), f"user:{reviewer.id}", "logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/review")
def queue(request: Request, reviewer: ReviewerDep,
          reason: Annotated[str | None, Query(max_length=40)] = None,
          document_type: Annotated[str | None, Query(max_length=40)] = None,
          min_age_h: Annotated[float | None, Query(ge=0, le=10_000)] = None,
          assignee: Annotated[str | None, Query(max_length=20)] = None,
          status: Annotated[str | None, Query(max_length=40)] = None,
          q: Annotated[str | None, Query(max_length=200)] = None,
          page: Annotated[int, Query(ge=1, le=10_000)] = 1):
    w = web(request)
    now = w.now()
    f = repo.QueueFilter(reason=reason or None, document_type=document_type or None, min_age_h=min_age_h,
                         assignee=assignee or None,
                         status=status if status in m.REVIEW_STATUSES else None,
                         external_id=(q or "").strip() or None)
    with w.tx() as s:
        cases, total = repo.review_queue(s, f, now, reviewer.id, limit=50, offset=(page - 1) * 50)
        repo.audit(s, now, f"user:{reviewer.id}", "queue.view", page=page,
                   filters={k: v for k, v in vars(f).items() if v is not None})
        claimants = {u.id: u.email for u in s.scalars(select(m.User))}
        rows = [{
            "id": str(a.id), "external_id": a.external_id, "status": a.status,
            "document_type": a.document_type or "",
            "reasons": list(dict.fromkeys(c for c in a.reason_codes.split(",") if c)),
            "age_h": (now - (a.queued_at or a.created_at)).total_seconds() / 3600,
            "assignee": claimants.get(a.claimed_by) if a.claim_expires_at and a.claim_expires_at > now else None,
        } for a in cases]
    return render(request, "queue.html", reviewer=reviewer, rows=rows, total=total, page=page, f=f,
                  reasons=[r.value for r in Reason], document_types=[d.value for d in DocumentType],
                  pages=(total + 49) // 50)


def _case_or_404(s, case_id: uuid.UUID) -> m.Application:
    app = svc.get(s, case_id)
    if app is None:
        raise HTTPException(404, "case not found")
    return app


@router.get("/review/cases/{case_id}")
def case_page(case_id: uuid.UUID, request: Request, reviewer: ReviewerDep, error: str | None = None):
    w = web(request)
    now = w.now()
    with w.tx() as s:
        app = _case_or_404(s, case_id)
        repo.audit(s, now, f"user:{reviewer.id}", "case.view", app.id)
        reg = svc.current_registration(s, app)
        v = svc.latest_verification(s, app.id, done_only=True)
        result = (v.result or {}) if v else {}
        docs = []
        if v is not None:
            for side, doc_id in (("front", v.front_id), ("back", v.back_id), ("supplementary", v.supplementary_id)):
                doc = s.get(m.Document, doc_id) if doc_id else None
                if doc is not None:
                    docs.append({"side": side, "id": str(doc.id), "rectified": bool(doc.rectified_name),
                                 "photo": bool(doc.image_name), "type": doc.document_type,
                                 "deleted": doc.deleted_at is not None})
        fields = []
        for name, value in (result.get("fields") or {}).items():
            ocr_value = (value or {}).get("value")
            reg_value = reg.data.get(FIELD_TO_REGISTRATION.get(name, ""), None)
            left, right = highlight(ocr_value, reg_value) if reg_value is not None else (ocr_value or "", "")
            fields.append({"name": name, "ocr": left, "registered": right,
                           "confidence": (value or {}).get("confidence"), "compared": reg_value is not None})
        reviews = [{"at": r.created_at, "who": r.reviewer.email, "action": r.action, "codes": r.reason_codes,
                    "message": r.message, "note": r.note}
                   for r in s.scalars(select(m.Review).where(m.Review.application_id == app.id).order_by(m.Review.id))]
        history = [{"at": h.created_at, "status": h.status, "decision": h.decision}
                   for h in s.scalars(select(m.Verification).where(m.Verification.application_id == app.id)
                                      .order_by(m.Verification.created_at))]
        versions = [{"version": r.version, "source": r.source, "at": r.created_at, "data": r.data}
                    for r in app.registrations]
        claimed_by_me = app.claimed_by == reviewer.id and app.claim_expires_at and app.claim_expires_at > now
        held_by = None
        if app.claimed_by and app.claim_expires_at and app.claim_expires_at > now and not claimed_by_me:
            held_by = app.claimant.email
        case = {"id": str(app.id), "external_id": app.external_id, "status": app.status,
                "created_at": app.created_at, "queued_at": app.queued_at,
                "four_eyes": svc.needs_four_eyes(s, app), "claimed_by_me": bool(claimed_by_me),
                "held_by": held_by, "claim_expires_at": app.claim_expires_at}
    return render(request, "case.html", reviewer=reviewer, case=case, registration=reg.data, result=result,
                  docs=docs, fields=fields, reviews=reviews, history=history, versions=versions,
                  resubmit_codes=[c.value for c in svc.RESUBMIT_CODES], error=error)


def _case_action(request: Request, case_id: uuid.UUID, reviewer: Reviewer, csrf_token: str, action) -> RedirectResponse:
    check_csrf(reviewer, csrf_token or request.headers.get("x-csrf-token"))
    w = web(request)
    error = None
    try:
        with w.tx() as s:
            app = _case_or_404(s, case_id)
            user = s.get(m.User, reviewer.id)
            action(s, app, user, w.now())
    except svc.ServiceError as exc:
        error = exc.code
    target = f"/review/cases/{case_id}" + (f"?error={error}" if error else "")
    return RedirectResponse(target, status_code=303)


@router.post("/review/cases/{case_id}/claim")
def claim(case_id: uuid.UUID, request: Request, reviewer: ReviewerDep, csrf_token: str = Form("")):
    ttl = web(request).settings.claim_ttl_s
    return _case_action(request, case_id, reviewer, csrf_token,
                        lambda s, app, user, now: svc.claim(s, app, user, now, ttl))


@router.post("/review/cases/{case_id}/release")
def release(case_id: uuid.UUID, request: Request, reviewer: ReviewerDep, csrf_token: str = Form("")):
    return _case_action(request, case_id, reviewer, csrf_token,
                        lambda s, app, user, now: svc.release(s, app, user, now))


@router.post("/review/cases/{case_id}/decide")
def decide(case_id: uuid.UUID, request: Request, reviewer: ReviewerDep, csrf_token: str = Form(""),
           action: str = Form(""), reason_codes: Annotated[list[str] | None, Form()] = None,
           message: str = Form("", max_length=2000), note: str = Form("", max_length=4000)):
    def act(s, app, user, now):
        svc.decide(s, app, user, action, now, reason_codes=reason_codes or [], message=message, note=note)

    response = _case_action(request, case_id, reviewer, csrf_token, act)
    if "error=" not in response.headers["location"]:
        response.headers["location"] = "/review?decided=1"
    return response


@router.get("/review/documents/{document_id}/{kind}")
def document_image(document_id: uuid.UUID, kind: str, request: Request, reviewer: ReviewerDep) -> Response:
    if kind not in ("rectified", "photo"):
        raise HTTPException(404, "not found")
    w = web(request)
    with w.tx() as s:
        doc = s.get(m.Document, document_id)
        name = None if doc is None else (doc.rectified_name if kind == "rectified" else doc.image_name)
        if name is None:
            raise HTTPException(404, "not found")
        repo.audit(s, w.now(), f"user:{reviewer.id}", "document.view", doc.application_id,
                   document_id=str(doc.id), kind=kind)
        try:
            data = w.store.get(str(doc.id), name)
        except StoreError:
            raise HTTPException(404, "not found") from None
    return Response(data, media_type="image/jpeg",
                    headers={"Cache-Control": "no-store", "Content-Disposition": "inline"})


@router.get("/review/metrics")
def metrics(request: Request, reviewer: ReviewerDep):
    w = web(request)
    with w.tx() as s:
        figures = repo.metrics(s, w.now())
        repo.audit(s, w.now(), f"user:{reviewer.id}", "metrics.view")
    return render(request, "metrics.html", reviewer=reviewer, m=figures)
