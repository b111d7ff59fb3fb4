"""The closed set of document types and sides honnin knows, shared by every stage."""

from __future__ import annotations

from enum import StrEnum


class DocumentType(StrEnum):
    DRIVERS_LICENSE = "drivers_license"
    MY_NUMBER_FRONT = "my_number_front"
    MY_NUMBER_BACK = "my_number_back"
    RESIDENCE_CARD = "residence_card"
    PASSPORT = "passport"
    HEALTH_INSURANCE = "health_insurance"
    RESIDENCE_CERTIFICATE = "residence_certificate"
    UTILITY_RECEIPT = "utility_receipt"
    UNKNOWN = "unknown"


class Side(StrEnum):
    FRONT = "front"
    BACK = "back"


# ISO/IEC 7810 ID-1 (85.60 x 53.98 mm): licence, My Number card, residence card, insurance card.
ID1_ASPECT = 85.60 / 53.98
ID1_TYPES = frozenset(
    {
        DocumentType.DRIVERS_LICENSE,
        DocumentType.MY_NUMBER_FRONT,
        DocumentType.MY_NUMBER_BACK,
        DocumentType.RESIDENCE_CARD,
        DocumentType.HEALTH_INSURANCE,
    }
)
