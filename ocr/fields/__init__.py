"""Field extraction, one module per document family, chosen by the classified type and side."""

from __future__ import annotations

from collections.abc import Callable

from intake.documents import DocumentType, Side
from ocr.fields import documents, licence, my_number, passport, residence_card
from ocr.fields.common import Ctx
from ocr.models import CardFields

T = DocumentType
EXTRACTORS: dict[tuple[DocumentType, Side], Callable[[Ctx], CardFields]] = {
    (T.DRIVERS_LICENSE, Side.FRONT): licence.front,
    (T.DRIVERS_LICENSE, Side.BACK): licence.back,
    (T.MY_NUMBER_FRONT, Side.FRONT): my_number.front,
    (T.MY_NUMBER_BACK, Side.BACK): my_number.back,
    (T.RESIDENCE_CARD, Side.FRONT): residence_card.front,
    (T.RESIDENCE_CARD, Side.BACK): residence_card.back,
    (T.PASSPORT, Side.FRONT): passport.front,
    (T.HEALTH_INSURANCE, Side.FRONT): documents.insurance,
    (T.RESIDENCE_CERTIFICATE, Side.FRONT): documents.certificate,
    (T.UTILITY_RECEIPT, Side.FRONT): documents.receipt,
}


def extract(doc: DocumentType, side: Side, ctx: Ctx) -> CardFields:
    """Fields of a `doc`/`side`; an unknown document or side yields no fields."""
    extractor = EXTRACTORS.get((doc, side))
    return extractor(ctx) if extractor is not None else CardFields()
