"""The format gate: only real, complete JPEGs within the limits get through, upright and without metadata."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from intake.jpeg_header import read_header
from intake.limits import Limits
from intake.load import IntakeError, load_jpeg
from intake.reasons import Reason


def _image(w: int = 120, h: int = 80) -> Image.Image:
    rng = np.random.default_rng(3)
    arr = rng.integers(0, 255, (h, w, 3), dtype=np.uint8)
    arr[:, : w // 2] = (220, 30, 30)  # left half red: shows which way the image was turned
    return Image.fromarray(arr)


def _encode(im: Image.Image, fmt: str = "JPEG", **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


GOOD = _encode(_image())


def _refused(data: bytes, limits: Limits = Limits()) -> Reason:
    with pytest.raises(IntakeError) as info:
        load_jpeg(data, limits)
    assert str(info.value) == info.value.item.message_en
    return info.value.item.code


def _with_size(data: bytes, width: int, height: int) -> bytes:
    """Rewrite the SOF's dimensions, leaving the (small) image data as it was."""
    sof = data.index(b"\xff\xc0")
    out = bytearray(data)
    out[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    out[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(out)


BAD_INPUTS = {
    "zero bytes": (b"", Reason.EMPTY_FILE),
    "png renamed": (_encode(_image(), "PNG"), Reason.NOT_JPEG),
    "gif renamed": (_encode(_image().convert("P"), "GIF"), Reason.NOT_JPEG),
    "pdf renamed": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n", Reason.NOT_JPEG),
    "heic renamed": (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200), Reason.NOT_JPEG),
    "random bytes": (np.random.default_rng(0).bytes(4096), Reason.NOT_JPEG),
    "jpeg magic then noise": (b"\xff\xd8\xff" + np.random.default_rng(1).bytes(4096), Reason.CORRUPT_JPEG),
    "truncated halfway": (GOOD[: len(GOOD) // 2], Reason.CORRUPT_JPEG),
    "no end marker": (GOOD[:-2], Reason.CORRUPT_JPEG),
    "header only": (GOOD[: GOOD.index(b"\xff\xda")], Reason.CORRUPT_JPEG),
    "40000 x 40000 header": (_with_size(GOOD, 40000, 40000), Reason.IMAGE_TOO_LARGE),
    "zero width header": (_with_size(GOOD, 0, 80), Reason.CORRUPT_JPEG),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_gets_its_own_reason(name):
    data, expected = BAD_INPUTS[name]
    assert _refused(data) is expected


def test_file_over_the_byte_limit_is_refused_before_anything_else():
    assert _refused(GOOD, Limits(max_bytes=len(GOOD) - 1)) is Reason.FILE_TOO_LARGE


def test_pixel_limit_comes_from_the_header_not_from_decoding():
    # 2000x2000 is far under Pillow's own bomb limit, so only our header check can refuse it;
    # decoding would have failed as corrupt instead (the data is for 120x80).
    forged = _with_size(GOOD, 2000, 2000)
    assert read_header(forged).width == 2000
    assert _refused(forged, Limits(max_pixels=1_000_000)) is Reason.IMAGE_TOO_LARGE
    assert _refused(_with_size(GOOD, 3000, 10), Limits(max_side=2000)) is Reason.IMAGE_TOO_LARGE


def test_pillow_stays_strict_about_truncated_files():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048), st.integers(min_value=0, max_value=len(GOOD) - 1))
def test_damaged_jpegs_never_raise_anything_but_intake_errors(noise, cut):
    for data in (b"\xff\xd8\xff" + noise, GOOD[:cut] + noise, GOOD[:cut] + noise + GOOD[cut:]):
        try:
            loaded = load_jpeg(data, Limits())
        except IntakeError as err:
            assert err.item.code in {Reason.EMPTY_FILE, Reason.NOT_JPEG, Reason.CORRUPT_JPEG,
                                     Reason.IMAGE_TOO_LARGE}
        else:
            assert loaded.bgr.ndim == 3


@pytest.mark.parametrize(
    ("mode", "kw"),
    [("RGB", {"progressive": True}), ("L", {}), ("CMYK", {}), ("RGB", {"subsampling": 0, "quality": 98})],
)
def test_greyscale_cmyk_and_progressive_jpegs_are_accepted(mode, kw):
    source = _image()
    loaded = load_jpeg(_encode(source.convert(mode), **kw), Limits())
    assert (loaded.width, loaded.height) == (120, 80)
    assert loaded.bgr.shape == (80, 120, 3)
    left = loaded.bgr[10:70, 5:50].reshape(-1, 3).mean(axis=0)
    if mode != "L":
        assert left[2] > 150 and left[0] < 90  # still red (BGR), not inverted CMYK
    assert Image.open(io.BytesIO(loaded.clean_jpeg)).mode == "RGB"


def test_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: display rotated 90 degrees clockwise
    loaded = load_jpeg(_encode(_image(), exif=exif), Limits())
    assert (loaded.width, loaded.height) == (80, 120)
    top, bottom = loaded.bgr[:50].reshape(-1, 3).mean(axis=0), loaded.bgr[70:].reshape(-1, 3).mean(axis=0)
    assert top[2] > 180 and top[1] < 60  # the red left half is now on top
    assert not (bottom[2] > 180 and bottom[1] < 60)
    assert Image.open(io.BytesIO(loaded.clean_jpeg)).size == (80, 120)


def test_gps_and_every_other_metadata_are_stripped():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (35.0, 40.0, 52.0), "E", (139.0, 45.0, 0.0)
    data = _encode(_image(), exif=exif, icc_profile=b"\x00" * 128, comment=b"secret")
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the upload really carried GPS
    clean = load_jpeg(data, Limits()).clean_jpeg
    out = Image.open(io.BytesIO(clean))
    assert not out.getexif()
    assert not out.getexif().get_ifd(0x8825)
    assert not {"exif", "icc_profile", "comment"} & set(out.info)
    assert b"\xff\xe1" not in clean[: clean.index(b"\xff\xda")]  # no APP1 segment at all
    assert b"PhoneMaker" not in clean and b"secret" not in clean


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_huge_and_malformed_exif_do_not_sink_a_good_photo():
    exif = Image.Exif()
    exif[0x0112] = 3
    exif[0x9286] = "x" * 60_000  # UserComment filling the APP1 segment
    loaded = load_jpeg(_encode(_image(), exif=exif), Limits())
    assert (loaded.width, loaded.height) == (120, 80)
    broken = GOOD[:2] + b"\xff\xe1\x00\x20Exif\x00\x00MM\x00\x2a\xff\xff\xff\xf0" + bytes(16) + GOOD[2:]
    assert load_jpeg(broken, Limits()).width == 120
