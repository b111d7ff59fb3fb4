import pytest

from matching.romaji import kana_romaji_equivalent, kana_to_romaji, romaji_equivalent


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SYUNITI", "SHUNICHI"),  # Kunrei
        ("ONO", "OHNO"),
        ("ONO", "OONO"),
        ("ŌNO", "OUNO"),
        ("NAMBA", "NANBA"),
        ("TSUZUKI", "TUDUKI"),
        ("TSUZUKI", "TSUDZUKI"),
        ("YAMADA TARO", "TARO YAMADA"),
        ("ｙａｍａｄａ　ｔａｒｏ", "YAMADA, TARO"),
        ("SMITH JOHN MICHAEL", "JOHN MICHAEL SMITH"),
        ("SMITH JOHN MICHAEL", "SMITH JOHNMICHAEL"),  # middle name in the given field
        ("KEN'ICHI", "KENICHI"),
        ("HOTCHI", "HOCCHI"),
    ],
)
def test_notations_of_one_name_are_equivalent(a, b):
    assert romaji_equivalent(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("KATO", "SATO"), ("HATTORI", "HATORI"), ("YAMADA TARO", "YAMADA JIRO"), ("SMITH", "SMYTH")]
)
def test_different_names_are_not(a, b):
    assert not romaji_equivalent(a, b)


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [("ナンバ", "NAMBA"), ("ホンマ", "HOMMA"), ("オオノ", "ONO"), ("サイトウ", "SAITO"), ("ハットリ", "HATTORI"),
     ("シュンイチ", "SYUNITI"), ("ヤマダ タロウ", "TARO YAMADA"), ("ｷｯｶﾜ", "KIKKAWA")],
)  # fmt: skip
def test_kana_and_its_passport_romaji_are_equivalent(kana, romaji):
    assert kana_romaji_equivalent(kana, romaji)


def test_kana_and_a_different_romaji_are_not():
    assert not kana_romaji_equivalent("ヤマダ", "YAMADO")
    assert not kana_romaji_equivalent("スミス", "SMITH")


def test_kana_to_romaji_uses_hepburn():
    assert kana_to_romaji("しゅんいち") == "SHUNICHI"
    assert kana_to_romaji("まっちゃ") == "MATCHA"
