"""read_document end to end on drawn cards: fields, orientation, and no My Number anywhere in the output."""

from __future__ import annotations

import logging

import cv2
import pytest

from intake.documents import DocumentType as T
from intake.documents import Side
from ocr.engines.base import Engine
from ocr.mynumber import is_valid
from ocr.read import read_document
from tests.ocr.render import MINCHO, licence_front, my_number_back


@pytest.fixture(scope="module")
def licence(rapid: Engine):  # noqa: ANN201
    return read_document(licence_front(), rapid)


def test_a_licence_front_is_classified_and_its_fields_parsed(licence) -> None:  # noqa: ANN001
    assert (licence.classification.type, licence.classification.side) == (T.DRIVERS_LICENSE, Side.FRONT)
    f = licence.fields
    assert f.name.value.replace(" ", "") == "日本花子"
    assert f.birthdate.value == "1986-05-01"
    assert f.address.value == "東京都千代田区霞が関2-1-2"
    assert f.issue_date.value == "2019-05-07"
    assert f.expiry.value == "2029-06-01"
    assert f.number.value == "012345678900"
    assert licence.upright
    assert {"read_lines", "classify", "fields", "total"} <= set(licence.timings_ms)


def test_an_upside_down_card_is_turned_and_reads_the_same(rapid: Engine, licence) -> None:  # noqa: ANN001
    turned = read_document(cv2.rotate(licence_front(), cv2.ROTATE_180), rapid)
    assert not turned.upright
    values = {k: v.value for k, v in turned.fields.present().items()}
    assert values == {k: v.value for k, v in licence.fields.present().items()}
    top = min(turned.lines, key=lambda ln: ln.box[1])
    assert "氏名" in top.text or "日本" in top.text  # boxes are on the turned card


def test_tesseract_engines_turn_an_upside_down_card_by_confidence() -> None:
    from ocr.engines import get_engine

    result = read_document(cv2.rotate(licence_front(font=MINCHO), cv2.ROTATE_180), get_engine("tesserocr"))
    assert not result.upright
    assert result.classification.type is T.DRIVERS_LICENSE


def test_a_my_number_back_is_flagged_and_its_number_appears_nowhere(
    rapid: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    number = "739104562081"
    assert is_valid(number)
    caplog.set_level(logging.DEBUG)
    result = read_document(my_number_back(number), rapid)
    assert result.classification.type is T.MY_NUMBER_BACK
    assert result.classification.my_number_visible
    assert result.fields.number is None
    dump = repr(result) + caplog.text
    for form in (number, number[:4], number[4:8], number[8:], f"{number[:4]} {number[4:8]}"):
        assert form not in dump
    assert "＊" in "".join(ln.text for ln in result.lines)  # the digits were read, then masked


def test_a_licence_number_passing_the_my_number_check_survives_scrubbing() -> None:
    from ocr.models import CardFields, FieldValue
    from ocr.read import scrub_fields

    licence_no = FieldValue("123456789018", 0.99, "第123456789018号")
    assert scrub_fields(CardFields(number=licence_no), visible=False).number == licence_no
    bare = FieldValue("123456789018", 0.99, "123456789018")
    assert "123456789018" not in repr(scrub_fields(CardFields(number=bare), visible=False))
    assert scrub_fields(CardFields(number=licence_no), visible=True).number is None


@pytest.mark.parametrize("rotation,turns", [(cv2.ROTATE_90_CLOCKWISE, 3), (cv2.ROTATE_90_COUNTERCLOCKWISE, 1)])
def test_a_page_lying_sideways_is_turned_a_quarter_and_reads_the_same(rapid: Engine, licence, rotation, turns) -> None:  # noqa: ANN001
    sideways = read_document(cv2.rotate(licence_front(), rotation), rapid)
    assert (sideways.upright, sideways.quarter_turns) == (False, turns)
    assert sideways.classification.type is T.DRIVERS_LICENSE
    values = {k: v.value for k, v in sideways.fields.present().items()}
    assert values == {k: v.value for k, v in licence.fields.present().items()}
