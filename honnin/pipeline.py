"""The verification pipeline, written once: intake -> ocr -> matching -> decision for one submission.

`verify` is a pure function of the photos, the registration and a frozen context; the CLI, the web
app's worker pool and the Celery tasks all call it. It never raises for bad images: a bad image is a
decision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from honnin.decision import Decision, Outcome, SideReading, decide
from honnin.policy import Policy, load_policy
from intake.limits import Limits
from intake.quality import QualityThresholds
from intake.reasons import ReasonItem
from intake.run import run_intake
from ocr.engines import get_engine
from ocr.read import read_document

if TYPE_CHECKING:
    from honnin.config import Settings
    from honnin.registration import Registration

ROLES = ("front", "back", "supplementary")


@dataclass(frozen=True)
class Submission:
    front: bytes
    back: bytes | None = None
    supplementary: bytes | None = None

    def images(self) -> dict[str, bytes]:
        return {role: data for role in ROLES if (data := getattr(self, role)) is not None}


@dataclass(frozen=True)
class VerifyContext:
    as_of: date
    engine: str
    policy: Policy
    limits: Limits = field(default_factory=Limits)
    thresholds: QualityThresholds = field(default_factory=QualityThresholds)

    @classmethod
    def from_settings(cls, settings: Settings, *, as_of: date | None = None, engine: str | None = None) -> VerifyContext:
        return cls(
            as_of=as_of or date.today(),
            engine=engine or settings.ocr_engine,
            policy=load_policy(settings.policy_file),
            limits=upload_limits(settings),
        )


def upload_limits(settings: Settings) -> Limits:
    """The HONNIN_MAX_* settings as intake's limits, for the pipeline and the upload gate alike."""
    return Limits(
        max_bytes=settings.max_upload_bytes,
        max_pixels=settings.max_image_pixels,
        max_side=settings.max_image_side,
    )


@dataclass(frozen=True)
class VerificationResult:
    outcome: Outcome
    readings: dict[str, SideReading]
    engine: str
    engine_version: str
    timings_ms: dict[str, float]
    # Images the caller may keep: EXIF-stripped and upright; None where the image must be deleted.
    stored_images: dict[str, bytes | None]
    rectified_images: dict[str, bytes | None]

    @property
    def decision(self) -> Decision:
        return self.outcome.decision

    @property
    def reasons(self) -> tuple[ReasonItem, ...]:
        return self.outcome.reasons

    @property
    def document_number(self) -> str | None:
        """The identity document's number for the verification record; never a My Number."""
        front = self.readings["front"]
        if front.ocr is None or front.my_number_visible:
            return None
        number = front.ocr.fields.number
        return number.value if number is not None else None

    def to_json(self) -> dict[str, Any]:
        """The `honnin verify --json` contract (docs/cli.md). Add keys, never rename."""
        outcome = self.outcome
        front = self.readings["front"]
        quality = front.intake.quality
        return {
            "decision": outcome.decision.value,
            "reasons": [r.as_dict() for r in outcome.reasons],
            "document": {"type": outcome.document_type.value, "side": outcome.side.value},
            "fields": {
                name: ({"value": v.value, "confidence": round(float(v.confidence), 3)} if v is not None else None)
                for name, v in outcome.fields.items()
            },
            "match": {
                name: {"verdict": c.verdict.value, "score": round(float(c.score), 3), "detail": c.detail}
                for name, c in outcome.match.items()
            },
            "quality": _quality_json(quality),
            "images": {
                role: {
                    "document": {"type": r.doc_type.value, "side": r.side.value},
                    "kept": self.stored_images.get(role) is not None,
                    "fields": _fields_json(r),
                }
                for role, r in self.readings.items()
            },
            "engine": {"name": self.engine, "version": self.engine_version},
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


def _fields_json(reading: SideReading) -> dict[str, Any]:
    """Everything OCR read from one image (already scrubbed of any My Number by the OCR stage)."""
    if reading.ocr is None or reading.my_number_visible:
        return {}
    return {
        name: {"value": v.value, "confidence": round(float(v.confidence), 3)}
        for name, v in reading.ocr.fields.present().items()
    }


def _quality_json(quality: Any) -> dict[str, Any]:
    if quality is None:
        return {}
    out: dict[str, Any] = {}
    for key, value in vars(quality).items():
        out[key] = round(float(value), 4) if isinstance(value, float | np.floating) else value
    return out


def examine(role: str, data: bytes, ctx: VerifyContext, engine: Any) -> tuple[SideReading, dict[str, float]]:
    """Intake and OCR of one image. OCR runs even on a poor photo: a blurred My Number back must
    still be recognised and deleted."""
    t0 = time.perf_counter()
    intake_result = run_intake(data, ctx.limits, ctx.thresholds)
    t1 = time.perf_counter()
    ocr_result = None
    if intake_result.located is not None:
        ocr_result = read_document(intake_result.located.rectified, engine)
    t2 = time.perf_counter()
    timings = {f"{role}_intake": (t1 - t0) * 1000, f"{role}_ocr": (t2 - t1) * 1000}
    return SideReading(role=role, intake=intake_result, ocr=ocr_result), timings


def verify(submission: Submission, registration: Registration, ctx: VerifyContext) -> VerificationResult:
    start = time.perf_counter()
    engine = get_engine(ctx.engine)
    readings: dict[str, SideReading] = {}
    timings: dict[str, float] = {}
    for role, data in submission.images().items():
        readings[role], t = examine(role, data, ctx, engine)
        timings.update(t)
    t_match = time.perf_counter()
    outcome = decide(readings, registration, ctx.policy, ctx.as_of)
    timings["decision"] = (time.perf_counter() - t_match) * 1000
    timings["total"] = (time.perf_counter() - start) * 1000

    stored: dict[str, bytes | None] = {}
    rectified: dict[str, bytes | None] = {}
    for role, reading in readings.items():
        keep = role not in outcome.discard and reading.intake.loaded is not None
        stored[role] = reading.intake.loaded.clean_jpeg if keep else None
        rectified[role] = _rectified_jpeg(reading) if keep else None
    return VerificationResult(
        outcome=outcome,
        readings=readings,
        engine=engine.name,
        engine_version=engine.version,
        timings_ms=timings,
        stored_images=stored,
        rectified_images=rectified,
    )


def _rectified_jpeg(reading: SideReading) -> bytes | None:
    located = reading.intake.located
    if located is None or not located.found:
        return None
    image = located.rectified
    turn = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    if reading.ocr is not None and reading.ocr.quarter_turns in turn:
        image = cv2.rotate(image, turn[reading.ocr.quarter_turns])
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return buf.tobytes() if ok else None
