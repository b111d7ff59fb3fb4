"""Synthetic Japanese addresses (real prefecture/city/town names) and their equivalent notations."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

# (prefecture, city incl. ward, towns, the city alone names one place so the prefecture may be omitted)
PLACES: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("東京都", "千代田区", ("霞が関", "丸の内", "神田神保町", "永田町", "内幸町"), False),
    ("東京都", "新宿区", ("西新宿", "高田馬場", "四谷", "大久保"), False),
    ("東京都", "世田谷区", ("梅丘", "桜丘", "三軒茶屋", "北沢", "上馬"), False),
    ("東京都", "目黒区", ("自由が丘", "中目黒", "上目黒", "碑文谷"), False),
    ("東京都", "杉並区", ("阿佐谷南", "荻窪", "高円寺北", "西荻北"), False),
    ("東京都", "八王子市", ("旭町", "元本郷町", "南大沢"), False),
    ("東京都", "府中市", ("府中町", "宮西町", "美好町"), False),
    ("神奈川県", "横浜市中区", ("山下町", "本町", "日本大通"), True),
    ("神奈川県", "横浜市旭区", ("鶴ケ峰", "二俣川", "今宿東町"), True),
    ("神奈川県", "横浜市青葉区", ("藤が丘", "青葉台", "美しが丘"), True),
    ("神奈川県", "川崎市中原区", ("小杉町", "新丸子町", "上小田中"), True),
    ("神奈川県", "茅ヶ崎市", ("東海岸南", "南湖", "本村", "茅ヶ崎"), False),
    ("埼玉県", "さいたま市浦和区", ("高砂", "常盤", "岸町"), True),
    ("埼玉県", "鶴ヶ島市", ("富士見", "上広谷", "脚折町"), False),
    ("千葉県", "千葉市中央区", ("富士見", "中央", "新町"), True),
    ("千葉県", "鎌ケ谷市", ("東鎌ケ谷", "新鎌ケ谷", "道野辺中央"), False),
    ("大阪府", "大阪市北区", ("梅田", "中之島", "天神橋"), True),
    ("大阪府", "大阪市中央区", ("難波", "本町", "心斎橋筋"), True),
    ("愛知県", "名古屋市中区", ("栄", "錦", "丸の内", "大須"), True),
    ("福岡県", "福岡市博多区", ("博多駅前", "中洲", "住吉"), True),
    ("福岡県", "福岡市中央区", ("天神", "大名", "赤坂"), True),
    ("宮城県", "仙台市青葉区", ("一番町", "国分町", "本町"), True),
    ("兵庫県", "神戸市中央区", ("三宮町", "元町通", "北野町"), True),
    ("広島県", "広島市中区", ("紙屋町", "八丁堀", "大手町"), True),
    ("広島県", "府中市", ("府川町", "元町", "高木町"), False),
    ("静岡県", "静岡市葵区", ("追手町", "呉服町", "紺屋町"), True),
    ("新潟県", "新潟市中央区", ("万代", "古町通", "東大通"), True),
    ("岡山県", "岡山市北区", ("駅前町", "表町", "野田屋町"), True),
    ("熊本県", "熊本市中央区", ("花畑町", "上通町", "水前寺"), True),
    ("北海道", "旭川市", ("宮下通", "東光", "神楽"), False),
    ("長野県", "松本市", ("中央", "大手", "深志"), False),
    ("石川県", "金沢市", ("広坂", "香林坊", "本町"), False),
    ("沖縄県", "那覇市", ("久茂地", "泉崎", "松山"), False),
    ("青森県", "青森市", ("新町", "長島", "本町"), False),
    ("鹿児島県", "鹿児島市", ("山下町", "東千石町", "中央町"), False),
    ("茨城県", "龍ケ崎市", ("佐貫町", "米町", "小柴"), False),
]

BUILDINGS = [
    "サンハイツ", "メゾン桜", "グランパレス", "コーポ山田", "パークサイド", "シティハイム", "ライオンズマンション",
    "ハイツ若葉", "レジデンス青山", "ヴィラ緑が丘", "第二松本荘", "アーバンコート",
]

# One-character changes that keep a plausible town name but name a different place.
TOWN_SWAPS = {
    "本": "元", "元": "本", "東": "西", "西": "東", "北": "南", "南": "北", "上": "下", "下": "上", "大": "太",
    "田": "由", "川": "州", "中": "仲", "新": "親", "丸": "九", "宮": "官", "神": "袖", "日": "目", "橋": "槁",
    "谷": "各", "栄": "営", "錦": "綿", "町": "叮", "通": "道", "山": "岡", "野": "埜", "光": "先", "央": "英",
    "見": "貝", "坂": "板", "赤": "朱", "島": "鳥", "泉": "原", "茶": "荼", "沢": "択", "丘": "岳",
}

_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1..99 in kanji numerals as used for 丁目 (二丁目, 十一丁目)."""
    tens, ones = divmod(n, 10)
    out = ("" if tens == 0 else ("十" if tens == 1 else _KANJI_DIGITS[tens] + "十"))
    return out + (_KANJI_DIGITS[ones] if ones else "")


def fullwidth(text: str) -> str:
    return text.translate(_FW)


