"""Finding the document: the largest plausible quadrilateral, straightened to the card's own shape."""

from __future__ import annotations

import numpy as np
import pytest

from intake.documents import ID1_ASPECT
from intake.geometry import order_corners, quad_iou
from intake.locate import locate_document
from tests.intake.synth import background, card, photo, tilted_corners

SIZE = (1200, 900)


@pytest.fixture(scope="module")
def tilted():
    corners = tilted_corners(SIZE, width_frac=0.75)
    return corners, locate_document(photo(corners, SIZE))


def test_a_card_seen_in_perspective_is_found_where_it_is(tilted):
    corners, located = tilted
    assert located.found
    assert quad_iou(located.quad, corners) > 0.95
    assert np.abs(located.quad - corners).max() < 0.02 * SIZE[0]  # corners in the right order too
    assert located.cut_off_edges == ()


def test_the_rectified_card_is_landscape_with_the_id1_aspect(tilted):
    _, located = tilted
    h, w = located.rectified.shape[:2]
    assert 1200 <= w <= 1600
    assert abs(w / h - ID1_ASPECT) < 0.01
    assert abs(located.aspect / ID1_ASPECT - 1) < 0.10  # the measured aspect, kept for the pipeline
    # Straightened: the photo box sits at the right of the card, as drawn.
    grey = located.rectified.mean(axis=2)
    box = grey[int(0.45 * h) : int(0.75 * h), int(0.72 * w) : int(0.92 * w)].mean()
    assert box < 180 and grey[int(0.45 * h) : int(0.75 * h), int(0.05 * w) : int(0.2 * w)].mean() > box


def test_a_small_card_is_upscaled_moderately_and_its_native_width_kept():
    corners = tilted_corners(SIZE, width_frac=0.55)
    located = locate_document(photo(corners, SIZE))
    assert located.found
    assert abs(located.native_width_px - 0.55 * SIZE[0]) < 0.05 * SIZE[0]
    assert located.rectified.shape[1] == 1200


def test_a_card_held_sideways_comes_out_landscape():
    w, h = SIZE
    cw, ch = 0.5 * h / 1.0, 0.5 * h * ID1_ASPECT  # portrait on the photo
    x0, y0 = (w - cw) / 2, (h - ch) / 2
    # The card's own top-left lands at the photo's bottom-left: turned 90 degrees anticlockwise.
    corners = np.float32([[x0, y0 + ch], [x0, y0], [x0 + cw, y0], [x0 + cw, y0 + ch]])
    located = locate_document(photo(corners, SIZE))
    assert located.found
    rh, rw = located.rectified.shape[:2]
    assert rw > rh and abs(rw / rh - ID1_ASPECT) < 0.01
    assert quad_iou(located.quad, order_corners(corners)) > 0.95


def test_a_paper_document_keeps_its_own_aspect():
    w, h = SIZE
    sheet = np.full((1414, 1000, 3), 245, np.uint8)
    sheet[100:1300:60, 80:900] = 40  # lines of "text"
    corners = np.float32([[420, 60], [980, 80], [960, 850], [400, 840]])
    located = locate_document(photo(corners, SIZE, card_img=sheet))
    assert located.found
    rh, rw = located.rectified.shape[:2]
    assert rh > rw and 1.3 < rh / rw < 1.5


def test_a_card_running_off_the_right_edge_is_named_cut_off_there():
    corners = tilted_corners(SIZE, width_frac=0.7) + np.float32([0.3 * SIZE[0], 0])
    located = locate_document(photo(corners, SIZE))
    assert located.found
    assert located.cut_off_edges == ("right",)


def test_a_plain_background_has_no_document():
    located = locate_document(background(SIZE[1], SIZE[0]))
    assert not located.found and located.quad is None
    assert located.rectified.shape[:2] == (SIZE[1], SIZE[0])


def test_a_light_background_still_shows_a_card_with_a_dark_rim():
    # A white table: the card's own print and its thin shadow are all there is to go on.
    w, h = SIZE
    corners = tilted_corners(SIZE, width_frac=0.7)
    located = locate_document(photo(corners, SIZE, card_img=card(seed=5), bg=background(h, w, (225, 228, 226)),
                                    rim=(170, 170, 170)))
    assert located.found
    assert quad_iou(located.quad, corners) > 0.9
