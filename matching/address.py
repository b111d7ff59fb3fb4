"""Japanese addresses: parsed into components and compared strictly on substance, loosely on notation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from matching.cities import PREFECTURES, city_table
from matching.confusion import misread_positions
from matching.normalize import TranslateTable, dashes_in_numbers, normalize
from matching.numerals import kanji_to_int
from matching.result import Comparison, match, mismatch, uncertain
from matching.variants import fold_char, fold_place

_KANJI_DIGITS = "〇一二三四五六七八九十百千壱弐参拾"
# Numbered town names (二条大路南, 第二地割, 四番町): the numeral stays in the name, compared as a number.
_TOWN_NUMERAL = re.compile(f"[{_KANJI_DIGITS}]+(?=条|線|地割|番町)")
_POSTCODE = re.compile(r"^〒?\s*\d{3}-?\d{4}\s*")
_SPACE_BETWEEN_DIGITS = re.compile(r"(?<=\d) +(?=\d)")
_ROOM = re.compile(r"^(?P<name>.*?)-?(?P<room>\d+)(?:号室|号|室)?$")
# ヶ/ケ/が/ガ and ノ/の/之 are one character in place names (霞ヶ関 = 霞が関, 竜ノ口 = 竜の口).
_PLACE_CHARS = {"ヶ": "ケ", "が": "ケ", "ガ": "ケ", "ヵ": "ケ", "ノ": "の", "之": "の", "丿": "の"}
_PLACE_FOLD = TranslateTable(lambda c: _PLACE_CHARS.get(c, c))
_BUILDING_FOLD = TranslateTable(lambda c: fold_char(_PLACE_CHARS.get(c, c)))
_KOAZA = re.compile(r"(?<!十)字(?!町)")
_BUILDING_NUMBERS = re.compile(r"(?<=\d)(?:番地の|番地|番|号|の)(?=\d)")
_BUILDING_TRAILING_UNIT = re.compile(r"(?<=\d)(?:番地の|番地|番|号|の|-)$")


_PREFECTURE_SET = frozenset(PREFECTURES)


@dataclass(frozen=True)
class Address:
    """One address split into the parts a reviewer compares.

    `numbers` is the number part in order (2丁目1番2号 and 2-1-2 are both (2, 1, 2)); `labels` holds the
    unit written after each number ("丁目", "番地", "番", "号", "室" or "" for a hyphen). A room number
    written after the building name is appended to `numbers` with the label "室".
    """

    text: str
    prefecture: str | None
    prefecture_inferred: bool
    city: str
    county_omitted: bool
    town: str
    numbers: tuple[int, ...]
    labels: tuple[str, ...]
    building: str

    @property
    def chome(self) -> int | None:
        return self._labelled("丁目")

    @property
    def banchi(self) -> int | None:
        found = self._labelled("番地")
        return found if found is not None else self._labelled("番")

    @property
    def go(self) -> int | None:
        return self._labelled("号")

    @property
    def room(self) -> int | None:
        return self._labelled("室")

    def _labelled(self, label: str) -> int | None:
        for value, lab in zip(self.numbers, self.labels, strict=True):
            if lab == label:
                return value
        return None

    @cached_property
    def town_key(self) -> str:
        return _place_key(self.town, town=True)

    @cached_property
    def city_key(self) -> str:
        return _place_key(self.city)

    @cached_property
    def building_key(self) -> str:
        if not self.building:
            return ""
        key = _BUILDING_NUMBERS.sub("-", self.building.translate(_BUILDING_FOLD))
        return _BUILDING_TRAILING_UNIT.sub("", key).replace("-", "")


@lru_cache(maxsize=32768)
def _place_key(name: str, town: bool = False) -> str:
    key = name.translate(_PLACE_FOLD)
    if town:
        # 大字/字 are optional words: 大字上野字下村 = 上野下村.
        key = _KOAZA.sub("", key.replace("大字", ""))
        # A の between the town and its number is a separator: 旭市ハの74 = ハ74.
        key = key.rstrip("の")
        key = _TOWN_NUMERAL.sub(lambda m: str(kanji_to_int(m.group())), key)
    return fold_place(key)


def _prepare(text: str) -> str:
    text = normalize(text)
    if "ー" in text or "一" in text:
        text = dashes_in_numbers(text)
    if text[:1] == "〒" or text[:1].isdigit():
        text = _POSTCODE.sub("", text)
    if text.startswith("日本国"):
        text = text[3:]
    elif text.startswith("日本"):
        text = text[2:]
    if " " in text:
        text = _SPACE_BETWEEN_DIGITS.sub("-", text).replace(" ", "")  # 1-3 101: the room after a space
    return text.replace(",", "")


def _split_region(text: str) -> tuple[str | None, bool, str, bool, str]:
    """(prefecture, inferred, city, county_omitted, rest)."""
    prefecture = (
        text[:3] if text[:3] in _PREFECTURE_SET else text[:4] if text[:4] in _PREFECTURE_SET else None
    )
    rest = text[len(prefecture) :] if prefecture else text
    table = city_table()
    found = table.longest_city(rest, prefecture)
    if found is None:
        return prefecture, False, "", False, rest
    city, prefs, county_omitted, length = found
    inferred = False
    if prefecture is None and len(prefs) == 1:
        prefecture, inferred = next(iter(prefs)), True
    return prefecture, inferred, city, county_omitted, rest[length:]


_K = _KANJI_DIGITS
# Where the number part starts: a digit run that is not part of a numbered town name (北1条西), or
# kanji numerals followed by a unit, a hyphen or の + number (八重洲, 八丁堀, 一番町 stay names).
# Possessive quantifiers stop a run from backtracking into a shorter run that would pass.
# 条 followed by a number is Hokkaido's 条-丁目 grid (北十六条西二丁目, written 北16西2 for short): the
# 条 number is then part of the number block, with the direction (東西南北) in its label.
_JO = rf"条[東西南北]?(?=[\d{_K}])"
_BLOCK_START = re.compile(
    rf"\d++(?!条(?![東西南北]?[\d{_K}])|線|地割|番町)"
    rf"|[{_K}]++(?=丁目|番地|号|番(?!町)|丁(?:[\d{_K}\-のノ之丿]|$)|-|[のノ之丿][\d{_K}]|{_JO}|$)"
)
_TOKEN = re.compile(
    rf"(?P<num>\d++|[{_K}]++)"
    rf"(?:条(?P<dir>[東西南北]?)(?=[\d{_K}])|(?P<abbr>[東西南北])(?=\d)"
    rf"|(?P<unit>丁目|番地|号室|番(?!町)|号|丁(?=[\d{_K}\-のノ之丿]|$)|室)(?P<udir>[東西南北](?=\d))?)?"
)
_SEP = re.compile(rf"[のノ之丿](?=[\d{_K}])|-")
_UNIT_LABEL = {"丁目": "丁目", "丁": "丁目", "番地": "番地", "番": "番", "号": "号", "号室": "室", "室": "室"}


@lru_cache(maxsize=4096)
def _to_int(number: str) -> int:
    return int(number) if number.isdigit() else kanji_to_int(number)


def _number_block_start(rest: str) -> int:
    """Index where the number part begins (len(rest) when there is none)."""
    for m in _BLOCK_START.finditer(rest):
        if m.start() == 0 and m.end() == len(rest) and not m.group()[0].isdigit():
            continue  # a name that is only a numeral
        return m.start()
    return len(rest)


def _parse_numbers(rest: str, pos: int) -> tuple[list[int], list[str], int]:
    numbers: list[int] = []
    labels: list[str] = []
    while True:
        m = _TOKEN.match(rest, pos)
        if not m:
            break
        number, jo_dir, short_dir, unit, unit_dir = m.groups()
        end = m.end()
        if jo_dir is not None or short_dir is not None:
            # 十六条西 / 16西 (short for 16条西 or, in 南郷通1南8, 1丁目南): the next number follows directly
            numbers.append(_to_int(number))
            labels.append("条" + jo_dir if jo_dir is not None else short_dir)
            pos = end
            continue
        if unit_dir:  # 南郷通一丁目南8: a direction after the unit
            numbers.append(_to_int(number))
            labels.append(_UNIT_LABEL[unit] + unit_dir)
            pos = end
            continue
        if unit is None:
            nxt = rest[end : end + 1]
            if nxt and not number[0].isdigit() and nxt not in "-のノ之丿":
                break  # 三井ビル: a kanji numeral that starts a building name
            if nxt and nxt in "F階":
                break  # 3F, 3階: a floor inside the building part
        numbers.append(_to_int(number))
        labels.append(_UNIT_LABEL[unit] if unit else "")
        pos = end
        sep = _SEP.match(rest, pos)
        if sep:
            pos = sep.end()
        elif unit is None:
            break
    return numbers, labels, pos


# Bounded: the cache holds customers' addresses in memory, so it keeps only the recent ones.
@lru_cache(maxsize=8192)
def parse_address(text: str) -> Address:
    """Split an address into prefecture, city (incl. 郡 and 政令市の区), town, numbers and building.

    Kanji numerals become numbers only in number positions (二丁目, 十二番地), never inside a name
    (八重洲, 三田, 一番町 stay as written). The prefecture is inferred when the city names exactly one.
    """
    prepared = _prepare(text)
    prefecture, inferred, city, county_omitted, rest = _split_region(prepared)
    start = _number_block_start(rest)
    town = rest[:start]
    numbers, labels, end = _parse_numbers(rest, start)
    building = rest[end:].lstrip("-")
    room = _ROOM.match(building)
    if room and (room.group("name") or not numbers or labels[-1] != "室"):
        building = room.group("name").rstrip("-")
        numbers.append(int(room.group("room")))
        labels.append("室")
    return Address(
        text=text,
        prefecture=prefecture,
        prefecture_inferred=inferred,
        city=city,
        county_omitted=county_omitted,
        town=town,
        numbers=tuple(numbers),
        labels=tuple(labels),
        building=building,
    )


_POSITION_NAMES = ("1番目の番号", "2番目の番号", "3番目の番号", "4番目の番号")


def _number_name(a: Address, b: Address, i: int) -> tuple[str, str]:
    label = next((x.labels[i] for x in (a, b) if i < len(x.labels) and x.labels[i]), "")
    kind, _ = _split_label(label)
    if kind == "条":
        return "条", "jo"
    label = kind
    jo = any(x.labels[:1] and x.labels[0].startswith("条") for x in (a, b))
    if label:
        names = {"丁目": "丁目", "番地": "番地", "番": "番地", "号": "号", "室": "部屋番号"}
        en = {"丁目": "chome", "番地": "banchi", "番": "banchi", "号": "go", "室": "room"}
        return names[label], en[label]
    # Unlabelled hyphen notation: three numbers are almost always 丁目-番-号, two are 番地-号.
    has_chome = any("丁目" in x.labels or _room_split(x) >= 3 for x in (a, b))
    order = ("丁目", "番地", "号") if has_chome else ("番地", "号")
    en = ("chome", "banchi", "go") if has_chome else ("banchi", "go")
    if jo:
        order, en = ("条", "丁目", "番地", "号"), ("jo", "chome", "banchi", "go")
    if i < len(order):
        return order[i], en[i]
    return _POSITION_NAMES[min(i, 3)], f"number {i + 1}"


_LABEL_KIND = {"番地": "番", "番": "番", "丁目": "丁目", "号": "号", "室": "室", "条": "条"}


_DIRECTIONS = frozenset("東西南北")


def _split_label(label: str) -> tuple[str, str]:
    """(kind, direction): "条西" -> ("条", "西"); the short form "西" -> ("", "西")."""
    if label and label[-1] in _DIRECTIONS:
        return _LABEL_KIND.get(label[:-1], label[:-1]), label[-1]
    return _LABEL_KIND.get(label, label), ""


def _labels_conflict(a: str, b: str) -> bool:
    if a == b or not (a and b):
        return False
    (kind_a, dir_a), (kind_b, dir_b) = _split_label(a), _split_label(b)
    if dir_a != dir_b:
        return True  # 北16条西 is not 北16条東
    return bool(kind_a and kind_b) and kind_a != kind_b


def _room_split(x: Address) -> int:
    """How many of the numbers are the address proper (the rest is the room)."""
    if "室" in x.labels:
        return x.labels.index("室")
    return len(x.numbers)


def _compare_numbers(reg: Address, obs: Address) -> Comparison | None:
    if reg.numbers == obs.numbers and (
        reg.labels == obs.labels
        or not any(_labels_conflict(a, b) for a, b in zip(reg.labels, obs.labels, strict=True))
    ):
        return None
    for i, (r, o) in enumerate(zip(reg.numbers, obs.numbers, strict=False)):
        if r != o:
            name, name_en = _number_name(reg, obs, i)
            return mismatch(
                f"{name}が異なります: カード {o}, 登録 {r}", f"{name_en} differs: card {o}, registered {r}"
            )
        if _labels_conflict(reg.labels[i], obs.labels[i]):
            if _split_label(reg.labels[i])[1] != _split_label(obs.labels[i])[1]:
                return mismatch(
                    f"方角(東西南北)が異なります: カード {o}{obs.labels[i]}, 登録 {r}{reg.labels[i]}",
                    f"jo direction differs: card {o}{obs.labels[i]}, registered {r}{reg.labels[i]}",
                )
            return mismatch(
                f"番号の種類が異なります: カード {o}{obs.labels[i]}, 登録 {r}{reg.labels[i]}",
                f"number {i + 1} is a {obs.labels[i]} on the card, a {reg.labels[i]} in the registration",
            )
    if len(reg.numbers) == len(obs.numbers):
        return None
    longer, side = (reg, "登録") if len(reg.numbers) > len(obs.numbers) else (obs, "カード")
    shorter = obs if longer is reg else reg
    extra_at = len(shorter.numbers)
    name, name_en = _number_name(reg, obs, extra_at)
    value = longer.numbers[extra_at]
    # Numbers beyond 丁目-番-号 (or after 号) are a room number: one side omitting the room is the
    # building policy's case (uncertain), a missing 番地 or 号 is a real difference.
    is_room = (
        longer.labels[extra_at] == "室"
        or extra_at >= 3
        or (extra_at >= 1 and shorter.labels[extra_at - 1] == "号")
        or (
            extra_at >= 2
            and "丁目" not in longer.labels
            and not longer.labels[extra_at]
            and _room_split(shorter) == len(shorter.numbers)
            and bool(shorter.building)
        )
    )
    if is_room:
        return uncertain(
            f"部屋番号 {value} が{side}にだけあります (要確認)",
            f"room number {value} only on the {'registration' if side == '登録' else 'card'}",
        )
    return mismatch(
        f"{name} {value} が{side}にだけあります",
        f"{name_en} {value} only on the {'registration' if side == '登録' else 'card'}",
    )


def _differ(kind: str, kind_en: str, card: str, reg: str) -> Comparison:
    misread = misread_positions(card, reg)
    if misread:
        pairs = "、".join(f"{c}/{r}" for c, r in misread)
        return uncertain(
            f"{kind}が誤読の可能性で異なります ({pairs}): カード {card}, 登録 {reg}",
            f"{kind_en} differs only by OCR look-alikes: card {card}, registered {reg}",
            0.6,
        )
    return mismatch(
        f"{kind}が異なります: カード {card}, 登録 {reg}", f"{kind_en} differs: card {card}, registered {reg}"
    )


def compare_address(registered: str, observed: str) -> Comparison:
    """Compare a registered address with the one read from a card, component by component.

    Equal notations match (二丁目1番2号 = 2-1-2, 霞ヶ関 = 霞が関, 大字 optional, 髙 = 高, prefecture
    omitted when the city makes it certain). Any different number, town or city character, or a
    missing or extra component is a mismatch; a building or room written on one side only, an
    ambiguous omitted prefecture, and differences that are only OCR look-alikes are uncertain.
    """
    reg, obs = parse_address(registered), parse_address(observed)
    notes: list[str] = []
    if reg.prefecture and obs.prefecture and reg.prefecture != obs.prefecture:
        return mismatch(
            f"都道府県が異なります: カード {obs.prefecture}, 登録 {reg.prefecture}",
            f"prefecture differs: card {obs.prefecture}, registered {reg.prefecture}",
        )
    if (reg.prefecture is None) != (obs.prefecture is None):
        unknown = reg if reg.prefecture is None else obs
        if not unknown.city:  # no known city either: the head of the address is different text
            return _differ("都道府県・市区町村", "prefecture and city", obs.text, reg.text)
        return uncertain(
            "都道府県が片方にしかなく、市区町村から特定できません",
            "prefecture on one side only and the city does not determine it",
        )
    if reg.prefecture_inferred != obs.prefecture_inferred:
        notes.append("都道府県の省略は市区町村から補いました")
    if reg.city_key != obs.city_key:
        return _differ("市区町村", "city", obs.city, reg.city)
    if reg.county_omitted != obs.county_omitted:
        # Like an omitted prefecture: the town name within the prefecture names exactly this county.
        notes.append(f"郡名の省略は{reg.city}から補いました")
    if reg.town_key != obs.town_key:
        return _differ("町域", "town", obs.town, reg.town)
    numbers = _compare_numbers(reg, obs)
    if numbers is not None:
        return numbers
    reg_b, obs_b = reg.building_key, obs.building_key
    if reg_b != obs_b:
        if not reg_b or not obs_b:
            side = "カード" if obs_b else "登録"
            return uncertain(
                f"建物名が{side}にだけあります: {obs.building or reg.building} (要確認)",
                "building name on one side only",
                0.7,
            )
        return _differ("建物名", "building", obs.building, reg.building)
    detail = "住所が一致します" + (f" ({'、'.join(notes)})" if notes else "")
    return match(detail, "addresses are equal")
