"""The decision stage on hand-built stage outputs: which evidence leads to which decision."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from honnin.decision import Decision, SideReading, decide
from honnin.policy import load_policy
from honnin.registration import Registration
from intake.documents import DocumentType, Side
from intake.load import LoadedImage
from intake.locate import Located
from intake.reasons import Reason, reason
from intake.run import IntakeResult
from ocr.models import CardFields, Classification, FieldValue, OcrResult

AS_OF = date(2026, 11, 22)
POLICY = load_policy()
REG = Registration(
    name_kanji="日本 花子",
    name_kana="ニホン ハナコ",
    name_romaji="NIHON HANAKO",
    birthdate="1986-05-01",
    address="東京都千代田区霞が関2-1-2",
    contract_type="data_sim",
)


def _fv(value: str, confidence: float = 0.99) -> FieldValue:
    return FieldValue(value=value, confidence=confidence, raw=value)


def _intake(*reasons) -> IntakeResult:
    pixels = np.zeros((10, 16, 3), np.uint8)
    loaded = LoadedImage(bgr=pixels, clean_jpeg=b"jpeg", width=16, height=10)
    located = Located(found=True, quad=None, rectified=pixels, aspect=1.586, cut_off_edges=())
    return IntakeResult(loaded, located, None, tuple(reasons))


def _reading(role="front", doc=DocumentType.DRIVERS_LICENSE, side=Side.FRONT, my_number=False, intake_reasons=(),
             **fields) -> SideReading:
    defaults = {
        "name": _fv("日本 花子"),
        "birthdate": _fv("1986-05-01"),
        "address": _fv("東京都千代田区霞が関２－１－２"),
        "expiry": _fv("2029-06-01"),
    }
    defaults.update(fields)
    ocr = OcrResult(
        classification=Classification(type=doc, side=side, confidence=0.95, my_number_visible=my_number),
        fields=CardFields(**{k: v for k, v in defaults.items() if v is not None}),
        lines=(),
    )
    return SideReading(role=role, intake=_intake(*intake_reasons), ocr=ocr)


def _codes(outcome) -> list[str]:
    return [r.code.value for r in outcome.reasons]


def test_a_matching_valid_licence_is_approved():
    outcome = decide({"front": _reading()}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.APPROVED
    assert outcome.reasons == ()
    assert {c.verdict.value for c in outcome.match.values()} == {"match"}


def test_a_my_number_back_is_refused_and_marked_for_deletion_whatever_else_is_true():
    readings = {
        "front": _reading(doc=DocumentType.MY_NUMBER_FRONT),
        "back": _reading("back", doc=DocumentType.MY_NUMBER_BACK, side=Side.BACK, my_number=True),
    }
    outcome = decide(readings, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.RESUBMIT
    assert _codes(outcome) == ["my_number_visible"]
    assert outcome.discard == frozenset({"back"})
    assert outcome.fields == {} and outcome.match == {}


def test_an_address_that_differs_on_a_licence_front_asks_for_the_registration_or_the_back():
    outcome = decide({"front": _reading(address=_fv("東京都千代田区霞が関２－１－７"))}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.RESUBMIT
    assert _codes(outcome) == ["address_mismatch", "back_required"]


def test_the_new_address_on_the_back_is_the_one_compared():
    readings = {
        "front": _reading(address=_fv("大阪府大阪市北区梅田1-1-1")),
        "back": _reading("back", side=Side.BACK, name=None, birthdate=None, expiry=None,
                         address=_fv("東京都千代田区霞が関二丁目1番2号")),
    }
    outcome = decide(readings, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.APPROVED, _codes(outcome)


def test_a_mismatch_read_with_low_confidence_goes_to_a_person_not_back_to_the_applicant():
    outcome = decide({"front": _reading(birthdate=_fv("1986-05-07", confidence=0.3))}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.NEEDS_REVIEW
    assert _codes(outcome) == ["birthdate_uncertain"]


def test_an_unread_field_is_never_approved():
    outcome = decide({"front": _reading(name=None)}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.NEEDS_REVIEW
    assert "field_unreadable" in _codes(outcome)


def test_an_expired_document_is_refused_on_the_as_of_date():
    reading = _reading(expiry=_fv("2026-11-21"))
    assert decide({"front": reading}, REG, POLICY, AS_OF).decision is Decision.RESUBMIT
    assert _codes(decide({"front": reading}, REG, POLICY, AS_OF)) == ["expired"]
    assert decide({"front": reading}, REG, POLICY, date(2026, 11, 21)).decision is Decision.APPROVED


def test_a_passport_alone_needs_a_supplementary_address_document():
    reading = _reading(doc=DocumentType.PASSPORT, name=None, name_romaji=_fv("NIHON HANAKO"), address=None)
    outcome = decide({"front": reading}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.RESUBMIT
    assert "supplementary_required" in _codes(outcome)


def test_a_passport_with_a_recent_residence_certificate_is_approved():
    readings = {
        "front": _reading(doc=DocumentType.PASSPORT, name=None, name_romaji=_fv("NIHON HANAKO"), address=None),
        "supplementary": _reading("supplementary", doc=DocumentType.RESIDENCE_CERTIFICATE, expiry=None,
                                  issue_date=_fv("2026-10-01")),
    }
    outcome = decide(readings, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.APPROVED, _codes(outcome)


def test_an_old_supplementary_document_is_refused():
    readings = {
        "front": _reading(doc=DocumentType.PASSPORT, name=None, name_romaji=_fv("NIHON HANAKO"), address=None),
        "supplementary": _reading("supplementary", doc=DocumentType.UTILITY_RECEIPT, expiry=None,
                                  issue_date=_fv("2026-01-10")),
    }
    assert "supplementary_outdated" in _codes(decide(readings, REG, POLICY, AS_OF))


@pytest.mark.parametrize(("contract", "expected"), [("voice_esim", Decision.RESUBMIT), ("data_sim", Decision.RESUBMIT)])
def test_health_insurance_is_refused_for_voice_esim_and_needs_a_supplementary_elsewhere(contract, expected):
    reg = REG.model_copy(update={"contract_type": contract})
    outcome = decide({"front": _reading(doc=DocumentType.HEALTH_INSURANCE, expiry=None)}, reg, POLICY, AS_OF)
    assert outcome.decision is expected
    wanted = "document_not_accepted" if contract == "voice_esim" else "supplementary_required"
    assert wanted in _codes(outcome)


def test_a_back_uploaded_as_the_front_asks_for_the_front():
    outcome = decide({"front": _reading(side=Side.BACK)}, REG, POLICY, AS_OF)
    assert _codes(outcome) == ["wrong_side"]
    assert "表面" in outcome.reasons[0].message_ja


def test_a_quality_failure_is_returned_to_the_applicant_with_its_reason():
    reading = _reading(intake_reasons=(reason(Reason.BLURRY),))
    outcome = decide({"front": reading}, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.RESUBMIT
    assert _codes(outcome) == ["blurry"]


FOREIGN = Registration(
    name_kanji="チャン ウェイ",
    name_kana="チャン ウェイ",
    name_romaji="ZHANG WEI",
    birthdate="1986-05-01",
    address="東京都千代田区霞が関2-1-2",
    contract_type="data_sim",
)


def test_a_my_number_card_naming_a_foreign_resident_in_the_alphabet_is_compared_with_the_romaji():
    outcome = decide({"front": _reading(doc=DocumentType.MY_NUMBER_FRONT, name=_fv("ZHANG WEI"))}, FOREIGN,
                     POLICY, AS_OF)
    assert outcome.decision is Decision.APPROVED, _codes(outcome)
    assert outcome.match["name"].verdict.value == "match"


def test_an_alphabet_name_that_differs_from_the_registered_romaji_is_not_approved():
    outcome = decide({"front": _reading(doc=DocumentType.MY_NUMBER_FRONT, name=_fv("ZHANG LEI"))}, FOREIGN,
                     POLICY, AS_OF)
    assert outcome.decision is not Decision.APPROVED
    assert outcome.match["name"].verdict.value != "match"


def test_a_back_that_cannot_be_recognised_goes_to_a_person_instead_of_being_ignored():
    readings = {
        "front": _reading(),
        "back": _reading("back", doc=DocumentType.UNKNOWN, side=Side.BACK, name=None, birthdate=None,
                         expiry=None, address=None),
    }
    outcome = decide(readings, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.NEEDS_REVIEW
    assert [(r.code.value, r.field) for r in outcome.reasons] == [("unknown_document", "back")]


def test_the_front_uploaded_again_as_the_back_asks_for_the_back():
    readings = {"front": _reading(), "back": _reading("back")}
    outcome = decide(readings, REG, POLICY, AS_OF)
    assert outcome.decision is Decision.RESUBMIT
    assert [(r.code.value, r.field) for r in outcome.reasons] == [("wrong_side", "back")]


def test_the_cards_own_back_without_a_change_entry_keeps_the_front_address():
    readings = {"front": _reading(), "back": _reading("back", side=Side.BACK, name=None, birthdate=None,
                                                      expiry=None, address=None)}
    assert decide(readings, REG, POLICY, AS_OF).decision is Decision.APPROVED
