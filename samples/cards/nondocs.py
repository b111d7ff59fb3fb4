"""Things that are not ID documents: a shop receipt, a patterned object, a blank card."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT, Sheet

ITEMS = ["おにぎり 鮭", "緑茶 500ml", "ボールペン 黒", "のど飴", "サンドイッチ", "コーヒー", "ノート B5", "電池 単3"]


def plain_receipt(rng: random.Random, *, as_of: dt.date) -> Rendered:
    """A shop receipt: dates and prices but no name, address or birthdate."""
    s = Sheet(rng, rng.randint(560, 700), 0.42, (252, 252, 250))
    ink = (40, 40, 45)
    s.text(0.5, 0.04, "レシート", 0.028, "bold", ink, anchor="mm", jitter=False)
    s.text(0.5, 0.075, "サンプルマート 見本店", 0.02, "gothic", ink, anchor="mm", jitter=False)
    day = as_of - dt.timedelta(days=rng.randint(0, 30))
    s.text(0.08, 0.12, f"{day.year}年{day.month}月{day.day}日 {rng.randint(8, 22)}:{rng.randint(0, 59):02d}", 0.018,
           "gothic", ink)
    y, total = 0.17, 0
    for item in rng.sample(ITEMS, rng.randint(3, 6)):
        price = rng.randint(98, 680)
        total += price
        s.text(0.08, y, item, 0.02, "gothic", ink)
        s.text(0.92, y, f"¥{price}", 0.02, "gothic", ink, anchor="rm")
        y += 0.045
    s.hline(y, 0.06, 0.94, fill=(90, 90, 90))
    s.text(0.08, y + 0.04, "合計", 0.026, "bold", ink)
    s.text(0.92, y + 0.04, f"¥{total:,}", 0.026, "bold", ink, anchor="rm")
    s.text(0.5, y + 0.12, "ありがとうございました", 0.018, "gothic", ink, anchor="mm", jitter=False)
    return Rendered(s.img, {}, rounded=False)


def patterned_object(rng: random.Random, *, as_of: dt.date) -> Rendered:
    """A flat patterned object (a coaster or a book cover): shapes and colour, no text."""
    w = rng.randint(800, 1200)
    s = Sheet(rng, w, rng.uniform(0.8, 1.6), tuple(rng.randint(60, 230) for _ in range(3)))
    for _ in range(rng.randint(15, 40)):
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        x, y = rng.random(), rng.random()
        r = rng.uniform(0.03, 0.2)
        box = (*s.px(x - r, y - r), *s.px(x + r, y + r))
        box = (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3]))
        if rng.random() < 0.5:
            s.draw.ellipse(box, fill=colour)
        else:
            s.draw.rectangle(box, fill=colour)
    for k in range(rng.randint(0, 8)):
        s.hline((k + 0.5) / 8, 0, 1, fill=tuple(rng.randint(0, 255) for _ in range(3)), width=rng.randint(3, 15))
    return Rendered(s.img, {}, rounded=rng.random() < 0.5)


def blank_card(rng: random.Random, *, as_of: dt.date) -> Rendered:
    """A plain ID-1 card with nothing printed (a hotel key, the back of a loyalty card)."""
    shade = rng.choice([(248, 248, 246), (235, 238, 242), (225, 225, 225), (250, 240, 230)])
    s = Sheet(rng, rng.randint(1000, 1300), ID1_ASPECT, shade)
    if rng.random() < 0.4:
        s.rect((0, 0.12, 1, 0.28), fill=(40, 40, 40))  # a magnetic stripe
    return Rendered(s.img, {})
