"""Helpers every document family uses: labelled values, dates, addresses, re-reads and confidences."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from matching.normalize import normalize
from ocr import layout, parse
from ocr.layout import Found
from ocr.models import Box, FieldValue, TextLine

Reread = Callable[[Box], TextLine]

# A field value ends where the next label or a date starts (Tesseract merges whole rows).
DATE_START = r"(?:明治|大正|昭和|平成|令和|[MTSHR]\s?\d{1,2}[./]|\d{4}\s*年|\d{4}[./-]\d|生年月日)"
# 性别: PP-OCR prints the simplified 别 for 別.
LABELS = r"(?:氏\s*名|生年月日|住\s*所|住居地|交付|有効|番号|性[別别]|国籍|条件|在留|免許|本籍|世帯主|続柄)"
# Labels of paper documents and insurance cards that may sit under an address line (the employer's
# 事業所名称 under a 保険証's address).
OTHER_LABELS = (
    r"(?:使用量|使用期間|期間|料金|様$|請求|領収|世帯主|電話|TEL|契約|番号|事業所|名称|保険者|記号|勤務先)"
)
ADDRESS_LIKE = re.compile(r"(?:都|道|府|県).{1,10}?(?:市|区|町|村|郡)|(?:市|区|町|村).*\d|丁目|番地")
# Below this the field is re-read from its crop with per-field preprocessing.
REREAD_BELOW = 0.85


@dataclass(frozen=True)
class Ctx:
    """What a family extractor works from: the lines in reading order and a crop re-reader."""

    lines: tuple[TextLine, ...]
    reread: Reread | None = None

    def texts(self) -> list[str]:
        return [normalize(ln.text) for ln in self.lines]


def text_field(found: Found | None, value: str | None = None, factor: float = 1.0) -> FieldValue | None:
    if found is None:
        return None
    value = found.text if value is None else value
    if not value:
        return None
    return FieldValue(value, round(found.confidence * factor, 3), found.text)


def date_value(
    found: Found | None,
    *,
    parser: Callable[[str], tuple[date, bool] | None] = parse.parse_day,
    ctx: Ctx | None = None,
) -> FieldValue | None:
    """Parse a date from `found`; on failure or low confidence re-read its crop and try again."""
    if found is None:
        return None
    parsed = parser(found.text)
    if (parsed is None or found.confidence < REREAD_BELOW) and ctx is not None and ctx.reread is not None:
        again = ctx.reread(found.box)
        reparsed = parser(normalize(again.text))
        if reparsed is not None and (parsed is None or again.confidence > found.confidence):
            found, parsed = Found(normalize(again.text), again.confidence, found.box), reparsed
    if parsed is None:
        return None
    day, clean = parsed
    # A corrected misread or a disagreeing licence year lowers the confidence, never hides the value.
    return FieldValue(day.isoformat(), round(found.confidence * (1.0 if clean else 0.8), 3), found.text)


def labelled(
    ctx: Ctx,
    label: str,
    *,
    stop: str | None = None,
    accept: Callable[[str], bool] = bool,
    join_right: bool = False,
) -> Found | None:
    return layout.value_after_label(ctx.lines, label, stop=stop, accept=accept, join_right=join_right)


def line_with(ctx: Ctx, pattern: str) -> Found | None:
    """The first whole line matching `pattern`."""
    hit = layout.find(ctx.lines, pattern)
    if hit is None:
        return None
    line, _ = hit
    return Found(normalize(line.text), line.confidence, line.box, (line,))


def in_box(ctx: Ctx, box: Box, *, exclude: str | None = None) -> Found | None:
    """The text inside a layout prior box (the fallback when no label was read), lines joined."""
    lines = [
        ln for ln in layout.inside(ctx.lines, box) if not (exclude and re.search(exclude, normalize(ln.text)))
    ]
    if not lines:
        return None
    text = " ".join(normalize(ln.text) for ln in lines)
    conf = min(ln.confidence for ln in lines) * 0.9
    return Found(text, conf, box, tuple(lines))


def reread_text(ctx: Ctx, found: Found | None, clean: Callable[[str], str]) -> Found | None:
    """Re-read a weak field from its crop and keep whichever reading the engine trusts more."""
    if found is None or ctx.reread is None or found.confidence >= REREAD_BELOW:
        return found
    again = ctx.reread(found.box)
    text = clean(normalize(again.text))
    if text and again.confidence > found.confidence:
        return Found(text, again.confidence, found.box, found.lines)
    return found


def address_from(ctx: Ctx, label: str, *, stop: str = LABELS, max_width: float = 0.85) -> Found | None:
    """The address after `label`, joined with the continuation line below when it wrapped."""
    found = labelled(ctx, label, stop=stop, accept=lambda v: bool(re.search(r"[^\x00-\x7f]", v)))
    if found is None:
        return label_row_reread(ctx, label, max_width)
    if not found.lines:
        return found
    src = found.lines[0]
    parts = [found.text]
    conf = found.confidence
    box = list(found.box)
    # Where the value starts on its line (after the label when both share a line): a wrapped
    # continuation is indented to that column, the next field's label is not.
    src_text = normalize(src.text)
    at = max(0, src_text.find(found.text[:3]))
    value_x0 = src.box[0] + (src.box[2] - src.box[0]) * at / max(1, len(src_text))
    for nxt in layout.below(ctx.lines, src, max_gap=0.06):
        text = normalize(nxt.text)
        if re.search(LABELS + "|" + OTHER_LABELS, text) or parse.parse_day(text) is not None:
            break
        if nxt.box[0] < value_x0 - 0.03:
            break
        if any(
            re.search(LABELS + "|" + OTHER_LABELS, normalize(o.text))
            for o in ctx.lines
            if o is not nxt and layout.same_row(o, nxt) and o.box[2] <= nxt.box[0] + 0.01
        ):
            break  # the value of a label to its left (在留資格 留学), not a continuation
        if nxt.confidence < REREAD_BELOW and ctx.reread is not None:
            again = ctx.reread(nxt.box)
            if again.confidence > nxt.confidence:
                nxt = again
                text = normalize(again.text)
        parts.append(text)
        conf = min(conf, nxt.confidence)
        box = [min(box[0], nxt.box[0]), box[1], max(box[2], nxt.box[2]), nxt.box[3]]
        break  # addresses wrap onto at most one more line on ID-1 cards
    if len(parts) == 1:
        tail = _wrapped_suffix(ctx, src, found.text, value_x0)
        if tail is not None:
            parts.append(tail.text)
            conf = min(conf, tail.confidence)
            box = [box[0], box[1], box[2], tail.box[3]]
    return Found(parse.clean_address(parts), conf, (box[0], box[1], box[2], box[3]), found.lines, found.label)


# A 住居表示 address ends …番…号: one ending in 番 and a number has lost its 号, which on a
# narrow address field wraps alone onto the next line, where the detector may not see one glyph.
_ENDS_WITHOUT_GO = re.compile(r"\d番\d+$")


def _wrapped_suffix(ctx: Ctx, src: TextLine, text: str, value_x0: float) -> Found | None:
    """Re-read the start of the line under the address for the 号 (…番24 / 号) the detector missed."""
    if ctx.reread is None or not _ENDS_WITHOUT_GO.search(parse.clean_address([text])):
        return None
    h = src.box[3] - src.box[1]
    # One glyph's row under the value's first column, clear of the line above (the re-read pads).
    top = src.box[3] + 0.2 * h
    region = (max(0.0, value_x0 - 0.01), top, min(0.98, value_x0 + 0.12), min(1.0, top + 1.1 * h))
    again = ctx.reread(region)
    tail = normalize(again.text).replace(" ", "")
    m = re.match(r"号(?:室)?", tail)
    if m is None or again.confidence < 0.8:
        return None
    return Found(m.group(), again.confidence, region)


def dated_addresses(
    ctx: Ctx, *, exclude: str = r"公安委員会|区長|市長|町長|村長|記載者"
) -> list[tuple[date | None, Found]]:
    """Address entries written on a back side (備考, 住居地記載欄), each with the date beside it."""
    out: list[tuple[date | None, Found]] = []
    lines = list(ctx.lines)
    for i, line in enumerate(lines):
        text = normalize(line.text)
        if re.search(exclude, text) or not ADDRESS_LIKE.search(text):
            continue
        own = parse.parse_day(text)
        address_text = text
        if own is not None:
            address_text = re.sub(r"^.*?日", "", text, count=1)
        day = own[0] if own else None
        if day is None:  # the date is on the same row or on the line just above
            for other in layout.right_of(lines, line) + [
                ln for ln in lines if layout.same_row(ln, line) and ln is not line
            ]:
                found_day = parse.parse_day(normalize(other.text))
                if found_day:
                    day = found_day[0]
                    break
        if day is None and i > 0:
            prev = parse.parse_day(normalize(lines[i - 1].text))
            day = prev[0] if prev else None
        address = parse.clean_address([re.sub(r"^(住所|新住所|住居地)\s*[:：]?", "", address_text)])
        if address:
            out.append((day, Found(address, line.confidence, line.box, (line,))))
    return out or _addresses_beside_dates(ctx, exclude)


def _addresses_beside_dates(ctx: Ctx, exclude: str) -> list[tuple[date | None, Found]]:
    """Entries whose address the detector missed (small, letter-spaced print): re-read each dated row
    from the date's right edge to the next piece on the row (the seal column) or 80% across."""
    if ctx.reread is None:
        return []
    out: list[tuple[date | None, Found]] = []
    for line in ctx.lines:
        text = normalize(line.text)
        day = parse.parse_day(text)
        if day is None or len(re.sub(r"[\s\d年月日.\-/元令和平成昭大正明治]", "", text)) > 2:
            continue  # not a bare date (a label row, an address with a date in it)
        ends = [ln.box[0] for ln in ctx.lines if ln is not line and ln.box[0] > line.box[2]
                and layout.same_row(ln, line)]
        region = (line.box[2], line.box[1], min([0.8, *ends]), line.box[3])
        if region[2] - region[0] < 0.1:
            continue
        again = ctx.reread(region)
        # The date's box may end short of its last glyphs (…月26日 then the address).
        candidate = re.sub(r"^[\d\s年月]*日\s*", "", normalize(again.text))
        if re.search(exclude, candidate) or not ADDRESS_LIKE.search(candidate):
            continue
        address = parse.clean_address([candidate])
        if address:
            out.append((day[0], Found(address, again.confidence * 0.9, region)))
    return out


