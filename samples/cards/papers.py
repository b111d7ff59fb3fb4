"""Paper supplementary documents: 住民票の写し and a utility (電気/ガス/水道) receipt."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import Sheet, guilloche, seal
from samples.names import Name
from samples.wareki import wareki

UTILITIES = [("電気料金", "東都電力株式会社"), ("ガス料金", "首都圏ガス株式会社"), ("水道料金", "市水道局")]


def residence_certificate(rng: random.Random, *, name: Name, birthdate: dt.date, sex: str, address: str,
                          issued: dt.date, my_number: str | None) -> Rendered:
    """The top part of an A4 住民票の写し. With `my_number` the 個人番号 column is filled (a negative case);
    the number lives only in the image."""
    s = Sheet(rng, rng.randint(1200, 1400), 1.35, (250, 249, 245))
    guilloche(s, [(232, 238, 232), (238, 232, 238)], lines=26)
    ink = (20, 20, 25)
    lab = (60, 60, 60)
    s.text(0.5, 0.06, "住　民　票　の　写　し", 0.055, "mincho", ink, anchor="mm", jitter=False)
    x0, x1 = 0.05, 0.95
    rows = [("氏名", name.kanji.replace(" ", "　")), ("生年月日", wareki(birthdate)),
            ("性別", "女" if sex == "F" else "男"), ("続柄", rng.choice(["世帯主", "妻", "子", "夫"])),
            ("住所", address), ("住民となった年月日", wareki(issued - dt.timedelta(days=rng.randint(400, 6000)))),
            ("住民票コード", "（省略）"), ("個人番号", my_number if my_number else "（省略）"), ("本籍", "（省略）")]
    y = 0.12
    h = 0.072
    s.rect((x0, y, x1, y + h * len(rows)), outline=(80, 80, 80), width=2)
    s.vline(0.3, y, y + h * len(rows), fill=(80, 80, 80))
    boxes = {}
    for k, (label, value) in enumerate(rows):
        yc = y + h * (k + 0.5)
        if k:
            s.hline(y + h * k, x0, x1, fill=(120, 120, 120))
        s.text(0.07, yc, label, 0.032, "mincho", lab, max_w=0.22, jitter=False)
        s.text(0.32, yc, value, 0.04, "mincho", ink, max_w=0.6, spacing=0.08 if label == "個人番号" else 0.0)
        boxes[{"氏名": "name", "住所": "address", "生年月日": "birthdate"}.get(label, label)] = (0.3, y + h * k, x1, y + h * (k + 1))
    yb = y + h * len(rows) + 0.06
    s.text(0.07, yb, "この写しは、住民票の原本と相違ないことを証明する。", 0.036, "mincho", ink, max_w=0.86, jitter=False)
    s.text(0.07, yb + 0.07, wareki(issued), 0.038, "mincho", ink, max_w=0.4)
    s.text(0.5, yb + 0.14, "区長　　見本　太郎", 0.042, "mincho", ink, jitter=False)
    seal(s, 0.86, yb + 0.12, 0.06, "区長之印")
    boxes.pop("個人番号", None)
    boxes["issued"] = (0.05, yb + 0.04, 0.5, yb + 0.1)
    return Rendered(s.img, boxes, rounded=False)


def utility_receipt(rng: random.Random, *, name: Name, address: str, paid: dt.date) -> Rendered:
    title, company = rng.choice(UTILITIES)
    s = Sheet(rng, rng.randint(900, 1100), 0.72, (252, 252, 248))
    guilloche(s, [(236, 236, 246)], lines=16, box=(0, 0, 1, 0.15))
    ink = (20, 20, 25)
    lab = (70, 70, 70)
    s.text(0.5, 0.07, f"{title}　領収書", 0.05, "bold", ink, anchor="mm", jitter=False)
    s.text(0.06, 0.16, f"{name.kanji.replace(' ', '　')}　様", 0.045, "mincho", ink, max_w=0.6)
    s.hline(0.19, 0.05, 0.65, fill=(60, 60, 60))
    s.text(0.06, 0.25, "お客さま番号", 0.026, "gothic", lab, jitter=False)
    s.text(0.3, 0.25, f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}", 0.032, "gothic", ink)
    s.text(0.06, 0.31, "ご使用場所", 0.026, "gothic", lab, jitter=False)
    s.text(0.3, 0.31, address, 0.032, "mincho", ink, max_w=0.66)
    month = paid.replace(day=1) - dt.timedelta(days=1)
    s.text(0.06, 0.37, "ご使用期間", 0.026, "gothic", lab, jitter=False)
    s.text(0.3, 0.37, f"{wareki(month).split('月')[0]}月分", 0.032, "mincho", ink)
    amount = rng.randint(1800, 14000)
    s.rect((0.05, 0.43, 0.95, 0.55), outline=(60, 60, 60), width=2)
    s.text(0.08, 0.49, "領収金額", 0.032, "gothic", lab, jitter=False)
    s.text(0.4, 0.49, f"¥{amount:,}-", 0.06, "bold", ink)
    s.text(0.06, 0.62, "上記金額を領収いたしました。", 0.03, "mincho", ink, jitter=False)
    s.text(0.06, 0.69, "領収日", 0.026, "gothic", lab, jitter=False)
    s.text(0.22, 0.69, wareki(paid), 0.036, "mincho", ink)
    s.text(0.06, 0.82, company, 0.04, "mincho", ink, jitter=False)
    seal(s, 0.8, 0.78, 0.08, "領収済", round_=True)
    boxes = {"name": (0.05, 0.12, 0.65, 0.19), "address": (0.3, 0.28, 0.97, 0.34), "issued": (0.2, 0.66, 0.6, 0.72)}
    return Rendered(s.img, boxes, rounded=False)
