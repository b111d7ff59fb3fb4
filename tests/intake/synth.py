"""Synthetic card photos for the intake tests: drawn with OpenCV, independent of the sample generator."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

CARD_W, CARD_H = 856, 540  # ID-1 at about 254 dpi: aspect 1.585


def card(seed: int = 0, tint: tuple[int, int, int] = (236, 242, 238)) -> np.ndarray:
    """A licence-like card: pale background, a coloured band, a photo box and lines of dark text."""
    rng = np.random.default_rng(seed)
    img = np.full((CARD_H, CARD_W, 3), tint, np.uint8)
    cv2.rectangle(img, (30, 190), (530, 235), (120, 190, 120), -1)  # validity band
    cv2.rectangle(img, (590, 180), (820, 450), (150, 150, 160), -1)  # photo
    cv2.circle(img, (705, 280), 55, (90, 100, 120), -1)
    y = 45
    for row in range(9):
        x = 40
        for _ in range(int(rng.integers(3, 6))):
            word = "".join(chr(int(c)) for c in rng.integers(65, 91, int(rng.integers(2, 6))))
            cv2.putText(img, word, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (30, 30, 30), 2, cv2.LINE_AA)
            x += 30 + 22 * len(word)
            if x > (540 if 3 <= row <= 8 else 800):
                break
        y += 52
    cv2.putText(img, "0123 4567 8901", (40, 505), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (20, 20, 20), 2, cv2.LINE_AA)
    # Rounded corners are the background's business, so cut them with a mask in `photo`.
    return img


def background(h: int, w: int, colour: tuple[int, int, int] = (70, 90, 120), seed: int = 1) -> np.ndarray:
    """A table-like background: a flat colour with soft low-frequency shading and fine grain."""
    rng = np.random.default_rng(seed)
    base = np.full((h, w, 3), colour, np.float32)
    shade = cv2.resize(rng.normal(0, 12, (6, 8)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    grain = rng.normal(0, 3, (h, w)).astype(np.float32)
    out = base + (shade + grain)[:, :, None]
    return np.clip(out, 0, 255).astype(np.uint8)


def photo(
    corners: np.ndarray,
    size: tuple[int, int] = (1600, 1200),
    card_img: np.ndarray | None = None,
    bg: np.ndarray | None = None,
    rim: tuple[int, int, int] | None = None,
) -> np.ndarray:
    """Warp a card onto a background so that its TL,TR,BR,BL corners land on `corners` (may be outside).

    `rim` draws the card's edge (rounded corners included) in that colour, like the thin shadow or dark
    edge of a real card on a light table.
    """
    w, h = size
    card_img = card() if card_img is None else card_img.copy()
    bg = background(h, w) if bg is None else bg
    ch, cw = card_img.shape[:2]
    src = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    m = cv2.getPerspectiveTransform(src, np.float32(corners))
    mask = np.zeros((ch, cw), np.uint8)
    r = ch // 16
    cv2.rectangle(mask, (r, 0), (cw - r, ch), 255, -1)
    cv2.rectangle(mask, (0, r), (cw, ch - r), 255, -1)
    for cx, cy in ((r, r), (cw - r, r), (cw - r, ch - r), (r, ch - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1)
    if rim is not None:
        outline, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        cv2.drawContours(card_img, outline, -1, rim, 6)
    warped = cv2.warpPerspective(card_img, m, (w, h), flags=cv2.INTER_AREA)
    wmask = cv2.warpPerspective(mask, m, (w, h), flags=cv2.INTER_LINEAR).astype(np.float32)[:, :, None] / 255
    return (warped * wmask + bg * (1 - wmask)).astype(np.uint8)


def tilted_corners(size: tuple[int, int] = (1600, 1200), width_frac: float = 0.7) -> np.ndarray:
    """A card about `width_frac` of the photo wide, seen a little from below and rotated a few degrees."""
    w, h = size
    cw = w * width_frac
    chh = cw / 1.586
    cx, cy = w / 2, h / 2
    pts = np.float32([[cx - cw / 2, cy - chh / 2], [cx + cw / 2, cy - chh / 2],
                      [cx + cw / 2, cy + chh / 2], [cx - cw / 2, cy + chh / 2]])
    pts[0, 0] += cw * 0.05  # top edge shorter: perspective
    pts[1, 0] -= cw * 0.05
    ang = np.deg2rad(6)
    rot = np.float32([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
    return ((pts - [cx, cy]) @ rot.T + [cx, cy]).astype(np.float32)


def jpeg(bgr: np.ndarray, quality: int = 92, **save_args) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(bgr[:, :, ::-1]).save(buf, "JPEG", quality=quality, **save_args)
    return buf.getvalue()
