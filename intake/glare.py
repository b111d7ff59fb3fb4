"""Glare: reflections that wipe out text, told apart from the white of the card itself."""

from __future__ import annotations

import cv2
import numpy as np

INK_CONTRAST = 40  # a pixel this much darker than its surroundings is print (a text stroke, a line)
MIN_INK_NEAR = 0.02  # share of ink pixels around a blob for it to count as lying over text
PAPER_SHARE = 0.4  # a saturated share above this is the card's own white paper (or over-exposure)
LOST_DISTANCE = 0.035  # of the card height, about half a text line: farther from any ink, text is gone


def glare_fraction(card_bgr: np.ndarray, value: int, max_saturation: int, min_size: float, inset: float) -> float:
    """Share of the card's text area where a reflection has wiped the print out.

    A reflection is a connected core of saturated, colourless pixels at least `min_size` of the card height
    across, brighter than the card's paper and covering well under half the card (so a white card that is
    merely bright is not glare), with print around it. Lost is the share of the reflection farther than
    about half a text line from any surviving stroke, beyond the share of such blank space around it: a
    soft sheen that text still shows through costs nothing, a blown-out patch over text costs its area.
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
    reach = max(5, round(0.08 * h))  # about one line of text
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    lost = 0.0
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_AREA] < min_area:
            continue
        x, y, bw, bh = stats[i, :4]
        x0, y0 = max(0, x - reach), max(0, y - reach)
        x1, y1 = min(w, x + bw + reach), min(h, y + bh + reach)
        hull = _hull(labels[y0:y1, x0:x1] == i)
        ring = (cv2.dilate(hull.astype(np.uint8), kernel) > 0) & ~hull & inner[y0:y1, x0:x1]
        ink_around = float(ink[y0:y1, x0:x1][ring].mean()) if ring.any() else 0.0
        if ink_around < MIN_INK_NEAR:
            continue  # a reflection on the blank margin or the portrait costs no text
        # Blank paper under a sheen is far from ink too; wiped-out text shows as more blank inside the
        # reflection than the print around it leaves.
        far = far_from_ink[y0:y1, x0:x1]
        lost += max(0.0, float(far[hull].mean()) - float(far[ring].mean())) * int(hull.sum())
    return lost / text_area


def _hull(blob: np.ndarray) -> np.ndarray:
    """The blob with its holes and bays filled: letters a sheen shows through make holes in it."""
    contours, _ = cv2.findContours(blob.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros(blob.shape, np.uint8)
    cv2.fillPoly(filled, [cv2.convexHull(np.concatenate(contours))], 1)
    return filled.astype(bool)
