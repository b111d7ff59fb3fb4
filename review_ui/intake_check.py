"""Upload-time format gate: refuse what is not a complete JPEG within the limits, in about a millisecond.

The rest of intake (full decode, card location, legibility) runs after the upload has been answered
(`honnin.queue.check_photo` for the applicant page, the verification itself for the API), so an upload
returns in well under a second. This gate reads only the marker structure, never the pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from honnin.config import Settings
from honnin.pipeline import upload_limits
from intake.load import IntakeError, check_format


@dataclass(frozen=True)
class Feedback:
    usable: bool
    reasons: list[dict[str, Any]]


def format_gate(data: bytes, settings: Settings) -> Feedback:
    """Intake's format gate without the decode, with the same ja/en reasons."""
    try:
        check_format(data, upload_limits(settings))
    except IntakeError as err:
        return Feedback(False, [err.item.as_dict()])
    return Feedback(True, [])
