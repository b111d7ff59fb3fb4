"""運転免許証 front and back, laid out on the field boxes measured on the NPA specimen (DOMAIN.md)."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT, Sheet, guilloche, maybe_fw, portrait, seal
from samples.names import Name
from samples.wareki import era_of, wareki

BANDS = {"green": (95, 180, 110), "blue": (90, 150, 215), "gold": (215, 180, 70)}
CONDITIONS = ["眼鏡等", "", "", "眼鏡等", "AT車に限る", "中型車は中型車(8t)に限る", "眼鏡等　AT車に限る"]


def _label(s: Sheet, x: float, y: float, text: str, size: float = 0.042) -> None:
    s.text(x, y, text, size, "gothic", (70, 70, 70), jitter=False)


def _background(s: Sheet) -> None:
    pale = [(205, 230, 205), (225, 215, 230), (215, 225, 240)]
    guilloche(s, pale, lines=46)


def licence_front(rng: random.Random, *, name: Name, birthdate: dt.date, address: str, issued: dt.date,
                  expiry: dt.date, band: str, number: str, commission: str, letter_spaced: bool) -> Rendered:
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (248, 249, 244))
    _background(s)
    ink = (20, 20, 25)
    boxes = {"name": (0.15, 0.06, 0.55, 0.14), "birthdate": (0.65, 0.07, 0.96, 0.13),
             "address": (0.125, 0.215, 0.97, 0.28), "issued": (0.15, 0.285, 0.61, 0.35),
             "expiry": (0.04, 0.35, 0.62, 0.44), "conditions": (0.14, 0.44, 0.62, 0.55),
             "number": (0.04, 0.68, 0.58, 0.745), "photo": (0.685, 0.33, 0.96, 0.83)}
    # table rules between the rows
    for y in (0.19, 0.285, 0.35, 0.44, 0.555):
        s.hline(y, 0.03, 0.97 if y < 0.3 else 0.64, fill=(150, 160, 150))
    _label(s, 0.04, 0.10, "氏名")
    if letter_spaced:
        name_text = " ".join(name.surname) + "　" + " ".join(name.given)
        s.text(0.15, 0.10, name_text, 0.066, "mincho", ink, max_w=0.42)
    else:
        s.text(0.15, 0.10, name.kanji.replace(" ", "　"), 0.07, "mincho", ink, spacing=0.12, max_w=0.42)
    _label(s, 0.565, 0.10, "生年月日", 0.032)
    gannen = rng.random() < 0.7
    s.text(0.65, 0.10, wareki(birthdate, pad=" ", gannen=gannen, suffix="生"), 0.052, "mincho", ink, max_w=0.31)
    _label(s, 0.04, 0.2475, "住所")
    s.text(0.125, 0.2475, address, 0.056, "mincho", ink, max_w=0.84)
    _label(s, 0.04, 0.3175, "交付")
    code = f"{rng.randint(10000, 99999)}"
    s.text(0.15, 0.3175, wareki(issued, pad="0", gannen=False) + " " + code, 0.048, "mincho", ink, max_w=0.45)
    s.rect((0.04, 0.355, 0.62, 0.435), fill=BANDS[band])
    era, year = era_of(expiry)
    fw = rng.random() < 0.3
    exp_text = f"{expiry.year}年({era}{year:02d}年){expiry.month:02d}月{expiry.day:02d}日まで有効"
    s.text(0.06, 0.395, maybe_fw(rng, exp_text, 1.0 if fw else 0.0), 0.054, "gothic", ink, max_w=0.52)
    _label(s, 0.04, 0.475, "免許の", 0.03)
    _label(s, 0.04, 0.515, "条件等", 0.03)
    s.text(0.14, 0.495, rng.choice(CONDITIONS), 0.05, "mincho", ink, max_w=0.47)
    if band == "gold":
        s.text(0.45, 0.615, "優良", 0.06, "bold", (150, 110, 20), jitter=False)
    s.text(0.08, 0.615, "運転免許証", 0.075, "bold", (30, 30, 30), spacing=0.25)
    number_text = f"第 {number} 号" if rng.random() < 0.7 else f"第{number}号"
    s.text(0.06, 0.7125, maybe_fw(rng, number_text, 0.35), 0.058, "gothic", ink, max_w=0.52)
    _types_grid(s)
    portrait(s, boxes["photo"])
    s.text(0.64, 0.905, f"{commission}公安委員会", 0.05, "mincho", ink, max_w=0.27)
    seal(s, 0.935, 0.905, 0.045, "公安委員会")
    return Rendered(s.img, boxes)


def _types_grid(s: Sheet) -> None:
    cells = ["二・小・原", "他", "二種"]
    x0, x1, y0, y1 = 0.04, 0.6, 0.77, 0.96
    s.rect((x0, y0, x1, y1), outline=(130, 130, 130))
    for i in range(1, 3):
        s.vline(x0 + (x1 - x0) * i / 3, y0, y1, fill=(130, 130, 130))
    s.hline(y0 + 0.06, x0, x1, fill=(130, 130, 130))
    for i, c in enumerate(cells):
        s.text(x0 + (x1 - x0) * (i + 0.5) / 3, y0 + 0.03, c, 0.032, "gothic", (60, 60, 60), anchor="mm",
               jitter=False)
    s.text(x0 + 0.02, y0 + 0.12, "普通", 0.04, "mincho", (40, 40, 40))


def licence_back(rng: random.Random, *, new_address: str | None, changed: dt.date | None,
                 commission: str) -> Rendered:
    """The back: 備考 rows; a change of address is written in the first row."""
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (247, 248, 243))
    _background(s)
    ink = (25, 25, 30)
    s.rect((0.04, 0.06, 0.96, 0.62), outline=(120, 120, 120), width=2)
    s.vline(0.12, 0.06, 0.62, fill=(120, 120, 120))
    s.text(0.055, 0.34, "備", 0.05, "gothic", (60, 60, 60), jitter=False)
    s.text(0.055, 0.42, "考", 0.05, "gothic", (60, 60, 60), jitter=False)
    rows = [0.06 + 0.14 * k for k in range(1, 4)]
    for y in rows:
        s.hline(y, 0.12, 0.96, fill=(150, 150, 150))
    boxes = {}
    if new_address and changed:
        date_text = wareki(changed, pad=" ", gannen=False)
        s.text(0.14, 0.10, date_text, 0.045, "mincho", ink, max_w=0.4)
        s.text(0.14, 0.165, "住所 " + new_address, 0.05, "mincho", ink, max_w=0.7)
        seal(s, 0.9, 0.13, 0.05, commission[:2] + "公安", round_=True)
        boxes["address"] = (0.14, 0.13, 0.86, 0.20)
    s.text(0.05, 0.7, "臓器提供意思表示欄", 0.04, "gothic", (70, 70, 70), jitter=False)
    lines = ["1. 私は、脳死後及び心臓が停止した死後のいずれでも、移植の為に臓器を提供します。",
             "2. 私は、心臓が停止した死後に限り、移植の為に臓器を提供します。",
             "3. 私は、臓器を提供しません。"]
    for k, line in enumerate(lines):
        s.text(0.05, 0.77 + 0.06 * k, line, 0.032, "gothic", (80, 80, 80), max_w=0.9, jitter=False)
    return Rendered(s.img, boxes)
