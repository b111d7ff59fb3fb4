"""Quadrilateral helpers: corner order, side lengths, overlap, and the perspective warp."""

from __future__ import annotations

import cv2
import numpy as np


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Return 4 points as TL,TR,BR,BL (image coordinates, y down), whatever their input order."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    ring = pts[np.argsort(angles)]  # clockwise on screen, starting anywhere
    start = int(np.argmin(ring.sum(axis=1)))  # the corner nearest the photo's top-left
    return np.roll(ring, -start, axis=0).astype(np.float32)


def side_lengths(quad: np.ndarray) -> tuple[float, float]:
    """Mean width (top and bottom) and mean height (left and right) of an ordered quad."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def polygon_area(quad: np.ndarray) -> float:
    return float(abs(cv2.contourArea(np.asarray(quad, np.float32).reshape(-1, 1, 2))))


def quad_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two convex quads."""
    a32 = np.asarray(a, np.float32).reshape(-1, 2)
    b32 = np.asarray(b, np.float32).reshape(-1, 2)
    inter, _ = cv2.intersectConvexConvex(a32, b32)
    union = polygon_area(a32) + polygon_area(b32) - inter
    return float(inter / union) if union > 0 else 0.0


def warp(bgr: np.ndarray, quad: np.ndarray, out_w: int, out_h: int) -> np.ndarray:
    """Map the ordered quad onto an out_w x out_h rectangle."""
    dst = np.float32([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]])
    m = cv2.getPerspectiveTransform(np.asarray(quad, np.float32), dst)
    native_w = max(side_lengths(quad)[0], 1.0)
    interp = cv2.INTER_AREA if out_w < native_w else cv2.INTER_CUBIC
    return cv2.warpPerspective(bgr, m, (out_w, out_h), flags=interp, borderMode=cv2.BORDER_REPLICATE)
