"""The API's Swagger UI page at /docs, served from the files the swagger-ui-bundle package ships (no CDN).

Public, like /openapi.json it renders: it documents the three service routes and reveals nothing that
document does not (applicant and reviewer routes are left out of the schema). Its readers are the
signup system's developers, who hold API keys, not staff logins; "Try it out" needs a key like curl does.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

ASSETS_PREFIX = "/docs-assets"
# Only what the page loads; the bundle's own index.html (which points at a demo API) is not served.
_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _assets_dir() -> Path:
    import swagger_ui_bundle  # imported on first use: `import review_ui` stays light

    return Path(swagger_ui_bundle.swagger_ui_path)


def make_router(openapi_url: str, title: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{title} API",
            swagger_js_url=f"{ASSETS_PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_PREFIX}/favicon-32x32.png",
            # No call to the public validator service: this deployment is offline.
            swagger_ui_parameters={"validatorUrl": None},
        )
        # The site's policy allows no inline script; this page's one start-up script is allowed by its hash.
        hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                          for s in _INLINE_SCRIPT.findall(page.body.decode()))
        page.headers["Content-Security-Policy"] = (
            f"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' {hashes}; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        return page

    @router.get(ASSETS_PREFIX + "/{name}")
    def asset(name: str) -> FileResponse:
        if name not in _ASSETS:
            raise HTTPException(404, "not found")
        return FileResponse(_assets_dir() / name, media_type=_ASSETS[name],
                            headers={"Cache-Control": "public, max-age=86400"})

    return router
