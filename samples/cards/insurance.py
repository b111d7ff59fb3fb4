"""健康保険 被保険者証 (ID-1, no photo); 住所 is often left blank by the holder."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT, Sheet, guilloche, maybe_fw, tint
from samples.names import Name
from samples.wareki import wareki

COLOURS = [((250, 225, 200), (252, 240, 225)), ((210, 228, 248), (235, 243, 252)), ((215, 240, 215), (238, 250, 238))]
INSURERS = ["全国健康保険協会 東京支部", "全国健康保険協会 大阪支部", "関東ITソフトウェア健康保険組合",
            "サンプル商事健康保険組合", "○○市国民健康保険"]


def insurance_card(rng: random.Random, *, name: Name, birthdate: dt.date, sex: str, address: str | None,
                   as_of: dt.date) -> Rendered:
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (250, 250, 250))
    top, bottom = rng.choice(COLOURS)
    tint(s, top, bottom)
    guilloche(s, [tuple(min(255, c + 8) for c in top), (235, 235, 235)], lines=20)
    ink = (25, 25, 30)
    lab = (80, 80, 80)
    s.text(0.5, 0.08, "健康保険　被保険者証", 0.075, "bold", (40, 40, 40), anchor="mm", jitter=False)
    s.text(0.05, 0.18, "本人（被保険者）", 0.036, "gothic", lab, jitter=False)
    issued = as_of - dt.timedelta(days=rng.randint(100, 2500))
    s.text(0.6, 0.18, wareki(issued, pad=" ") + "交付", 0.036, "gothic", lab, jitter=False, max_w=0.36)
    num = f"記号 {rng.randint(1000, 9999)}　番号 {rng.randint(1, 999)}　（枝番）{rng.randint(0, 9):02d}"
    s.text(0.05, 0.27, maybe_fw(rng, num, 0.3), 0.048, "gothic", ink, max_w=0.9)
    s.hline(0.32, 0.04, 0.96, fill=(150, 150, 150))
    s.text(0.05, 0.38, "氏名", 0.04, "gothic", lab, jitter=False)
    s.text(0.2, 0.38, name.kanji.replace(" ", "　"), 0.064, "mincho", ink, max_w=0.5)
    s.text(0.05, 0.48, "生年月日", 0.04, "gothic", lab, jitter=False)
    s.text(0.2, 0.48, wareki(birthdate, pad=" "), 0.05, "mincho", ink, max_w=0.45)
    s.text(0.7, 0.48, "性別", 0.04, "gothic", lab, jitter=False)
    s.text(0.8, 0.48, "女" if sex == "F" else "男", 0.05, "mincho", ink)
    s.text(0.05, 0.57, "資格取得年月日", 0.036, "gothic", lab, jitter=False)
    s.text(0.28, 0.57, wareki(issued - dt.timedelta(days=rng.randint(0, 30)), pad=" "), 0.04, "mincho", ink,
           max_w=0.4)
    s.text(0.05, 0.65, "住所", 0.04, "gothic", lab, jitter=False)
    s.hline(0.69, 0.15, 0.96, fill=(170, 170, 170))
    if address:
        s.text(0.16, 0.65, address, 0.046, "mincho", ink, max_w=0.8)
    s.text(0.05, 0.75, "事業所名称　株式会社サンプル商事", 0.036, "gothic", lab, max_w=0.9)
    s.text(0.05, 0.83, f"保険者番号　{rng.randint(1000000, 39999999):08d}", 0.036, "gothic", lab)
    s.text(0.05, 0.91, f"保険者名称　{rng.choice(INSURERS)}", 0.036, "gothic", lab, max_w=0.9)
    boxes = {"name": (0.2, 0.34, 0.7, 0.42), "address": (0.16, 0.61, 0.96, 0.69)}
    return Rendered(s.img, boxes)
