"""在留カード front and back, on the boxes measured on the Immigration Services Agency specimen."""

from __future__ import annotations

import datetime as dt
import random

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT, Sheet, guilloche, portrait, rosette, tint
from samples.names import Name
from samples.wareki import add_years, seireki

STATUSES = ["技術・人文知識・国際業務", "留学", "永住者", "家族滞在", "特定技能1号", "定住者", "技能実習(1号ロ)",
            "日本人の配偶者等"]


def residence_front(rng: random.Random, *, name: Name, birthdate: dt.date, sex: str, nationality: str,
                    address: str, expiry: dt.date, number: str, as_of: dt.date) -> Rendered:
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (240, 244, 250))
    tint(s, (236, 242, 252), (250, 236, 242))
    guilloche(s, [(215, 225, 245), (240, 215, 230)], lines=34)
    rosette(s, 0.42, 0.6, 0.3, (220, 228, 245))
    ink = (20, 20, 30)
    lab = (70, 80, 110)
    boxes = {"number": (0.70, 0.05, 0.98, 0.10), "name": (0.09, 0.13, 0.47, 0.18),
             "birthdate": (0.13, 0.23, 0.66, 0.29), "address": (0.10, 0.37, 0.68, 0.42),
             "expiry": (0.18, 0.885, 0.63, 0.945), "photo": (0.70, 0.14, 0.97, 0.66)}
    s.text(0.03, 0.065, "在留カード", 0.065, "bold", (40, 60, 120), spacing=0.1, jitter=False)
    s.text(0.34, 0.07, "RESIDENCE CARD", 0.03, "gothic", lab, jitter=False)
    s.text(0.62, 0.075, "番号", 0.032, "gothic", lab, jitter=False)
    s.text(0.70, 0.075, number, 0.05, "gothic", (180, 30, 40), max_w=0.27)
    s.text(0.03, 0.155, "氏名", 0.034, "gothic", lab, jitter=False)
    s.text(0.03, 0.19, "NAME", 0.024, "gothic", lab, jitter=False)
    s.text(0.10, 0.155, name.romaji, 0.058, "gothic", ink, max_w=0.58)
    s.text(0.03, 0.26, "生年月日", 0.03, "gothic", lab, jitter=False)
    sexj = "女 F." if sex == "F" else "男 M."
    s.text(0.14, 0.26, seireki(birthdate, pad="0"), 0.045, "gothic", ink, max_w=0.22)
    s.text(0.37, 0.26, "性別", 0.03, "gothic", lab, jitter=False)
    s.text(0.43, 0.26, sexj, 0.045, "gothic", ink)
    s.text(0.03, 0.32, "国籍・地域", 0.03, "gothic", lab, jitter=False)
    s.text(0.17, 0.32, nationality, 0.045, "gothic", ink, max_w=0.45)
    s.text(0.03, 0.395, "住居地", 0.034, "gothic", lab, jitter=False)
    s.text(0.12, 0.395, address, 0.045, "gothic", ink, max_w=0.56)
    s.hline(0.45, 0.03, 0.68, fill=(160, 170, 200))
    s.text(0.03, 0.49, "在留資格", 0.034, "gothic", lab, jitter=False)
    s.text(0.16, 0.49, rng.choice(STATUSES), 0.055, "bold", ink, max_w=0.5)
    s.text(0.03, 0.56, "就労制限の有無", 0.028, "gothic", lab, jitter=False)
    s.text(0.22, 0.56, rng.choice(["就労制限なし", "在留資格に基づく就労活動のみ可", "就労不可"]), 0.04, "gothic", ink,
           max_w=0.45)
    # the period of stay (1, 3 or 5 years) is the one that ends on `expiry` and began on or before as_of
    years = next((y for y in (1, 3, 5) if add_years(expiry, -y) <= as_of), 5)
    s.text(0.03, 0.63, "在留期間(満了日)", 0.028, "gothic", lab, jitter=False)
    s.text(0.24, 0.63, f"{years}年 ({seireki(expiry, pad='0')})", 0.042, "gothic", ink, max_w=0.42)
    granted = min(add_years(expiry, -years), as_of - dt.timedelta(days=1))
    s.text(0.03, 0.70, "許可の種類", 0.028, "gothic", lab, jitter=False)
    s.text(0.18, 0.70, "在留期間更新許可（東京出入国在留管理局長）", 0.034, "gothic", ink, max_w=0.5)
    s.text(0.03, 0.77, f"許可年月日 {seireki(granted, pad='0')}  交付年月日 {seireki(granted, pad='0')}", 0.032,
           "gothic", ink, max_w=0.64)
    s.hline(0.84, 0.03, 0.97, fill=(160, 170, 200))
    s.text(0.18, 0.915, f"このカードは {seireki(expiry, pad='0')}まで有効 です。", 0.046, "gothic", ink, max_w=0.5)
    s.text(0.74, 0.915, "法務大臣", 0.045, "mincho", ink, jitter=False)
    portrait(s, boxes["photo"])
    return Rendered(s.img, boxes)


def residence_back(rng: random.Random, *, new_address: str | None, changed: dt.date | None) -> Rendered:
    s = Sheet(rng, rng.randint(1000, 1400), ID1_ASPECT, (246, 247, 252))
    guilloche(s, [(220, 228, 245), (242, 225, 232)], lines=28)
    ink = (20, 20, 30)
    lab = (70, 80, 110)
    s.text(0.04, 0.07, "住居地記載欄", 0.045, "gothic", lab, jitter=False)
    s.rect((0.03, 0.11, 0.97, 0.52), outline=(120, 130, 160), width=2)
    s.hline(0.18, 0.03, 0.97, fill=(120, 130, 160))
    s.vline(0.25, 0.11, 0.52, fill=(120, 130, 160))
    s.vline(0.82, 0.11, 0.52, fill=(120, 130, 160))
    for y in (0.295, 0.41):
        s.hline(y, 0.03, 0.97, fill=(150, 160, 185))
    s.text(0.14, 0.145, "届出年月日", 0.032, "gothic", lab, anchor="mm", jitter=False)
    s.text(0.535, 0.145, "住居地", 0.032, "gothic", lab, anchor="mm", jitter=False)
    s.text(0.895, 0.145, "記載者印", 0.032, "gothic", lab, anchor="mm", jitter=False)
    boxes = {}
    if new_address and changed:
        s.text(0.04, 0.24, seireki(changed, pad="0"), 0.036, "gothic", ink, max_w=0.2)
        s.text(0.26, 0.24, new_address, 0.04, "gothic", ink, max_w=0.52)
        s.draw.ellipse((*s.px(0.86, 0.2), *s.px(0.93, 0.28)), outline=(200, 40, 40), width=2)
        boxes["address"] = (0.26, 0.2, 0.81, 0.28)
    s.text(0.04, 0.6, "資格外活動許可欄", 0.036, "gothic", lab, jitter=False)
    s.rect((0.03, 0.64, 0.6, 0.95), outline=(120, 130, 160), width=2)
    s.text(0.64, 0.6, "在留期間更新等許可申請欄", 0.032, "gothic", lab, jitter=False)
    s.rect((0.63, 0.64, 0.97, 0.95), outline=(120, 130, 160), width=2)
    return Rendered(s.img, boxes)
