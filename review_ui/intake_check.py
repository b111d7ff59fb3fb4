"""Upload-time feedback: the intake stage's format and legibility reasons, before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from honnin.config import Settings
from intake.limits import Limits
from intake.reasons import Reason, reason


@dataclass(frozen=True)
class Feedback:
    usable: bool
    reasons: list[dict[str, Any]]


def limits_of(settings: Settings) -> Limits:
    return Limits(max_bytes=settings.max_upload_bytes, max_pixels=settings.max_image_pixels,
                  max_side=settings.max_image_side)


def check_upload(data: bytes, settings: Settings) -> Feedback:
    """Run intake on one photo (fast: no OCR). A rejected photo is answered with its reasons only."""
    if len(data) > settings.max_upload_bytes:
        limit_mb = settings.max_upload_bytes // (1024 * 1024)
        return Feedback(False, [reason(Reason.FILE_TOO_LARGE, limit_mb=limit_mb).as_dict()])
    from intake.run import run_intake

    result = run_intake(data, limits_of(settings))
    return Feedback(bool(result.usable), [r.as_dict() for r in result.reasons])
