"""JPEG encoding with phone-like EXIF: orientation tag with matching stored pixels, optional GPS."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825
EXIF_IFD = 0x8769

# How to store pixels so that applying the EXIF orientation shows the upright photo:
# Pillow's exif_transpose applies ROTATE_180 for 3, ROTATE_270 for 6, ROTATE_90 for 8; we store the inverse.
_STORE = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}


def encode(upright: Image.Image, *, quality: int, orientation: int, gps: tuple[float, float] | None,
           taken: dt.datetime, tag_orientation: bool = True) -> bytes:
    """Encode `upright` (what a viewer should display) as a phone would store it."""
    op = _STORE[orientation]
    stored = upright.transpose(op) if op is not None else upright
    exif = Image.Exif()
    exif[0x010F] = "honnin-samples"  # Make: say plainly this is synthetic
    exif[0x0110] = "synthetic phone"
    exif[0x0131] = "honnin samples generator"
    if tag_orientation:
        exif[ORIENTATION] = orientation
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[0x0132] = stamp
    exif.get_ifd(EXIF_IFD)[0x9003] = stamp  # DateTimeOriginal
    if gps is not None:
        lat, lon = gps
        g = exif.get_ifd(GPS_IFD)
        g[0] = b"\x02\x02\x00\x00"
        g[1] = "N"
        g[2] = _dms(lat)
        g[3] = "E"
        g[4] = _dms(lon)
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=quality, exif=exif.tobytes(), optimize=False)
    return buf.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 2)
    return (float(d), float(m), s)
