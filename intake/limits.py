"""Size limits applied to an upload before any pixel is decoded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Refuse files and images above these sizes; the wiring fills them from HONNIN_MAX_* settings."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 60_000_000
    max_side: int = 12_000
