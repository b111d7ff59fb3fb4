"""The format gate: accept only real, complete JPEGs within the size limits, upright and stripped of metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageFile, ImageOps

from intake.jpeg_header import HeaderError, JpegHeader, has_end_marker, is_jpeg, read_header, strip_metadata
from intake.limits import Limits
from intake.reasons import Reason, ReasonItem, reason

# Pillow accepts JPEG files from phones as "JPEG" or, with a multi-picture trailer, as "MPO".
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})
CLEAN_JPEG_QUALITY = 95


class IntakeError(Exception):
    """An upload refused by the format gate; `.item` is the reason shown to the customer."""

    def __init__(self, item: ReasonItem) -> None:
        super().__init__(item.message_en)
        self.item = item


@dataclass(frozen=True)
class LoadedImage:
    bgr: np.ndarray  # EXIF orientation applied
    # The upright image with no metadata at all (no EXIF, GPS, ICC, comments, thumbnails): the upload's
    # own compressed data with its metadata segments cut out where that is lossless, else re-encoded.
    clean_jpeg: bytes
    width: int
    height: int


def load_jpeg(data: bytes, limits: Limits) -> LoadedImage:
    """Judge the file by its content (never its name) and decode it; raise IntakeError with the reason."""
    header = check_format(data, limits)
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Someone switched Pillow to accept truncated files; that would let half-grey images through.
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    rgb, turned = _decode(data, limits)
    bgr = cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR)
    # Cutting the metadata out keeps the pixels as stored, so only when no EXIF turn was applied.
    clean = None if turned else _stripped(data, header)
    return LoadedImage(bgr=bgr, clean_jpeg=clean or _encode_clean(rgb), width=rgb.width, height=rgb.height)


def check_format(data: bytes, limits: Limits) -> JpegHeader:
    """The checks that need no decoding (about a millisecond): a complete JPEG within the limits.

    The upload path answers with this alone; `load_jpeg` runs it first. Raises IntakeError.
    """
    if not data:
        raise IntakeError(reason(Reason.EMPTY_FILE))
    if len(data) > limits.max_bytes:
        raise IntakeError(reason(Reason.FILE_TOO_LARGE, limit_mb=max(1, limits.max_bytes // (1024 * 1024))))
    if not is_jpeg(data):
        raise IntakeError(reason(Reason.NOT_JPEG))
    try:
        header = read_header(data)
    except HeaderError:
        raise IntakeError(reason(Reason.CORRUPT_JPEG)) from None
    # Decompression-bomb guard: decided from the frame header, before Pillow allocates anything.
    _check_dimensions(header.width, header.height, limits)
    if not has_end_marker(data, header):
        raise IntakeError(reason(Reason.CORRUPT_JPEG))
    return header


def _stripped(data: bytes, header: JpegHeader) -> bytes | None:
    try:
        return strip_metadata(data, header)
    except (IndexError, ValueError):  # the file decoded, so a walker slip must only cost a re-encode
        return None


def _check_dimensions(width: int, height: int, limits: Limits) -> None:
    if width * height > limits.max_pixels or max(width, height) > limits.max_side:
        raise IntakeError(reason(Reason.IMAGE_TOO_LARGE))


def _decode(data: bytes, limits: Limits) -> tuple[Image.Image, bool]:
    """The upright RGB image and whether the EXIF orientation turned it."""
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG", "MPO"]) as im:
            if im.format not in _JPEG_FORMATS:
                raise IntakeError(reason(Reason.NOT_JPEG))
            # Second guard, independent of our own header parser (Pillow's MAX_IMAGE_PIXELS is the third).
            _check_dimensions(im.width, im.height, limits)
            im.load()
            upright, turned = _exif_upright(im)
            # convert() copies even when nothing changes: a 12-megapixel copy is not free.
            return (upright if upright.mode == "RGB" else upright.convert("RGB")), turned
    except IntakeError:
        raise
    except Image.DecompressionBombError:
        raise IntakeError(reason(Reason.IMAGE_TOO_LARGE)) from None
    except Exception:  # noqa: BLE001 - any decoder failure on untrusted bytes is a corrupt upload
        raise IntakeError(reason(Reason.CORRUPT_JPEG)) from None


def _exif_upright(im: Image.Image) -> tuple[Image.Image, bool]:
    """Apply the EXIF orientation; a broken EXIF block must not sink an otherwise good photo."""
    try:
        if im.getexif().get(ExifTags.Base.Orientation, 1) not in range(2, 9):
            return im, False  # exif_transpose would return a full copy of an image it leaves alone
        upright = ImageOps.exif_transpose(im)
    except Exception:  # noqa: BLE001 - malformed EXIF: keep the pixels as stored
        return im, False
    return upright, True


def _encode_clean(rgb: Image.Image) -> bytes:
    # A fresh image from raw pixels carries no info dict, so nothing but pixels is written.
    fresh = Image.frombytes("RGB", rgb.size, rgb.tobytes())
    buf = io.BytesIO()
    fresh.save(buf, "JPEG", quality=CLEAN_JPEG_QUALITY, optimize=False)
    return buf.getvalue()
