"""The packages import one way: intake -> ocr -> matching -> decision, wiring and apps on top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> the honnin packages it must never import
FORBIDDEN = {
    "matching": {"intake", "ocr", "honnin", "review_ui", "billing", "samples"},
    "intake": {"ocr", "honnin", "review_ui", "billing", "samples"},
    "ocr": {"honnin", "review_ui", "billing", "samples"},
    "samples": {"honnin", "review_ui", "billing"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_packages_above_it(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
        if _imports(path) & FORBIDDEN[package]
    }
    assert offenders == {}
