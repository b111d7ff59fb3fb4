"""The job kinds: an explicit registry of what each kind selects and how it runs one item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from honnin.jobs import maintenance, reverify, selection


@dataclass(frozen=True)
class Kind:
    name: str
    # (session, selection JSON, params) -> target ids (application or document ids)
    targets: Callable[[Session, dict[str, Any], dict[str, Any]], Iterator[str]]
    # (resources, params incl. selection, claim) -> None; calls claims.mark_done in its result transaction
    run: Callable[..., None]


def _reverify_targets(s: Session, sel: dict[str, Any], params: dict[str, Any]) -> Iterator[str]:
    return selection.reverify_targets(s, selection.ReverifySelection.from_json(sel),
                                      current_engine=params.get("engine"),
                                      current_version=params.get("engine_version"))


def _expiry_targets(s: Session, sel: dict[str, Any], params: dict[str, Any]) -> Iterator[str]:
    from datetime import date

    for app_id, _ in selection.expiring_applications(s, date.fromisoformat(params["as_of"]),
                                                     int(sel["within_days"])):
        yield app_id


def _retention_targets(s: Session, sel: dict[str, Any], params: dict[str, Any]) -> Iterator[str]:
    yield maintenance.RETENTION_TARGET


def _scrub_targets(s: Session, sel: dict[str, Any], params: dict[str, Any]) -> Iterator[str]:
    return selection.stored_documents(s)


KINDS: dict[str, Kind] = {
    "reverify": Kind("reverify", _reverify_targets, reverify.run),
    "expiry": Kind("expiry", _expiry_targets, maintenance.run_expiry),
    "retention": Kind("retention", _retention_targets, maintenance.run_retention),
    "mynumber_scrub": Kind("mynumber_scrub", _scrub_targets, maintenance.run_scrub),
}


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown job kind {name!r}; known: {', '.join(sorted(KINDS))}") from None
