"""A synthetic customer: names as printed and as registered, birthdate across eras, address notations."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from samples.addresses import Address, Notation, card_notation, make_address, registration_notation
from samples.names import Foreigner, Name, foreign_name, japanese_name, variant_pair
from samples.wareki import era_of

# Era boundaries and 元年 dates that trip up date parsers (DOMAIN.md: Dates).
SPECIAL_BIRTHDATES = [
    dt.date(1926, 12, 25), dt.date(1926, 12, 31), dt.date(1927, 1, 1), dt.date(1989, 1, 7), dt.date(1989, 1, 8),
    dt.date(1989, 12, 31), dt.date(1988, 12, 31), dt.date(1989, 2, 28), dt.date(2000, 2, 29),
    dt.date(1964, 1, 1), dt.date(1975, 12, 31), dt.date(2005, 1, 8),
]


@dataclass
class Person:
    card_name: Name  # as printed on the document
    reg_name: Name  # as the customer registered it
    sex: str
    birthdate: dt.date
    address: Address
    foreigner: Foreigner | None = None
    tags: list[str] = field(default_factory=list)


def birthdate(rng: random.Random, as_of: dt.date) -> tuple[dt.date, list[str]]:
    if rng.random() < 0.12:
        d = rng.choice(SPECIAL_BIRTHDATES)
        tags = ["birthdate:era_boundary"]
    else:
        start, end = dt.date(1945, 1, 1), dt.date(as_of.year - 19, 12, 31)
        d = start + dt.timedelta(days=rng.randrange((end - start).days))
        tags = []
    era, year = era_of(d)
    if year == 1:
        tags.append("birthdate:gannen")
    tags.append(f"era:{era}")
    return d, tags


def make_person(rng: random.Random, as_of: dt.date, *, kind: str = "plain", town_swappable: bool = False) -> Person:
    """kind: plain | variant_kanji | unregisterable_kanji | foreign."""
    sex = rng.choice("MF")
    born, tags = birthdate(rng, as_of)
    addr = make_address(rng, town_swappable=town_swappable)
    if kind == "foreign":
        who = foreign_name(rng)
        return Person(who.name, who.name, sex, born, addr, who, tags + ["foreign"])
    if kind in ("variant_kanji", "unregisterable_kanji"):
        card, reg = variant_pair(rng, sex, unregisterable=kind == "unregisterable_kanji")
        return Person(card, reg, sex, born, addr, None, tags + [kind])
    name = japanese_name(rng, sex)
    return Person(name, name, sex, born, addr, None, tags)


def address_texts(rng: random.Random, addr: Address, doc: str) -> tuple[str, str, Notation, Notation]:
    """(as printed on `doc`, as registered): equivalent notations that differ in writing."""
    card = card_notation(rng, doc)
    reg = registration_notation(rng, card, addr)
    return addr.render(card), addr.render(reg), card, reg
