"""Passport data page: everything from the MRZ, check digits verified; printed dates as fallback."""

from __future__ import annotations

import re

from matching.normalize import normalize
from ocr import mrz
from ocr.fields.common import Ctx, date_value, line_with
from ocr.models import CardFields, FieldValue


def front(ctx: Ctx) -> CardFields:
    texts = ctx.texts()
    lines = mrz.find_lines(texts)
    if lines is None:
        number = next((m.group() for t in texts if (m := re.search(r"\b[A-Z]{2}\d{7}\b", t.upper()))), None)
        return CardFields(
            number=FieldValue(number, 0.6, number) if number else None,
            birthdate=date_value(line_with(ctx, r"(?i)date of birth|生年月日"), ctx=ctx),
            expiry=date_value(line_with(ctx, r"(?i)date of expiry|有効期間満了日"), ctx=ctx),
        )
    data = mrz.parse(*lines)
    conf = (
        min(ln.confidence for ln in ctx.lines if normalize(ln.text).upper().startswith(("P<", lines[1][:5])))
        if any(normalize(ln.text).upper().startswith("P<") for ln in ctx.lines)
        else 0.8
    )
    raw_name = f"{data.surname} {data.given_names}".strip()

    def checked(value: str | None, ok: bool) -> FieldValue | None:
        # A failed check digit means a misread: keep the value but say so through the confidence.
        return FieldValue(value, round(conf * (1.0 if ok else 0.5), 3), value) if value else None

    return CardFields(
        name_romaji=checked(raw_name, data.checks["composite"]),
        birthdate=checked(data.birthdate.isoformat() if data.birthdate else None, data.checks["birthdate"]),
        expiry=checked(data.expiry.isoformat() if data.expiry else None, data.checks["expiry"]),
        number=checked(data.number, data.checks["number"]),
        nationality=checked(data.nationality, data.checks["composite"]),
        extra={"mrz_valid": FieldValue(str(data.valid).lower(), conf, "")},
    )
