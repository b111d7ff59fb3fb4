"""Document type, side and My Number visibility from text lines and visual cues."""

from __future__ import annotations

import pytest

from intake.documents import DocumentType as T
from intake.documents import Side
from ocr.classify import classify
from tests.ocr.lines import stacked
from tests.ocr.render import Text, draw_card

CASES = [
    (
        T.DRIVERS_LICENSE,
        Side.FRONT,
        [
            "氏名 日本 花子",
            "住所 東京都千代田区霞が関2-1-2",
            "免許の条件等 眼鏡等",
            "番号 第 123456789018 号",
            "運転免許証",
            "東京都公安委員会",
        ],
    ),
    (
        T.DRIVERS_LICENSE,
        Side.BACK,
        ["備考", "令和3年4月1日 住所 東京都新宿区西新宿2-8-1", "東京都公安委員会", "臓器提供意思表示"],
    ),
    (
        T.MY_NUMBER_FRONT,
        Side.FRONT,
        [
            "個人番号カード",
            "氏名 日本 花子",
            "住所 東京都千代田区霞が関2-1-2",
            "性別 女",
            "2031年1月23日まで有効",
            "電子証明書の有効期限",
        ],
    ),
    (
        T.RESIDENCE_CARD,
        Side.FRONT,
        [
            "在留カード",
            "番号 AB12345678CD",
            "NAME NGUYEN VAN AN",
            "国籍・地域 ベトナム",
            "住居地 東京都港区芝公園4-2-8",
            "在留資格 技術・人文知識・国際業務",
        ],
    ),
    (
        T.RESIDENCE_CARD,
        Side.BACK,
        [
            "住居地記載欄",
            "届出年月日 住居地 記載者印",
            "2021年4月1日 東京都新宿区西新宿2-8-1 東京都新宿区長",
            "資格外活動許可欄",
        ],
    ),
    (
        T.PASSPORT,
        Side.FRONT,
        [
            "PASSPORT",
            "日本国 JAPAN",
            "P<JPNNIHON<<HANAKO<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "TR12345672JPN8605010F3006014<<<<<<<<<<<<<<<4",
        ],
    ),
    (
        T.HEALTH_INSURANCE,
        Side.FRONT,
        [
            "健康保険被保険者証",
            "記号 12 番号 34",
            "氏名 日本 花子",
            "資格取得年月日 平成20年4月1日",
            "保険者名称 全国健康保険協会",
        ],
    ),
    (
        T.RESIDENCE_CERTIFICATE,
        Side.FRONT,
        [
            "住民票の写し",
            "住所 東京都千代田区霞が関2-1-2",
            "世帯主 日本 太郎",
            "氏名 日本 花子 続柄 妻",
            "この写しは住民票の原本と相違ないことを証明する",
        ],
    ),
    (
        T.UTILITY_RECEIPT,
        Side.FRONT,
        [
            "電気料金領収証",
            "日本 花子 様",
            "ご使用場所 東京都千代田区霞が関2-1-2",
            "ご使用量 250kWh",
            "領収日 令和6年5月10日",
        ],
    ),
]


@pytest.mark.parametrize(("doc", "side", "texts"), CASES, ids=[f"{d.value}-{s.value}" for d, s, _ in CASES])
def test_each_document_is_recognised_by_its_printed_labels(doc: T, side: Side, texts: list[str]) -> None:
    result = classify(stacked(*texts))
    assert (result.type, result.side) == (doc, side)
    assert result.confidence > 0.3
    assert not result.my_number_visible


def test_text_with_no_document_labels_is_unknown() -> None:
    result = classify(stacked("お買い上げありがとうございます", "合計 1,280円"))
    assert result.type is T.UNKNOWN and result.confidence == 0.0


