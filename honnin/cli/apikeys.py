"""`honnin apikeys create|revoke`: keys for the signup system; the key is printed once, stored hashed."""

from __future__ import annotations

from datetime import UTC, datetime

import typer

from honnin.cli.users import _factory

apikeys_app = typer.Typer(help="API keys for service clients.", no_args_is_help=True)


@apikeys_app.command("create")
def create(name: str) -> None:
    """Create a key and print it once (use it as `Authorization: Bearer <key>`)."""
    from sqlalchemy.exc import IntegrityError

    from honnin.db import repositories as repo
    from honnin.db.engine import transaction

    try:
        with transaction(_factory()) as s:
            key = repo.create_api_key(s, name, datetime.now(UTC))
            repo.audit(s, datetime.now(UTC), "cli", "apikey.create", name=name)
    except IntegrityError:
        typer.echo(f"error: a key named {name!r} exists", err=True)
        raise typer.Exit(1) from None
    typer.echo(key)


@apikeys_app.command("revoke")
def revoke(name: str) -> None:
    """Revoke a key by name."""
    from honnin.db import repositories as repo
    from honnin.db.engine import transaction

    with transaction(_factory()) as s:
        if not repo.revoke_api_key(s, name, datetime.now(UTC)):
            typer.echo(f"error: no key named {name!r}", err=True)
            raise typer.Exit(1)
        repo.audit(s, datetime.now(UTC), "cli", "apikey.revoke", name=name)
    typer.echo(f"revoked {name}")


def register(app: typer.Typer) -> None:
    app.add_typer(apikeys_app, name="apikeys")
