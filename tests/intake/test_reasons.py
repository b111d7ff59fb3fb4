from intake.reasons import MESSAGES, Reason, reason


def test_every_reason_has_a_japanese_and_an_english_message():
    assert set(MESSAGES) == set(Reason)
    for code, msg in MESSAGES.items():
        assert msg.ja and msg.en, code


def test_cut_off_names_the_edge_in_both_languages():
    item = reason(Reason.CARD_CUT_OFF, edge="right")
    assert "右端" in item.message_ja
    assert "right edge" in item.message_en
    assert item.as_dict()["code"] == "card_cut_off"
