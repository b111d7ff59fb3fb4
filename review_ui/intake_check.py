"""Upload-time format gate: refuse what is not a complete JPEG within the limits, in about a millisecond.

The rest of intake (full decode, card location, legibility) runs after the upload has been answered
(`honnin.queue.check_photo` for the applicant page, the verification itself for the API), so an upload
returns in well under a second. This gate reads only the marker structure, never the pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from honnin.config import Settings
from intake.jpeg_header import HeaderError, has_end_marker, is_jpeg, read_header
from intake.reasons import Reason, reason


@dataclass(frozen=True)
class Feedback:
    usable: bool
    reasons: list[dict[str, Any]]


def format_gate(data: bytes, settings: Settings) -> Feedback:
    """The checks of intake's format gate that need no decoding, with the same ja/en reasons."""
    if not data:
        return _refuse(Reason.EMPTY_FILE)
    if len(data) > settings.max_upload_bytes:
        return _refuse(Reason.FILE_TOO_LARGE, limit_mb=max(1, settings.max_upload_bytes // (1024 * 1024)))
    if not is_jpeg(data):
        return _refuse(Reason.NOT_JPEG)
    try:
        header = read_header(data)
    except HeaderError:
        return _refuse(Reason.CORRUPT_JPEG)
    # Decompression-bomb guard, decided from the frame header.
    if header.width * header.height > settings.max_image_pixels or max(header.width, header.height) > settings.max_image_side:
        return _refuse(Reason.IMAGE_TOO_LARGE)
    if not has_end_marker(data, header):
        return _refuse(Reason.CORRUPT_JPEG)  # a truncated upload
    return Feedback(True, [])


def _refuse(code: Reason, **kwargs: Any) -> Feedback:
    return Feedback(False, [reason(code, **kwargs).as_dict()])
