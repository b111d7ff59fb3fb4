"""The customer's registration as the signup system sends it, validated once at the edge."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ContractType = Literal["data_sim", "voice_sim", "voice_esim", "handset"]


class Registration(BaseModel):
    """Family and given name are separated by a space in every name field."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    name_kanji: str = Field(min_length=1, max_length=100)
    name_kana: str | None = Field(default=None, max_length=100)
    name_romaji: str | None = Field(default=None, max_length=100)
    birthdate: str
    address: str = Field(min_length=1, max_length=300)
    contract_type: ContractType

    @field_validator("birthdate")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise ValueError(f"birthdate must be a real date as YYYY-MM-DD, got {value!r}") from exc
