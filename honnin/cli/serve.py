"""`honnin serve`: the web app (applicant pages, reviewer UI, API) under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ) -> None:
        """Serve honnin; migrates the database first and runs verification in a local worker pool."""
        import uvicorn

        from honnin.config import get_settings
        from review_ui.app import create_app

        settings = get_settings()
        typer.echo(f"honnin serving on http://{host}:{port} (database: {settings.resolved_database_url.split('@')[-1]})")
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)
