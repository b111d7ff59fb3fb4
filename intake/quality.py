"""Legibility of a located document: size, sharpness, exposure and glare, each failure a Reason."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from intake.geometry import polygon_area
from intake.glare import glare_fraction
from intake.locate import Located
from intake.reasons import Reason, ReasonItem, reason

MEASURE_WIDTH = 1000  # sharpness and glare are judged on the document resized to this width
INSET = 0.04  # ignore a margin: corner rounding and a few pixels of background after the warp


@dataclass(frozen=True)
class QualityThresholds:
    """Every legibility limit, in one place; the wiring fills it from configuration."""

    min_area_fraction: float = 0.10  # of the photo; pixels across matter more, see min_card_width_px
    min_card_width_px: int = 600  # OCR collapses under about 640 px across an ID-1 card (DOMAIN.md)
    # var(Laplacian) / var(grey) at MEASURE_WIDTH. DOMAIN.md: 0.066 at Gaussian sigma 1.0, 0.022 at 1.5,
    # where Tesseract's error has doubled. Generated photos: legible ones >= 0.035, blurry ones <= 0.013.
    min_sharpness: float = 0.022
    min_brightness: float = 60.0  # mean grey, 0-255
    # A white card (about 235) or a mostly blank page (up to 250) is bright by nature: too bright means
    # bright and washed out, the darkest print no longer dark.
    max_brightness: float = 240.0
    washed_out_range: float = 120.0
    min_dynamic_range: float = 50.0  # 0.5th to 99.5th percentile of grey
    glare_value: int = 250  # HSV V of a specular core
    glare_max_saturation: int = 40
    glare_min_size: float = 0.05  # of the card height: smaller bright specks are print, not reflections
    # Of the text area. On generated photos soft sheens on clean cards reach 0.039 and the glare family
    # scores lower still, so the limit stays above the sheens: a legible photo sent back costs more than
    # an OCR miss (docs/benchmarks/intake.md).
    max_glare_fraction: float = 0.05


@dataclass(frozen=True)
class Quality:
    card_width_px: int  # the document's long side in the original photo
    sharpness: float  # normalised: independent of contrast
    brightness: float
    dynamic_range: float
    glare_fraction: float  # of the text area
    area_fraction: float  # of the photo
    ink_level: float = 0.0  # 0.5th percentile of grey: how dark the darkest print is


def assess(located: Located, bgr: np.ndarray, thresholds: QualityThresholds = QualityThresholds()) -> tuple[
        Quality, list[ReasonItem]]:
    """Measure the rectified document (or the whole photo if none was found) and list every failure."""
    t = thresholds
    h, w = bgr.shape[:2]
    measured = _resize(located.rectified)
    grey = _measure_grey(measured)
    brightness = float(grey.mean())
    lo, hi = percentiles_u8(grey, (0.5, 99.5))
    sharpness = normalised_sharpness(grey)
    if located.found and located.quad is not None:
        area_fraction = polygon_area(located.quad) / float(h * w)
        width_px = located.native_width_px
        glare = glare_fraction(measured, t.glare_value, t.glare_max_saturation, t.glare_min_size, INSET)
    else:
        area_fraction, width_px, glare = 0.0, 0, 0.0
    quality = Quality(width_px, sharpness, brightness, float(hi - lo), glare, area_fraction, float(lo))

    reasons: list[ReasonItem] = []
    dark, bright = _exposure(quality, t, judge_range=located.found)
    if dark:
        reasons.append(reason(Reason.TOO_DARK))
    if bright:
        reasons.append(reason(Reason.TOO_BRIGHT))
    if not located.found:
        reasons.append(reason(Reason.CARD_NOT_FOUND))
        return quality, reasons
    reasons.extend(reason(Reason.CARD_CUT_OFF, edge=edge) for edge in located.cut_off_edges)
    too_small = area_fraction < t.min_area_fraction or width_px < t.min_card_width_px
    if too_small:
        reasons.append(reason(Reason.CARD_TOO_SMALL))
    # An upscaled small card always looks soft; "move closer" is the advice that helps then.
    if sharpness < t.min_sharpness and not too_small and not dark:
        reasons.append(reason(Reason.BLURRY))
    if glare > t.max_glare_fraction and not bright:
        reasons.append(reason(Reason.GLARE))
    return quality, reasons


def normalised_sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian over the grey variance: scale-free in contrast, falls fast with blur."""
    g = grey.astype(np.float32)
    var = float(g.var())
    if var < 1e-6:
        return 0.0
    return float(cv2.Laplacian(g, cv2.CV_32F, ksize=1).var() / var)


def _exposure(q: Quality, t: QualityThresholds, judge_range: bool) -> tuple[bool, bool]:
    dark = q.brightness < t.min_brightness
    bright = q.brightness > t.max_brightness and q.dynamic_range < t.washed_out_range
    # The range says something about a document, not about a whole photo of a plain table.
    if judge_range and q.dynamic_range < t.min_dynamic_range and not (dark or bright):
        # Washed out or murky: name the side the picture leans to.
        dark, bright = q.brightness < 128, q.brightness >= 128
    return dark, bright


def _resize(bgr: np.ndarray) -> np.ndarray:
    h, w = bgr.shape[:2]
    if w == MEASURE_WIDTH:
        return bgr
    interp = cv2.INTER_AREA if w > MEASURE_WIDTH else cv2.INTER_CUBIC
    return cv2.resize(bgr, (MEASURE_WIDTH, max(1, round(h * MEASURE_WIDTH / w))), interpolation=interp)


def percentiles_u8(grey: np.ndarray, qs: tuple[float, ...]) -> tuple[float, ...]:
    """np.percentile (linear interpolation) of a uint8 image from its histogram: no sort of every pixel."""
    counts = np.bincount(grey.ravel(), minlength=256)
    cum = np.cumsum(counts)
    n = int(cum[-1])
    out = []
    for q in qs:
        k = q / 100 * (n - 1)
        below = int(np.floor(k))
        lo = int(np.searchsorted(cum, below, side="right"))  # value of the below-th smallest pixel
        hi = int(np.searchsorted(cum, min(below + 1, n - 1), side="right"))
        out.append(lo + (k - below) * (hi - lo))
    return tuple(out)


def _measure_grey(measured: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(measured, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape
    dy, dx = round(h * INSET), round(w * INSET)
    return grey[dy : h - dy, dx : w - dx] if h > 2 * dy + 8 and w > 2 * dx + 8 else grey
