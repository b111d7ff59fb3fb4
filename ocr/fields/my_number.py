"""マイナンバーカード: front fields by label; the back yields name and birth date only, never the number."""

from __future__ import annotations

from ocr.fields.common import (
    DATE_START,
    Ctx,
    address_from,
    address_value,
    date_value,
    is_name_text,
    labelled,
    line_with,
    name_value,
)
from ocr.models import CardFields, FieldValue


def front(ctx: Ctx) -> CardFields:
    name = labelled(
        ctx, r"氏\s*名", stop=DATE_START + r"|性[別别]|住\s*所", accept=is_name_text, join_right=True
    )
    address = address_from(ctx, r"住\s*所", max_width=0.58)
    birth = line_with(ctx, DATE_START + r".*生") or labelled(ctx, r"生年月日")
    expiry = line_with(ctx, r"まで有効|有効期限")
    extra = {}
    sex = labelled(ctx, r"性\s*[別别]", stop=r"\s|" + DATE_START)
    if sex is not None and sex.text[:1] in "男女":
        extra["sex"] = FieldValue(sex.text[:1], sex.confidence, sex.text[:1])
    return CardFields(
        name=name_value(ctx, name, max_width=0.50),
        address=address_value(ctx, address, max_width=0.58),
        birthdate=date_value(birth, ctx=ctx),
        expiry=date_value(expiry, ctx=ctx),
        extra=extra,
    )


def back(ctx: Ctx) -> CardFields:
    # The back shows the 個人番号: `number` stays empty on purpose, whatever is read.
    name = labelled(ctx, r"氏\s*名", stop=DATE_START, accept=is_name_text, join_right=True)
    birth = line_with(ctx, DATE_START + r".*生") or labelled(ctx, r"生年月日")
    return CardFields(name=name_value(ctx, name), birthdate=date_value(birth, ctx=ctx))
