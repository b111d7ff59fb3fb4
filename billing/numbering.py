"""Invoice numbers from a locked sequence, taken in the transaction that finalises the invoice."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing.models import Counter

PREFIXES = {"invoice": "INV", "credit_note": "CN"}


def next_value(session: Session, name: str) -> int:
    """Bump and return counter `name`. PostgreSQL: SELECT ... FOR UPDATE holds the row until commit;
    SQLite: the UPDATE takes the database write lock first, so the read that follows is ours alone."""
    _ensure(session, name)
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Counter).where(Counter.name == name).values(value=Counter.value + 1))
        return session.execute(select(Counter.value).where(Counter.name == name)).scalar_one()
    row = session.execute(select(Counter).where(Counter.name == name).with_for_update()).scalar_one()
    row.value += 1
    session.flush()
    return row.value


def _ensure(session: Session, name: str) -> None:
    if session.execute(select(Counter.name).where(Counter.name == name)).first() is not None:
        return
    try:
        with session.begin_nested():
            session.add(Counter(name=name, value=0))
    except IntegrityError:
        pass  # another transaction created it first


def next_number(session: Session, kind: str) -> str:
    return f"{PREFIXES[kind]}-{next_value(session, kind):08d}"
