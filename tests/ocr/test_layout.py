"""Layout helpers on real engine output: a page photographed sideways is seen as such."""

from __future__ import annotations

import cv2

from ocr import layout
from ocr.engines.base import Engine
from tests.ocr.render import licence_front


def test_text_read_from_a_card_lying_sideways_stands_in_tall_boxes(rapid: Engine) -> None:
    card = licence_front()
    for image, sideways in ((card, False), (cv2.rotate(card, cv2.ROTATE_90_CLOCKWISE), True)):
        lines = rapid.read_lines(image)
        h, w = image.shape[:2]
        assert layout.vertical_text(lines, w, h) is sideways
