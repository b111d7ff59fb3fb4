"""/docs: Swagger UI from local files (no CDN), every asset it references served, the CSP kept strict."""

from __future__ import annotations

import base64
import hashlib
import re


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_the_docs_page_loads_only_local_assets_and_each_is_served(site) -> None:
    page = site.client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    refs = _references(page.text)
    assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs), refs  # nothing off-site
    for ref in refs:
        asset = site.client.get(ref)
        assert asset.status_code == 200 and len(asset.content) > 100, ref
    js = next(r for r in refs if r.endswith(".js"))
    assert "SwaggerUIBundle" in site.client.get(js).text
    assert "/openapi.json" in page.text and site.client.get("/openapi.json").status_code == 200


def test_the_inline_start_up_script_is_allowed_by_its_hash_and_nothing_else_inline(site) -> None:
    page = site.client.get("/docs")
    csp = page.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", page.text, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "'unsafe-inline'" not in csp
    assert "validatorUrl" in scripts[0] and "null" in scripts[0]  # never calls the public validator


def test_only_the_assets_the_page_needs_are_served(site) -> None:
    assert site.client.get("/docs-assets/index.html").status_code == 404  # the bundle's demo page
    assert site.client.get("/docs-assets/..%2F..%2F__init__.py").status_code == 404
    assert site.client.get("/docs-assets/swagger-initializer.js").status_code == 404
    assert site.client.get("/redoc").status_code == 404


def test_the_api_key_is_declared_so_try_it_out_can_send_it(site) -> None:
    doc = site.client.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            assert op["security"] == [{"HTTPBearer": []}], (method, path)
