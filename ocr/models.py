"""The frozen values the OCR stage hands to matching: lines, fields, classification, result."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from intake.documents import DocumentType, Side

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class TextLine:
    """One recognised line. `box` is (x0, y0, x1, y1) normalised 0..1 on the image it was read from.

    `upside_down` is set by engines that classify line orientation (rapidocr): the text was read
    after turning the line 180°, so the whole card is probably upside down.
    """

    text: str
    box: Box
    confidence: float
    upside_down: bool = False

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass(frozen=True)
class FieldValue:
    """A parsed field: `value` normalised (dates ISO YYYY-MM-DD), `raw` as read (never a My Number)."""

    value: str
    confidence: float
    raw: str


@dataclass(frozen=True)
class CardFields:
    name: FieldValue | None = None
    name_kana: FieldValue | None = None
    name_romaji: FieldValue | None = None
    birthdate: FieldValue | None = None
    address: FieldValue | None = None
    expiry: FieldValue | None = None
    issue_date: FieldValue | None = None
    number: FieldValue | None = None
    nationality: FieldValue | None = None
    extra: dict[str, FieldValue] = field(default_factory=dict)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The named fields, in declaration order (`extra` excluded)."""
        return tuple(f.name for f in dataclasses.fields(cls) if f.name != "extra")

    def present(self) -> dict[str, FieldValue]:
        """Every field that was found, `extra` included, by name."""
        found = {n: getattr(self, n) for n in self.names() if getattr(self, n) is not None}
        found.update(self.extra)
        return found


@dataclass(frozen=True)
class Classification:
    """What the document is. `signals` names the cues that fired, never the text or digits."""

    type: DocumentType
    side: Side
    confidence: float
    my_number_visible: bool
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class OcrResult:
    """Everything read from one card. `lines` are scrubbed of any My Number.

    `upright` is True when the card arrived the right way up, False when `read_document` turned it
    before reading; `quarter_turns` says how far (clockwise, 0-3: 2 for upside down, 1 or 3 for a page
    photographed sideways). Boxes are on the turned card.
    """

    classification: Classification
    fields: CardFields
    lines: tuple[TextLine, ...]
    upright: bool = True
    engine: str = ""
    quarter_turns: int = 0
    timings_ms: dict[str, float] = field(default_factory=dict)
