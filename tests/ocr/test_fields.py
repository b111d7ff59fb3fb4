"""Field extraction from hand-made OCR lines: label anchoring, wrapped addresses, back-side addresses."""

from __future__ import annotations

from intake.documents import DocumentType as T
from intake.documents import Side
from ocr.fields import extract
from ocr.fields.common import Ctx
from ocr.models import TextLine
from tests.ocr.lines import at, stacked


def fields(doc: T, side: Side, lines: list[TextLine]):  # noqa: ANN201
    return extract(doc, side, Ctx(tuple(lines)))


def test_licence_front_labels_and_values_on_separate_lines() -> None:
    lines = [
        at("氏名", 0.02, 0.07, 0.07, 0.12),
        at("日本花子", 0.15, 0.07, 0.30, 0.13),
        at("昭和61年5月1日生", 0.64, 0.08, 0.83, 0.12),
        at("住所", 0.02, 0.22, 0.07, 0.27),
        at("東京都千代田区霞が関２－１－2", 0.12, 0.22, 0.59, 0.28),
        at("交付", 0.02, 0.30, 0.07, 0.35),
        at("令和01年05月07日12345", 0.15, 0.30, 0.39, 0.34),
        at("2024年(令和06年)06月01日まで有効", 0.04, 0.37, 0.56, 0.43),
        at("番号第012345678900号", 0.04, 0.70, 0.40, 0.76),
        at("運転免許証", 0.04, 0.87, 0.20, 0.93),
    ]
    f = fields(T.DRIVERS_LICENSE, Side.FRONT, lines)
    assert f.name.value == "日本花子"
    assert f.birthdate.value == "1986-05-01"
    assert f.address.value == "東京都千代田区霞が関2-1-2"
    assert f.issue_date.value == "2019-05-07"
    assert f.expiry.value == "2024-06-01" and f.expiry.confidence > 0.9
    assert f.number.value == "012345678900"


def test_licence_front_read_as_whole_rows_by_tesseract() -> None:
    lines = stacked(
        "氏名日本花子昭和61年5月1日生",
        "住所東京都千代田区霞が関2-1-2",
        "交付令和01年05月07日12345",
        "2024年(令和07年)06月01日まで有効",
        "番号第012345678900号",
        "運転免許証東京都公安委員会",
    )
    f = fields(T.DRIVERS_LICENSE, Side.FRONT, lines)
    assert f.name.value == "日本花子"
    assert f.birthdate.value == "1986-05-01"
    assert f.address.value == "東京都千代田区霞が関2-1-2"
    # The era year disagrees with the Western year: the value stands, the confidence drops.
    assert f.expiry.value == "2024-06-01" and f.expiry.confidence < 0.8


def test_a_wrapped_address_is_joined_and_stops_at_the_next_label() -> None:
    lines = [
        at("氏名 日本 花子", 0.05, 0.10, 0.40, 0.16),
        at("住所", 0.05, 0.25, 0.12, 0.30),
        at("東京都千代田区霞が関二丁目", 0.15, 0.25, 0.60, 0.31),
        at("1番2号 中央合同庁舎", 0.15, 0.32, 0.50, 0.38),
        at("生年月日 昭和61年5月1日生", 0.05, 0.45, 0.50, 0.51),
        at("個人番号カード", 0.05, 0.85, 0.30, 0.92),
    ]
    f = fields(T.MY_NUMBER_FRONT, Side.FRONT, lines)
    assert f.address.value == "東京都千代田区霞が関二丁目1番2号中央合同庁舎"
    assert f.birthdate.value == "1986-05-01"
    assert f.name.value == "日本 花子"


def test_the_newest_address_on_a_licence_back_wins() -> None:
    lines = stacked(
        "備考",
        "令和2年3月1日 住所 東京都新宿区西新宿2-8-1 東京都公安委員会",
        "令和2年3月1日 住所 東京都新宿区西新宿2-8-1",
        "令和5年10月2日 住所 神奈川県横浜市中区日本大通1",
        "平成30年1月5日 住所 埼玉県さいたま市浦和区高砂3-15-1",
    )
    assert fields(T.DRIVERS_LICENSE, Side.BACK, lines).address.value == "神奈川県横浜市中区日本大通1"


