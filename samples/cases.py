"""Scenarios: pair a registration with documents, and state the truth and the expected decision."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from samples import addresses as A
from samples.cards import Rendered
from samples.names import other_foreign_given, other_given
from samples.numbers import licence_number, make_my_number, passport_number, residence_card_number
from samples.people import Person, address_texts, make_person
from samples.wareki import add_months, add_years

CONTRACTS = ("data_sim", "voice_sim", "voice_esim", "handset")
MISMATCHES = ("house_number", "town_char", "birth_day", "given_name")
MISMATCH_REASON = {"house_number": "address_mismatch", "town_char": "address_mismatch",
                   "birth_day": "birthdate_mismatch", "given_name": "name_mismatch"}
UNUSABLE_REASON = {"blurry": "blurry", "cut_off": "card_cut_off", "too_small": "card_too_small",
                   "glare": "glare", "dark": "too_dark"}
# Scenarios whose primary image is a card that can carry a quality defect or a controlled mismatch.
ID_CARDS = ("licence", "my_number_front", "residence")


@dataclass(frozen=True)
class CaseSpec:
    """One planned case: what to build; the rest is drawn from the case's own seed."""

    id: str
    index: int
    scenario: str
    quality: str  # clean | moderate | heavy | blurry | cut_off | too_small | glare | dark
    modifier: str | None  # mismatch:<kind> | expired | variant_kanji | unregisterable_kanji | None
    seed: str
    as_of: dt.date


@dataclass
class Built:
    """Everything about a case except the photographs."""

    registration: dict
    images: dict[str, Rendered]  # role (front/back/supplementary) -> rendered document
    document: dict
    truth: dict
    expected: str
    reasons: list[str]
    tags: list[str] = field(default_factory=list)
    glare_field: str = "name"


def _contract(rng: random.Random, *, passport: bool = False) -> str:
    pool = [c for c in CONTRACTS if not (passport and c == "voice_esim")]  # voice eSIM refuses passports
    return rng.choice(pool)


def _registration(p: Person, address: str, contract: str) -> dict:
    n = p.reg_name
    if p.foreigner is not None:
        kanji = n.kana if len(n.surname) % 2 else n.romaji  # katakana or romaji in the kanji field
        return {"name_kanji": kanji, "name_kana": n.kana, "name_romaji": n.romaji,
                "birthdate": p.birthdate.isoformat(), "address": address, "contract_type": contract}
    return {"name_kanji": n.kanji, "name_kana": n.kana, "name_romaji": n.romaji,
            "birthdate": p.birthdate.isoformat(), "address": address, "contract_type": contract}


def _apply_mismatch(rng: random.Random, kind: str, p: Person, reg: dict) -> dict:
    """Make the registration differ from the card by exactly one controlled change."""
    reg = dict(reg)
    if kind == "birth_day":
        d = p.birthdate
        new = d + dt.timedelta(days=1) if d.day < 28 else d - dt.timedelta(days=1)
        reg["birthdate"] = new.isoformat()
    elif kind == "given_name":
        if p.foreigner is not None:
            other = other_foreign_given(rng, p.foreigner).name
            reg.update(name_kanji=other.kana, name_kana=other.kana, name_romaji=other.romaji)
        else:
            other = other_given(rng, p.reg_name, p.sex)
            reg.update(name_kanji=other.kanji, name_kana=other.kana, name_romaji=other.romaji)
    return reg


def _mismatched_address(rng: random.Random, kind: str, addr: A.Address) -> A.Address:
    if kind == "house_number":
        return A.house_number_changed(rng, addr)
    return A.town_char_changed(rng, addr)


def _result(reasons: list[str]) -> str:
    return "approved" if not reasons else "resubmit"


# --- scenario builders -------------------------------------------------------------------------


def build(spec: CaseSpec) -> Built:
    rng = random.Random(spec.seed)
    return BUILDERS[spec.scenario](rng, spec)


def _person_for(rng: random.Random, spec: CaseSpec, foreign: bool = False) -> Person:
    kind = "foreign" if foreign else "plain"
    if spec.modifier in ("variant_kanji", "unregisterable_kanji") and not foreign:
        kind = spec.modifier
    return make_person(rng, spec.as_of, kind=kind, town_swappable=spec.modifier == "mismatch:town_char")


