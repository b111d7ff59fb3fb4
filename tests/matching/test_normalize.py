from matching.normalize import dashes_in_numbers, normalize, remove_spaces, strip_variation_selectors


def test_full_width_letters_digits_and_spaces_become_half_width():
    assert normalize("ＡＢＣ　１２３") == "ABC 123"


def test_half_width_katakana_becomes_full_width():
    assert normalize("ｶﾀｶﾅ") == "カタカナ"


def test_dash_look_alikes_become_hyphen():
    for dash in "－−‐―‑–—":
        assert normalize(f"2{dash}1{dash}2") == "2-1-2", dash


def test_long_vowel_mark_inside_words_is_kept():
    assert normalize("センター") == "センター"


def test_long_vowel_mark_and_kanji_one_between_digits_are_dashes():
    assert dashes_in_numbers("2ー1一2") == "2-1-2"
    assert dashes_in_numbers("一番町") == "一番町"


def test_small_ke_is_folded_to_full_size():
    assert normalize("霞ヶ関") == normalize("霞ケ関") == "霞ケ関"


def test_variation_selectors_are_removed():
    assert strip_variation_selectors("葛\U000e0100城") == "葛城"
    assert normalize("邉\U000e0102") == "邉"
    assert normalize("神\ufe00") == "神"


def test_whitespace_is_collapsed_and_trimmed():
    assert normalize("  日 本\t\t花　子 \n") == "日 本 花 子"
    assert remove_spaces("日 本 花 子") == "日本花子"
