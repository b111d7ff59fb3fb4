"""The OCR engine registry: an explicit name -> factory dict, each engine loaded once per process."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ocr.engines.base import Engine


def _rapid(threads: int = 1) -> Engine:
    from ocr.engines.rapid import RapidEngine

    return RapidEngine(threads=threads)


def _tesserocr(threads: int = 1) -> Engine:
    from ocr.engines.tesserocr_engine import TesserocrEngine

    return TesserocrEngine(threads=threads)


def _pytesseract(threads: int = 1) -> Engine:
    from ocr.engines.pytesseract_engine import PytesseractEngine

    return PytesseractEngine(threads=threads)


ENGINES: dict[str, Callable[..., Engine]] = {
    "rapidocr": _rapid,
    "tesserocr": _tesserocr,
    "pytesseract": _pytesseract,
}


@cache
def get_engine(name: str, threads: int = 1) -> Engine:
    """The engine called `name`, built on first use and then reused by this process.

    `threads` is the engine's intra-op thread count: the pipeline runs one process per core, so 1
    gives the best throughput there; a single interactive process may want more.
    """
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return factory(threads=threads)


__all__ = ["ENGINES", "Engine", "get_engine"]
