"""Photograph a rendered document: background, perspective, light, glare, blur, noise, JPEG with EXIF.

`plan_shot` draws every parameter from a `random.Random`; `photograph` is then a pure function of the
plan, the document and a numpy Generator, so the same seeds give byte-identical JPEGs.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import asdict, dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from samples.cards import Rendered
from samples.jpeg import encode

LEGIBLE = ("clean", "moderate", "heavy")
UNUSABLE = ("blurry", "cut_off", "too_small", "glare", "dark")
# Below about 640 px across a card OCR collapses (DOMAIN.md): legible shots stay above this.
MIN_LEGIBLE_PX = 650


@dataclass(frozen=True)
class ShotPlan:
    family: str  # one of LEGIBLE or UNUSABLE
    card_px: int  # document width in the photo, before perspective
    landscape: bool
    fill: float  # share of the photo's width the document's extent takes
    tilt_x: float  # degrees out of plane
    tilt_y: float
    roll: float  # degrees in plane, including 90/180/270 turns of the card in the scene
    cut_edge: str | None
    cut_share: float
    background: str
    blur: float  # Gaussian sigma at 1000 px of card width
    motion: float  # motion-blur length at 1000 px of card width
    noise: float
    brightness: float
    light_amp: float
    soft_glare: bool
    quality: int
    orientation: int  # EXIF orientation; stored pixels are rotated to match
    gps: tuple[float, float] | None
    taken: str


def plan_shot(rng: random.Random, family: str, *, taken: dt.date) -> ShotPlan:
    u = rng.uniform
    level = {"clean": 0, "moderate": 1, "heavy": 2}.get(family, 0 if family != "cut_off" else 1)
    card_px = round(math.exp(u(math.log(MIN_LEGIBLE_PX + 30), math.log(2500))))
    if family == "too_small":
        card_px = rng.randint(170, 360)
    tilt_max = (7, 11, 15)[level]
    roll = u(-1, 1) * (3, 7, 12)[level]
    turn = rng.random()
    if turn < 0.08:
        roll += rng.choice([90, 180, 270])
    orientation = 1
    r = rng.random()
    if r < 0.12:
        orientation = 6
    elif r < 0.17:
        orientation = 8
    elif r < 0.21:
        orientation = 3
    blur = u(0.25, 0.6) if level == 0 else (u(0.6, 0.95) if level == 1 else u(0.95, 1.25))
    motion = 0.0
    if family == "blurry":
        if rng.random() < 0.6:
            blur = u(3.5, 6.0)
        else:
            blur, motion = u(0.5, 1.0), u(22, 40)
    elif level == 2 and rng.random() < 0.3:
        motion = u(3, 5)
    brightness = (u(0.93, 1.08), u(0.8, 1.0), u(0.6, 0.78))[level]
    noise = (u(1.0, 2.5), u(2.5, 5), u(5, 8))[level]
    if family == "dark":
        brightness, noise = u(0.07, 0.13), u(2, 4)
    landscape = rng.random() < 0.7
    # Share of the photo's width the card takes: real uploads mostly fill the frame (card area at least
    # ~30% of the photo, where card finders start to refuse).
    fill = u(0.6, 0.9) if landscape else u(0.78, 0.92)
    if family == "too_small":
        fill = u(0.15, 0.3)
    gps = None
    if rng.random() < 0.15:
        gps = (round(u(31.0, 43.0), 5), round(u(130.0, 141.5), 5))
    hour = rng.randint(8, 22)
    return ShotPlan(
        family=family,
        card_px=card_px,
        landscape=landscape,
        fill=fill,
        tilt_x=u(-1, 1) * tilt_max,
        tilt_y=u(-1, 1) * tilt_max,
        roll=roll,
        cut_edge=rng.choice(["left", "right", "top", "bottom"]) if family == "cut_off" else None,
        cut_share=u(0.12, 0.3),
        background=rng.choice(["wood", "cloth", "desk", "solid", "solid", "wood"]),
        blur=blur,
        motion=motion,
        noise=noise,
        brightness=brightness,
        light_amp=(u(0.03, 0.12), u(0.12, 0.25), u(0.25, 0.4))[level],
        soft_glare=rng.random() < (0.15, 0.35, 0.5)[level] and family != "glare",
        quality=(rng.randint(84, 93), rng.randint(70, 86), rng.randint(50, 70))[level],
        orientation=orientation,
        gps=gps,
        taken=f"{taken.isoformat()}T{hour:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
    )


def photograph(doc: Rendered, plan: ShotPlan, gen: np.random.Generator, *, max_side: int = 3000,
               glare_box: tuple[float, float, float, float] | None = None) -> tuple[bytes, dict]:
    """Render the photo; returns the JPEG bytes and metadata (corners in the upright photo, etc.)."""
    src = doc.image
    aspect = src.width / src.height
    card_px = plan.card_px
    quad = _project(card_px, card_px / aspect, plan)
    bw, bh = np.ptp(quad[:, 0]), np.ptp(quad[:, 1])
    W, H = _photo_size(bw, bh, plan)
    if max(W, H) > max_side:  # shrink the whole scene, keeping a legible card legible
        k = max_side / max(W, H)
        floor = MIN_LEGIBLE_PX if plan.family in LEGIBLE + ("glare", "blurry", "dark", "cut_off") else 0
        new_px = max(floor, card_px * k)
        quad *= new_px / card_px
        card_px = new_px
        W, H = round(W * k), round(H * k)
        bw, bh = np.ptp(quad[:, 0]), np.ptp(quad[:, 1])
        if bw > 0.95 * W or bh > 0.95 * H:
            s = min(0.95 * W / bw, 0.95 * H / bh)
            quad *= s
            card_px *= s
            bw, bh = bw * s, bh * s
    quad = _place(quad, W, H, plan, gen)

    # The document, pre-shrunk so the warp does not alias, with rounded corners for ID-1 cards.
    scale = min(1.0, 1.15 * card_px / src.width)
    if scale < 1.0:
        src = src.resize((max(1, round(src.width * scale)), max(1, round(src.height * scale))), Image.LANCZOS)
    sw, sh = src.size
    mask = Image.new("L", (sw, sh), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, sw - 1, sh - 1), radius=(0.037 * sw if doc.rounded else 0),
                                           fill=255)
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]]), quad.astype(np.float32))
    card = cv2.warpPerspective(np.asarray(src), M, (W, H), flags=cv2.INTER_LINEAR).astype(np.float32)
    alpha = cv2.warpPerspective(np.asarray(mask), M, (W, H), flags=cv2.INTER_LINEAR).astype(np.float32) / 255

    bg = _background(plan.background, W, H, gen)
    shadow_sigma = max(2.0, 0.02 * card_px)
    shift = np.float32([[1, 0, 0.01 * card_px], [0, 1, 0.015 * card_px]])
    # blur the shadow at quarter resolution: it is soft anyway and full-size blurs are slow
    small = cv2.resize(cv2.warpAffine(alpha, shift, (W, H)), (max(1, W // 4), max(1, H // 4)),
                       interpolation=cv2.INTER_AREA)
    shadow = cv2.resize(cv2.GaussianBlur(small, (0, 0), shadow_sigma / 4), (W, H), interpolation=cv2.INTER_LINEAR)
    # Composite and light in one pass: per-pixel weights are 2-D, so only two full-colour products.
    light = _lighting(W, H, plan, gen)
    w_bg = (1 - alpha) * (1 - 0.45 * shadow) * light
    img = card
    img *= (alpha * light)[..., None]
    img += bg * w_bg[..., None]
    if plan.soft_glare:
        img += _blob(W, H, quad, (gen.uniform(0.1, 0.9), gen.uniform(0.1, 0.9)), 0.1 * card_px,
                     0.07 * card_px, gen.uniform(40, 90))[..., None] * alpha[..., None]
    if plan.family == "glare" and glare_box is not None:
        cx, cy = (glare_box[0] + glare_box[2]) / 2, (glare_box[1] + glare_box[3]) / 2
        img += _blob(W, H, quad, (cx, cy), 0.18 * card_px, 0.075 * card_px, 800.0)[..., None] * alpha[..., None]
    np.clip(img, 0, 255, out=img)

    k = card_px / 1000
    if plan.blur * k > 0.15:
        img = cv2.GaussianBlur(img, (0, 0), plan.blur * k)
    if plan.motion:
        img = _motion(img, plan.motion * k, gen.uniform(0, 180))
    luma = gen.standard_normal((H, W), dtype=np.float32) * plan.noise  # sensor noise, mostly luminance
    img += luma[..., None]
    img += 0.5  # round, not truncate, below
    np.clip(img, 0, 255, out=img)
    out = Image.fromarray(img.astype(np.uint8))
    data = encode(out, quality=plan.quality, orientation=plan.orientation, gps=plan.gps,
                  taken=dt.datetime.fromisoformat(plan.taken))
    meta = {
        "width": W, "height": H,  # upright (after EXIF orientation)
        "corners": [[round(float(x), 1), round(float(y), 1)] for x, y in quad],  # card TL, TR, BR, BL
        "card_px": round(float(card_px)),
        "plan": {k2: v for k2, v in asdict(plan).items() if k2 not in ("taken",)},
    }
    return data, meta


def _project(w: float, h: float, plan: ShotPlan) -> np.ndarray:
    """Card corners after in-plane roll and out-of-plane tilt, projected by a phone-like camera."""
    pts = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]], float)
    a, b, c = (math.radians(v) for v in (plan.tilt_x, plan.tilt_y, plan.roll))
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    p = pts @ rz.T @ rx.T @ ry.T
    f = 1.6 * max(w, h)  # focal length in pixels; the card sits at distance f
    z = p[:, 2] + f
    return np.stack([p[:, 0] * f / z, p[:, 1] * f / z], axis=1)


def _photo_size(bw: float, bh: float, plan: ShotPlan) -> tuple[int, int]:
    ratio = 4 / 3 if plan.landscape else 3 / 4
    # with a cut edge the visible part of the card should still fill much of the frame
    W = bw / plan.fill if plan.cut_edge else max(bw / plan.fill, bh / plan.fill * ratio * 0.9)
    H = W / ratio
    if bh > 0.92 * H:
        H = bh / 0.92
        W = H * ratio
    return int(round(W / 2) * 2), int(round(H / 2) * 2)


def _place(quad: np.ndarray, W: int, H: int, plan: ShotPlan, gen: np.random.Generator) -> np.ndarray:
    q = quad - quad.min(axis=0)
    bw, bh = q.max(axis=0)
    margin_x, margin_y = max(0.03 * W, 4), max(0.03 * H, 4)
    ox = gen.uniform(margin_x, max(margin_x, W - bw - margin_x))
    oy = gen.uniform(margin_y, max(margin_y, H - bh - margin_y))
    if plan.cut_edge == "left":
        ox = -plan.cut_share * bw
    elif plan.cut_edge == "right":
        ox = W - (1 - plan.cut_share) * bw
    elif plan.cut_edge == "top":
        oy = -plan.cut_share * bh
    elif plan.cut_edge == "bottom":
        oy = H - (1 - plan.cut_share) * bh
    return q + np.array([ox, oy])


def _grid(W: int, H: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column coordinates that broadcast to (H, W) without allocating the full grid."""
    return np.arange(H, dtype=np.float32)[:, None], np.arange(W, dtype=np.float32)[None, :]


