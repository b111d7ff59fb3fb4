"""運転免許証: front fields by label, with the specimen's boxes as fallback; back: 備考 address changes."""

from __future__ import annotations

from dataclasses import replace

from ocr import parse
from ocr.fields.common import (
    DATE_START,
    LABELS,
    Ctx,
    address_from,
    address_value,
    date_value,
    in_box,
    is_name_text,
    labelled,
    line_with,
    name_value,
    newest_address,
    reread_box,
)
from ocr.models import CardFields, FieldValue

# National Police Agency specimen, normalised (DOMAIN.md): only a fallback when labels are not read.
BOX_NAME = (0.15, 0.06, 0.55, 0.14)
BOX_BIRTH = (0.65, 0.07, 0.96, 0.13)
BOX_ADDRESS = (0.125, 0.215, 0.97, 0.28)
BOX_ISSUE = (0.15, 0.285, 0.61, 0.35)
BOX_EXPIRY = (0.04, 0.35, 0.62, 0.44)
BOX_NUMBER = (0.04, 0.68, 0.58, 0.745)


def front(ctx: Ctx) -> CardFields:
    name = (
        labelled(ctx, r"氏\s*名", stop=DATE_START, accept=is_name_text, join_right=True)
        or in_box(ctx, BOX_NAME, exclude=r"氏名")
        or reread_box(ctx, BOX_NAME, is_name_text)
    )
    birth = (
        line_with(ctx, DATE_START + r".*生")
        or labelled(ctx, r"生年月日")
        or in_box(ctx, BOX_BIRTH)
        or reread_box(ctx, BOX_BIRTH, lambda t: parse.parse_day(t) is not None)
    )
    address = address_from(ctx, r"住\s*所") or in_box(ctx, BOX_ADDRESS)
    if address is not None:
        address = replace(address, text=parse.clean_address([address.text]))
    issue = labelled(ctx, r"交\s*付", accept=lambda v: parse.parse_day(v) is not None) or in_box(
        ctx, BOX_ISSUE
    )
    expiry = line_with(ctx, r"まで有効|有効期限") or in_box(ctx, BOX_EXPIRY)
    # 第…号 with digits first: an address may hold 第二松本荘…号室.
    number_src = (
        line_with(ctx, r"第\s*[0-9OoIl| ]{10,}\s*号") or line_with(ctx, r"番号") or in_box(ctx, BOX_NUMBER)
    )
    number = None
    if number_src is not None:
        digits = parse.licence_number(number_src.text)
        if digits is None and ctx.reread is not None:
            again = ctx.reread(number_src.box)
            digits = parse.licence_number(again.text)
        if digits:
            number = FieldValue(digits, round(number_src.confidence, 3), number_src.text)
    extra = {}
    conditions = labelled(ctx, r"免許の条件等|条件等", stop=LABELS)
    if conditions is not None:
        extra["conditions"] = FieldValue(conditions.text, conditions.confidence, conditions.text)
    return CardFields(
        name=name_value(ctx, name, max_width=0.40),
        birthdate=date_value(birth, ctx=ctx),
        address=address_value(ctx, address, max_width=0.86),
        issue_date=date_value(issue, ctx=ctx),
        expiry=date_value(expiry, parser=parse.parse_licence_expiry, ctx=ctx),
        number=number,
        extra=extra,
    )


def back(ctx: Ctx) -> CardFields:
    """The newest address written in 備考 replaces the front's address."""
    return CardFields(address=newest_address(ctx))
