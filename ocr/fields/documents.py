"""Paper and other cards: 住民票, 健康保険証 and utility receipts, by label."""

from __future__ import annotations

import re
from datetime import date

from matching.normalize import normalize
from ocr import layout, parse
from ocr.fields.common import (
    DATE_START,
    LABELS,
    Ctx,
    address_from,
    address_value,
    date_value,
    is_name_text,
    labelled,
    line_with,
    name_value,
)
from ocr.layout import Found
from ocr.models import CardFields, FieldValue


def _latest_date(ctx: Ctx, *, skip: str | None = None) -> FieldValue | None:
    best: tuple[date, float, str] | None = None
    for line in ctx.lines:
        text = normalize(line.text)
        if skip and re.search(skip, text):
            continue
        found = parse.parse_day(text)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], line.confidence, text)
    return FieldValue(best[0].isoformat(), round(best[1] * 0.8, 3), best[2]) if best else None


def insurance(ctx: Ctx) -> CardFields:
    # The insurer's 記号・番号 must not be collected (健康保険法, 告知要求制限): no `number` here.
    name = labelled(ctx, r"氏\s*名", stop=DATE_START + r"|性[別别]", accept=is_name_text, join_right=True)
    birth = labelled(ctx, r"生年月日", accept=lambda v: parse.parse_day(v) is not None)
    return CardFields(
        name=name_value(ctx, name),
        birthdate=date_value(birth, ctx=ctx),
        address=address_value(ctx, address_from(ctx, r"住\s*所")),
        issue_date=date_value(
            labelled(ctx, r"交付年月日|交付", accept=lambda v: parse.parse_day(v) is not None), ctx=ctx
        ),
        expiry=date_value(line_with(ctx, r"有効期限|まで有効"), ctx=ctx),
    )


def certificate(ctx: Ctx) -> CardFields:
    """住民票の写し: the holder's row; the issue date is the certification date (the latest on it)."""
    name = labelled(ctx, r"氏\s*名", stop=DATE_START + r"|" + LABELS, accept=is_name_text, join_right=True)
    birth = labelled(ctx, r"生年月日", accept=lambda v: parse.parse_day(v) is not None)
    issue = line_with(ctx, r"証明|発行")
    issue_value = date_value(issue, ctx=ctx) if issue is not None else None
    return CardFields(
        name=name_value(ctx, name),
        birthdate=date_value(birth, ctx=ctx),
        address=address_value(ctx, address_from(ctx, r"住\s*所")),
        issue_date=issue_value or _latest_date(ctx, skip=r"生年月日|生$"),
    )


def receipt(ctx: Ctx) -> CardFields:
    """Utility receipt: the payer (…様), the supply address, the date paid."""
    name: Found | None = labelled(ctx, r"お客さま名|お名前|ご契約者|氏\s*名", stop=r"様|" + LABELS)
    if name is None:
        hit = line_with(ctx, r"様\s*$")
        if hit is not None:  # the family name may be a separate piece to the left (藤原 | 理恵様)
            row = [
                ln for ln in ctx.lines if layout.same_row(ln, hit.lines[0]) and ln.box[2] <= hit.box[0] + 0.01
            ]
            row.sort(key=lambda ln: ln.box[0])
            text = "  ".join([*(normalize(ln.text) for ln in row), hit.text])
            pieces = [*row, *hit.lines]
            # The box spans every piece: a weak read is re-read over the whole name, not 香織様 alone.
            box = (
                min(ln.box[0] for ln in pieces),
                min(ln.box[1] for ln in pieces),
                max(ln.box[2] for ln in pieces),
                max(ln.box[3] for ln in pieces),
            )
            conf = min(ln.confidence for ln in pieces)
            name = Found(re.sub(r"\s*様\s*$", "", text), conf, box, tuple(pieces))
    address = address_from(ctx, r"ご使用場所|使用場所|ご住所|住\s*所|供給場所")
    paid = labelled(
        ctx, r"領収日|領収年月日|お支払日|入金日", accept=lambda v: parse.parse_day(v) is not None
    )
    kind = next((k for k in ("電気", "ガス", "水道") if any(k in t for t in ctx.texts())), None)
    extra = {"utility": FieldValue(kind, 0.9, kind)} if kind else {}
    return CardFields(
        name=name_value(ctx, name),
        address=address_value(ctx, address),
        issue_date=date_value(paid, ctx=ctx) if paid else _latest_date(ctx),
        extra=extra,
    )
