"""The decision stage: from what intake, OCR and matching found to approved / needs_review / resubmit.

A pure function of its inputs. Its one hard rule: `approved` only when every check is certain;
anything a person could get wrong by trusting the machine goes to `needs_review`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from intake.documents import DocumentType, Side
from intake.reasons import Reason, ReasonItem, reason
from matching import (
    Comparison,
    ObservedName,
    RegisteredName,
    Verdict,
    compare_address,
    compare_birthdate,
    compare_name,
)

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from honnin.policy import Policy
    from honnin.registration import Registration
    from intake.run import IntakeResult
    from ocr.models import FieldValue, OcrResult


class Decision(StrEnum):
    APPROVED = "approved"
    NEEDS_REVIEW = "needs_review"
    RESUBMIT = "resubmit"
    REJECTED = "rejected"


# Below this OCR confidence a "mismatch" may be a misreading: a person looks instead of the applicant
# being told their data is wrong.
MIN_FIELD_CONFIDENCE = 0.6

EXPIRING = frozenset(
    {DocumentType.DRIVERS_LICENSE, DocumentType.MY_NUMBER_FRONT, DocumentType.RESIDENCE_CARD, DocumentType.PASSPORT}
)
# Documents whose holder name is printed in romaji, not kanji.
ROMAJI_NAMED = frozenset({DocumentType.RESIDENCE_CARD, DocumentType.PASSPORT})


@dataclass(frozen=True)
class SideReading:
    """What intake and OCR made of one uploaded image; `role` is front, back or supplementary."""

    role: str
    intake: IntakeResult
    ocr: OcrResult | None

    @property
    def doc_type(self) -> DocumentType:
        return self.ocr.classification.type if self.ocr else DocumentType.UNKNOWN

    @property
    def side(self) -> Side:
        return self.ocr.classification.side if self.ocr else Side.FRONT

    @property
    def my_number_visible(self) -> bool:
        return bool(self.ocr and self.ocr.classification.my_number_visible)


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    reasons: tuple[ReasonItem, ...]
    document_type: DocumentType
    side: Side
    fields: dict[str, FieldValue | None] = field(default_factory=dict)
    match: dict[str, Comparison] = field(default_factory=dict)
    # Roles whose image must not be kept (a visible My Number).
    discard: frozenset[str] = frozenset()


def _family(doc: DocumentType) -> str:
    return "my_number" if doc in (DocumentType.MY_NUMBER_FRONT, DocumentType.MY_NUMBER_BACK) else doc.value


class _Reasons:
    """Collects reasons and keeps the most severe decision class they imply."""

    _ORDER = {Decision.APPROVED: 0, Decision.NEEDS_REVIEW: 1, Decision.RESUBMIT: 2, Decision.REJECTED: 3}

    def __init__(self) -> None:
        self.items: list[ReasonItem] = []
        self.decision = Decision.APPROVED

    def add(self, decision: Decision, item: ReasonItem) -> None:
        if all(i.code != item.code or i.field != item.field for i in self.items):
            self.items.append(item)
        if self._ORDER[decision] > self._ORDER[self.decision]:
            self.decision = decision


def decide(readings: dict[str, SideReading], registration: Registration, policy: Policy, as_of: date) -> Outcome:
    """Decide one submission. `readings` has "front" and optionally "back" and "supplementary"."""
    front = readings["front"]
    out = _Reasons()
    discard = frozenset(role for role, r in readings.items() if r.my_number_visible)
    base = {"document_type": front.doc_type, "side": front.side, "discard": discard}

    # A visible My Number ends the matter: the image is deleted and nothing from it is used.
    if discard:
        out.add(Decision.RESUBMIT, reason(Reason.MY_NUMBER_VISIBLE, field=sorted(discard)[0]))
        return Outcome(out.decision, tuple(out.items), **base)

    for role, r in readings.items():
        for item in r.intake.reasons:
            out.add(Decision.RESUBMIT, ReasonItem(item.code, item.field or role, item.message_ja, item.message_en))
    if not front.intake.usable or front.ocr is None:
        return Outcome(out.decision, tuple(out.items), **base)

    doc = front.doc_type
    if doc is DocumentType.UNKNOWN:
        out.add(Decision.RESUBMIT, reason(Reason.UNKNOWN_DOCUMENT, field="front"))
        return Outcome(out.decision, tuple(out.items), **base)
    if front.side is Side.BACK:
        out.add(Decision.RESUBMIT, reason(Reason.WRONG_SIDE, field="front", side="front"))
        return Outcome(out.decision, tuple(out.items), **base)
    if not policy.accepts(registration.contract_type, doc):
        out.add(Decision.RESUBMIT, reason(Reason.DOCUMENT_NOT_ACCEPTED, field="front"))
        return Outcome(out.decision, tuple(out.items), **base)

    fields = front.ocr.fields
    _check_expiry(doc, fields.expiry, as_of, out)
    address_field, address_role = _address_source(readings, policy, as_of, out)

    match: dict[str, Comparison] = {
        "name": _guarded(_compare_name, doc, registration, fields),
        "birthdate": _guarded(compare_birthdate, registration.birthdate, fields.birthdate.value)
        if fields.birthdate
        else _unread(),
        "address": _guarded(compare_address, registration.address, address_field.value)
        if address_field
        else _unread(),
    }

    confidences = {"name": _name_field(doc, fields), "birthdate": fields.birthdate, "address": address_field}
    for name, comparison in match.items():
        _judge(name, comparison, confidences[name], out, back_may_help=_back_may_help(readings, policy, doc))

    supplementary = readings.get("supplementary")
    if supplementary is not None and supplementary.ocr is not None and address_role == "supplementary":
        sup_name = supplementary.ocr.fields.name
        if sup_name is not None:
            verdict = compare_name(_registered_name(registration), ObservedName(kanji=sup_name.value)).verdict
            if verdict is not Verdict.MATCH:
                out.add(Decision.NEEDS_REVIEW, reason(Reason.NAME_UNCERTAIN, field="supplementary.name"))

    report_fields = {
        "name": _name_field(doc, fields),
        "birthdate": fields.birthdate,
        "address": address_field,
        "expiry": fields.expiry,
    }
    return Outcome(out.decision, tuple(out.items), fields=report_fields, match=match, **base)


def _guarded(compare, *args) -> Comparison:  # noqa: ANN001
    """A value the matcher cannot take (a date it cannot place) goes to a person, never a crash."""
    try:
        return compare(*args)
    except ValueError:
        logger.warning("comparison failed on a value read from the card", exc_info=False)
        return Comparison(verdict=Verdict.UNCERTAIN, score=0.0, detail="照合できませんでした",
                          detail_en="could not be compared")


def _unread() -> Comparison:
    return Comparison(verdict=Verdict.UNCERTAIN, score=0.0, detail="読み取れませんでした", detail_en="not read")


def _registered_name(registration: Registration) -> RegisteredName:
    return RegisteredName(kanji=registration.name_kanji, kana=registration.name_kana, romaji=registration.name_romaji)


def _name_field(doc: DocumentType, fields) -> FieldValue | None:
    if doc in ROMAJI_NAMED:
        return fields.name_romaji or fields.name
    return fields.name


def _compare_name(doc: DocumentType, registration: Registration, fields) -> Comparison:
    observed = _name_field(doc, fields)
    if observed is None:
        return _unread()
    if (doc in ROMAJI_NAMED and fields.name_romaji is not None) or _latin(observed.value):
        # A foreign resident's My Number card or licence prints the name in the alphabet.
        return compare_name(_registered_name(registration), ObservedName(romaji=observed.value))
    return compare_name(_registered_name(registration), ObservedName(kanji=observed.value))


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


_MISMATCH = {"name": Reason.NAME_MISMATCH, "address": Reason.ADDRESS_MISMATCH, "birthdate": Reason.BIRTHDATE_MISMATCH}
_UNCERTAIN = {"name": Reason.NAME_UNCERTAIN, "address": Reason.ADDRESS_UNCERTAIN, "birthdate": Reason.BIRTHDATE_UNCERTAIN}


def _judge(name: str, comparison: Comparison, value: FieldValue | None, out: _Reasons, *, back_may_help: bool) -> None:
    if comparison.verdict is Verdict.MATCH:
        return
    if value is None:
        out.add(Decision.NEEDS_REVIEW, reason(Reason.FIELD_UNREADABLE, field=name))
        return
    certain = value.confidence >= MIN_FIELD_CONFIDENCE
    if comparison.verdict is Verdict.MISMATCH and certain:
        # The applicant can fix this: correct the registration, or show where the new address is written.
        out.add(Decision.RESUBMIT, reason(_MISMATCH[name], field=name))
        if name == "address" and back_may_help:
            out.add(Decision.RESUBMIT, reason(Reason.BACK_REQUIRED, field="back"))
    else:
        out.add(Decision.NEEDS_REVIEW, reason(_UNCERTAIN[name], field=name))


def _check_expiry(doc: DocumentType, expiry: FieldValue | None, as_of: date, out: _Reasons) -> None:
    if doc not in EXPIRING:
        return
    if expiry is None:
        out.add(Decision.NEEDS_REVIEW, reason(Reason.EXPIRY_UNCERTAIN, field="expiry"))
        return
    try:
        valid_until = date.fromisoformat(expiry.value)
    except ValueError:
        out.add(Decision.NEEDS_REVIEW, reason(Reason.EXPIRY_UNCERTAIN, field="expiry"))
        return
    if valid_until < as_of:
        certain = expiry.confidence >= MIN_FIELD_CONFIDENCE
        out.add(Decision.RESUBMIT if certain else Decision.NEEDS_REVIEW,
                reason(Reason.EXPIRED if certain else Reason.EXPIRY_UNCERTAIN, field="expiry"))
    elif expiry.confidence < MIN_FIELD_CONFIDENCE:
        out.add(Decision.NEEDS_REVIEW, reason(Reason.EXPIRY_UNCERTAIN, field="expiry"))


def _back_may_help(readings: dict[str, SideReading], policy: Policy, doc: DocumentType) -> bool:
    return "back" not in readings and "supplementary" not in readings and policy.rule(doc).address_changes_on_back


def _address_source(readings: dict[str, SideReading], policy: Policy, as_of: date,
                    out: _Reasons) -> tuple[FieldValue | None, str]:
    """The newest address the applicant showed: supplementary > the back's change entry > the front."""
    front = readings["front"]
    doc = front.doc_type
    supplementary = readings.get("supplementary")
    rule = policy.rule(doc)

    if supplementary is not None:
        sup_doc = supplementary.doc_type
        if not supplementary.intake.usable or supplementary.ocr is None:
            return None, "supplementary"  # its quality reasons are already listed
        if sup_doc not in policy.supplementary_documents:
            out.add(Decision.RESUBMIT, reason(Reason.SUPPLEMENTARY_NOT_ACCEPTED, field="supplementary"))
            return None, "supplementary"
        issued = supplementary.ocr.fields.issue_date
        if issued is not None:
            try:
                issued_on = date.fromisoformat(issued.value)
                if as_of - issued_on > timedelta(days=policy.supplementary_max_age_days):
                    out.add(Decision.RESUBMIT, reason(Reason.SUPPLEMENTARY_OUTDATED, field="supplementary"))
            except ValueError:
                pass
        return supplementary.ocr.fields.address, "supplementary"

    if rule.needs_supplementary:
        out.add(Decision.RESUBMIT, reason(Reason.SUPPLEMENTARY_REQUIRED, field="supplementary"))
        return None, "supplementary"

    back = readings.get("back")
    if back is not None and back.ocr is not None and back.intake.usable:
        same_card = _family(back.doc_type) == _family(doc) and back.side is Side.BACK
        if same_card and back.ocr.fields.address is not None:
            return back.ocr.fields.address, "back"
        # A back may carry a newer address than the front, so one we cannot place is never ignored.
        if back.doc_type is DocumentType.UNKNOWN:
            out.add(Decision.NEEDS_REVIEW, reason(Reason.UNKNOWN_DOCUMENT, field="back"))
        elif not same_card:
            out.add(Decision.RESUBMIT, reason(Reason.WRONG_SIDE, field="back", side="back"))
    return front.ocr.fields.address if front.ocr else None, "front"
