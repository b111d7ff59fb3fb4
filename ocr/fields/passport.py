"""Passport data page: everything from the MRZ, check digits verified; printed dates as fallback."""

from __future__ import annotations

import re

from matching.normalize import normalize
from ocr import layout, mrz, parse
from ocr.fields.common import Ctx, date_value
from ocr.layout import Found
from ocr.models import CardFields, FieldValue, TextLine


def _mrz_like(line: TextLine) -> bool:
    """A line across the lower page made mostly of MRZ characters, however garbled (<< read as >>)."""
    compact = normalize(line.text).replace(" ", "")
    mrz_chars = sum(ch.isalnum() or ch in "<>«‹く" for ch in compact)
    wide = line.box[2] - line.box[0] >= 0.6 and line.cy > 0.5
    return wide and len(compact) >= 8 and mrz_chars >= 0.8 * len(compact)


def _reread_mrz(ctx: Ctx) -> tuple[list[str], tuple[str, str] | None]:
    """Re-read the MRZ-looking lines from their crops, the line classifier left out.

    The full-card read runs a 0/180 classifier on every line; on the symmetrical MRZ it sometimes
    turns an upright line over and the recogniser reads `>>>>…IHN9Nd`. The crop read as it lies does not.
    """
    if ctx.reread is None:
        return [], None
    candidates = [ln for ln in ctx.lines if _mrz_like(ln)][-2:]
    if len(candidates) < 2:
        return [], None
    texts = [normalize(ctx.reread(ln.box).text) for ln in candidates]
    return texts, mrz.find_lines(texts)


def _printed_date(ctx: Ctx, label: str) -> Found | None:
    """The printed date on its label's line or on the line under it (18 APR 1955 under 生年月日).

    Never a piece to the right: on a page read sideways the row neighbour is another field's date.
    """
    hit = layout.find(ctx.lines, label)
    if hit is None:
        return None
    line, _ = hit
    for candidate in (line, *layout.below(ctx.lines, line, max_gap=0.06)[:1]):
        text = normalize(candidate.text)
        if parse.parse_day(text) is not None:
            return Found(text, candidate.confidence, candidate.box, (candidate,))
    return None


def front(ctx: Ctx) -> CardFields:
    texts = ctx.texts()
    lines = mrz.find_lines(texts)
    if lines is None:
        reread, lines = _reread_mrz(ctx)
        texts = texts + reread
    if lines is None:
        number = next((m.group() for t in texts if (m := re.search(r"\b[A-Z]{2}\d{7}\b", t.upper()))), None)
        return CardFields(
            number=FieldValue(number, 0.6, number) if number else None,
            birthdate=date_value(_printed_date(ctx, r"(?i)date of birth|生年月日"), ctx=ctx),
            expiry=date_value(_printed_date(ctx, r"(?i)date of expiry|有効期間[満满]了日"), ctx=ctx),
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
