"""Find printed labels among OCR lines and the value printed to their right or below them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matching.normalize import normalize
from ocr.models import Box, TextLine


@dataclass(frozen=True)
class Found:
    """Text taken for a field, where it came from, and how sure the engine was of it."""

    text: str
    confidence: float
    box: Box
    lines: tuple[TextLine, ...] = ()
    label: Box | None = None  # the label's box, when the value was found by its label


def _norm(line: TextLine) -> str:
    return normalize(line.text)


def find(lines: Sequence[TextLine], pattern: str | re.Pattern[str]) -> tuple[TextLine, re.Match[str]] | None:
    """The first line (reading order) whose normalised text matches `pattern`, with the match."""
    rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    for line in lines:
        m = rx.search(_norm(line))
        if m:
            return line, m
    return None


def find_all(lines: Sequence[TextLine], pattern: str) -> list[tuple[TextLine, re.Match[str]]]:
    rx = re.compile(pattern)
    return [(ln, m) for ln in lines if (m := rx.search(_norm(ln)))]


def same_row(a: TextLine, b: TextLine) -> bool:
    """Whether two lines share most of a row (their vertical extents overlap by half)."""
    overlap = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return overlap > 0.5 * min(a.height, b.height)


def right_of(lines: Sequence[TextLine], anchor: TextLine, max_gap: float = 0.5) -> list[TextLine]:
    """Lines on the anchor's row that start after it, nearest first, within `max_gap` of card width."""
    # Detected pieces of one row may overlap a little (荻野 0.13-0.26 | 勇気 0.25-0.37).
    row = [ln for ln in lines if ln is not anchor and same_row(anchor, ln) and ln.box[0] > anchor.cx]
    row.sort(key=lambda ln: ln.box[0])
    return [ln for ln in row if ln.box[0] - anchor.box[2] <= max_gap]


def below(lines: Sequence[TextLine], anchor: TextLine, max_gap: float = 0.08) -> list[TextLine]:
    """Lines starting just under the anchor and overlapping it horizontally, nearest first."""
    out = [
        ln
        for ln in lines
        if ln is not anchor
        and 0 <= ln.box[1] - anchor.box[3] + 0.01 <= max_gap
        and min(ln.box[2], anchor.box[2]) > max(ln.box[0], anchor.box[0]) - 0.02
    ]
    return sorted(out, key=lambda ln: ln.box[1])


def value_after_label(
    lines: Sequence[TextLine],
    label: str,
    *,
    stop: str | None = None,
    accept: Callable[[str], bool] = bool,
    join_right: bool = False,
) -> Found | None:
    """The value printed after `label`: the rest of its own line, else the next line to the right,
    else the line below. `stop` cuts the value where another field begins (Tesseract often reads a
    whole row, 氏名 日本花子 昭和61年…生, as one line). `accept` rejects candidates that cannot be
    the value (e.g. another label). `join_right` appends further pieces of the same row (a
    letter-spaced name detected as 齋藤 | 日菜子) with a double space, the family/given gap."""
    hit = find(lines, label)
    if hit is None:
        return None
    line, m = hit
    text = _norm(line)
    rest = text[m.end() :].strip(" :：")
    candidates: list[tuple[str, TextLine]] = []
    if rest:
        candidates.append((rest, line))
    candidates += [(_norm(ln), ln) for ln in right_of(lines, line)]
    candidates += [(_norm(ln), ln) for ln in below(lines, line)]
    for value, src in candidates:
        if stop:
            value = re.split(stop, value, maxsplit=1)[0].strip()
        if value and accept(value):
            found = Found(value, src.confidence, src.box, (src,), line.box)
            return _join_row(lines, found, stop) if join_right else found
    return None


def _join_row(lines: Sequence[TextLine], found: Found, stop: str | None) -> Found:
    src = found.lines[0]
    parts, conf, box = [found.text], found.confidence, list(found.box)
    for ln in right_of(lines, src, max_gap=0.06):
        text = _norm(ln)
        if stop and re.match(stop, text):
            break
        piece = re.split(stop, text, maxsplit=1)[0].strip() if stop else text
        if not piece:
            break
        parts.append(piece)
        conf = min(conf, ln.confidence)
        box = [box[0], min(box[1], ln.box[1]), ln.box[2], max(box[3], ln.box[3])]
        src = ln
        if piece != text:
            break
    return Found("  ".join(parts), conf, (box[0], box[1], box[2], box[3]), found.lines, found.label)


def inside(lines: Sequence[TextLine], box: Box, min_overlap: float = 0.5) -> list[TextLine]:
    """Lines whose area lies mostly inside `box` (a normalised layout prior), in reading order."""
    out = []
    for ln in lines:
        ix = max(0.0, min(ln.box[2], box[2]) - max(ln.box[0], box[0]))
        iy = max(0.0, min(ln.box[3], box[3]) - max(ln.box[1], box[1]))
        area = max(1e-6, (ln.box[2] - ln.box[0]) * (ln.box[3] - ln.box[1]))
        if ix * iy / area >= min_overlap:
            out.append(ln)
    return out


def vertical_text(lines: Sequence[TextLine], width: int, height: int, *, min_share: float = 0.5) -> bool:
    """Whether most of the text was read from boxes standing upright: the page lies sideways.

    Intake turns a card held sideways by its aspect, but a passport page (1.42) or a landscape form
    photographed sideways stays as it was shot; the detector then finds tall, narrow lines and the
    recogniser reads them turned. Counted in characters, lines of one or two glyphs left out.
    """
    tall = total = 0
    for ln in lines:
        n = len(normalize(ln.text).replace(" ", ""))
        if n < 3:
            continue
        w = (ln.box[2] - ln.box[0]) * width
        h = (ln.box[3] - ln.box[1]) * height
        total += n
        tall += n if h > 1.5 * w else 0
    return total > 0 and tall / total > min_share
