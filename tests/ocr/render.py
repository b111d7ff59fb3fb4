"""Cards drawn with Pillow for the OCR tests: text placed at normalised positions, optional QR code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

GOTHIC = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
MINCHO = "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@dataclass(frozen=True)
class Text:
    x: float  # left edge, fraction of the card width
    y: float  # top edge, fraction of the card height
    text: str
    size: float = 0.05  # glyph height, fraction of the card height


@cache
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


def draw_card(
    items: list[Text],
    *,
    width: int = 1000,
    aspect: float = 85.60 / 53.98,
    font: str = GOTHIC,
    background: tuple[int, int, int] = (236, 242, 232),
    qr: str | None = None,
    qr_box: tuple[float, float, float] = (0.70, 0.40, 0.25),  # x, y, side as a fraction of the width
) -> np.ndarray:
    """A BGR card image with every item drawn in black."""
    height = round(width / aspect)
    img = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(img)
    for it in items:
        draw.text(
            (it.x * width, it.y * height),
            it.text,
            font=_font(font, round(it.size * height)),
            fill=(20, 20, 20),
        )
    if qr is not None:
        import qrcode

        side = round(qr_box[2] * width)
        code = qrcode.make(qr, border=2).get_image().convert("RGB").resize((side, side), Image.NEAREST)
        img.paste(code, (round(qr_box[0] * width), round(qr_box[1] * height)))
    return cv2.cvtColor(np.array(img), cv2.COLOR_RGB2BGR)


def licence_front(font: str = GOTHIC, width: int = 1000) -> np.ndarray:
    return draw_card(
        [
            Text(0.03, 0.07, "氏名", 0.045),
            Text(0.16, 0.065, "日 本  花 子", 0.06),
            Text(0.60, 0.075, "昭和61年 5月 1日生", 0.045),
            Text(0.03, 0.22, "住所", 0.045),
            Text(0.13, 0.215, "東京都千代田区霞が関2-1-2", 0.055),
            Text(0.03, 0.30, "交付", 0.045),
            Text(0.15, 0.30, "令和01年05月07日 12345", 0.045),
            Text(0.04, 0.38, "2029年(令和11年)06月01日まで有効", 0.055),
            Text(0.04, 0.48, "免許の条件等 眼鏡等", 0.045),
            Text(0.04, 0.69, "番号 第 012345678900 号", 0.055),
            Text(0.04, 0.85, "運転免許証", 0.07),
            Text(0.40, 0.87, "東京都公安委員会", 0.05),
        ],
        font=font,
        width=width,
    )


def my_number_back(number: str, width: int = 1000) -> np.ndarray:
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    return draw_card(
        [
            Text(0.05, 0.06, "個人番号", 0.07),
            Text(0.05, 0.17, spaced, 0.10),
            Text(0.05, 0.45, "氏名 日本 花子", 0.055),
            Text(0.05, 0.58, "生年月日 昭和61年5月1日", 0.055),
        ],
        width=width,
        qr=number,
        qr_box=(0.70, 0.35, 0.25),
    )