def newest_address(ctx: Ctx) -> FieldValue | None:
    """The newest dated address entry (undated entries count as older than dated ones, later lines newer)."""
    entries = dated_addresses(ctx)
    if not entries:
        return None
    ranked = sorted(enumerate(entries), key=lambda ie: (ie[1][0] or date.min, ie[0]))
    day, found = ranked[-1][1]
    return FieldValue(found.text, round(found.confidence * (1.0 if day else 0.7), 3), found.text)


def is_name_text(value: str) -> bool:
    """A name has letters (kanji, kana or Latin) and no digits."""
    return bool(re.search(r"[^\W\d_]", value)) and not re.search(r"\d", value)


def _row_end(ctx: Ctx, found: Found, max_width: float) -> float:
    """Where the value's row region ends: the next detected piece to its right, or `max_width` on."""
    ends = [
        ln.box[0]
        for ln in ctx.lines
        if ln not in found.lines and ln.box[0] >= found.box[2] - 0.01 and layout.same_row(ln, found.lines[0])
    ]
    return min([found.box[0] + max_width, 0.98, *ends])


def complete_name(ctx: Ctx, found: Found | None, max_width: float) -> Found | None:
    """Re-read the name's whole row region: the detector sometimes drops a piece (伊藤 | 雄一 unseen)."""
    if found is None or ctx.reread is None or not found.lines:
        return found
    x1 = _row_end(ctx, found, max_width)
    if x1 <= found.box[2] + 0.02:
        return found
    again = ctx.reread((found.box[0], found.box[1], x1, found.box[3]))
    have = parse.clean_name(found.text).replace(" ", "")
    text = parse.clean_name(normalize(again.text)).replace(" ", "")
    if again.confidence >= 0.8 and len(text) > len(have) and text.startswith(have) and is_name_text(text):
        # The piece the detector saw ends where the family name usually does: keep that split.
        return Found(
            f"{have}  {text[len(have) :]}", min(found.confidence, again.confidence), found.box, found.lines
        )
    return found


