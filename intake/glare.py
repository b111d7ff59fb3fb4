"""Glare: reflections that wipe out text, told apart from the white of the card itself."""

from __future__ import annotations

import cv2
import numpy as np

INK_CONTRAST = 40  # a pixel this much darker than its surroundings is print (a text stroke, a line)
PAPER_SHARE = 0.6  # a saturated share above this is the card's own white paper (or over-exposure)
LOST_DISTANCE = 0.035  # of the card height, about half a text line: farther from any ink, text is gone


def glare_fraction(card_bgr: np.ndarray, value: int, max_saturation: int, min_size: float, inset: float) -> float:
    """Share of the card's text area where a reflection has wiped the print out.

    A reflection is a connected core of saturated, colourless pixels at least `min_size` of the card height
    across, brighter than the card's paper, together covering under PAPER_SHARE of the card (so a white
    card that is merely bright is not glare), and not running off two sides of it (a lighting gradient
    or over-exposure is not a spot). Lost is the part of the reflection farther than about half a text line
    from any surviving stroke, beyond the blank the same rows of the card leave outside it: a soft sheen
    that text still shows through costs nothing, a blown-out patch over text costs its area.
    """
    h, w = card_bgr.shape[:2]
    hsv = cv2.cvtColor(card_bgr, cv2.COLOR_BGR2HSV)
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    inner = np.zeros((h, w), bool)
    dy, dx = round(h * inset), round(w * inset)
    inner[dy : h - dy, dx : w - dx] = True
    core = ((val >= value) & (sat <= max_saturation) & inner).astype(np.uint8)
    core = cv2.morphologyEx(core, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    # Text strokes crossing a reflection split it; close them so one reflection is one blob.
    core = cv2.morphologyEx(core, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    text_area = float(inner.sum())
    if not core.any() or text_area == 0 or core.sum() > PAPER_SHARE * text_area:
        return 0.0
    grey = cv2.cvtColor(card_bgr, cv2.COLOR_BGR2GRAY)
    rest = grey[inner & (core == 0)]
    paper = float(np.percentile(rest, 75))
    if paper >= value - 5:
        return 0.0
    # Print is what is darker than its immediate surroundings: thin strokes, not coloured bands or the
    # portrait, and still found under a sheen that lifts everything.
    stroke = max(3, round(0.025 * h)) | 1
    pen = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (stroke, stroke))
    blackhat = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, pen)
    ink = (blackhat > INK_CONTRAST).astype(np.uint8)
    far_from_ink = cv2.distanceTransform(1 - ink, cv2.DIST_L2, 3) > LOST_DISTANCE * h
    n, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    min_area = np.pi / 4 * (min_size * h) ** 2
    blank_share = float(far_from_ink[inner].mean())
    inner_box = (dx, dy, w - dx, h - dy)
    lost = 0.0
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_AREA] < min_area:
            continue
        blob = labels == i
        if _sides_touched(stats[i, :4], inner_box) > 1:
            continue  # running off two sides of the card: a lighting gradient or over-exposure, not a spot
        hull = _filled(blob) & inner
        lost += _erased(hull, blob, inner, far_from_ink, blank_share)
    return lost / text_area


def _erased(hull: np.ndarray, blob: np.ndarray, inner: np.ndarray, far: np.ndarray, fallback: float) -> float:
    """Saturated pixels of the reflection blank beyond what the same text rows leave blank outside it.

    Text runs in rows across a card, so the rest of each row says how much blank to expect; a soft sheen
    the text shows through leaves the same blank as its row, a blown-out patch leaves more.
    """
    rows = np.nonzero(hull.any(axis=1))[0]
    hull_r, far_r, inner_r = hull[rows], far[rows], inner[rows]
    outside = inner_r & ~hull_r
    out_n = outside.sum(axis=1)
    out_blank = np.where(out_n >= 20, (far_r & outside).sum(axis=1) / np.maximum(out_n, 1), fallback)
    in_n = hull_r.sum(axis=1)
    in_blank = (far_r & blob[rows]).sum(axis=1)
    return float(np.clip(in_blank - in_n * out_blank, 0, None).sum())


def _filled(blob: np.ndarray) -> np.ndarray:
    """The blob with its holes filled: letters a sheen shows through make holes in it."""
    contours, _ = cv2.findContours(blob.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros(blob.shape, np.uint8)
    cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
    return filled.astype(bool)


def _sides_touched(box: np.ndarray, inner_box: tuple[int, int, int, int]) -> int:
    x, y, bw, bh = (int(v) for v in box)
    x0, y0, x1, y1 = inner_box
    return sum((x <= x0 + 1, y <= y0 + 1, x + bw >= x1 - 1, y + bh >= y1 - 1))
