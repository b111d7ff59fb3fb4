import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.address import compare_address, parse_address
from matching.result import Verdict

FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
TOWNS = [("東京都", "千代田区", "霞が関"), ("東京都", "中央区", "八重洲"), ("大阪府", "大阪市北区", "梅田"),
         ("京都府", "京都市東山区", "本町"), ("北海道", "札幌市中央区", "北一条西"), ("東京都", "港区", "三田")]  # fmt: skip


def kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n == 0:
        return "〇"
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, value)
        if q:
            out += ("" if q == 1 else digits[q]) + unit
    return out + (digits[n] if n else "")


def notations(pref: str, city: str, town: str, c: int, b: int, g: int) -> list[str]:
    return [
        f"{pref}{city}{town}{c}丁目{b}番{g}号",
        f"{pref}{city}{town}{kanji(c)}丁目{kanji(b)}番{kanji(g)}号",
        f"{pref}{city}{town}{c}-{b}-{g}",
        f"{pref}{city}{town}{c}-{b}-{g}".translate(FULL_WIDTH),
        f"{pref}{city}{town}{kanji(c)}丁目{b}番地{g}",
        f"{pref}{city}{town}{c}丁目{b}の{g}",
        f"{pref}{city}{town}{c}ー{b}ー{g}",
        f"{pref} {city} {town} {c}−{b}−{g}",
        f"{pref}{city}{town}{c}丁目{b}‐{g}",
    ]


addresses = st.tuples(st.sampled_from(TOWNS), st.integers(1, 30), st.integers(1, 999), st.integers(1, 99))


@settings(deadline=None)  # the first example loads the city table / variant map
@given(addresses)
def test_equivalent_notations_match(parts):
    (pref, city, town), c, b, g = parts
    forms = notations(pref, city, town, c, b, g)
    for form in forms[1:]:
        result = compare_address(forms[0], form)
        assert result.verdict is Verdict.MATCH, (forms[0], form, result.detail)


@settings(deadline=None)  # the first example loads the city table / variant map
@given(addresses, st.integers(0, 2), st.integers(1, 50), st.integers(0, 8))
def test_any_single_number_change_mismatches(parts, which, delta, style):
    (pref, city, town), c, b, g = parts
    changed = [c, b, g]
    changed[which] += delta
    registered = notations(pref, city, town, c, b, g)[0]
    observed = notations(pref, city, town, *changed)[style]
    result = compare_address(registered, observed)
    assert result.verdict is Verdict.MISMATCH, (registered, observed, result.detail)


def test_numerals_inside_names_are_not_numbers():
    yaesu = parse_address("東京都中央区八重洲一丁目2番3号")
    assert (yaesu.town, yaesu.numbers) == ("八重洲", (1, 2, 3))
    assert parse_address("東京都中央区八丁堀3-4-5").town == "八丁堀"
    assert parse_address("東京都千代田区一番町10-2").town == "一番町"
    assert parse_address("東京都港区三田1-2-3 三井ビル5F").building == "三井ビル5F"
    assert parse_address("奈良県奈良市二条大路南1-1-1").town == "二条大路南"
    assert parse_address("京都府京都市下京区四条通河原町西入真町100").numbers == (100,)


def test_components_are_split():
    a = parse_address("〒100-0013 東京都千代田区霞が関二丁目1番2号 霞ビル301号室")
    assert (a.prefecture, a.city, a.town) == ("東京都", "千代田区", "霞が関")
    assert (a.chome, a.banchi, a.go, a.room, a.building) == (2, 1, 2, 301, "霞ビル")


def test_designated_city_ward_and_county_are_part_of_the_city():
    assert parse_address("京都府京都市東山区本町22丁目742").city == "京都市東山区"
    assert parse_address("岩手県岩手郡雫石町第二地割10").city == "岩手郡雫石町"


