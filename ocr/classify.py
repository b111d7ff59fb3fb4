"""Tell the document type and side from the text lines and visual cues, and whether a My Number shows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from intake.documents import ID1_ASPECT, DocumentType, Side
from matching.normalize import normalize, remove_spaces
from ocr import mrz, mynumber
from ocr.models import Classification, TextLine

T = DocumentType


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: str
    weight: float


# 個人番号カード as OCR reads it (カ as 力, ー as 一); 個人番号 alone is the back's label.
CARD_TITLE = r"個人番号[カ力][ー一ｰ\-]?ド?"
NUMBER_LABEL = r"個人番号(?![カ力])"

# (type, side) -> cues. Weights: 3 = the document's own title, 2 = a label only it prints,
# 1 = a label shared with other documents. Patterns run on text with spaces removed.
CUES: dict[tuple[DocumentType, Side], tuple[Cue, ...]] = {
    (T.DRIVERS_LICENSE, Side.FRONT): (
        Cue("title_licence", r"運転免許証|免許証", 3),
        Cue("public_safety_commission", r"公安委員会", 2),
        Cue("licence_conditions", r"免許の条件|条件等", 1.5),
        Cue("licence_number_context", r"第[0-9]{12}号", 1.5),
        Cue("licence_classes", r"二・小・原|二種|種類", 1),
        Cue("expiry_dual_year", r"[0-9]{4}年\((?:令和|平成)", 1),
    ),
    (T.DRIVERS_LICENSE, Side.BACK): (
        # 備考 is printed vertically and small: PP-OCR reads its first glyph as 俨 or 偹.
        Cue("remarks", r"[備俨偹]考", 2),
        Cue("organ_donation", r"[臓臟]器提供|脳死後|心臓が停止", 1.5),
        Cue("licence_back_seal", r"公安委員会", 1),
    ),
    (T.MY_NUMBER_FRONT, Side.FRONT): (
        Cue("title_my_number_card", CARD_TITLE, 3),
        Cue("sex_label", r"性[別别]", 1),
        Cue("address_label", r"住所", 1),
        Cue("e_certificate", r"電子証明書", 1.5),
        Cue("valid_until", r"まで有効", 0.5),
    ),
    (T.MY_NUMBER_BACK, Side.BACK): (Cue("my_number_label", r"個人番号(?!カード)", 3),),
    (T.RESIDENCE_CARD, Side.FRONT): (
        Cue("title_residence_card", r"在留カード|RESIDENCECARD", 3),
        Cue("residence_address_label", r"住居地(?!記載)", 2),
        Cue("status_of_residence", r"在留資格|在留期間", 2),
        Cue("nationality_label", r"国籍", 1),
        Cue("work_restriction", r"就労制限", 1.5),
        Cue("residence_number_format", r"[A-Z]{2}[0-9]{8}[A-Z]{2}", 1.5),
    ),
    (T.RESIDENCE_CARD, Side.BACK): (
        Cue("residence_address_column", r"住居地記載欄", 3),
        Cue("permission_column", r"資格外活動許可欄|在留期間更新等許可申請欄", 2),
        Cue("entry_column_header", r"記載者印|届出年月日", 1.5),
    ),
    (T.PASSPORT, Side.FRONT): (
        Cue("title_passport", r"PASSPORT|旅券", 3),
        Cue("mrz_japan", r"P<JPN|P[<«]?JPN", 3),
        Cue("japan_state", r"日本国|JAPAN", 1),
    ),
    (T.HEALTH_INSURANCE, Side.FRONT): (
        Cue("title_insured_card", r"被保険者証|保険証|資格確認書", 3),
        Cue("insurer_label", r"保険者", 1.5),
        Cue("insurance_symbol", r"記号", 1),
        Cue("acquired_date", r"資格取得", 1.5),
    ),
    (T.RESIDENCE_CERTIFICATE, Side.FRONT): (
        Cue("title_residence_certificate", r"住民票", 3),
        Cue("household_head", r"世[帯带]主", 2),
        Cue("resident_code", r"住民票コード", 2),
        Cue("relationship", r"続柄", 1),
        Cue("resident_since", r"住民とな[っつ]た(?:年月)?日", 1.5),
        Cue("certified_copy", r"写しであることを証明", 1.5),
    ),
    (T.UTILITY_RECEIPT, Side.FRONT): (
        Cue("title_receipt", r"領収書|領収証|領収済", 3),
        Cue("utility_kind", r"電気|ガス|水道", 1.5),
        Cue("charges", r"料金|ご使用量|使用量|検針", 1),
    ),
}
MIN_SCORE = 2.5
_BACK_OF = {T.DRIVERS_LICENSE, T.RESIDENCE_CARD}


def has_qr(bgr: np.ndarray) -> bool:
    """Whether a QR code's finder patterns are found (the My Number back carries one)."""
    h, w = bgr.shape[:2]
    if w > 800:  # finder patterns survive the downscale; detection time falls with the area
        bgr = cv2.resize(bgr, (800, round(h * 800 / w)), interpolation=cv2.INTER_AREA)
    try:
        found, _ = cv2.QRCodeDetector().detect(bgr)
    except cv2.error:
        return False
    return bool(found)


