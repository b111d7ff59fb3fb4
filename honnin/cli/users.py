"""`honnin users add|list|unlock`: reviewer accounts (argon2-hashed passwords, roles)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

users_app = typer.Typer(help="Reviewer accounts.", no_args_is_help=True)
MIN_PASSWORD = 12


def _factory():
    from honnin.config import get_settings
    from honnin.db.engine import make_engine, session_factory, upgrade

    engine = make_engine(get_settings().resolved_database_url)
    upgrade(engine)
    return session_factory(engine)


@users_app.command("add")
def add(
    email: str,
    role: Annotated[str, typer.Option(help="reviewer, supervisor or admin.")] = "reviewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
) -> None:
    """Create a reviewer account; the password is prompted for (or read from stdin)."""
    from honnin.db import repositories as repo
    from honnin.db.engine import transaction
    from honnin.db.models import ROLES
    from review_ui.security import hash_password

    if role not in ROLES:
        raise typer.BadParameter(f"role must be one of {', '.join(ROLES)}")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        typer.echo(f"error: the password must have at least {MIN_PASSWORD} characters", err=True)
        raise typer.Exit(2)
    with transaction(_factory()) as s:
        if repo.user_by_email(s, email) is not None:
            typer.echo(f"error: {email} already exists", err=True)
            raise typer.Exit(1)
        repo.add_user(s, email, hash_password(password), role, datetime.now(UTC))
        repo.audit(s, datetime.now(UTC), "cli", "user.add", role=role)
    typer.echo(f"added {email.strip().lower()} ({role})")


@users_app.command("list")
def list_users() -> None:
    """List accounts with their role and lock state."""
    from sqlalchemy import select

    from honnin.db.engine import transaction
    from honnin.db.models import User

    with transaction(_factory()) as s:
        for u in s.scalars(select(User).order_by(User.email)):
            locked = " locked" if u.locked_until and u.locked_until > datetime.now(UTC) else ""
            typer.echo(f"{u.email}\t{u.role}{locked}")


@users_app.command("unlock")
def unlock(email: str) -> None:
    """Lift a lock-out after failed logins."""
    from honnin.db import repositories as repo
    from honnin.db.engine import transaction

    with transaction(_factory()) as s:
        user = repo.user_by_email(s, email)
        if user is None:
            typer.echo(f"error: no user {email}", err=True)
            raise typer.Exit(1)
        user.locked_until = None
        user.failed_logins = 0
    typer.echo(f"unlocked {email}")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
