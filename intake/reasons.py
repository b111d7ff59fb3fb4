"""Every reason a verification is not approved: a closed enum and its ja/en messages, in one table.

Codes are a stable public contract (CLI JSON, API, database): add, never rename.
Messages never contain data from the image (a My Number must not reach them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    # Format gate
    EMPTY_FILE = "empty_file"
    NOT_JPEG = "not_jpeg"
    CORRUPT_JPEG = "corrupt_jpeg"
    FILE_TOO_LARGE = "file_too_large"
    IMAGE_TOO_LARGE = "image_too_large"
    # Legibility
    CARD_NOT_FOUND = "card_not_found"
    CARD_CUT_OFF = "card_cut_off"
    CARD_TOO_SMALL = "card_too_small"
    BLURRY = "blurry"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"
    GLARE = "glare"
    # Document
    MY_NUMBER_VISIBLE = "my_number_visible"
    UNKNOWN_DOCUMENT = "unknown_document"
    DOCUMENT_NOT_ACCEPTED = "document_not_accepted"
    WRONG_SIDE = "wrong_side"
    BACK_REQUIRED = "back_required"
    SUPPLEMENTARY_REQUIRED = "supplementary_required"
    SUPPLEMENTARY_NOT_ACCEPTED = "supplementary_not_accepted"
    SUPPLEMENTARY_OUTDATED = "supplementary_outdated"
    EXPIRED = "expired"
    # Reading and matching
    FIELD_UNREADABLE = "field_unreadable"
    NAME_MISMATCH = "name_mismatch"
    NAME_UNCERTAIN = "name_uncertain"
    ADDRESS_MISMATCH = "address_mismatch"
    ADDRESS_UNCERTAIN = "address_uncertain"
    BIRTHDATE_MISMATCH = "birthdate_mismatch"
    BIRTHDATE_UNCERTAIN = "birthdate_uncertain"
    EXPIRY_UNCERTAIN = "expiry_uncertain"
    # Reviewer decisions
    REVIEWER_REJECTED = "reviewer_rejected"
    REVIEWER_RESUBMIT = "reviewer_resubmit"
    # Batch re-verification
    REVERIFY_CHANGED = "reverify_changed"


@dataclass(frozen=True)
class Message:
    ja: str
    en: str


# `{side}`-style placeholders are filled only with values from a closed vocabulary (see SIDE_WORDS).
MESSAGES: dict[Reason, Message] = {
    Reason.EMPTY_FILE: Message(
        "ファイルが空です。本人確認書類の写真（JPEG）を選び直してください。",
        "The file is empty. Please choose the photo (JPEG) of your ID document again.",
    ),
    Reason.NOT_JPEG: Message(
        "JPEG形式の画像のみアップロードできます。カメラで撮影したJPEG写真を選んでください。",
        "Only JPEG images can be uploaded. Please choose a JPEG photo taken with your camera.",
    ),
    Reason.CORRUPT_JPEG: Message(
        "画像が壊れているか途中で切れています。もう一度撮影してアップロードしてください。",
        "The image is damaged or incomplete. Please take the photo again and upload it.",
    ),
    Reason.FILE_TOO_LARGE: Message(
        "ファイルが大きすぎます（上限 {limit_mb} MB）。画質を下げて撮影し直してください。",
        "The file is too large (limit {limit_mb} MB). Please take the photo again at a lower quality.",
    ),
    Reason.IMAGE_TOO_LARGE: Message(
        "画像の画素数が大きすぎます。通常のカメラ設定で撮影し直してください。",
        "The image has too many pixels. Please take the photo again with normal camera settings.",
    ),
    Reason.CARD_NOT_FOUND: Message(
        "書類が見つかりません。無地の背景に書類を置き、書類全体が写るように撮影してください。",
        "No document was found. Place the document on a plain background and photograph all of it.",
    ),
    Reason.CARD_CUT_OFF: Message(
        "書類の{edge}が写っていません。書類全体が枠に入るように撮り直してください。",
        "The {edge_en} of the document is not in the photo. Please retake it with the whole document in frame.",
    ),
    Reason.CARD_TOO_SMALL: Message(
        "書類が小さく写っています。書類が画面いっぱいになるように近づいて撮影してください。",
        "The document is too small in the photo. Move closer so that it fills the frame.",
    ),
    Reason.BLURRY: Message(
        "写真がぼやけています。ピントを合わせ、手ぶれしないように撮り直してください。",
        "The photo is blurred. Please focus and hold the camera steady, then retake it.",
    ),
    Reason.TOO_DARK: Message(
        "写真が暗すぎます。明るい場所で撮り直してください。",
        "The photo is too dark. Please retake it in a brighter place.",
    ),
    Reason.TOO_BRIGHT: Message(
        "写真が明るすぎて文字が読めません。直射日光や強い照明を避けて撮り直してください。",
        "The photo is too bright to read. Avoid direct sunlight or strong light and retake it.",
    ),
    Reason.GLARE: Message(
        "光の反射で文字が読めない部分があります。照明が映り込まない角度で撮り直してください。",
        "Light reflections hide part of the text. Tilt the document to avoid reflections and retake it.",
    ),
    Reason.MY_NUMBER_VISIBLE: Message(
        "個人番号（マイナンバー）が写っているため画像を削除しました。マイナンバーカードは表面のみを撮影し、"
        "住民票は個人番号の記載がないものをアップロードしてください。",
        "The image showed an Individual Number (My Number) and has been deleted. Photograph only the front "
        "of a My Number card, and upload residence certificates without the number.",
    ),
    Reason.UNKNOWN_DOCUMENT: Message(
        "本人確認書類として認識できませんでした。受付可能な書類を撮影してください。",
        "This could not be recognised as an ID document. Please photograph an accepted document.",
    ),
    Reason.DOCUMENT_NOT_ACCEPTED: Message(
        "この書類はご契約の種類では本人確認書類として受け付けていません。別の書類をご提出ください。",
        "This document is not accepted for your contract type. Please submit another document.",
    ),
    Reason.WRONG_SIDE: Message(
        "書類の{side_ja}が必要です。{side_ja}を撮影してアップロードしてください。",
        "The {side_en} of the document is needed. Please photograph the {side_en} and upload it.",
    ),
    Reason.BACK_REQUIRED: Message(
        "書類の裏面に記載があります。裏面の写真もアップロードしてください。",
        "The back of the document carries information. Please upload a photo of the back as well.",
    ),
    Reason.SUPPLEMENTARY_REQUIRED: Message(
        "現住所を確認できる補助書類（発行から3か月以内の住民票または公共料金の領収書）もアップロードしてください。",
        "Please also upload a supplementary document showing your current address (a residence "
        "certificate or utility receipt issued within 3 months).",
    ),
    Reason.SUPPLEMENTARY_NOT_ACCEPTED: Message(
        "補助書類として受け付けられない書類です。住民票または電気・ガス・水道の領収書をご提出ください。",
        "This is not an accepted supplementary document. Please submit a residence certificate or an "
        "electricity, gas or water receipt.",
    ),
    Reason.SUPPLEMENTARY_OUTDATED: Message(
        "補助書類の発行日から3か月以上経過しています。発行から3か月以内のものをご提出ください。",
        "The supplementary document was issued more than 3 months ago. Please submit one issued within 3 months.",
    ),
    Reason.EXPIRED: Message(
        "書類の有効期限が切れています。有効期限内の書類をご提出ください。",
        "The document has expired. Please submit a document that is still valid.",
    ),
    Reason.FIELD_UNREADABLE: Message(
        "書類の文字を読み取れませんでした。明るい場所で、文字がはっきり写るように撮り直してください。",
        "The text on the document could not be read. Please retake the photo in good light with the text sharp.",
    ),
    Reason.NAME_MISMATCH: Message(
        "ご登録の氏名と書類の氏名が一致しません。ご登録情報をご確認ください。",
        "The name on the document does not match your registered name. Please check your registration.",
    ),
    Reason.NAME_UNCERTAIN: Message(
        "氏名を確認中です。担当者が確認します。",
        "Your name is being checked by a member of staff.",
    ),
    Reason.ADDRESS_MISMATCH: Message(
        "ご登録の住所と書類の住所が一致しません。ご登録情報をご確認いただくか、現住所の記載された補助書類をご提出ください。",
        "The address on the document does not match your registered address. Please check your registration "
        "or submit a supplementary document showing your current address.",
    ),
    Reason.ADDRESS_UNCERTAIN: Message(
        "住所を確認中です。担当者が確認します。",
        "Your address is being checked by a member of staff.",
    ),
    Reason.BIRTHDATE_MISMATCH: Message(
        "ご登録の生年月日と書類の生年月日が一致しません。ご登録情報をご確認ください。",
        "The date of birth on the document does not match your registration. Please check your registration.",
    ),
    Reason.BIRTHDATE_UNCERTAIN: Message(
        "生年月日を確認中です。担当者が確認します。",
        "Your date of birth is being checked by a member of staff.",
    ),
    Reason.EXPIRY_UNCERTAIN: Message(
        "有効期限を確認中です。担当者が確認します。",
        "The validity period is being checked by a member of staff.",
    ),
    Reason.REVIEWER_REJECTED: Message(
        "本人確認ができませんでした。",
        "Your identity could not be verified.",
    ),
    Reason.REVIEWER_RESUBMIT: Message(
        "書類の再提出をお願いします。",
        "Please submit your document again.",
    ),
    Reason.REVERIFY_CHANGED: Message(
        "再確認の結果が以前の承認と異なるため、担当者が確認します。",
        "A re-check no longer confirms the earlier approval; a member of staff will look at it.",
    ),
}

EDGE_WORDS: dict[str, tuple[str, str]] = {
    "left": ("左端", "left edge"),
    "right": ("右端", "right edge"),
    "top": ("上端", "top edge"),
    "bottom": ("下端", "bottom edge"),
}
SIDE_WORDS: dict[str, tuple[str, str]] = {"front": ("表面", "front"), "back": ("裏面", "back")}


@dataclass(frozen=True)
class ReasonItem:
    """One reason attached to a result, with its rendered messages."""

    code: Reason
    field: str | None
    message_ja: str
    message_en: str

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code.value, "field": self.field, "message_ja": self.message_ja, "message_en": self.message_en}


def reason(code: Reason, field: str | None = None, *, edge: str | None = None, side: str | None = None,
           limit_mb: int | None = None) -> ReasonItem:
    """Render a reason. Parameters come from closed vocabularies, never from image content."""
    values: dict[str, object] = {}
    if edge is not None:
        values["edge"], values["edge_en"] = EDGE_WORDS[edge]
    if side is not None:
        values["side_ja"], values["side_en"] = SIDE_WORDS[side]
    if limit_mb is not None:
        values["limit_mb"] = int(limit_mb)
    msg = MESSAGES[code]
    ja = msg.ja.format_map(_Default(values, "端" if code is Reason.CARD_CUT_OFF else ""))
    en = msg.en.format_map(_Default(values, "edge" if code is Reason.CARD_CUT_OFF else ""))
    return ReasonItem(code=code, field=field, message_ja=ja, message_en=en)


class _Default(dict):
    def __init__(self, values: dict[str, object], fallback: str) -> None:
        super().__init__(values)
        self._fallback = fallback

    def __missing__(self, key: str) -> str:
        return self._fallback