def card_shaped(bgr: np.ndarray) -> bool:
    h, w = bgr.shape[:2]
    aspect = max(h, w) / max(1, min(h, w))
    return abs(aspect - ID1_ASPECT) / ID1_ASPECT <= 0.10


def _scores(text: str) -> dict[tuple[DocumentType, Side], tuple[float, list[str]]]:
    out = {}
    for key, cues in CUES.items():
        fired = [c for c in cues if re.search(c.pattern, text)]
        out[key] = (sum(c.weight for c in fired), [c.name for c in fired])
    return out


def classify(
    lines: Sequence[TextLine], bgr: np.ndarray | None = None, *, hint: DocumentType | None = None
) -> Classification:
    """Score every (type, side) by the cues found, add visual cues, then decide My Number visibility."""
    texts = [normalize(ln.text) for ln in lines]
    joined = remove_spaces("\n".join(texts)).upper().replace("＜", "<")
    scores = _scores(joined)
    signals: list[str] = []

    qr = bool(bgr is not None and card_shaped(bgr) and has_qr(bgr))
    if qr:
        signals.append("qr_code_on_card")
    checksum_group = mynumber.has_candidate(texts)
    any_group = mynumber.has_candidate(texts, require_checksum=False)
    if checksum_group:
        signals.append("twelve_digits_pass_check")
    if mrz.find_lines(texts) is not None:
        s, names = scores[(T.PASSPORT, Side.FRONT)]
        scores[(T.PASSPORT, Side.FRONT)] = (s + 3, [*names, "mrz_lines"])

    # The back of a My Number card: the label, a QR code, a 12-digit number, and no front title.
    key = (T.MY_NUMBER_BACK, Side.BACK)
    s, names = scores[key]
    s += 2 * qr + 2 * checksum_group + (1 if any_group and not checksum_group else 0)
    if re.search(CARD_TITLE, joined) and scores[(T.MY_NUMBER_FRONT, Side.FRONT)][0] >= 4:
        s -= 2  # a front names the card and carries front-only labels (性別, 電子証明書)
    if bgr is not None and not card_shaped(bgr):
        s -= 3  # the back is an ID-1 card; a 住民票 page with a 個人番号 row is not
    if "my_number_label" in names and not any(
        re.search(NUMBER_LABEL, normalize(ln.text)) and ln.box[1] < 0.4 for ln in lines
    ):
        s -= 2  # the back prints its label at the top; lower down it is a form's row label
    scores[key] = (s, names)

    if hint is not None:
        for (doc, side), (s, names) in scores.items():
            if doc is hint and s > 0:
                scores[(doc, side)] = (s + 1.0, names)

    ranked = sorted(scores.items(), key=lambda kv: kv[1][0], reverse=True)
    (best_doc, best_side), (best, fired) = ranked[0]
    second = ranked[1][1][0]
    if best < MIN_SCORE:
        best_doc, best_side, fired = T.UNKNOWN, Side.FRONT, []
        confidence = 0.0
    else:
        # Front and back cues of one document share labels (公安委員会); the side is the stronger.
        confidence = round(min(1.0, best / 6) * (best - second * 0.5) / best, 3)
        confidence = max(0.05, confidence)
    signals = [*fired, *signals]

    visible = my_number_visible(texts, joined, best_doc, qr, checksum_group, any_group)
    if visible:
        signals.append("my_number_visible")
    return Classification(best_doc, best_side, confidence, visible, tuple(dict.fromkeys(signals)))


def my_number_visible(
    texts: Sequence[str], joined: str, doc: DocumentType, qr: bool, checksum_group: bool, any_group: bool
) -> bool:
    """Several signals together (DOMAIN.md); never the checksum alone, never a licence number."""
    label = bool(re.search(NUMBER_LABEL, joined))
    if doc is T.MY_NUMBER_BACK:
        return True
    if doc is T.RESIDENCE_CERTIFICATE:
        # A 住民票 with the 個人番号 column filled: the label and twelve digits anywhere on it.
        return label and any_group
    signals = sum((label, qr, checksum_group))
    return signals >= 2 or (label and any_group)
