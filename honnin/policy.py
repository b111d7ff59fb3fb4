"""The accepted-document policy: which documents each contract type accepts, as configuration."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from intake.documents import DocumentType


@dataclass(frozen=True)
class DocumentRule:
    needs_supplementary: bool = False
    address_changes_on_back: bool = False


@dataclass(frozen=True)
class Policy:
    identity_documents: dict[str, frozenset[DocumentType]]
    supplementary_documents: frozenset[DocumentType]
    supplementary_max_age_days: int
    rules: dict[DocumentType, DocumentRule] = field(default_factory=dict)

    def accepts(self, contract_type: str, doc: DocumentType) -> bool:
        return doc in self.identity_documents.get(contract_type, frozenset())

    def rule(self, doc: DocumentType) -> DocumentRule:
        return self.rules.get(doc, DocumentRule())


def parse_policy(data: dict) -> Policy:
    """Build a Policy from the TOML structure; unknown document names fail loudly."""
    contracts = {
        name: frozenset(DocumentType(d) for d in spec.get("identity_documents", []))
        for name, spec in data.get("contracts", {}).items()
    }
    rules = {
        DocumentType(name): DocumentRule(
            needs_supplementary=bool(spec.get("needs_supplementary", False)),
            address_changes_on_back=bool(spec.get("address_changes_on_back", False)),
        )
        for name, spec in data.get("documents", {}).items()
    }
    return Policy(
        identity_documents=contracts,
        supplementary_documents=frozenset(DocumentType(d) for d in data.get("supplementary_documents", [])),
        supplementary_max_age_days=int(data.get("supplementary_max_age_days", 92)),
        rules=rules,
    )


@lru_cache(maxsize=8)
def load_policy(path: Path | None = None) -> Policy:
    """Read once per process and path: every verification builds a context, and batch runs many."""
    if path is None:
        text = resources.files("honnin").joinpath("policy_default.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_policy(tomllib.loads(text))
