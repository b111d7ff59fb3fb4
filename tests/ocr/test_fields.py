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


def test_an_insurance_card_address_stops_before_the_employer_row() -> None:
    # c0104 as rapidocr read it: the employer's name under the address is no continuation of it.
    lines = [
        at("健康保険", 0.26, 0.03, 0.46, 0.13),
        at("被保険者証", 0.50, 0.04, 0.75, 0.13),
        at("氏名", 0.04, 0.34, 0.11, 0.41),
        at("河野葵", 0.20, 0.33, 0.39, 0.42),
        at("生年月日", 0.05, 0.45, 0.16, 0.51),
        at("昭和27年4月29日", 0.20, 0.44, 0.47, 0.51),
        at("性别女", 0.70, 0.43, 0.83, 0.50),
        at("住所", 0.05, 0.62, 0.11, 0.68),
        at("長野県松本市大手3丁目26番20号ヴイラ緑が丘106号室", 0.15, 0.60, 0.96, 0.68),
        at("事業所名称", 0.04, 0.72, 0.17, 0.78),
        at("株式会社サンプル商事", 0.18, 0.71, 0.42, 0.77),
    ]
    f = fields(T.HEALTH_INSURANCE, Side.FRONT, lines)
    assert f.address.value == "長野県松本市大手3丁目26番20号ヴィラ緑が丘106号室"
    assert f.birthdate.value == "1952-04-29"


def test_a_certificate_label_is_never_taken_for_the_address() -> None:
    # c0240: 性別 read with the simplified 别 stood right of an empty 住所 cell.
    lines = [
        at("住民票の写し", 0.05, 0.02, 0.40, 0.08),
        at("住所", 0.05, 0.20, 0.12, 0.25),
        at("性别", 0.20, 0.20, 0.27, 0.25),
        at("氏名", 0.05, 0.30, 0.12, 0.35),
        at("神田信也", 0.20, 0.30, 0.40, 0.35),
    ]
    assert fields(T.RESIDENCE_CERTIFICATE, Side.FRONT, lines).address is None


def test_nationality_after_a_label_read_with_a_middle_dot() -> None:
    lines = [
        at("在留カード", 0.02, 0.02, 0.26, 0.11),
        at("国籍·地域", 0.03, 0.30, 0.13, 0.34),
        at("フィリピン", 0.17, 0.30, 0.31, 0.35),
    ]
    assert fields(T.RESIDENCE_CARD, Side.FRONT, lines).nationality.value == "フィリピン"


def test_passport_without_a_readable_mrz_takes_the_printed_dates_under_their_labels() -> None:
    lines = [
        at("旅券 PASSPORT", 0.04, 0.04, 0.29, 0.09),
        at("生年月日/Date of birth", 0.66, 0.44, 0.85, 0.48),
        at("18 APR 1955", 0.67, 0.48, 0.90, 0.54),
        at("有効期間满了日/Date of expiry", 0.66, 0.64, 0.92, 0.69),
        at("05 MAR 2028", 0.66, 0.68, 0.91, 0.73),
    ]
    f = fields(T.PASSPORT, Side.FRONT, lines)
    assert f.birthdate.value == "1955-04-18"
    assert f.expiry.value == "2028-03-05"