def test_the_newest_entry_of_a_residence_card_back_wins_with_the_mayor_seal_ignored() -> None:
    lines = [
        at("住居地記載欄", 0.05, 0.05, 0.30, 0.10),
        at("2020年4月1日", 0.05, 0.20, 0.22, 0.25),
        at("東京都港区芝公園4-2-8", 0.25, 0.20, 0.60, 0.25),
        at("東京都港区長", 0.70, 0.20, 0.90, 0.25),
        at("2023年9月15日", 0.05, 0.30, 0.22, 0.35),
        at("大阪府大阪市北区中之島1-3-20", 0.25, 0.30, 0.65, 0.35),
        at("大阪市北区長", 0.70, 0.30, 0.90, 0.35),
    ]
    assert fields(T.RESIDENCE_CARD, Side.BACK, lines).address.value == "大阪府大阪市北区中之島1-3-20"


def test_residence_card_front() -> None:
    lines = [
        at("在留カード", 0.05, 0.02, 0.30, 0.08),
        at("番号 AB12345678CD", 0.66, 0.05, 0.98, 0.10),
        at("氏名 NGUYEN VAN AN", 0.05, 0.13, 0.47, 0.18),
        at("生年月日 1995年07月23日 性別 男 M. 国籍・地域 ベトナム", 0.05, 0.23, 0.90, 0.29),
        at("住居地 東京都港区芝公園4-2-8", 0.05, 0.37, 0.68, 0.42),
        at("このカードは 2027年10月20日まで有効 です", 0.18, 0.885, 0.63, 0.945),
    ]
    f = fields(T.RESIDENCE_CARD, Side.FRONT, lines)
    assert f.number.value == "AB12345678CD"
    assert f.name_romaji.value == "NGUYEN VAN AN"
    assert f.birthdate.value == "1995-07-23"
    assert f.nationality.value == "ベトナム"
    assert f.address.value == "東京都港区芝公園4-2-8"
    assert f.expiry.value == "2027-10-20"


def test_passport_fields_come_from_the_mrz() -> None:
    lines = stacked(
        "PASSPORT",
        "日本国 JAPAN",
        "P<JPNNIHON<<HANAKO<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "TR12345672JPN8605010F3006014<<<<<<<<<<<<<<<4",
    )
    f = fields(T.PASSPORT, Side.FRONT, lines)
    assert f.name_romaji.value == "NIHON HANAKO"
    assert f.number.value == "TR1234567"
    assert f.birthdate.value == "1986-05-01"
    assert f.expiry.value == "2030-06-01"
    assert f.nationality.value == "JPN"
    assert f.extra["mrz_valid"].value == "true"


def test_utility_receipt_payer_address_and_date() -> None:
    lines = stacked(
        "電気料金領収証",
        "日本 花子 様",
        "ご使用場所 東京都千代田区霞が関2-1-2",
        "ご使用量 250kWh",
        "領収日 令和6年5月10日",
    )
    f = fields(T.UTILITY_RECEIPT, Side.FRONT, lines)
    assert f.name.value == "日本 花子"
    assert f.address.value == "東京都千代田区霞が関2-1-2"
    assert f.issue_date.value == "2024-05-10"
    assert f.extra["utility"].value == "電気"


def test_residence_certificate_issue_date_is_the_certification_date() -> None:
    lines = stacked(
        "住民票の写し",
        "住所 東京都千代田区霞が関2-1-2",
        "氏名 日本 花子",
        "生年月日 昭和61年5月1日",
        "上記は住民票の写しであることを証明する",
        "令和6年4月30日 千代田区長",
    )
    f = fields(T.RESIDENCE_CERTIFICATE, Side.FRONT, lines)
    assert f.issue_date.value == "2024-04-30"
    assert f.birthdate.value == "1986-05-01"
    assert f.name.value == "日本 花子"
