"""The intake stage in one call: format gate, locate, legibility; bad input becomes reasons, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass

from intake.limits import Limits
from intake.load import IntakeError, LoadedImage, load_jpeg
from intake.locate import Located, locate_document
from intake.quality import Quality, QualityThresholds, assess
from intake.reasons import ReasonItem


@dataclass(frozen=True)
class IntakeResult:
    loaded: LoadedImage | None
    located: Located | None
    quality: Quality | None
    reasons: tuple[ReasonItem, ...]

    @property
    def usable(self) -> bool:
        """True when OCR is worth running: the file decoded and no legibility check failed."""
        return self.loaded is not None and self.located is not None and self.located.found and not self.reasons


def run_intake(data: bytes, limits: Limits = Limits(),
               thresholds: QualityThresholds = QualityThresholds()) -> IntakeResult:
    try:
        loaded = load_jpeg(data, limits)
    except IntakeError as err:
        return IntakeResult(None, None, None, (err.item,))
    located = locate_document(loaded.bgr)
    quality, reasons = assess(located, loaded.bgr, thresholds)
    return IntakeResult(loaded, located, quality, tuple(reasons))
