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


# Segments that describe pixels; everything else (APPn: EXIF, GPS, XMP, ICC, maker notes, thumbnails;
# COM comments) is left out of a stripped copy.
_KEEP_BEFORE_SCAN = frozenset({0xC4, 0xCC, 0xDB, 0xDD, *_SOF_MARKERS})
_APP0, _APP14, _COM = 0xE0, 0xEE, 0xFE
# A bare JFIF 1.01 header (aspect 1:1, no thumbnail): written only when the upload had one, because
# with it libjpeg reads three components as YCbCr whatever their ids say.
_BARE_JFIF = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def strip_metadata(data: bytes, header: JpegHeader) -> bytes | None:
    """The same compressed image with every metadata segment dropped, or None where that is not safe.

    Lossless: the scans are copied byte for byte, so the copy decodes to exactly the same pixels
    with no re-encoding. None for anything but a three-component YCbCr image (an Adobe APP14
    colour transform, CMYK and greyscale are left to re-encoding) or a marker layout this walker
    does not expect; whatever follows the first image's EOI (MPF pictures, trailers) is dropped.
    """
    if header.components != 3:
        return None
    out = [SOI]
    pos, n, jfif = 2, len(data), False
    while pos < n:
        marker, seg_start, seg_end = _next_segment(data, pos)
        if marker is None:
            return None
        if marker == 0xD9:
            head = _BARE_JFIF if jfif else b""
            return b"".join([out[0], head, *out[1:], EOI])
        if marker == _APP14:
            return None  # Adobe colour transform: the flags decide how the channels are read
        if marker == _APP0 and data[seg_start + 4 : seg_start + 9] == b"JFIF\x00":
            jfif = True
        elif marker == _SOS:
            scan_end = _scan_end(data, seg_end)
            if scan_end is None:
                return None
            out.append(data[seg_start:scan_end])
            seg_end = scan_end
        elif marker in _KEEP_BEFORE_SCAN or marker in _STANDALONE:
            out.append(data[seg_start:seg_end])
        elif not (0xE0 <= marker <= 0xEF or marker == _COM):
            return None  # DNL, DHP, EXP, JPGn...: not worth the risk, re-encode instead
        pos = seg_end
    return None


def _next_segment(data: bytes, pos: int) -> tuple[int | None, int, int]:
    """(marker, start, end) of the segment at pos (start at its 0xFF); marker None if malformed."""
    n = len(data)
    if data[pos] != 0xFF:
        return None, pos, pos
    start = pos
    while pos < n and data[pos] == 0xFF:
        pos += 1
    if pos >= n:
        return None, start, pos
    marker = data[pos]
    pos += 1
    if marker in _STANDALONE or marker == 0xD9:
        return marker, start, pos
    if pos + 2 > n:
        return None, start, pos
    length = int.from_bytes(data[pos : pos + 2], "big")
    if length < 2 or pos + length > n:
        return None, start, pos
    return marker, start, pos + length


def _scan_end(data: bytes, pos: int) -> int | None:
    """First byte after the entropy-coded data starting at pos: the next marker that is not RSTn.

    Inside scan data every 0xFF is followed by 0x00 (a stuffed byte) or a restart marker.
    """
    while True:
        pos = data.find(b"\xff", pos)
        if pos == -1 or pos + 1 >= len(data):
            return None
        nxt = data[pos + 1]
        if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
            pos += 1 if nxt == 0xFF else 2
            continue
        return pos
