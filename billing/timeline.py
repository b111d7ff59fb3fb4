"""Writing billing facts to the timeline exactly once (the dedupe key makes a re-run a no-op)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing.models import Event


def record(
    session: Session,
    key: str,
    on: date,
    kind: str,
    *,
    customer_id: int | None = None,
    contract_id: int | None = None,
    order_id: int | None = None,
    **detail: Any,
) -> bool:
    """Add the event unless `key` was recorded before; True if it is new."""
    if session.execute(select(Event.id).where(Event.dedupe_key == key)).first() is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Event(dedupe_key=key, on_date=on, kind=kind, customer_id=customer_id,
                              contract_id=contract_id, order_id=order_id, detail=detail))
    except IntegrityError:
        return False
    return True
