"""One renderer per document; each returns a Rendered image with the normalised boxes of its key fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

Box = tuple[float, float, float, float]


@dataclass
class Rendered:
    image: Image.Image
    boxes: dict[str, Box] = field(default_factory=dict)  # normalised, on the document itself
    rounded: bool = True  # ID-1 cards have rounded corners; paper does not