def test_a_garbled_mrz_is_read_again_from_its_crops(rapid) -> None:  # noqa: ANN001
    # c0047: the full-page read turned both MRZ lines over (>>>>…IHN9Nd). Re-reading the same boxes
    # of the page as they lie gives the real lines, check digits and all.
    from ocr.read import make_rereader
    from tests.ocr.render import Text, draw_card

    mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    line1 = "P<JPNNIHON<<HANAKO<<<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "TR12345672JPN8605010F3006014<<<<<<<<<<<<<<<4"
    page = draw_card(
        [Text(0.03, 0.04, "PASSPORT", 0.05), Text(0.03, 0.80, line1, 0.05), Text(0.03, 0.89, line2, 0.05)],
        width=1200,
        aspect=125 / 88,
        font=mono,
    )
    lines = [
        at("旅券 PASSPORT", 0.03, 0.03, 0.29, 0.09),
        at(">>>>>>>>>>>>>>>>>>>>>>>I0>>IHN9NdC>d", 0.027, 0.80, 0.962, 0.862, 0.905),
        at("M0>>>>>>008600", 0.024, 0.883, 0.963, 0.953, 0.751),
    ]
    f = extract(T.PASSPORT, Side.FRONT, Ctx(tuple(lines), make_rereader(page, rapid)))
    assert f.name_romaji.value == "NIHON HANAKO"
    assert f.birthdate.value == "1986-05-01"
    assert f.expiry.value == "2030-06-01"
    assert f.birthdate.confidence > 0.5  # its check digit held


def test_a_go_wrapped_alone_onto_the_next_line_is_read_back(rapid) -> None:  # noqa: ANN001
    # c0064: 号 wrapped onto a line of its own, which the detector did not see; the lines are the
    # real ones, the re-read runs on a drawn card.
    from ocr.read import make_rereader
    from tests.ocr.render import Text, draw_card

    card = draw_card(
        [
            Text(0.03, 0.08, "氏名", 0.05),
            Text(0.12, 0.07, "齋藤彩", 0.07),
            Text(0.03, 0.21, "住所", 0.05),
            Text(0.12, 0.205, "茨城県龍ケ崎市米町2丁目26番24", 0.055),
            Text(0.12, 0.275, "号", 0.055),
            Text(0.04, 0.45, "昭和元年12月31日生", 0.05),
        ],
        width=1200,
    )
    lines = [
        at("氏名", 0.03, 0.08, 0.10, 0.14),
        at("齋藤彩", 0.12, 0.06, 0.32, 0.15),
        at("住所", 0.03, 0.21, 0.10, 0.26),
        at("茨城県龍ヶ崎市米町2丁目26番24", 0.12, 0.20, 0.67, 0.26, 0.96),
        at("昭和元年12月31日生", 0.04, 0.45, 0.38, 0.50),
    ]
    f = extract(T.MY_NUMBER_FRONT, Side.FRONT, Ctx(tuple(lines), make_rereader(card, rapid)))
    assert f.address.value == "茨城県龍ケ崎市米町2丁目26番24号"


def test_a_residence_card_birth_date_is_found_in_its_row_when_the_label_is_misread() -> None:
    # c0241 as rapidocr read it: 生年月日 as 1年月日, 国籍 as 国路.
    lines = [
        at("在留カード", 0.02, 0.05, 0.26, 0.15),
        at("PARK JIYEON", 0.09, 0.14, 0.31, 0.22, 0.96),
        at("1年月日", 0.03, 0.26, 0.11, 0.31, 0.873),
        at("1964年06月27日", 0.14, 0.25, 0.35, 0.32, 1.0),
        at("性别", 0.36, 0.25, 0.42, 0.30, 0.876),
        at("男M", 0.42, 0.24, 0.50, 0.30, 0.70),
        at("国路·地域", 0.03, 0.32, 0.13, 0.37, 0.882),
        at("住居地", 0.04, 0.40, 0.11, 0.45),
        at("沖縄県那霸市松山431番22号", 0.12, 0.38, 0.54, 0.45, 0.932),
    ]
    f = fields(T.RESIDENCE_CARD, Side.FRONT, lines)
    assert f.birthdate.value == "1964-06-27"
    assert f.address.value == "沖縄県那覇市松山431番22号"


