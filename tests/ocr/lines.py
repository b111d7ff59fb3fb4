"""Build OCR output by hand: TextLines stacked down a card, for tests that need no engine."""

from __future__ import annotations

from ocr.models import TextLine


def stacked(
    *texts: str, x: float = 0.05, top: float = 0.05, step: float = 0.08, conf: float = 0.95
) -> list[TextLine]:
    """One line per text, each a row below the previous one."""
    return [
        TextLine(t, (x, top + i * step, min(1.0, x + 0.03 * len(t)), top + i * step + 0.05), conf)
        for i, t in enumerate(texts)
    ]


def at(text: str, x0: float, y0: float, x1: float, y1: float, conf: float = 0.95) -> TextLine:
    return TextLine(text, (x0, y0, x1, y1), conf)