@dataclass(frozen=True)
class Notation:
    """How an address is written. Every notation of one Address names the same place."""

    numbers: str = "kanji"  # "kanji": 2丁目1番2号 | "hyphen": 2-1-2 | "banchi": 2丁目1番地2
    chome_kanji: bool = False  # 二丁目
    fullwidth: bool = False
    ke: str | None = None  # write every ヶ/ケ in place names as this
    prefecture: bool = True
    building_space: bool = False


@dataclass(frozen=True)
class Address:
    pref: str
    city: str
    town: str
    chome: int | None
    ban: int
    go: int | None
    building: str | None
    room: int | None
    pref_optional: bool

    def render(self, n: Notation = Notation()) -> str:
        place = (self.pref if n.prefecture or not self.pref_optional else "") + self.city + self.town
        if n.ke:
            place = place.replace("ヶ", n.ke).replace("ケ", n.ke)
        c = None if self.chome is None else (kanji_number(self.chome) if n.chome_kanji else str(self.chome))
        go = self.go
        if n.numbers == "hyphen":
            nums = "-".join(str(x) for x in (self.ban, go) if x is not None)
            nums = (f"{c}丁目" if n.chome_kanji else f"{c}-") + nums if c else nums
        elif n.numbers == "banchi":
            nums = (f"{c}丁目" if c else "") + f"{self.ban}番地" + (str(go) if go is not None else "")
        else:
            nums = (f"{c}丁目" if c else "") + f"{self.ban}番" + (f"{go}号" if go is not None else "")
            if c is None and go is None:
                nums = f"{self.ban}番地"
        building = ""
        if self.building:
            building = (" " if n.building_space else "") + f"{self.building}{self.room}号室"
        text = place + nums + building
        return fullwidth(text) if n.fullwidth else text


def make_address(rng: random.Random, *, town_swappable: bool = False) -> Address:
    places = PLACES
    if town_swappable:
        places = [p for p in PLACES if any(any(ch in TOWN_SWAPS for ch in t) for t in p[2])]
    pref, city, towns, optional = rng.choice(places)
    candidates = [t for t in towns if not town_swappable or any(ch in TOWN_SWAPS for ch in t)]
    town = rng.choice(candidates)
    chome = rng.randint(1, 5) if rng.random() < 0.8 else None
    ban = rng.randint(1, 30) if chome else rng.randint(1, 1200)
    go = rng.randint(1, 25) if rng.random() < 0.85 else None
    building, room = None, None
    if rng.random() < 0.3:
        building = rng.choice(BUILDINGS)
        room = rng.randint(1, 12) * 100 + rng.randint(1, 9)
    return Address(pref, city, town, chome, ban, go, building, room, optional)


def card_notation(rng: random.Random, doc: str) -> Notation:
    """How a given document prints addresses (licences: full-width, often hyphenated)."""
    if doc == "drivers_license":
        return Notation(numbers=rng.choice(["hyphen", "kanji", "kanji"]), fullwidth=True)
    if doc in ("my_number_front", "residence_certificate"):
        return Notation(numbers=rng.choice(["kanji", "banchi"]), chome_kanji=rng.random() < 0.6,
                        fullwidth=rng.random() < 0.5)
    return Notation(numbers=rng.choice(["kanji", "hyphen", "banchi"]), fullwidth=rng.random() < 0.4)


def registration_notation(rng: random.Random, card: Notation, addr: Address) -> Notation:
    """An equivalent but different notation, as a customer would type it on a web form."""
    for _ in range(20):
        n = Notation(
            numbers=rng.choice(["hyphen", "hyphen", "kanji", "banchi"]),
            chome_kanji=rng.random() < 0.2,
            fullwidth=rng.random() < 0.25,
            ke=rng.choice([None, "ヶ", "ケ"]) if ("ヶ" in addr.render() or "ケ" in addr.render()) else None,
            prefecture=not (addr.pref_optional and rng.random() < 0.5),
            building_space=rng.random() < 0.5,
        )
        if addr.render(n) != addr.render(card):
            return n
    return Notation(numbers="hyphen", prefecture=True)


def moved(rng: random.Random, addr: Address) -> Address:
    """A new address in the same city (a move written on the card's back)."""
    other = make_address(rng)
    return replace(other, pref=addr.pref, city=addr.city, pref_optional=addr.pref_optional,
                   town=rng.choice([t for p in PLACES if p[1] == addr.city for t in p[2]]))


def house_number_changed(rng: random.Random, addr: Address) -> Address:
    if addr.go is not None and rng.random() < 0.5:
        return replace(addr, go=addr.go + rng.choice([1, 2, 3, -1]) if addr.go > 1 else addr.go + 1)
    return replace(addr, ban=addr.ban + rng.choice([1, 2, 10]) if addr.ban > 1 else addr.ban + 1)


def town_char_changed(rng: random.Random, addr: Address) -> Address:
    positions = [i for i, ch in enumerate(addr.town) if ch in TOWN_SWAPS]
    i = rng.choice(positions)
    town = addr.town[:i] + TOWN_SWAPS[addr.town[i]] + addr.town[i + 1 :]
    return replace(addr, town=town)