def _smooth_noise(W: int, H: int, gen: np.random.Generator, cells: int) -> np.ndarray:
    small = gen.normal(0, 1, (cells, max(2, round(cells * W / H)))).astype(np.float32)
    return cv2.resize(small, (W, H), interpolation=cv2.INTER_CUBIC)


def _background(kind: str, W: int, H: int, gen: np.random.Generator) -> np.ndarray:
    yy, xx = _grid(W, H)
    if kind == "wood":
        base = np.array(gen.choice([[150, 105, 65], [185, 140, 95], [110, 75, 45], [200, 170, 130]]), np.float32)
        warp = _smooth_noise(W, H, gen, 6) * 25
        period = gen.uniform(0.012, 0.03) * max(W, H)
        grain = np.sin((yy + warp + 0.05 * xx) / period * 2 * np.pi) * 0.5 + 0.5
        fine = _smooth_noise(W, H, gen, 60) * 0.08
        shade = (0.82 + 0.18 * grain + fine)[..., None]
        return base * shade
    if kind == "cloth":
        base = np.array(gen.choice([[60, 70, 110], [120, 40, 40], [70, 100, 70], [90, 90, 95], [170, 160, 140]]),
                        np.float32)
        p = gen.uniform(3, 7)
        weave = (np.sin(xx * 2 * np.pi / p) * np.sin(yy * 2 * np.pi / p)) * 0.06
        return base * (1 + weave + _smooth_noise(W, H, gen, 8) * 0.05)[..., None]
    if kind == "desk":
        base = np.array(gen.choice([[225, 225, 220], [200, 200, 205], [60, 60, 65], [235, 230, 215]]), np.float32)
        speck = gen.standard_normal((H, W), dtype=np.float32) * 0.012
        return base * (1 + speck + _smooth_noise(W, H, gen, 5) * 0.03)[..., None]
    base = np.array(gen.choice([[30, 30, 35], [45, 60, 90], [120, 120, 125], [20, 70, 60], [160, 80, 60]]),
                    np.float32)
    return base * (1 + _smooth_noise(W, H, gen, 4) * 0.04)[..., None] + np.zeros((H, W, 1), np.float32)


