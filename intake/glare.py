"""Glare: reflections that wipe out text, told apart from the white of the card itself."""

from __future__ import annotations

import cv2
import numpy as np

INK_DROP = 60  # a pixel this much darker than the paper is print (text, lines)
MIN_INK_NEAR = 0.02  # share of ink pixels around a blob for it to count as lying over text
PAPER_SHARE = 0.4  # a saturated share above this is the card's own white paper (or over-exposure)
LOST_DISTANCE = 0.035  # of the card height, about half a text line: farther from any ink, text is gone


def glare_fraction(card_bgr: np.ndarray, value: int, max_saturation: int, min_size: float, inset: float) -> float:
    """Share of the card's text area where a reflection has wiped the print out.

    A reflection is a connected core of saturated, colourless pixels at least `min_size` of the card height
    across, brighter than the card's paper and covering well under half the card (so a white card that is
    merely bright is not glare), with print around it. Inside it, only what lies farther than about half a
    text line from any surviving ink counts as lost: a soft sheen that text still shows through costs nothing.
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
    ink = (grey < paper - INK_DROP).astype(np.uint8)
    far_from_ink = cv2.distanceTransform(1 - ink, cv2.DIST_L2, 3) > LOST_DISTANCE * h
    n, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    min_area = np.pi / 4 * (min_size * h) ** 2
    reach = max(5, round(0.08 * h))  # about one line of text
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    lost = 0
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_AREA] < min_area:
            continue
        x, y, bw, bh = stats[i, :4]
        x0, y0 = max(0, x - reach), max(0, y - reach)
        x1, y1 = min(w, x + bw + reach), min(h, y + bh + reach)
        blob = labels[y0:y1, x0:x1] == i
        ring = (cv2.dilate(blob.astype(np.uint8), kernel) > 0) & ~blob & inner[y0:y1, x0:x1]
        if not ring.any() or float(ink[y0:y1, x0:x1][ring].mean()) < MIN_INK_NEAR:
            continue  # a reflection on the blank margin or the portrait costs no text
        lost += int((blob & far_from_ink[y0:y1, x0:x1]).sum())
    return lost / text_area