def _id_card_common(rng: random.Random, spec: CaseSpec, p: Person, reg_addr: str,
                    contract: str) -> tuple[dict, list[str], list[str]]:
    """Registration, reasons and tags shared by licence / My Number front / residence card scenarios."""
    reasons: list[str] = []
    tags = list(p.tags)
    reg = _registration(p, reg_addr, contract)
    if spec.modifier and spec.modifier.startswith("mismatch:"):
        kind = spec.modifier.split(":", 1)[1]
        tags.append(spec.modifier)
        if kind in ("house_number", "town_char"):
            changed = _mismatched_address(rng, kind, p.address)
            reg["address"] = changed.render(A.registration_notation(rng, A.Notation(), changed))
        else:
            reg = _apply_mismatch(rng, kind, p, reg)
        reasons.append(MISMATCH_REASON[kind])
    if spec.modifier == "expired":
        tags.append("expired")
        reasons.append("expired")
    if spec.quality in UNUSABLE_REASON:
        reasons = [UNUSABLE_REASON[spec.quality]]  # an unreadable photo is all we can say
    return reg, reasons, tags


def _expiry(rng: random.Random, spec: CaseSpec, *, years_max: int, anchor: dt.date | None = None) -> dt.date:
    if spec.modifier == "expired":
        return spec.as_of - dt.timedelta(days=rng.randint(3, 900))
    if anchor is not None:  # licences expire one month after a birthday
        years = range(spec.as_of.year, spec.as_of.year + years_max + 1)
        dates = [add_months(add_years(anchor, y - anchor.year), 1) for y in years]
        return rng.choice([d for d in dates if d > spec.as_of][:years_max])
    return spec.as_of + dt.timedelta(days=rng.randint(20, 365 * years_max))


def licence(rng: random.Random, spec: CaseSpec, *, back_change: bool = False) -> Built:
    from samples.cards.licence import licence_back, licence_front

    p = _person_for(rng, spec)
    printed, reg_addr, card_n, _ = address_texts(rng, p.address, "drivers_license")
    current, images, tags_extra = printed, {}, []
    if back_change:
        new = A.moved(rng, p.address)
        new_printed = new.render(card_n)
        current = new_printed
        reg_addr = new.render(A.registration_notation(rng, card_n, new))
        tags_extra.append("back_address_change")
    contract = _contract(rng)
    reg, reasons, tags = _id_card_common(rng, spec, p, reg_addr, contract)
    band = rng.choice(["green", "blue", "blue", "gold", "gold"])
    expiry = _expiry(rng, spec, years_max=3 if band == "green" else 5, anchor=p.birthdate)
    issued = min(add_years(expiry, -(3 if band == "green" else 5)) - dt.timedelta(days=rng.randint(20, 60)),
                 spec.as_of - dt.timedelta(days=rng.randint(1, 30)))
    commission = p.address.pref
    number = licence_number(rng, rng.randint(10, 99), issued.year - rng.randint(0, 20))
    spaced = rng.random() < 0.5
    images["front"] = licence_front(rng, name=p.card_name, birthdate=p.birthdate, address=printed, issued=issued,
                                    expiry=expiry, band=band, number=number, commission=commission,
                                    letter_spaced=spaced)
    doc = {"type": "drivers_license", "side": "front"}
    if back_change:
        changed = spec.as_of - dt.timedelta(days=rng.randint(10, 600))
        images["back"] = licence_back(rng, new_address=current, changed=changed, commission=commission)
        doc["back"] = {"type": "drivers_license", "side": "back"}
    truth = {"name": p.card_name.kanji, "name_kana": None, "name_romaji": None,
             "birthdate": p.birthdate.isoformat(), "address": printed, "current_address": current,
             "expiry": expiry.isoformat(), "number": number}
    tags += tags_extra + [f"band:{band}"] + (["letter_spaced"] if spaced else [])
    return Built(reg, images, doc, truth, _result(reasons), reasons, tags,
                 glare_field=rng.choice(["name", "address"]))


