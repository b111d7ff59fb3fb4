import pytest

from matching.numerals import kanji_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("六十一", 61), ("百一", 101), ("二〇二四", 2024),
     ("二千二十四", 2024), ("壱", 1), ("参拾", 30), ("一万二千", 12000)],
)  # fmt: skip
def test_kanji_numerals_have_their_value(text, value):
    assert kanji_to_int(text) == value


def test_a_non_numeral_is_rejected():
    with pytest.raises(ValueError):
        kanji_to_int("八重洲")
    with pytest.raises(ValueError):
        kanji_to_int("")