@pytest.mark.parametrize(
    ("registered", "observed"),
    [
        ("東京都千代田区霞が関2-1-2", "東京都千代田区霞ヶ関2-1-2"),
        ("東京都千代田区霞が関2-1-2", "千代田区霞が関2-1-2"),  # 千代田区 exists only in Tokyo
        ("青森県上北郡六ヶ所村大字尾駮字野附475", "青森県六ヶ所村尾駮字野附475"),  # county, 大字 omitted
        ("千葉県山武郡横芝光町横芝真砂482-2", "千葉県山武郡横芝光町横芝字真砂482番地の2"),
        ("東京都西多摩郡檜原村上元郷403", "東京都西多摩郡桧原村上元郷403"),  # place-name spelling
        ("東京都千代田区紀尾井町1-3", "東京都千代田区紀尾井町一の三"),
        ("北海道札幌市北区北十六条西二丁目1-1", "北海道札幌市北区北16条西2丁目1-1"),
        ("北海道札幌市北区北十六条西二丁目1-1", "北海道札幌市北区北16西2-1-1"),  # Sapporo short form
        ("北海道札幌市豊平区月寒東三条十八丁目1-72", "北海道札幌市豊平区月寒東3-18-1-72"),
        ("東京都千代田区霞が関2-1-2 霞ビル101", "東京都千代田区霞が関2丁目1番2号霞ビル101号室"),
    ],
)
def test_notation_differences_match(registered, observed):
    result = compare_address(registered, observed)
    assert result.verdict is Verdict.MATCH, result.detail


@pytest.mark.parametrize(
    ("registered", "observed", "word"),
    [
        ("東京都千代田区霞が関2-1-2", "東京都千代田区霞が関2-1-7", "号"),
        ("東京都千代田区霞が関2-1-2", "東京都千代田区霞が関2-1", "だけ"),
        ("東京都千代田区霞が関2-1-2", "東京都中央区霞が関2-1-2", "市区町村"),
        ("東京都千代田区霞が関2-1-2", "大阪府千代田区霞が関2-1-2", "都道府県"),
        ("東京都中央区八重洲1-2-3", "東京都中央区八重州1-2-3", "町域"),
        ("東京都千代田区霞が関2-1-2", "東京都千代田区霞が関1-2-2", "丁目"),
        ("東京都千代田区霞が関2-1-2 霞ビル", "東京都千代田区霞が関2-1-2 関ビル", "建物名"),
        ("北海道札幌市北区北十六条西二丁目1-1", "北海道札幌市北区北16東2-1-1", "方角"),
        ("北海道札幌市北区北十六条西二丁目1-1", "北海道札幌市北区北17条西2丁目1-1", "条"),
    ],
)
def test_real_differences_mismatch_and_say_where(registered, observed, word):
    result = compare_address(registered, observed)
    assert result.verdict is Verdict.MISMATCH
    assert word in result.detail


def test_building_or_room_on_one_side_only_is_uncertain():
    with_building = "東京都千代田区霞が関2-1-2 霞ビル101号室"
    bare = "東京都千代田区霞が関2-1-2"
    assert compare_address(with_building, bare).verdict is Verdict.UNCERTAIN
    assert compare_address(bare, with_building).verdict is Verdict.UNCERTAIN
    assert compare_address(bare, bare + "-405").verdict is Verdict.UNCERTAIN


def test_ambiguous_omitted_prefecture_is_uncertain():
    # 府中市 exists in Tokyo and Hiroshima; 北区 alone may be Kyoto's 京都市北区.
    assert compare_address("東京都府中市宮西町1-2", "府中市宮西町1-2").verdict is Verdict.UNCERTAIN
    assert (
        compare_address("京都府京都市北区紫野大徳寺町88", "北区紫野大徳寺町88").verdict is not Verdict.MATCH
    )


def test_ocr_look_alikes_in_the_town_are_uncertain_not_mismatch():
    result = compare_address("東京都千代田区霞が関2-1-2", "東京都千代田区霞が閏2-1-2")
    assert result.verdict is Verdict.MISMATCH  # 閏 is not a known look-alike of 関
    result = compare_address("東京都品川区大井1-1-1", "東京都品川区太井1-1-1")
    assert result.verdict is Verdict.UNCERTAIN


def test_details_never_quote_a_long_digit_run():
    result = compare_address("東京都千代田区霞が関2-1-2", "123456789018 東京都千代田区霞が関2-1-2")
    assert "123456789018" not in result.detail + result.detail_en


@pytest.mark.parametrize(
    "observed",
    [
        "東京都千代田区霞が関2丁丁目1-2",  # 丁 doubled
        "東京都千代田区霞が関2-1",  # a digit dropped
        "東京都千代田区霞が関21-2",  # a separator dropped
        "東京都千代田区霞が関2-1-22",  # a digit duplicated
        "東京都千代田区霞がが関2-1-2",  # a character duplicated
    ],
)
def test_the_failure_modes_users_reported_in_peer_normalisers_are_differences(observed):
    assert compare_address("東京都千代田区霞が関2丁目1-2", observed).verdict is Verdict.MISMATCH