def my_number_front_case(rng: random.Random, spec: CaseSpec) -> Built:
    from samples.cards.mynumber import my_number_front

    # Foreign residents hold My Number cards too: romaji name, birthdate in the Western calendar.
    foreign = spec.modifier not in ("variant_kanji", "unregisterable_kanji") and rng.random() < 0.15
    p = _person_for(rng, spec, foreign=foreign)
    printed, reg_addr, _, _ = address_texts(rng, p.address, "my_number_front")
    reg, reasons, tags = _id_card_common(rng, spec, p, reg_addr, _contract(rng))
    expiry = _expiry(rng, spec, years_max=10)
    front = my_number_front(rng, name=p.card_name, birthdate=p.birthdate, sex=p.sex, address=printed,
                            expiry=expiry, foreign=foreign)
    truth = {"name": p.card_name.kanji, "name_kana": None, "name_romaji": p.card_name.romaji if foreign else None,
             "birthdate": p.birthdate.isoformat(), "address": printed, "current_address": printed,
             "expiry": expiry.isoformat(), "number": None}
    return Built(reg, {"front": front}, {"type": "my_number_front", "side": "front"}, truth,
                 _result(reasons), reasons, tags, glare_field=rng.choice(["name", "address"]))


def my_number_back_case(rng: random.Random, spec: CaseSpec) -> Built:
    from samples.cards.mynumber import my_number_back

    p = _person_for(rng, spec)
    _, reg_addr, _, _ = address_texts(rng, p.address, "my_number_front")
    # The number exists only inside the rendered image; it is never returned or recorded.
    back = my_number_back(rng, name=p.card_name, birthdate=p.birthdate, number=make_my_number(rng))
    truth = {"name": p.card_name.kanji, "name_kana": None, "name_romaji": None,
             "birthdate": p.birthdate.isoformat(), "address": None, "current_address": None,
             "expiry": None, "number": None}
    return Built(_registration(p, reg_addr, _contract(rng)), {"front": back},
                 {"type": "my_number_back", "side": "back"}, truth, "resubmit", ["my_number_visible"],
                 list(p.tags) + ["my_number_back"])


def residence(rng: random.Random, spec: CaseSpec, *, back_change: bool = False) -> Built:
    from samples.cards.residence import residence_back, residence_front

    p = _person_for(rng, spec, foreign=True)
    printed, reg_addr, card_n, _ = address_texts(rng, p.address, "residence_card")
    current, tags_extra = printed, []
    if back_change:
        new = A.moved(rng, p.address)
        current = new.render(card_n)
        reg_addr = new.render(A.registration_notation(rng, card_n, new))
        tags_extra.append("back_address_change")
    reg, reasons, tags = _id_card_common(rng, spec, p, reg_addr, _contract(rng))
    expiry = _expiry(rng, spec, years_max=5)
    number = residence_card_number(rng)
    images = {"front": residence_front(rng, name=p.card_name, birthdate=p.birthdate, sex=p.sex,
                                       nationality=p.foreigner.nationality if p.foreigner else "",
                                       address=printed, expiry=expiry, number=number, as_of=spec.as_of)}
    doc = {"type": "residence_card", "side": "front"}
    if back_change:
        images["back"] = residence_back(rng, new_address=current,
                                        changed=spec.as_of - dt.timedelta(days=rng.randint(10, 400)))
        doc["back"] = {"type": "residence_card", "side": "back"}
    truth = {"name": p.card_name.romaji, "name_kana": None, "name_romaji": p.card_name.romaji,
             "birthdate": p.birthdate.isoformat(), "address": printed, "current_address": current,
             "expiry": expiry.isoformat(), "number": number}
    return Built(reg, images, doc, truth, _result(reasons), reasons, tags + tags_extra,
                 glare_field=rng.choice(["name", "address"]))