def test_a_my_number_back_is_seen_from_label_digits_and_qr_together() -> None:
    number = "123456789018"
    card = draw_card([Text(0.05, 0.05, "個人番号", 0.07)], qr=number, qr_box=(0.70, 0.35, 0.25))
    result = classify(stacked("個人番号", "1234 5678 9018", "氏名 日本 花子"), card)
    assert result.type is T.MY_NUMBER_BACK and result.side is Side.BACK
    assert result.my_number_visible
    assert {"my_number_label", "qr_code_on_card", "twelve_digits_pass_check"} <= set(result.signals)
    assert number not in repr(result)


def test_a_licence_number_that_passes_the_my_number_check_is_not_a_my_number() -> None:
    result = classify(stacked("運転免許証", "番号 第 123456789018 号", "東京都公安委員会"))
    assert result.type is T.DRIVERS_LICENSE
    assert not result.my_number_visible


def test_a_residence_certificate_with_the_my_number_column_filled_shows_a_my_number() -> None:
    texts = ["住民票の写し", "氏名 日本 花子", "個人番号 1234 5678 9017", "世帯主 日本 太郎"]
    result = classify(stacked(*texts))
    assert result.type is T.RESIDENCE_CERTIFICATE
    assert result.my_number_visible  # the checksum fails here: the label and twelve digits suffice


def test_a_residence_certificate_with_the_my_number_column_empty_does_not() -> None:
    result = classify(stacked("住民票の写し", "氏名 日本 花子", "個人番号 (省略)", "世帯主 日本 太郎"))
    assert result.type is T.RESIDENCE_CERTIFICATE
    assert not result.my_number_visible


def test_the_declared_type_breaks_a_tie_but_does_not_invent_a_document() -> None:
    tie = stacked("保険証", "住民票")  # one title each, equal scores
    assert classify(tie, hint=T.RESIDENCE_CERTIFICATE).type is T.RESIDENCE_CERTIFICATE
    assert classify(tie, hint=T.HEALTH_INSURANCE).type is T.HEALTH_INSURANCE
    assert classify(stacked("合計 1,280円"), hint=T.PASSPORT).type is T.UNKNOWN


def test_a_residence_certificate_page_with_a_my_number_row_is_not_a_card_back() -> None:
    page = draw_card([Text(0.1, 0.05, "住民票の写し", 0.04)], width=500, aspect=210 / 297)
    texts = [
        "住民票の写し",
        "氏名 上田 颯太",
        "住民票コード (省略)",
        "個人番号 1234 5678 9018",
        "本籍 (省略)",
    ]
    lines = stacked(*texts, top=0.3)
    result = classify(lines, page)
    assert result.type is T.RESIDENCE_CERTIFICATE
    assert result.my_number_visible


def test_a_my_number_front_with_its_title_cut_is_still_a_front() -> None:
    lines = stacked(
        "氏名 渡辺翼",
        "住所 鹿児島県鹿児島市東千石町2丁目5番地",
        "平成16年1月13日生",
        "性别 男",
        "2030年3月30日まで有効",
        "電子証明書の有効期限",
    )
    lines.append(stacked("個人番号力一", top=0.86)[0])
    result = classify(lines)
    assert result.type is T.MY_NUMBER_FRONT
    assert not result.my_number_visible


def test_a_licence_back_is_known_by_its_remarks_column_even_with_備考_misread() -> None:
    # c0211's back as rapidocr read it: 備考 as 俨考, 臓器 as 臟器 and 腱器.
    lines = stacked(
        "令和8年1月14日",
        "住所静岡県静岡市葵区呉服町92番2号",
        "俨考",
        "臟器提供意思表示欄",
        "1.私は、脳死後及び心臓が停止した死後のいずれでも、移植の為に臓器を提供します。",
        "2.私は、心臓が停止した死後に限り、移植の為に腱器を提供します。",
        "3.私は、臓器を提供しません。",
    )
    found = classify(lines)
    assert (found.type, found.side) == (T.DRIVERS_LICENSE, Side.BACK)
    assert not found.my_number_visible
