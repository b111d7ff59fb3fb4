"""Reviewer authentication: argon2 passwords, server-side sessions, CSRF tokens and lock-out."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request

from honnin.db import repositories as repo
from review_ui.web import Web, web

SESSION_COOKIE = "honnin_session"
LOGIN_CSRF_COOKIE = "honnin_login_csrf"
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both paths cost one argon2 check (no user probing).
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class Reviewer:
    id: int
    email: str
    role: str
    csrf: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in ("supervisor", "admin")


class LoginRefused(Exception):
    def __init__(self, locked: bool) -> None:
        super().__init__("locked" if locked else "invalid")
        self.locked = locked


def authenticate(w: Web, email: str, password: str, now: datetime) -> str:
    """Check the password and open a fresh session; returns the new session token."""
    with w.tx() as s:
        user = repo.user_by_email(s, email)
        if user is None or not user.active:
            _verify(_DUMMY_HASH, password)
            raise LoginRefused(locked=False)
        if user.locked_until and user.locked_until > now:
            raise LoginRefused(locked=True)
        if not _verify(user.password_hash, password):
            user.failed_logins += 1
            if user.failed_logins >= w.settings.login_max_failures:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
                repo.audit(s, now, f"user:{user.id}", "login.locked")
            else:
                repo.audit(s, now, f"user:{user.id}", "login.failed")
            refused = LoginRefused(locked=user.locked_until is not None and user.locked_until > now)
        else:
            refused = None
            user.failed_logins = 0
            user.locked_until = None
            token, _ = repo.create_session(s, user, now, w.settings.session_max_age_s)
            repo.audit(s, now, f"user:{user.id}", "login")
    if refused is not None:
        raise refused
    return token


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def current_reviewer(request: Request) -> Reviewer | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 100:
        return None
    w = web(request)
    with w.tx() as s:
        row = repo.session_by_token(s, token, w.now())
        if row is None:
            return None
        return Reviewer(row.user.id, row.user.email, row.user.role, row.csrf_token)


def require_reviewer(request: Request) -> Reviewer:
    reviewer = current_reviewer(request)
    if reviewer is None:
        raise HTTPException(303, headers={"Location": "/login"})
    return reviewer


def check_csrf(reviewer: Reviewer, submitted: str | None) -> None:
    if not submitted or not hmac.compare_digest(submitted, reviewer.csrf):
        raise HTTPException(403, "CSRF token missing or wrong")


def set_session_cookie(w: Web, response, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=w.settings.session_max_age_s, httponly=True,
                        samesite="lax", secure=w.secure_cookies, path="/")
