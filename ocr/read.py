"""Read one rectified card: turn it upright, classify it, extract its fields, scrub any My Number."""

from __future__ import annotations

import dataclasses
import time

import cv2
import numpy as np

from intake.documents import DocumentType
from matching.normalize import normalize
from ocr import layout, mynumber
from ocr.classify import classify
from ocr.engines.base import Engine, reading_order
from ocr.fields import extract
from ocr.fields.common import Ctx
from ocr.models import Box, CardFields, FieldValue, OcrResult, TextLine

# Engines without a line-orientation classifier (Tesseract) get a second, turned read only when
# the first one looks like garbage.
_WEAK_MEAN_CONFIDENCE = 0.7


def _score(lines: list[TextLine]) -> float:
    return sum(ln.confidence * len(ln.text) for ln in lines)


def _turn_box(box: Box) -> Box:
    x0, y0, x1, y1 = box
    return (1 - x1, 1 - y1, 1 - x0, 1 - y0)


def _upright(card: np.ndarray, engine: Engine) -> tuple[np.ndarray, list[TextLine], bool]:
    """The card the right way up, its lines, and whether it already was."""
    lines = engine.read_lines(card)
    if lines and sum(ln.upside_down for ln in lines) > len(lines) / 2:
        turned = [dataclasses.replace(ln, box=_turn_box(ln.box), upside_down=False) for ln in lines]
        return cv2.rotate(card, cv2.ROTATE_180), reading_order(turned), False
    if getattr(engine, "classifies_orientation", False):
        return card, lines, True
    mean = sum(ln.confidence for ln in lines) / len(lines) if lines else 0.0
    if len(lines) >= 3 and mean >= _WEAK_MEAN_CONFIDENCE:
        return card, lines, True
    turned_card = cv2.rotate(card, cv2.ROTATE_180)
    turned_lines = engine.read_lines(turned_card)
    if _score(turned_lines) > _score(lines):
        return turned_card, turned_lines, False
    return card, lines, True


def make_rereader(card: np.ndarray, engine: Engine):  # noqa: ANN201 - returns common.Reread
    """A function re-reading one field's box from the card with per-field preprocessing."""
    h, w = card.shape[:2]

    def reread(box: Box) -> TextLine:
        x0, y0, x1, y1 = box
        pad_y = (y1 - y0) * 0.25
        crop = card[
            max(0, int((y0 - pad_y) * h)) : min(h, int((y1 + pad_y) * h) + 1),
            # Generous on the left: a box the detector cut short often lost its first glyph (昭|和元年).
            max(0, int((x0 - 0.03) * w)) : min(w, int((x1 + 0.01) * w) + 1),
        ]
        if crop.shape[0] < 6 or crop.shape[1] < 6:  # nothing an engine could read
            return TextLine("", box, 0.0)
        grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
        # Coloured bands (the licence's expiry band) and uneven light: local contrast, then upscale
        # small text to the recogniser's preferred height.
        grey = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(4, 4)).apply(grey)
        if grey.shape[0] < 64:
            f = 64 / grey.shape[0]
            grey = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
        line = engine.read_line(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))
        return TextLine(line.text, box, line.confidence)

    return reread


def _scrub_value(fv: FieldValue | None, scrub, keep_value: bool) -> FieldValue | None:  # noqa: ANN001
    if fv is None:
        return None
    return FieldValue(fv.value if keep_value else scrub(fv.value), fv.confidence, scrub(fv.raw))


def scrub_fields(fields: CardFields, visible: bool) -> CardFields:
    """Remove any My Number from every field; on a card that shows one drop `number` altogether."""
    scrub = mynumber.scrub_all if visible else mynumber.scrub_candidates
    dates = {"birthdate", "expiry", "issue_date"}  # ISO values made by the date parser hold no 12 digits
    changes = {
        name: _scrub_value(getattr(fields, name), scrub, keep_value=name in dates)
        for name in CardFields.names()
    }
    if visible:
        changes["number"] = None
    elif fields.number is not None and fields.number.value in normalize(scrub(fields.number.raw)):
        # A licence number read in its 第…号 context stays, even when it passes the My Number check.
        changes["number"] = fields.number
    extra = {k: v for k, v in ((k, _scrub_value(v, scrub, False)) for k, v in fields.extra.items()) if v}
    return CardFields(**changes, extra=extra)


def read_document(card_bgr: np.ndarray, engine: Engine, *, hint: DocumentType | None = None) -> OcrResult:
    """OCR a rectified card (or page) and return what it is, its fields and its scrubbed lines."""
    t0 = time.perf_counter()
    card, lines, upright = _upright(card_bgr, engine)
    turns = 0 if upright else 2
    h, w = card.shape[:2]
    if layout.vertical_text(lines, w, h):
        # A passport page or a landscape form photographed sideways: intake turns only ID-1 cards
        # by their aspect. Turn a quarter; _upright sorts out the remaining half turn.
        t_card, t_lines, t_upright = _upright(cv2.rotate(card, cv2.ROTATE_90_CLOCKWISE), engine)
        th, tw = t_card.shape[:2]
        if not layout.vertical_text(t_lines, tw, th) and _score(t_lines) >= 0.9 * _score(lines):
            card, lines, upright = t_card, t_lines, False
            turns = (turns + 1 + (0 if t_upright else 2)) % 4
    t1 = time.perf_counter()
    classification = classify(lines, card, hint=hint)
    t2 = time.perf_counter()
    ctx = Ctx(tuple(lines), make_rereader(card, engine))
    fields = extract(classification.type, classification.side, ctx)
    t3 = time.perf_counter()
    visible = classification.my_number_visible
    scrub = mynumber.scrub_all if visible else mynumber.scrub_candidates
    clean_lines = tuple(dataclasses.replace(ln, text=scrub(ln.text)) for ln in lines)
    return OcrResult(
        classification=classification,
        fields=scrub_fields(fields, visible),
        lines=clean_lines,
        upright=upright,
        engine=f"{engine.name} {engine.version}",
        quarter_turns=turns,
        timings_ms={
            "read_lines": round((t1 - t0) * 1000, 1),
            "classify": round((t2 - t1) * 1000, 1),
            "fields": round((t3 - t2) * 1000, 1),
            "total": round((time.perf_counter() - t0) * 1000, 1),
        },
    )
