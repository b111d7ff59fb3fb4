"""The one interface every OCR engine implements, plus helpers engines share."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from ocr.models import TextLine


@runtime_checkable
class Engine(Protocol):
    name: str
    version: str

    def read_lines(self, bgr: np.ndarray) -> list[TextLine]:
        """Detect and recognise every text line of the whole image, in reading order."""
        ...

    def read_line(self, bgr_crop: np.ndarray) -> TextLine:
        """Recognise one crop that holds a single text line (box is the whole crop)."""
        ...


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Sort lines top to bottom, then left to right within a row (rows: overlapping y ranges)."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.cy):
        if rows and abs(rows[-1][0].cy - line.cy) < 0.5 * max(rows[-1][0].height, line.height):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.box[0])]


def normalised_box(points: np.ndarray, width: int, height: int) -> tuple[float, float, float, float]:
    """Axis-aligned box around polygon `points` (pixels), normalised to 0..1 and clipped."""
    xs, ys = points[:, 0], points[:, 1]
    return (
        float(np.clip(xs.min() / width, 0, 1)),
        float(np.clip(ys.min() / height, 0, 1)),
        float(np.clip(xs.max() / width, 0, 1)),
        float(np.clip(ys.max() / height, 0, 1)),
    )
