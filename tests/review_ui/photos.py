"""Photos for the web tests: a synthetic card photo intake accepts, and a tiny JPEG it refuses."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image


@lru_cache(maxsize=1)
def card_photo() -> bytes:
    from tests.intake.synth import jpeg, photo, tilted_corners

    return jpeg(photo(tilted_corners()))


def tiny_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (128, 128, 128)).save(buf, "JPEG")
    return buf.getvalue()
