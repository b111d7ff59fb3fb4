"""マイナンバーカード (個人番号カード) front and back. No specimen coordinates are known; labels anchor it."""

from __future__ import annotations

import datetime as dt
import random

import qrcode
from PIL import Image

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT, Sheet, guilloche, maybe_fw, portrait, rosette
from samples.names import Name
from samples.wareki import seireki, wareki


def _background(s: Sheet) -> None:
    guilloche(s, [(240, 215, 225), (215, 225, 240), (235, 230, 210)], lines=38)
    rosette(s, 0.5, 0.55, 0.35, (238, 220, 228))


def _wrap(address: str, first: int) -> list[str]:
    """Long addresses wrap onto a second line, usually before the building name."""
    if len(address) <= first:
        return [address]
    while first > 1 and address[first - 1].isdigit() and address[first].isdigit():
        first -= 1  # never split a number across the lines
    return [address[:first], address[first:]]


def my_number_front(rng: random.Random, *, name: Name, birthdate: dt.date, sex: str, address: str,
                    expiry: dt.date, foreign: bool = False) -> Rendered:
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (252, 250, 250))
    _background(s)
    ink = (25, 25, 30)
    label = (90, 90, 100)
    boxes = {"name": (0.13, 0.05, 0.66, 0.16), "address": (0.13, 0.19, 0.68, 0.40),
             "birthdate": (0.04, 0.43, 0.48, 0.52), "photo": (0.70, 0.10, 0.96, 0.68)}
    s.text(0.04, 0.105, "氏名", 0.042, "gothic", label, jitter=False)
    name_text = name.romaji if foreign else name.kanji.replace(" ", "　")
    s.text(0.13, 0.105, name_text, 0.075, "gothic" if foreign else "mincho", ink, max_w=0.54)
    s.text(0.04, 0.235, "住所", 0.042, "gothic", label, jitter=False)
    first = rng.randint(14, 19)
    for k, line in enumerate(_wrap(address, first)):
        s.text(0.13, 0.235 + 0.085 * k, line, 0.058, "mincho", ink, max_w=0.55)
    if foreign:
        born = seireki(birthdate)
    else:
        born = wareki(birthdate, gannen=rng.random() < 0.8, pad=rng.choice(["", " "]))
    s.text(0.04, 0.475, maybe_fw(rng, born + "生", 0.2), 0.05, "mincho", ink, max_w=0.42)
    s.text(0.52, 0.475, "性別", 0.036, "gothic", label, jitter=False)
    s.text(0.60, 0.475, "女" if sex == "F" else "男", 0.05, "mincho", ink)
    s.rect((0.04, 0.58, 0.6, 0.69), outline=(170, 150, 160), radius=0.02)
    valid = f"{expiry.year}年{expiry.month:>2}月{expiry.day:>2}日まで有効"
    s.text(0.06, 0.635, maybe_fw(rng, valid, 0.2), 0.048, "gothic", ink, max_w=0.52)
    s.text(0.04, 0.76, "電子証明書の有効期限", 0.03, "gothic", label, jitter=False)
    s.text(0.04, 0.83, f"{expiry.year}年{expiry.month:>2}月{expiry.day:>2}日", 0.036, "gothic", label, jitter=False)
    s.text(0.50, 0.9, "個人番号カード", 0.07, "bold", (60, 40, 60), spacing=0.1, jitter=False)
    portrait(s, boxes["photo"])
    s.text(0.73, 0.76, "臓器提供意思", 0.03, "gothic", label, jitter=False)
    return Rendered(s.img, boxes)


def my_number_back(rng: random.Random, *, name: Name, birthdate: dt.date, number: str,
                   foreign: bool = False) -> Rendered:
    """The back: the 12-digit number large at the top and a real QR code encoding it.

    The number only ever lives in this image; callers must not record it anywhere.
    """
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (250, 250, 252))
    guilloche(s, [(220, 228, 240), (236, 222, 230)], lines=30)
    ink = (20, 20, 25)
    s.rect((0.03, 0.04, 0.97, 0.32), fill=(238, 240, 246), radius=0.02)
    s.text(0.05, 0.12, "個人番号", 0.06, "bold", (60, 60, 80), jitter=False)
    grouped = f"{number[:4]} {number[4:8]} {number[8:]}" if rng.random() < 0.8 else number
    s.text(0.06, 0.235, grouped, 0.11, "gothic", ink, spacing=0.06, max_w=0.86)
    # IC chip
    s.rect((0.07, 0.42, 0.22, 0.64), fill=(205, 175, 95), outline=(150, 120, 60), width=2, radius=0.02)
    for y in (0.49, 0.57):
        s.hline(y, 0.07, 0.22, fill=(150, 120, 60), width=2)
    s.vline(0.145, 0.42, 0.64, fill=(150, 120, 60), width=2)
    s.text(0.30, 0.44, "氏名", 0.036, "gothic", (90, 90, 100), jitter=False)
    s.text(0.30, 0.52, name.kanji.replace(" ", "　"), 0.06, "mincho", ink, max_w=0.38)
    s.text(0.30, 0.64, "生年月日", 0.036, "gothic", (90, 90, 100), jitter=False)
    born = seireki(birthdate) if foreign else wareki(birthdate)
    s.text(0.30, 0.72, born + "生", 0.05, "mincho", ink, max_w=0.38)
    qr = qrcode.QRCode(border=1, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(number)
    qr.make(fit=True)
    side = int(0.34 * s.h)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    code = code.resize((side, side), Image.NEAREST)
    s.img.paste(code, (int(0.72 * s.w), int(0.42 * s.h)))
    s.text(0.04, 0.92, "この個人番号カードは、本人確認の書類として使用できます。", 0.03, "gothic", (110, 110, 120),
           jitter=False, max_w=0.62)
    return Rendered(s.img, {"number": (0.05, 0.17, 0.9, 0.30), "qr": (0.72, 0.42, 0.72 + 0.34 / ID1_ASPECT, 0.76)})
