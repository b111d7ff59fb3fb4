"""Find the document in a photo (the largest plausible convex quadrilateral) and straighten it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from intake.documents import ID1_ASPECT
from intake.geometry import order_corners, polygon_area, side_lengths, warp

WORK_SIDE = 1000  # detection runs on a copy this size; the warp uses the full-resolution photo
MIN_AREA_FRACTION = 0.02  # smaller quads are logos, photo boxes or noise, never the document
BORDER_FRACTION = 0.015  # a corner this close to the frame means the document runs out of the photo
FRAME_HUG = 0.03
CARD_ASPECT_TOLERANCE = 0.10
# A portrait quad this elongated is a card held sideways; A4 (1.414) and receipts stay as they are.
SIDEWAYS_CARD_ASPECT = (1.50, 1.85)
CARD_OUT_WIDTH = (1200, 1600)
PAPER_OUT_LONG_SIDE = (1200, 2400)
MAX_UPSCALE = 2.0
# Lab distance across a quad's weakest side: at FULL_CONTRAST a candidate counts with its whole area,
# below MIN_CONTRAST (for a quad of the minimum area) it is no document at all.
FULL_CONTRAST = 25.0
MIN_CONTRAST = 6.0


@dataclass(frozen=True)
class Located:
    found: bool
    # TL,TR,BR,BL in photo pixels, in the order of the rectified image's corners (so for a card held
    # sideways quad[0] is the card's top-left, not the photo's).
    quad: np.ndarray | None
    rectified: np.ndarray  # BGR: the straightened document, or the whole photo when nothing was found
    aspect: float  # long side / short side as measured in the photo (before any normalisation)
    cut_off_edges: tuple[str, ...]  # "left", "right", "top", "bottom": photo edges the document crosses
    native_width_px: int = 0  # the document's long side in photo pixels (0 when not found)


def locate_document(bgr: np.ndarray) -> Located:
    """Find, order and rectify the document; never raises for an ordinary image."""
    h, w = bgr.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else bgr
    quad_small = find_quad(small)
    if quad_small is None:
        return Located(False, None, bgr, max(w, h) / max(1, min(w, h)), ())
    quad = order_corners(quad_small / scale)
    cut = cut_off_edges(quad, w, h)
    return _rectify(bgr, quad, cut)


def find_quad(bgr: np.ndarray) -> np.ndarray | None:
    """The document's corners in this image's pixels (unordered), or None."""
    h, w = bgr.shape[:2]
    min_area = MIN_AREA_FRACTION * h * w
    candidates = _edge_quads(bgr, min_area) + _segment_quads(bgr, min_area)
    # Edges again on a coarser copy, where wood grain and cloth weave fade but a card's outline stays.
    coarse = cv2.resize(bgr, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    candidates += [q * 2 for q in _edge_quads(coarse, min_area / 4)]
    # A quad hugging the frame on three sides is the photo's own border traced through a busy table.
    candidates = [q for q in candidates if len(cut_off_edges(q, w, h, FRAME_HUG)) < 3]
    # The same outline comes back from several thresholds and pens: score each one once.
    candidates = list({q.tobytes(): q for q in candidates}.values())
    if not candidates:
        return None
    lab = cv2.cvtColor(cv2.GaussianBlur(bgr, (5, 5), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    scored = [(polygon_area(q) * min(1.0, _side_contrast(lab, q) / FULL_CONTRAST), q) for q in candidates]
    score, best = max(scored, key=lambda sq: sq[0])
    if score < min_area * MIN_CONTRAST / FULL_CONTRAST:
        return None  # an outline traced through wood grain or cloth has the same stuff on both sides
    return refine_quad(order_corners(best), _edges(bgr))


def _edges(bgr: np.ndarray) -> np.ndarray:
    grey = cv2.GaussianBlur(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    return cv2.Canny(grey, 10, 30)


def _side_contrast(lab: np.ndarray, quad: np.ndarray) -> float:
    """The weakest side's colour difference between just inside and just outside (sides on the frame skipped).

    A card's outline separates card from table all round; a quad traced through the background, or one
    swallowing card and table together, has a side with the same stuff on both sides of it.
    """
    h, w = lab.shape[:2]
    q = order_corners(quad)
    centre = q.mean(axis=0)
    offset = max(3.0, 0.012 * min(h, w))
    t = np.linspace(0.15, 0.85, 24)[:, None]
    weakest = None
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        normal = np.float32([b[1] - a[1], a[0] - b[0]])
        normal /= max(float(np.linalg.norm(normal)), 1e-6)
        if np.dot((a + b) / 2 - centre, normal) < 0:
            normal = -normal
        pts = a + (b - a) * t
        outside = pts + normal * offset
        keep = (outside[:, 0] >= 0) & (outside[:, 0] <= w - 1) & (outside[:, 1] >= 0) & (outside[:, 1] <= h - 1)
        if keep.sum() < 6:
            continue  # the side runs along the frame: nothing outside to compare
        inside = (pts - normal * offset)[keep]
        outside = outside[keep]
        col_in = lab[inside[:, 1].round().astype(int).clip(0, h - 1), inside[:, 0].round().astype(int).clip(0, w - 1)]
        col_out = lab[outside[:, 1].round().astype(int), outside[:, 0].round().astype(int)]
        diff = float(np.median(np.linalg.norm(col_in - col_out, axis=1)))
        weakest = diff if weakest is None else min(weakest, diff)
    return 0.0 if weakest is None else weakest


def cut_off_edges(quad: np.ndarray, w: int, h: int, fraction: float = BORDER_FRACTION) -> tuple[str, ...]:
    margin_x, margin_y = fraction * w, fraction * h
    edges = []
    if (quad[:, 0] <= margin_x).any():
        edges.append("left")
    if (quad[:, 0] >= w - 1 - margin_x).any():
        edges.append("right")
    if (quad[:, 1] <= margin_y).any():
        edges.append("top")
    if (quad[:, 1] >= h - 1 - margin_y).any():
        edges.append("bottom")
    return tuple(edges)


def _edge_quads(bgr: np.ndarray, min_area: float) -> list[np.ndarray]:
    """Closed outlines from Canny edges that simplify to a convex 4-gon."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    h, w = grey.shape
    quads: list[np.ndarray] = []
    median = float(np.median(grey))
    # Two sensitivities: a card on a similar-coloured table only has a faint outline.
    for low, high in ((0.66 * median, 1.33 * median), (10, 30)):
        edges = cv2.Canny(grey, max(5, low), max(15, high))
        # A thick pen closes the gaps a faint outline leaves, at the cost of a few pixels of precision.
        for pen in (3, 9):
            thick = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (pen, pen)))
            contours, _ = cv2.findContours(thick, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
            for c in contours:
                quad = _as_quad(c, min_area, h * w)
                if quad is not None:
                    quads.append(quad)
    return quads


def refine_quad(quad: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Fit a line to the edge pixels along each side and intersect them: corners free of rounding and hull error."""
    ys, xs = np.nonzero(edges)
    if len(xs) < 8:
        return quad
    pts = np.stack([xs, ys], axis=1).astype(np.float32)
    band = max(4.0, 0.02 * min(edges.shape))
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        length = float(np.linalg.norm(d))
        if length < 1:
            return quad
        u = d / length
        rel = pts - a
        along = rel @ u
        across = np.abs(rel[:, 0] * u[1] - rel[:, 1] * u[0])
        near = pts[(across < band) & (along > 0.15 * length) & (along < 0.85 * length)]
        if len(near) < 0.3 * length:
            lines.append((a, u))  # too little support: keep the side as it is
            continue
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.float32([x0, y0]), np.float32([vx, vy])))
    corners = []
    for i in range(4):
        p = _intersect(lines[i - 1], lines[i])
        if p is None:
            return quad
        corners.append(p)
    out = np.float32(corners)
    # A refinement that moves a corner far is a wrong fit, not a correction.
    if np.abs(out - quad).max() > 4 * band:
        return quad
    return out


def _intersect(l1: tuple[np.ndarray, np.ndarray], l2: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    (p1, d1), (p2, d2) = l1, l2
    m = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]], np.float64)
    if abs(np.linalg.det(m)) < 1e-6:
        return None
    t = np.linalg.solve(m, (p2 - p1).astype(np.float64))
    return (p1 + t[0] * d1).astype(np.float32)


def _segment_quads(bgr: np.ndarray, min_area: float) -> list[np.ndarray]:
    """Foreground against the background colour seen along the photo's border, as quads (two thresholds)."""
    h, w = bgr.shape[:2]
    lab = cv2.cvtColor(cv2.GaussianBlur(bgr, (7, 7), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    band = max(2, round(0.02 * min(h, w)))
    border = np.concatenate([lab[:band].reshape(-1, 3), lab[-band:].reshape(-1, 3),
                             lab[:, :band].reshape(-1, 3), lab[:, -band:].reshape(-1, 3)])
    bg = np.median(border, axis=0)
    # The document may cover part of the border, so judge the background's spread by its median.
    spread = float(np.median(np.linalg.norm(border - bg, axis=1)))
    dist = _colour_distance(lab, bg)
    # Otsu splits card from table when the table is busy (wood grain) and the fixed level is too low.
    otsu, _ = cv2.threshold(np.clip(dist * 2, 0, 255).astype(np.uint8), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    quads = []
    for level in {min(max(12.0, 3.0 * spread), 40.0), max(12.0, otsu / 2)}:
        quad = _mask_quad((dist > level).astype(np.uint8) * 255, min_area)
        if quad is not None:
            quads.append(quad)
    return quads


def _colour_distance(lab: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Euclidean distance of every pixel to one colour (np.linalg.norm over axis 2, several times faster)."""
    diff = lab - ref.astype(np.float32)
    return cv2.sqrt(cv2.transform(diff * diff, np.ones((1, 3), np.float32)))


def _mask_quad(mask: np.ndarray, min_area: float) -> np.ndarray | None:
    h, w = mask.shape
    k = max(3, round(0.01 * min(h, w)))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel, iterations=2)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    if area < min_area or area > 0.98 * h * w:
        return None
    hull = cv2.convexHull(biggest)
    if area / max(cv2.contourArea(hull), 1) < 0.85:
        return None  # ragged: background clutter, not a document
    quad = _as_quad(hull, min_area, h * w, strict=False)
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)
    if area / max(polygon_area(quad), 1) < 0.85 or len(cut_off_edges(quad, w, h)) >= 3:
        return None  # a region running out on three sides is background the colour model missed
    return quad


def _as_quad(contour: np.ndarray, min_area: float, frame_area: float, strict: bool = True) -> np.ndarray | None:
    area = cv2.contourArea(contour)
    if area < min_area or area > 0.98 * frame_area:
        return None
    peri = cv2.arcLength(contour, True)
    for eps in (0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(contour, eps * peri, True)
        if len(approx) == 4:
            break
    else:
        return None
    if not cv2.isContourConvex(approx):
        return None
    quad = approx.reshape(4, 2).astype(np.float32)
    if strict and area / max(polygon_area(quad), 1) < 0.9:
        return None
    if not _plausible_angles(order_corners(quad)):
        return None
    return quad


def _plausible_angles(quad: np.ndarray) -> bool:
    """A photographed rectangle keeps its corners roughly square (within about 35 degrees)."""
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        if abs(cos) > 0.57:
            return False
    return True


def _rectify(bgr: np.ndarray, quad: np.ndarray, cut: tuple[str, ...]) -> Located:
    width, height = side_lengths(quad)
    long_side, short_side = max(width, height), max(1.0, min(width, height))
    aspect = long_side / short_side
    if height > width and SIDEWAYS_CARD_ASPECT[0] <= aspect <= SIDEWAYS_CARD_ASPECT[1]:
        # A card held sideways: start the corner order one step later so the long side runs across.
        # Which way up is left to OCR (it tries 0 and 180 degrees).
        quad = np.roll(quad, -1, axis=0)
        width, height = height, width
    is_card = width >= height and abs(aspect / ID1_ASPECT - 1) <= CARD_ASPECT_TOLERANCE
    if is_card:
        out_w = _out_size(long_side, *CARD_OUT_WIDTH)
        out_h = round(out_w / ID1_ASPECT)  # measured aspect is foreshortened; the card's own is known
    else:
        factor = _out_size(long_side, *PAPER_OUT_LONG_SIDE) / long_side
        out_w, out_h = max(1, round(width * factor)), max(1, round(height * factor))
    rectified = warp(bgr, quad, out_w, out_h)
    return Located(True, quad.astype(np.float32), rectified, aspect, cut, round(long_side))


def _out_size(native: float, low: int, high: int) -> int:
    target = min(max(native, low), high)
    return max(1, round(min(target, native * MAX_UPSCALE)))