def passport(rng: random.Random, spec: CaseSpec, *, supplementary: str | None = None) -> Built:
    """A Japanese passport (no address) alone, or with a 住民票 / utility receipt for the address."""
    from samples.cards.papers import residence_certificate, utility_receipt
    from samples.cards.passport import passport_page

    p = _person_for(rng, spec)
    reg_contract = _contract(rng, passport=True)
    expiry = _expiry(rng, spec, years_max=9)
    ten = rng.random() < 0.7
    issued = add_years(expiry, -(10 if ten else 5)) + dt.timedelta(days=1)
    if issued > spec.as_of:
        issued = spec.as_of - dt.timedelta(days=rng.randint(5, 200))
    number = passport_number(rng)
    images = {"front": passport_page(rng, name=p.card_name, birthdate=p.birthdate, sex=p.sex, issued=issued,
                                     expiry=expiry, number=number)}
    doc: dict = {"type": "passport", "side": "front"}
    tags = list(p.tags) + ["passport"]
    reasons: list[str] = []
    printed, reg_addr, _, _ = address_texts(rng, p.address, "residence_certificate")
    supp_truth = None
    if supplementary is None:
        reasons.append("supplementary_required")
    else:
        issued_supp = spec.as_of - dt.timedelta(days=rng.randint(3, 80))
        show_number = supplementary == "juminhyo_my_number"
        if supplementary.startswith("juminhyo"):
            images["supplementary"] = residence_certificate(
                rng, name=p.card_name, birthdate=p.birthdate, sex=p.sex, address=printed, issued=issued_supp,
                my_number=make_my_number(rng) if show_number else None)
            kind = "residence_certificate"
        else:
            images["supplementary"] = utility_receipt(rng, name=p.card_name, address=printed, paid=issued_supp)
            kind = "utility_receipt"
        doc["supplementary"] = {"type": kind, "side": "front"}
        supp_truth = {"type": kind, "name": p.card_name.kanji, "address": printed,
                      "issued": issued_supp.isoformat()}
        tags.append(f"supplementary:{kind}")
        if show_number:
            reasons.append("my_number_visible")
            tags.append("juminhyo_my_number")
    if spec.modifier == "expired":
        reasons.append("expired")
        tags.append("expired")
    truth = {"name": p.card_name.kanji, "name_kana": None, "name_romaji": p.card_name.romaji,
             "birthdate": p.birthdate.isoformat(), "address": None,
             "current_address": printed if supp_truth else None, "expiry": expiry.isoformat(), "number": number,
             "supplementary": supp_truth}
    return Built(_registration(p, reg_addr, reg_contract), images, doc, truth, _result(reasons), reasons, tags)


def insurance(rng: random.Random, spec: CaseSpec) -> Built:
    from samples.cards.insurance import insurance_card

    p = _person_for(rng, spec)
    printed, reg_addr, _, _ = address_texts(rng, p.address, "health_insurance")
    show_address = rng.random() < 0.6
    card = insurance_card(rng, name=p.card_name, birthdate=p.birthdate, sex=p.sex,
                          address=printed if show_address else None, as_of=spec.as_of)
    truth = {"name": p.card_name.kanji, "name_kana": None, "name_romaji": None,
             "birthdate": p.birthdate.isoformat(), "address": printed if show_address else None,
             "current_address": printed if show_address else None, "expiry": None, "number": None}
    tags = list(p.tags) + (["address_blank"] if not show_address else [])
    return Built(_registration(p, reg_addr, "voice_esim"), {"front": card},
                 {"type": "health_insurance", "side": "front"}, truth, "resubmit", ["document_not_accepted"], tags)


def non_document(rng: random.Random, spec: CaseSpec, *, kind: str) -> Built:
    from samples.cards.nondocs import blank_card, patterned_object, plain_receipt

    p = _person_for(rng, spec)
    _, reg_addr, _, _ = address_texts(rng, p.address, "other")
    render = {"receipt": plain_receipt, "object": patterned_object, "blank": blank_card}[kind]
    truth = dict.fromkeys(("name", "name_kana", "name_romaji", "birthdate", "address", "current_address",
                           "expiry", "number"))
    return Built(_registration(p, reg_addr, _contract(rng)), {"front": render(rng, as_of=spec.as_of)},
                 {"type": "unknown", "side": "front"}, truth, "resubmit", ["unknown_document"],
                 [f"non_document:{kind}"])


