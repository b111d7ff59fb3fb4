import pytest

from matching.variants import fold, fold_place, same_kanji


@pytest.mark.parametrize(
    "pair", ["髙高", "﨑崎", "邊辺", "邉辺", "邉邊", "齋斎", "濵浜", "濱浜", "德徳", "國国", "澤沢"]
)
def test_variant_pairs_fold_together(pair):
    a, b = pair
    assert fold(a) == fold(b)
    assert same_kanji(a, b)


@pytest.mark.parametrize("pair", ["斉斎", "大太", "土士", "未末", "崎碕"])
def test_different_kanji_stay_different(pair):
    a, b = pair
    assert fold(a) != fold(b)


def test_place_spellings_fold_only_for_places():
    assert fold_place("檜原") == fold_place("桧原")
    assert fold("檜原") != fold("桧原")


def test_non_kanji_text_is_unchanged():
    assert fold("ヤマダ taro 12") == "ヤマダ taro 12"
