"""Photographing: EXIF orientation with rotated pixels, and the geometry of each unusable family."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random

import numpy as np
import pytest
from PIL import Image, ImageOps

from samples.cards import Rendered
from samples.cards.base import ID1_ASPECT
from samples.photo import photograph, plan_shot

TAKEN = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def card() -> Rendered:
    img = Image.new("RGB", (800, round(800 / ID1_ASPECT)), (245, 245, 240))
    img.paste((20, 20, 20), (100, 50, 500, 110))  # a dark "name" bar
    return Rendered(img, {"name": (0.12, 0.1, 0.62, 0.22)})


def _shoot(card: Rendered, family: str, seed: int = 1, **changes):
    plan = plan_shot(random.Random(seed), family, taken=TAKEN)
    plan = dataclasses.replace(plan, **changes)
    data, meta = photograph(card, plan, np.random.default_rng(seed), max_side=900,
                            glare_box=card.boxes["name"])
    return Image.open(io.BytesIO(data)), meta, plan


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_orientation_is_tagged_and_the_stored_pixels_are_rotated_to_match(card, orientation):
    plain, meta, _ = _shoot(card, "clean", orientation=1)
    tagged, meta2, _ = _shoot(card, "clean", orientation=orientation)
    assert tagged.getexif().get(0x0112) == orientation
    if orientation in (6, 8):
        assert tagged.size == (plain.height, plain.width)
    upright = np.asarray(ImageOps.exif_transpose(tagged), dtype=np.float32)
    assert upright.shape[:2] == (meta2["height"], meta2["width"])
    assert np.abs(upright - np.asarray(plain, dtype=np.float32)).mean() < 3.0


def test_gps_is_written_when_planned(card):
    img, _, _ = _shoot(card, "clean", gps=(35.68, 139.76))
    gps = img.getexif().get_ifd(0x8825)
    assert gps.get(1) == "N" and gps.get(2)[0] == 35.0


@pytest.mark.parametrize("edge", ["left", "right", "top", "bottom"])
def test_a_cut_off_card_leaves_the_frame_on_the_named_edge(card, edge):
    _, meta, _ = _shoot(card, "cut_off", cut_edge=edge, roll=0.0)
    xs = [p[0] for p in meta["corners"]]
    ys = [p[1] for p in meta["corners"]]
    outside = {"left": min(xs) < 0, "right": max(xs) > meta["width"], "top": min(ys) < 0,
               "bottom": max(ys) > meta["height"]}
    assert outside[edge] and sum(outside.values()) == 1


def test_legible_cards_stay_inside_the_frame_and_large_enough(card):
    for seed in range(6):
        _, meta, _ = _shoot(card, "clean", seed=seed)
        assert all(0 <= x <= meta["width"] and 0 <= y <= meta["height"] for x, y in meta["corners"])
        assert meta["card_px"] >= 640


def test_too_small_cards_are_under_400_px(card):
    _, meta, _ = _shoot(card, "too_small")
    assert meta["card_px"] < 400


def test_glare_saturates_the_name_and_dark_is_dark(card):
    img, meta, _ = _shoot(card, "glare", roll=0.0, tilt_x=0.0, tilt_y=0.0, orientation=1)
    (x0, y0), (x1, _), _, (_, y3) = meta["corners"]
    cx = x0 + (x1 - x0) * 0.37
    cy = y0 + (y3 - y0) * 0.16
    patch = np.asarray(img.convert("L"))[int(cy) - 3:int(cy) + 3, int(cx) - 3:int(cx) + 3]
    assert patch.mean() > 240  # the dark name bar is washed out
    dark, _, _ = _shoot(card, "dark")
    assert np.asarray(dark.convert("L")).mean() < 40