def test_a_weak_receipt_name_is_re_read_over_both_pieces(rapid) -> None:  # noqa: ANN001
    # c0047's receipt: 山口 | 香織様 (0.788). Re-reading only the 様 piece lost the family name.
    from ocr.read import make_rereader
    from tests.ocr.render import Text, draw_card

    page = draw_card(
        [
            Text(0.24, 0.04, "ガス料金 領収書", 0.06),
            Text(0.07, 0.135, "山口", 0.055),
            Text(0.24, 0.135, "香織 様", 0.055),
            Text(0.07, 0.29, "ご使用場所", 0.04),
            Text(0.30, 0.29, "神奈川県横浜市青葉区青葉台二丁目14番地23", 0.04),
        ],
        width=1200,
        aspect=1.45,
    )
    lines = [
        at("ガス料金", 0.24, 0.04, 0.51, 0.10, 1.0),
        at("領収書", 0.56, 0.04, 0.76, 0.10, 0.999),
        at("山口", 0.07, 0.14, 0.21, 0.19, 0.999),
        at("香織様", 0.24, 0.13, 0.49, 0.19, 0.788),
        at("ご使用場所", 0.07, 0.29, 0.25, 0.32, 1.0),
        at("神奈川県横浜市青葉区青葉台二丁目14番地23", 0.30, 0.29, 0.97, 0.32, 0.964),
    ]
    f = extract(T.UTILITY_RECEIPT, Side.FRONT, Ctx(tuple(lines), make_rereader(page, rapid)))
    assert f.name.value.replace(" ", "") == "山口香織"


def test_my_number_front_sex_after_a_label_read_with_the_simplified_别() -> None:
    # c0064 as rapidocr read it (turned upright).
    lines = [
        at("氏名", 0.03, 0.08, 0.10, 0.14),
        at("齋藤彩", 0.12, 0.06, 0.32, 0.15),
        at("住所", 0.03, 0.21, 0.10, 0.26),
        at("茨城県龍ヶ崎市米町2丁目26番24号", 0.12, 0.21, 0.67, 0.26, 0.96),
        at("昭和元年12月31日生", 0.04, 0.45, 0.38, 0.50),
        at("性别女", 0.51, 0.44, 0.63, 0.51, 0.911),
        at("2028年6月24日まで有効", 0.06, 0.61, 0.39, 0.66),
        at("個人番号力ード", 0.50, 0.87, 0.83, 0.94, 0.89),
    ]
    f = fields(T.MY_NUMBER_FRONT, Side.FRONT, lines)
    assert f.extra["sex"].value == "女"
    assert f.name.value == "齋藤彩"
    assert f.birthdate.value == "1926-12-31"


def test_a_back_entry_whose_address_the_detector_missed_is_read_from_its_dated_row(rapid) -> None:  # noqa: ANN001
    # c0249: the 住居地記載欄 entry's small print was not detected at 640 px; the lines are the real
    # ones, the re-read runs on a drawn back.
    from ocr.read import make_rereader
    from tests.ocr.render import Text, draw_card

    card = draw_card(
        [
            Text(0.03, 0.04, "住居地記載欄", 0.06),
            Text(0.08, 0.12, "届出年月日", 0.05),
            Text(0.49, 0.12, "住居地", 0.05),
            Text(0.85, 0.12, "記載者印", 0.05),
            Text(0.03, 0.215, "2026年05月26日", 0.05),
            Text(0.24, 0.22, "神奈川県茅ケ崎市東海岸南4-15-4", 0.04),
        ],
        width=1200,
    )
    lines = [
        at("住居地記載欄", 0.03, 0.04, 0.21, 0.11),
        at("届出年月日", 0.08, 0.11, 0.20, 0.18),
        at("住居地", 0.49, 0.11, 0.57, 0.18),
        at("記載者印", 0.85, 0.12, 0.94, 0.18),
        at("2026年05月26日", 0.03, 0.21, 0.20, 0.27),
    ]
    f = extract(T.RESIDENCE_CARD, Side.BACK, Ctx(tuple(lines), make_rereader(card, rapid)))
    assert f.address is not None and f.address.value == "神奈川県茅ケ崎市東海岸南4-15-4"
    assert extract(T.RESIDENCE_CARD, Side.BACK, Ctx(tuple(lines))).address is None  # nothing without pixels
