"""Tesseract through tesserocr (in-process libtesseract, Debian's jpn tessdata) as an `Engine`."""

from __future__ import annotations

import os

import numpy as np
from PIL import Image

from ocr.engines._tess import LANG, TESSDATA, prepare_line, prepare_page, tidy
from ocr.engines.base import reading_order
from ocr.models import TextLine


class TesserocrEngine:
    name = "tesserocr"

    def __init__(self, threads: int = 1, lang: str = LANG) -> None:
        # libtesseract reads this once, when it starts its OpenMP pool.
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))
        import tesserocr

        self._t = tesserocr
        self._page = tesserocr.PyTessBaseAPI(path=str(TESSDATA), lang=lang, psm=tesserocr.PSM.AUTO)
        self._line = tesserocr.PyTessBaseAPI(path=str(TESSDATA), lang=lang, psm=tesserocr.PSM.SINGLE_LINE)
        self.version = tesserocr.tesseract_version().split()[1]

    def read_lines(self, bgr: np.ndarray) -> list[TextLine]:
        t = self._t
        h, w = bgr.shape[:2]
        self._page.SetImage(Image.fromarray(prepare_page(bgr)))
        self._page.Recognize()
        level = t.RIL.TEXTLINE
        lines: list[TextLine] = []
        iterator = self._page.GetIterator()
        if iterator is None:  # nothing recognised at all
            return []
        for item in t.iterate_level(iterator, level):
            try:
                text = tidy(item.GetUTF8Text(level) or "")
            except RuntimeError:  # tesserocr raises for an empty line instead of returning ""
                continue
            box = item.BoundingBox(level)
            if not text or box is None:
                continue
            x0, y0, x1, y1 = box
            lines.append(TextLine(text, (x0 / w, y0 / h, x1 / w, y1 / h), item.Confidence(level) / 100.0))
        return reading_order(lines)

    def read_line(self, bgr_crop: np.ndarray) -> TextLine:
        self._line.SetImage(Image.fromarray(prepare_line(bgr_crop)))
        text = tidy(self._line.GetUTF8Text())
        return TextLine(text, (0.0, 0.0, 1.0, 1.0), self._line.MeanTextConf() / 100.0)
