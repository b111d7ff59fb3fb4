"""Read a JPEG's pixel size from its frame header (SOF) without decoding, and check it is complete."""

from __future__ import annotations

from dataclasses import dataclass

SOI = b"\xff\xd8"
JPEG_MAGIC = b"\xff\xd8\xff"
EOI = b"\xff\xd9"
# SOF0..SOF15 minus DHT (C4), JPG (C8) and DAC (CC), which share the range but are not frame headers.
_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
# Markers that stand alone, with no length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_SOS = 0xDA


class HeaderError(ValueError):
    """The marker structure is broken before the image data starts."""


@dataclass(frozen=True)
class JpegHeader:
    width: int
    height: int
    components: int
    progressive: bool
    scan_offset: int  # first byte after the first SOS segment header


def is_jpeg(data: bytes) -> bool:
    return data.startswith(JPEG_MAGIC)


def read_header(data: bytes) -> JpegHeader:
    """Walk the marker segments up to the first scan; raise HeaderError if there is no usable frame header."""
    if not is_jpeg(data):
        raise HeaderError("no SOI marker")
    pos = 2
    frame: tuple[int, int, int, bool] | None = None
    n = len(data)
    while pos < n:
        if data[pos] != 0xFF:
            raise HeaderError("expected a marker")
        # Any number of 0xFF fill bytes may precede a marker code.
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            break
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE:
            continue
        if marker in (0x00, 0xD8, 0xD9):
            raise HeaderError("unexpected marker before the image data")
        if pos + 2 > n:
            break
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > n:
            raise HeaderError("segment runs past the end of the file")
        if marker in _SOF_MARKERS:
            if length < 8:
                raise HeaderError("short frame header")
            height = int.from_bytes(data[pos + 3 : pos + 5], "big")
            width = int.from_bytes(data[pos + 5 : pos + 7], "big")
            frame = (width, height, data[pos + 7], marker in (0xC2, 0xC6, 0xCA, 0xCE))
        elif marker == _SOS:
            if frame is None:
                raise HeaderError("scan before frame header")
            width, height, comps, progressive = frame
            if width == 0 or height == 0:
                raise HeaderError("zero image dimension")
            return JpegHeader(width, height, comps, progressive, pos + length)
        pos += length
    raise HeaderError("no image data")


def has_end_marker(data: bytes, header: JpegHeader) -> bool:
    """True if an EOI marker follows the scan data (a truncated upload loses it).

    Phones append trailers and further images (MPF) after the first EOI, so any EOI after the scan counts.
    """
    return data.find(EOI, header.scan_offset) != -1