def label_row_reread(ctx: Ctx, label: str, max_width: float) -> Found | None:
    """The label was read but no value beside it: re-read the row to the label's right."""
    hit = layout.find(ctx.lines, label)
    if hit is None or ctx.reread is None:
        return None
    box = hit[0].box
    region = (box[2], box[1], min(0.98, box[2] + max_width), box[3])
    again = ctx.reread(region)
    text = parse.clean_address([normalize(again.text)])
    if not ADDRESS_LIKE.search(text):
        return None
    return Found(text, again.confidence * 0.9, region, (), box)


def reread_box(ctx: Ctx, box: Box, accept: Callable[[str], bool]) -> Found | None:
    """Read a layout prior box directly: the detector found nothing there."""
    if ctx.reread is None:
        return None
    again = ctx.reread(box)
    text = normalize(again.text)
    return Found(text, again.confidence * 0.8, box) if text and accept(text) else None


def complete_address(ctx: Ctx, found: Found | None, max_width: float = 0.85) -> Found | None:
    """Re-read the row right of the 住所 label when the value read is weak or not an address."""
    if found is None or ctx.reread is None or found.label is None:
        return found
    if found.confidence >= REREAD_BELOW and ADDRESS_LIKE.search(found.text):
        return found
    lx0, ly0, lx1, ly1 = found.label
    again = ctx.reread((lx1, ly0, min(0.98, lx1 + max_width), ly1))
    text = parse.clean_address([normalize(again.text)])
    if (
        ADDRESS_LIKE.search(text)
        and len(text) > len(found.text)
        and again.confidence >= found.confidence * 0.9
    ):
        return Found(
            text, again.confidence, (lx1, ly0, min(0.98, lx1 + max_width), ly1), found.lines, found.label
        )
    return found


def name_value(ctx: Ctx, found: Found | None, max_width: float = 0.45) -> FieldValue | None:
    found = complete_name(ctx, found, max_width)
    found = reread_text(ctx, found, parse.clean_name)
    if found is None:
        return None
    value = parse.clean_name(found.text)
    return FieldValue(value, round(found.confidence, 3), found.text) if value else None


def address_value(ctx: Ctx, found: Found | None, max_width: float = 0.85) -> FieldValue | None:
    found = complete_address(ctx, found, max_width)
    found = reread_text(ctx, found, lambda t: parse.clean_address([t]))
    if found is None:
        return None
    value = parse.clean_address([found.text])  # every path (prior box, re-read) gets the same clean-up
    return FieldValue(value, round(found.confidence, 3), found.text) if value else None
