"""Metadata cut out of a JPEG without re-encoding: the same pixels, nothing else."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from intake.jpeg_header import read_header, strip_metadata


def _photo(mode: str = "RGB", **kw) -> bytes:
    rng = np.random.default_rng(5)
    arr = rng.integers(0, 255, (64, 96, 3), dtype=np.uint8)
    arr[:, :40] = (30, 160, 220)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (35.0, 40.0, 52.0)
    buf = io.BytesIO()
    Image.fromarray(arr).convert(mode).save(buf, "JPEG", exif=exif, comment=b"secret",
                                            icc_profile=b"\x00" * 64, **kw)
    return buf.getvalue()


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


@pytest.mark.parametrize("kw", [{}, {"progressive": True}, {"subsampling": 0, "quality": 98}])
def test_stripped_copy_decodes_to_the_same_pixels_without_any_metadata(kw):
    data = _photo(**kw)
    clean = strip_metadata(data, read_header(data))
    assert clean is not None and len(clean) < len(data)
    assert np.array_equal(_pixels(clean), _pixels(data))
    out = Image.open(io.BytesIO(clean))
    assert not out.getexif() and not {"exif", "icc_profile", "comment"} & set(out.info)
    assert b"PhoneMaker" not in clean and b"secret" not in clean
    assert b"\xff\xe1" not in clean[: clean.index(b"\xff\xda")]


def test_anything_after_the_first_image_is_dropped():
    data = _photo()
    trailer = _photo()  # a second picture (as in an MPO file) with its own EXIF
    clean = strip_metadata(data + trailer, read_header(data + trailer))
    assert clean == strip_metadata(data, read_header(data))


def test_restart_markers_inside_the_scan_are_kept():
    rng = np.random.default_rng(1)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (64, 96, 3), dtype=np.uint8)).save(buf, "JPEG", restart_marker_blocks=1)
    data = buf.getvalue()
    clean = strip_metadata(data, read_header(data))
    assert clean is not None and np.array_equal(_pixels(clean), _pixels(data))


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_greyscale_and_cmyk_are_left_to_re_encoding(mode):
    data = _photo(mode)
    assert strip_metadata(data, read_header(data)) is None


def test_a_truncated_scan_is_not_stripped():
    data = _photo()
    cut = data[: len(data) - 40]
    assert strip_metadata(cut, read_header(cut)) is None
