"""Drawing helpers shared by the document renderers: fonts, jittered text, guilloche, face placeholder."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ID1_ASPECT = 85.60 / 53.98

_IPA_M = ("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", 0)
_IPA_G = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0)
_NOTO_SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0)  # index 0 = JP
_NOTO_SANS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0)
_NOTO_SANS_B = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0)
_NOTO_SERIF_B = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 0)
_JP_M = ("/usr/share/fonts/truetype/fonts-japanese-mincho.ttf", 0)
_JP_G = ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0)
MONO = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 0)
MONO_BOLD = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf", 0)
SANS_LATIN = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0)

FONT_FAMILIES = {
    "mincho": (_IPA_M, _NOTO_SERIF, _JP_M),
    "gothic": (_IPA_G, _NOTO_SANS, _JP_G),
    "bold": (_NOTO_SANS_B, _NOTO_SERIF_B),
}
# Characters outside the IPA fonts (CJK Extension B): only Noto draws them.
_NOTO_ONLY = set("𠮷")

FontSpec = tuple[str, int]


@lru_cache(maxsize=256)
def font(spec: FontSpec, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(spec[0], max(6, size), index=spec[1])


def needs_noto(text: str) -> bool:
    return any(ch in _NOTO_ONLY for ch in text)


@dataclass
class Style:
    """Per-document choices: one mincho and one gothic face, and how much to jitter."""

    mincho: FontSpec
    gothic: FontSpec
    bold: FontSpec
    jitter: float  # positional jitter as a fraction of the card size
    scale: float  # global font size factor


def pick_style(rng: random.Random) -> Style:
    return Style(
        mincho=rng.choice(FONT_FAMILIES["mincho"]),
        gothic=rng.choice(FONT_FAMILIES["gothic"]),
        bold=rng.choice(FONT_FAMILIES["bold"]),
        jitter=rng.uniform(0.004, 0.015),
        scale=rng.uniform(0.94, 1.06),
    )


class Sheet:
    """A document canvas addressed in normalised coordinates (0..1 on both axes)."""

    def __init__(self, rng: random.Random, width: int, aspect: float, background: tuple[int, int, int]):
        self.rng = rng
        self.style = pick_style(rng)
        self.w = width
        self.h = round(width / aspect)
        self.img = Image.new("RGB", (self.w, self.h), background)
        self.draw = ImageDraw.Draw(self.img)

    def px(self, x: float, y: float) -> tuple[float, float]:
        return x * self.w, y * self.h

    def jit(self) -> tuple[float, float]:
        j = self.style.jitter
        return self.rng.uniform(-j, j), self.rng.uniform(-j, j)

    def face(self, kind: str, text: str = "") -> FontSpec:
        if needs_noto(text):
            return _NOTO_SERIF if kind == "mincho" else _NOTO_SANS
        return {"mincho": self.style.mincho, "gothic": self.style.gothic, "bold": self.style.bold}.get(kind, kind)  # type: ignore[return-value]

    def text(self, x: float, y: float, text: str, size: float, kind: str = "gothic",
             fill: tuple[int, int, int] = (25, 25, 25), *, spacing: float = 0.0, max_w: float | None = None,
             anchor: str = "lm", jitter: bool = True) -> tuple[float, float]:
        """Draw `text` with its left-middle at (x, y); size is a fraction of the sheet height.

        Returns the right end (normalised x) and the size used. `spacing` adds letter spacing as a
        fraction of the font size (licences print names as 日 本 花 子).
        """
        if jitter:
            dx, dy = self.jit()
            x, y = x + dx, y + dy * 0.5
        px_size = size * self.h * self.style.scale * (self.rng.uniform(0.96, 1.04) if jitter else 1.0)
        spec = self.face(kind, text)
        f = font(spec, round(px_size))
        width = self._width(f, text, spacing * px_size)
        if max_w is not None and width > max_w * self.w:
            px_size *= max_w * self.w / width
            f = font(spec, round(px_size))
            width = self._width(f, text, spacing * px_size)
        X, Y = self.px(x, y)
        if anchor[0] == "m":
            X -= width / 2
        elif anchor[0] == "r":
            X -= width
        if spacing:
            for ch in text:
                self.draw.text((X, Y), ch, font=f, fill=fill, anchor="l" + anchor[1])
                X += f.getlength(ch) + spacing * px_size
        else:
            self.draw.text((X, Y), text, font=f, fill=fill, anchor="l" + anchor[1])
            X += width
        return X / self.w, px_size

    @staticmethod
    def _width(f: ImageFont.FreeTypeFont, text: str, extra: float) -> float:
        if not extra:
            return f.getlength(text)
        return sum(f.getlength(ch) for ch in text) + extra * (len(text) - 1)

    def rect(self, box: tuple[float, float, float, float], fill=None, outline=None, width: int = 1,
             radius: float = 0.0) -> None:
        x0, y0 = self.px(box[0], box[1])
        x1, y1 = self.px(box[2], box[3])
        if radius:
            self.draw.rounded_rectangle((x0, y0, x1, y1), radius=radius * self.h, fill=fill, outline=outline,
                                        width=width)
        else:
            self.draw.rectangle((x0, y0, x1, y1), fill=fill, outline=outline, width=width)

    def hline(self, y: float, x0: float, x1: float, fill=(120, 120, 120), width: int = 1) -> None:
        self.draw.line((*self.px(x0, y), *self.px(x1, y)), fill=fill, width=width)

    def vline(self, x: float, y0: float, y1: float, fill=(120, 120, 120), width: int = 1) -> None:
        self.draw.line((*self.px(x, y0), *self.px(x, y1)), fill=fill, width=width)


def guilloche(sheet: Sheet, colors: list[tuple[int, int, int]], lines: int = 40,
              box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> None:
    """Pale interleaved sinusoids, the anti-copy background printed on Japanese cards."""
    rng = sheet.rng
    x0, y0 = sheet.px(box[0], box[1])
    x1, y1 = sheet.px(box[2], box[3])
    steps = 160
    for k in range(lines):
        color = colors[k % len(colors)]
        amp = rng.uniform(0.02, 0.08) * (y1 - y0)
        period = rng.uniform(0.15, 0.5) * (x1 - x0)
        phase = rng.uniform(0, 2 * math.pi)
        base = y0 + (k + 0.5) / lines * (y1 - y0)
        amp2 = amp * rng.uniform(0.2, 0.6)
        pts = []
        for i in range(steps + 1):
            x = x0 + (x1 - x0) * i / steps
            t = 2 * math.pi * (x - x0) / period
            pts.append((x, base + amp * math.sin(t + phase) + amp2 * math.sin(2.7 * t - phase)))
        sheet.draw.line(pts, fill=color, width=1)


def rosette(sheet: Sheet, cx: float, cy: float, r: float, color: tuple[int, int, int], petals: int = 12) -> None:
    """A spirograph-like rosette, a common security ornament."""
    X, Y = sheet.px(cx, cy)
    R = r * sheet.h
    for k in range(3):
        pts = []
        for i in range(721):
            t = 2 * math.pi * i / 720
            rr = R * (0.75 + 0.25 * math.sin(petals * t + k))
            pts.append((X + rr * math.cos(t), Y + rr * math.sin(t)))
        sheet.draw.line(pts, fill=color, width=1)


def tint(sheet: Sheet, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> None:
    """A vertical pale colour gradient over the whole sheet."""
    grad = Image.linear_gradient("L").resize((sheet.w, sheet.h))
    a = Image.new("RGB", (sheet.w, sheet.h), top)
    b = Image.new("RGB", (sheet.w, sheet.h), bottom)
    sheet.img.paste(Image.composite(b, a, grad))
    sheet.draw = ImageDraw.Draw(sheet.img)


def portrait(sheet: Sheet, box: tuple[float, float, float, float]) -> None:
    """A face placeholder: a flat background, head and shoulders silhouette (no real person)."""
    rng = sheet.rng
    x0, y0 = sheet.px(box[0], box[1])
    x1, y1 = sheet.px(box[2], box[3])
    w, h = int(x1 - x0), int(y1 - y0)
    bgc = rng.choice([(200, 215, 230), (215, 220, 225), (190, 205, 225), (225, 225, 215)])
    tone = rng.choice([(120, 100, 90), (90, 80, 75), (140, 120, 105), (70, 70, 80)])
    hair = tuple(max(0, c - 55) for c in tone)
    tile = Image.new("RGB", (w, h), bgc)
    d = ImageDraw.Draw(tile)
    d.ellipse((w * 0.08, h * 0.72, w * 0.92, h * 1.35), fill=tuple(c - 20 for c in tone))  # shoulders
    d.rectangle((w * 0.42, h * 0.55, w * 0.58, h * 0.78), fill=tone)  # neck
    d.ellipse((w * 0.26, h * 0.16, w * 0.74, h * 0.66), fill=tone)  # head
    d.chord((w * 0.24, h * 0.12, w * 0.76, h * 0.52), 180, 360, fill=hair)  # hair
    tile = tile.filter(ImageFilter.GaussianBlur(max(1, w / 120)))
    sheet.img.paste(tile, (int(x0), int(y0)))
    sheet.draw.rectangle((x0, y0, x1, y1), outline=(150, 150, 150), width=1)


def seal(sheet: Sheet, cx: float, cy: float, r: float, text: str, round_: bool = False) -> None:
    """A red stamp (公安委員会印, 領収印)."""
    X, Y = sheet.px(cx, cy)
    R = r * sheet.h
    red = (200, 40, 40)
    if round_:
        sheet.draw.ellipse((X - R, Y - R, X + R, Y + R), outline=red, width=max(2, int(R / 12)))
    else:
        sheet.draw.rectangle((X - R, Y - R, X + R, Y + R), outline=red, width=max(2, int(R / 12)))
    n = len(text)
    ncols = 1 if n <= 2 else 2
    nrows = math.ceil(n / ncols)
    f = font(sheet.face("mincho"), max(8, int(R * 1.5 / nrows)))
    step_x, step_y = 2 * R * 0.8 / ncols, 2 * R * 0.8 / nrows
    for k, ch in enumerate(text):  # vertical columns, right to left
        col, row = divmod(k, nrows)
        cx_ = X + (ncols - 1) / 2 * step_x - col * step_x
        cy_ = Y + (row - (nrows - 1) / 2) * step_y
        sheet.draw.text((cx_, cy_), ch, font=f, fill=red, anchor="mm")


FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def maybe_fw(rng: random.Random, text: str, p: float) -> str:
    """Print digits full-width with probability p (real cards mix both)."""
    return text.translate(FW_DIGITS) if rng.random() < p else text
