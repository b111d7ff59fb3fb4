"""Character-level differences between what the card says and what was registered, as safe HTML."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

# OCR field name -> registration field it is compared with.
FIELD_TO_REGISTRATION = {"name": "name_kanji", "name_kana": "name_kana", "address": "address",
                         "birthdate": "birthdate"}


def highlight(ocr: str | None, registered: str | None) -> tuple[Markup, Markup]:
    """Both strings with the characters that differ wrapped in <mark>."""
    a, b = ocr or "", registered or ""
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(str(escape(a[i1:i2])))
            right.append(str(escape(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(f"<mark>{escape(a[i1:i2])}</mark>")
        if j2 > j1:
            right.append(f"<mark>{escape(b[j1:j2])}</mark>")
    return Markup("".join(left)), Markup("".join(right))
