"""在留カード: front fields (romaji name, number, Western dates, 住居地); back: 住居地記載欄 entries."""

from __future__ import annotations

import re

from matching.normalize import normalize
from ocr import parse
from ocr.fields.common import (
    LABELS,
    Ctx,
    address_from,
    address_value,
    date_value,
    in_box,
    labelled,
    line_with,
    newest_address,
)
from ocr.layout import Found
from ocr.models import CardFields, FieldValue

# Immigration Services Agency specimen, normalised (DOMAIN.md).
BOX_NUMBER = (0.70, 0.05, 0.98, 0.10)
BOX_NAME = (0.09, 0.13, 0.47, 0.18)
BOX_ADDRESS = (0.10, 0.37, 0.68, 0.42)
# 生年月日 / 性別 / 国籍 row: the birth date is its only date (a fallback when the label was misread).
BOX_BIRTH_ROW = (0.13, 0.23, 0.66, 0.29)


def _romaji_name(ctx: Ctx) -> Found | None:
    found = labelled(ctx, r"\bNAME\b|氏\s*名", stop=r"[^A-Za-z ,.'\-]", accept=parse.is_romaji)
    if found is not None:
        return found
    for line in ctx.lines:  # the first line of two or more capitalised words in the top third
        text = normalize(line.text)
        if line.box[1] < 0.35 and parse.is_romaji(text) and len(text.split()) >= 2 and "CARD" not in text:
            return Found(text, line.confidence, line.box, (line,))
    return in_box(ctx, BOX_NAME)


def front(ctx: Ctx) -> CardFields:
    number = None
    for line in sorted(ctx.lines, key=lambda ln: (ln.box[1] > 0.2, -ln.box[0])):
        digits = parse.residence_card_number(line.text)
        if digits:
            number = FieldValue(digits, round(line.confidence, 3), digits)
            break
    name = _romaji_name(ctx)
    birth = labelled(ctx, r"生年月日", accept=lambda v: parse.parse_day(v) is not None) or in_box(
        ctx, BOX_BIRTH_ROW, exclude=r"^[^0-9]*$"
    )
    nationality = labelled(ctx, r"国籍\s*[・･·]?\s*地域|国籍", stop=r"\s|" + LABELS)
    address = address_from(ctx, r"住居地(?!記載)", max_width=0.58) or in_box(ctx, BOX_ADDRESS)
    expiry = line_with(ctx, r"このカードは|まで有効")
    extra = {}
    status = labelled(ctx, r"在留資格", stop=r"\s|" + LABELS)
    if status is not None:
        extra["status"] = FieldValue(status.text, status.confidence, status.text)
    period_end = line_with(ctx, r"在留期間")
    if period_end is not None:
        value = date_value(period_end, ctx=ctx)
        if value is not None:
            extra["period_end"] = value
    name_value = None
    if name is not None:
        clean = " ".join(re.sub(r"[^A-Za-z ,\-]", " ", name.text).upper().replace(",", " ").split())
        name_value = FieldValue(clean, name.confidence, name.text) if clean else None
    return CardFields(
        name_romaji=name_value,
        number=number,
        birthdate=date_value(birth, ctx=ctx),
        nationality=FieldValue(nationality.text, nationality.confidence, nationality.text)
        if nationality
        else None,
        address=address_value(ctx, address, max_width=0.58),
        expiry=date_value(expiry, ctx=ctx),
        extra=extra,
    )


def back(ctx: Ctx) -> CardFields:
    return CardFields(address=newest_address(ctx))
