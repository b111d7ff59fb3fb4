"""Tesseract through pytesseract (one `tesseract` process per call) as an `Engine`.

Kept for comparison and as a fallback where tesserocr's wheel does not install: every call pays
the process start-up (about 130-150 ms, DOMAIN.md).
"""

from __future__ import annotations

import os
from collections import defaultdict

import numpy as np

from ocr.engines._tess import LANG, TESSDATA, prepare_line, prepare_page, tidy
from ocr.engines.base import reading_order
from ocr.models import TextLine


class PytesseractEngine:
    name = "pytesseract"

    def __init__(self, threads: int = 1, lang: str = LANG) -> None:
        import pytesseract

        self._pt = pytesseract
        self._lang = lang
        self._config = f"--tessdata-dir {TESSDATA}"
        self._env_threads = str(threads)
        self.version = str(pytesseract.get_tesseract_version())

    def _run(self, fn, image, config: str):  # noqa: ANN001, ANN202 - thin pass-through
        old = os.environ.get("OMP_THREAD_LIMIT")
        os.environ["OMP_THREAD_LIMIT"] = self._env_threads
        try:
            return fn(
                image, lang=self._lang, config=f"{self._config} {config}", output_type=self._pt.Output.DICT
            )
        finally:
            if old is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = old

    def read_lines(self, bgr: np.ndarray) -> list[TextLine]:
        h, w = bgr.shape[:2]
        try:
            data = self._run(self._pt.image_to_data, prepare_page(bgr), "--psm 3")
        except self._pt.TesseractError:
            return []
        # image_to_data reports words; group them back into Tesseract's own lines.
        groups: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for i, word in enumerate(data["text"]):
            if word.strip() and float(data["conf"][i]) >= 0:
                groups[(data["block_num"][i], data["par_num"][i], data["line_num"][i])].append(i)
        lines: list[TextLine] = []
        for idx in groups.values():
            text = tidy(" ".join(data["text"][i] for i in idx))
            x0 = min(data["left"][i] for i in idx)
            y0 = min(data["top"][i] for i in idx)
            x1 = max(data["left"][i] + data["width"][i] for i in idx)
            y1 = max(data["top"][i] + data["height"][i] for i in idx)
            conf = sum(float(data["conf"][i]) for i in idx) / len(idx) / 100.0
            lines.append(TextLine(text, (x0 / w, y0 / h, x1 / w, y1 / h), conf))
        return reading_order(lines)

    def read_line(self, bgr_crop: np.ndarray) -> TextLine:
        try:
            data = self._run(self._pt.image_to_data, prepare_line(bgr_crop), "--psm 7")
        except self._pt.TesseractError:  # the program can die on a degenerate crop (SIGFPE)
            return TextLine("", (0.0, 0.0, 1.0, 1.0), 0.0)
        words = [(t, float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()]
        if not words:
            return TextLine("", (0.0, 0.0, 1.0, 1.0), 0.0)
        text = tidy(" ".join(t for t, _ in words))
        conf = sum(c for _, c in words) / len(words) / 100.0
        return TextLine(text, (0.0, 0.0, 1.0, 1.0), conf)
