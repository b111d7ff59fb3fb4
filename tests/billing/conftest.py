"""Billing fixtures: a fresh SQLite database per test, a fixed clock, the in-process gateway, a small world."""

from __future__ import annotations

import email
import socket
from dataclasses import dataclass
from datetime import date
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlalchemy.orm import Session, sessionmaker

import billing.models  # noqa: F401  (registers the billing tables on the shared Base)
from billing.cards import CardDetails
from billing.clock import FixedClock
from billing.context import Context
from billing.customers import create_contract, create_customer, register_card
from billing.gateway import TestGateway
from billing.models import ACTIVE, Contract, Customer
from honnin.db.engine import make_engine
from honnin.db.models import Base


@pytest.fixture
def factory(tmp_path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'billing.db'}")
    Base.metadata.create_all(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def clock() -> FixedClock:
    c = FixedClock()
    c.set_date(date(2024, 2, 20))
    return c


@pytest.fixture
def gateway() -> TestGateway:
    return TestGateway()


@pytest.fixture
def ctx(gateway, clock) -> Context:
    return Context(gateway, clock)


@dataclass
class World:
    customer: Customer
    contracts: list[Contract]


def build_world(session: Session, *, anchors=(date(2024, 1, 31),), plan_code="server-standard", usage=None,
                ref="C1") -> World:
    customer = create_customer(session, ref=ref, name="伊藤誠", name_romaji="ITO MAKOTO", email=f"{ref}@example.jp")
    register_card(session, customer, CardDetails("4111111111111111", 12, 2030, "MAKOTO ITO"), date(2024, 1, 1))
    contracts = [
        create_contract(session, customer, ref=f"{ref}-S{i}", plan_code=plan_code, billing_mode="term",
                        anchor_date=anchor, months_paid=1, status=ACTIVE, usage=usage)
        for i, anchor in enumerate(anchors)
    ]
    return World(customer, contracts)


@pytest.fixture
def world(factory) -> World:
    with factory() as s, s.begin():
        return build_world(s)


class Inbox(Message):
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free loopback port: (inbox, port)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()