def _lighting(W: int, H: int, plan: ShotPlan, gen: np.random.Generator) -> np.ndarray:
    """A linear ramp and a vignette, computed at 1/8 size (they are smooth) and scaled up."""
    w, h = max(2, W // 8), max(2, H // 8)
    yy, xx = _grid(w, h)
    ang = gen.uniform(0, 2 * np.pi)
    ramp = ((xx - w / 2) * np.cos(ang) + (yy - h / 2) * np.sin(ang)) / math.hypot(w, h)
    r2 = ((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2
    small = plan.brightness * (1 + 2 * plan.light_amp * ramp) * (1 - 0.25 * plan.light_amp * r2 * 4)
    return cv2.resize(small.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)


def _blob(W: int, H: int, quad: np.ndarray, at: tuple[float, float], sx: float, sy: float,
          amp: float) -> np.ndarray:
    """A specular highlight centred at normalised card position `at`, oriented with the card."""
    tl, tr, br, bl = quad
    u, v = at
    top = tl + (tr - tl) * u
    bottom = bl + (br - bl) * u
    c = top + (bottom - top) * v
    ex = tr - tl
    ang = math.atan2(ex[1], ex[0])
    yy, xx = _grid(W, H)
    dx, dy = xx - c[0], yy - c[1]
    a = dx * math.cos(ang) + dy * math.sin(ang)
    b = -dx * math.sin(ang) + dy * math.cos(ang)
    return amp * np.exp(-(a**2 / (2 * sx**2) + b**2 / (2 * sy**2)))


def _motion(img: np.ndarray, length: float, angle: float) -> np.ndarray:
    n = max(3, int(round(length)) | 1)
    k = np.zeros((n, n), np.float32)
    k[n // 2, :] = 1
    rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), angle, 1.0)
    k = cv2.warpAffine(k, rot, (n, n))
    k /= max(k.sum(), 1e-6)
    return cv2.filter2D(img, -1, k)
