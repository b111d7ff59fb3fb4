"""One contract test over every real engine, plus the registry and rapidocr's offline loading."""

from __future__ import annotations

import socket

import cv2
import pytest

from ocr.engines import ENGINES, Engine, get_engine
from ocr.engines.rapid import RapidEngine, bundled_model_dir
from ocr.models import TextLine
from tests.ocr.render import Text, draw_card, licence_front


def test_every_engine_satisfies_the_protocol(engine: Engine) -> None:
    assert isinstance(engine, Engine)
    assert engine.name in ENGINES
    assert engine.version


def test_every_engine_reads_a_single_line_crop(engine: Engine) -> None:
    crop = draw_card([Text(0.02, 0.15, "東京都千代田区", 0.6)], width=600, aspect=6.0)
    line = engine.read_line(crop)
    assert isinstance(line, TextLine)
    assert "千代田区" in line.text
    assert 0.0 < line.confidence <= 1.0


def test_every_engine_reads_card_lines_in_reading_order_with_normalised_boxes(engine: Engine) -> None:
    lines = engine.read_lines(licence_front())
    assert lines, "no lines read"
    for ln in lines:
        assert all(0.0 <= v <= 1.0 for v in ln.box) and ln.box[0] < ln.box[2] and ln.box[1] < ln.box[3]
    title = next(i for i, ln in enumerate(lines) if "運転免許証" in ln.text)
    address = next(i for i, ln in enumerate(lines) if "千代田区" in ln.text)
    assert title > address  # the title is printed at the bottom
    assert lines[title].box[1] > 0.75 and lines[address].box[3] < 0.35


def test_an_unknown_engine_name_raises_listing_the_known_ones() -> None:
    with pytest.raises(ValueError, match="pytesseract.*rapidocr.*tesserocr"):
        get_engine("easyocr")


def test_get_engine_loads_each_engine_once_per_process() -> None:
    assert get_engine("tesserocr") is get_engine("tesserocr")


def test_rapidocr_loads_its_bundled_weights_with_the_network_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    eng = RapidEngine(threads=1)
    used = [eng._ocr.cfg.Det.model_path, eng._ocr.cfg.Rec.model_path, eng._ocr.cfg.Cls.model_path]
    assert all(str(p).startswith(str(bundled_model_dir())) for p in used)
    crop = draw_card([Text(0.02, 0.15, "令和元年", 0.6)], width=300, aspect=4.0)
    assert "令和" in eng.read_line(crop).text


def test_rapidocr_flags_the_lines_of_an_upside_down_card(rapid: Engine) -> None:
    lines = rapid.read_lines(cv2.rotate(licence_front(), cv2.ROTATE_180))
    assert sum(ln.upside_down for ln in lines) > len(lines) / 2


def test_rapidocr_reads_a_two_glyph_label_at_its_own_width(rapid: Engine) -> None:
    # Recognition runs one line per batch with no 320 px minimum: a short crop is read unpadded.
    crop = draw_card([Text(0.05, 0.1, "住所", 0.7)], width=120, aspect=2.2)
    assert rapid.read_line(crop).text.strip() == "住所"
