"""The case mix and each scenario's registration, truth and expected decision."""

from __future__ import annotations

import datetime as dt
import json

import cv2
import numpy as np
import pytest

from intake.documents import DocumentType, Side
from intake.reasons import Reason
from samples.cases import CORE, MISMATCHES, UNUSABLE_REASON, build, plan
from samples.numbers import is_valid_my_number
from tests.samples.test_text import norm

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def core_built():
    specs = plan(len(CORE), seed=4, as_of=AS_OF)
    return [(s, build(s)) for s in specs]


def test_a_plan_of_the_core_length_contains_every_family():
    specs = plan(len(CORE), seed=0, as_of=AS_OF)
    scenarios = {s.scenario for s in specs}
    assert {"licence", "licence_back_address", "my_number_front", "my_number_back", "residence", "passport_only",
            "passport_juminhyo", "passport_utility", "passport_juminhyo_my_number", "insurance_voice_esim",
            "non_document_receipt", "non_document_object", "non_document_blank"} <= scenarios
    assert set(UNUSABLE_REASON) <= {s.quality for s in specs}
    assert {"clean", "moderate", "heavy"} <= {s.quality for s in specs}
    modifiers = {s.modifier for s in specs}
    assert {f"mismatch:{m}" for m in MISMATCHES} | {"expired", "variant_kanji", "unregisterable_kanji"} <= modifiers


def test_a_larger_plan_keeps_drawing_every_family():
    specs = plan(300, seed=1, as_of=AS_OF)[len(CORE):]
    assert set(UNUSABLE_REASON) <= {s.quality for s in specs}
    assert {f"mismatch:{m}" for m in MISMATCHES} <= {s.modifier for s in specs}
    assert len({s.scenario for s in specs}) >= 12


def test_documents_and_reasons_use_the_shared_vocabularies(core_built):
    for _, b in core_built:
        assert DocumentType(b.document["type"]) and Side(b.document["side"])
        assert all(Reason(r) for r in b.reasons)
        assert b.expected == ("approved" if not b.reasons else "resubmit")


def test_each_scenario_states_the_reason_the_procedure_demands(core_built):
    for spec, b in core_built:
        if spec.quality in UNUSABLE_REASON:
            assert b.reasons == [UNUSABLE_REASON[spec.quality]]
        elif spec.modifier and spec.modifier.startswith("mismatch:"):
            assert len(b.reasons) == 1 and b.reasons[0].endswith("_mismatch")
        elif spec.scenario in ("my_number_back", "passport_juminhyo_my_number"):
            assert b.reasons == ["my_number_visible"]
        elif spec.scenario == "passport_only":
            assert b.reasons == ["supplementary_required"]
        elif spec.scenario == "insurance_voice_esim":
            assert b.reasons == ["document_not_accepted"] and b.registration["contract_type"] == "voice_esim"
        elif spec.scenario.startswith("non_document"):
            assert b.reasons == ["unknown_document"] and b.document["type"] == "unknown"
        elif spec.modifier == "expired":
            assert b.reasons == ["expired"] and dt.date.fromisoformat(b.truth["expiry"]) < AS_OF
        else:
            assert b.expected == "approved", spec


def test_approved_registrations_match_the_document_in_another_notation(core_built):
    for spec, b in core_built:
        if b.expected != "approved":
            continue
        reg, truth = b.registration, b.truth
        assert reg["birthdate"] == truth["birthdate"]
        assert norm(reg["address"]) == norm(truth["current_address"])
        if truth["expiry"]:
            assert dt.date.fromisoformat(truth["expiry"]) > AS_OF
        if spec.scenario.startswith("passport"):
            assert reg["contract_type"] != "voice_esim"  # the voice eSIM list has no passport


def test_a_mismatch_changes_exactly_the_tagged_field():
    specs = [s for s in plan(300, seed=2, as_of=AS_OF) if s.modifier and s.modifier.startswith("mismatch:")
             and s.quality not in UNUSABLE_REASON][:12]
    for spec in specs:
        b = build(spec)
        reg, truth = b.registration, b.truth
        kind = spec.modifier.split(":")[1]
        same_birth = reg["birthdate"] == truth["birthdate"]
        same_addr = norm(reg["address"]) == norm(truth["current_address"])
        surname_same = reg["name_romaji"].split(" ")[0] == (truth["name_romaji"] or reg["name_romaji"]).split(" ")[0]
        assert same_birth == (kind != "birth_day")
        assert same_addr == (kind not in ("house_number", "town_char"))
        if kind == "birth_day":
            gap = dt.date.fromisoformat(reg["birthdate"]) - dt.date.fromisoformat(truth["birthdate"])
            assert abs(gap.days) == 1
        if kind == "given_name":
            assert surname_same and reg["name_kana"].split(" ")[1] != ""


def test_the_my_number_back_carries_a_valid_number_in_its_qr_code_and_nowhere_else(core_built):
    spec, b = next((s, b) for s, b in core_built if s.scenario == "my_number_back")
    img = cv2.cvtColor(np.asarray(b.images["front"].image), cv2.COLOR_RGB2BGR)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(img)
    assert is_valid_my_number(text)
    record = json.dumps({"reg": b.registration, "truth": b.truth, "doc": b.document, "tags": b.tags},
                        ensure_ascii=False)
    assert text not in record and b.truth["number"] is None


def test_variant_and_unregisterable_names_differ_only_in_the_surname(core_built):
    seen = set()
    for spec, b in core_built:
        if spec.modifier in ("variant_kanji", "unregisterable_kanji"):
            seen.add(spec.modifier)
            card_s, card_g = b.truth["name"].split(" ")
            reg_s, reg_g = b.registration["name_kanji"].split(" ")
            assert card_g == reg_g
            if spec.modifier == "unregisterable_kanji":
                assert card_s != reg_s and any("ァ" <= ch <= "ヺ" for ch in reg_s)
    assert seen == {"variant_kanji", "unregisterable_kanji"}
