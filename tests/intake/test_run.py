"""run_intake: one call from uploaded bytes to a usable document or the reasons it is not."""

from __future__ import annotations

from intake.limits import Limits
from intake.reasons import Reason
from intake.run import run_intake
from tests.intake.synth import jpeg, photo, tilted_corners


def test_a_good_photo_is_usable_and_rectified():
    result = run_intake(jpeg(photo(tilted_corners((1200, 900), 0.8), (1200, 900))))
    assert result.usable and result.reasons == ()
    assert result.located.found and result.located.rectified.shape[1] >= 1200
    assert result.quality.card_width_px > 800


def test_bad_bytes_become_a_reason_not_an_exception():
    for data, code in ((b"", Reason.EMPTY_FILE), (b"GIF89a....", Reason.NOT_JPEG)):
        result = run_intake(data)
        assert not result.usable
        assert [r.code for r in result.reasons] == [code]
        assert result.loaded is None and result.quality is None


def test_limits_are_passed_through():
    data = jpeg(photo(tilted_corners((1200, 900), 0.8), (1200, 900)))
    assert run_intake(data, Limits(max_pixels=1000)).reasons[0].code is Reason.IMAGE_TOO_LARGE


def test_an_illegible_photo_is_decoded_but_not_usable():
    dark = (photo(tilted_corners((1200, 900), 0.8), (1200, 900)) * 0.15).astype("uint8")
    result = run_intake(jpeg(dark))
    assert result.loaded is not None and not result.usable
    assert Reason.TOO_DARK in [r.code for r in result.reasons]