BUILDERS = {
    "licence": licence,
    "licence_back_address": lambda r, s: licence(r, s, back_change=True),
    "my_number_front": my_number_front_case,
    "my_number_back": my_number_back_case,
    "residence": residence,
    "residence_back_address": lambda r, s: residence(r, s, back_change=True),
    "passport_only": passport,
    "passport_juminhyo": lambda r, s: passport(r, s, supplementary="juminhyo"),
    "passport_utility": lambda r, s: passport(r, s, supplementary="utility"),
    "passport_juminhyo_my_number": lambda r, s: passport(r, s, supplementary="juminhyo_my_number"),
    "insurance_voice_esim": insurance,
    "non_document_receipt": lambda r, s: non_document(r, s, kind="receipt"),
    "non_document_object": lambda r, s: non_document(r, s, kind="object"),
    "non_document_blank": lambda r, s: non_document(r, s, kind="blank"),
}

# The first cases of every set, in this order, cover every family at least once (a fixed set of
# len(CORE) cases is a complete tour); later cases are drawn from WEIGHTS.
CORE: list[tuple[str, str, str | None]] = [
    ("licence", "clean", None),
    ("my_number_front", "clean", None),
    ("residence", "clean", None),
    ("my_number_back", "clean", None),
    ("passport_only", "clean", None),
    ("passport_juminhyo", "clean", None),
    ("passport_utility", "moderate", None),
    ("passport_juminhyo_my_number", "clean", None),
    ("insurance_voice_esim", "clean", None),
    ("licence_back_address", "clean", None),
    ("residence_back_address", "moderate", None),
    ("non_document_receipt", "clean", None),
    ("non_document_object", "clean", None),
    ("non_document_blank", "clean", None),
    ("licence", "moderate", "variant_kanji"),
    ("my_number_front", "clean", "unregisterable_kanji"),
    ("licence", "heavy", None),
    ("my_number_front", "heavy", None),
    ("residence", "heavy", None),
    ("licence", "blurry", None),
    ("my_number_front", "cut_off", None),
    ("licence", "too_small", None),
    ("residence", "glare", None),
    ("licence", "dark", None),
    ("licence", "clean", "mismatch:house_number"),
    ("my_number_front", "clean", "mismatch:town_char"),
    ("residence", "moderate", "mismatch:birth_day"),
    ("licence", "moderate", "mismatch:given_name"),
    ("licence", "clean", "expired"),
    ("residence", "clean", "expired"),
    ("licence", "cut_off", None),
    ("my_number_front", "glare", None),
    ("my_number_front", "moderate", "variant_kanji"),
    ("licence", "moderate", "unregisterable_kanji"),
]

WEIGHTS: dict[str, int] = {
    "licence": 26, "licence_back_address": 5, "my_number_front": 20, "my_number_back": 5, "residence": 12,
    "residence_back_address": 3, "passport_only": 3, "passport_juminhyo": 4, "passport_utility": 3,
    "passport_juminhyo_my_number": 2, "insurance_voice_esim": 3, "non_document_receipt": 2,
    "non_document_object": 2, "non_document_blank": 2,
}


def draw_variant(rng: random.Random, scenario: str) -> tuple[str, str | None]:
    """Quality family and modifier for a case beyond the core list."""
    if scenario not in ID_CARDS:
        return rng.choices(["clean", "moderate", "heavy"], [5, 4, 2])[0], None
    r = rng.random()
    if r < 0.18:
        return rng.choice(list(UNUSABLE_REASON)), None
    quality = rng.choices(["clean", "moderate", "heavy"], [45, 35, 20])[0]
    if r < 0.38:
        return quality, "mismatch:" + rng.choice(MISMATCHES)
    if r < 0.44:
        return quality, "expired"
    if r < 0.56 and scenario != "residence":
        return quality, rng.choice(["variant_kanji", "variant_kanji", "unregisterable_kanji"])
    return quality, None


def plan(n: int, seed: int, as_of: dt.date) -> list[CaseSpec]:
    rng = random.Random(f"honnin-samples-plan:{seed}")
    specs = []
    for i in range(n):
        if i < len(CORE):
            scenario, quality, modifier = CORE[i]
        else:
            scenario = rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
            quality, modifier = draw_variant(rng, scenario)
        specs.append(CaseSpec(f"c{i + 1:04d}", i, scenario, quality, modifier, f"honnin-samples:{seed}:{i}", as_of))
    return specs

