"""The `honnin` command: one Typer app; each sub-command lives in its own module here."""

from __future__ import annotations

import importlib
import importlib.util

import typer

app = typer.Typer(
    name="honnin",
    help="honnin (本人確認): offline intake and verification of Japanese identity documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app)`. Listed explicitly so the command set is readable in one place;
# heavy imports (OpenCV, OCR models) happen inside the commands, never at start-up.
_COMMAND_MODULES = (
    "samples",
    "match",
    "verify",
    "demo",
    "serve",
    "users",
    "apikeys",
    "batch",
    "jobs",
    "billing",
)


def _register() -> None:
    for name in _COMMAND_MODULES:
        module_name = f"{__name__}.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue  # a command whose module is not written yet
        importlib.import_module(module_name).register(app)


@app.callback()
def _root() -> None:
    """honnin (本人確認): offline intake and verification of Japanese identity documents."""


@app.command()
def version() -> None:
    """Print honnin's version."""
    from honnin import __version__

    typer.echo(__version__)


_register()


def main() -> None:
    app()
