"""Upload size limits on a real server socket: refused from the header, or while streaming, never read whole."""

from __future__ import annotations

import select
import socket
import time

import pytest

from tests.review_ui.live import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.xdist_group("browser")


def _app_id(server) -> str:
    import httpx

    r = httpx.post(server.base + "/api/applications", headers={"Authorization": f"Bearer {server.api_key}"},
                   json={"external_id": f"limit-{time.monotonic_ns()}", "name_kanji": "山田 太郎",
                         "birthdate": "1990-04-01", "address": "東京都千代田区千代田1-1", "contract_type": "voice_sim"})
    return r.json()["id"]


def _head(server, app_id: str, extra: str) -> bytes:
    return (f"POST /api/applications/{app_id}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {server.api_key}\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
            f"{extra}\r\n").encode()


def _status(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1])


def test_a_declared_oversize_body_is_refused_before_it_is_sent(server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(_head(server, _app_id(server), "Content-Length: 1000000000\r\n") + b"--xyz\r\n")
        assert _status(sock) == 413  # answered with 999,999,990 bytes still unsent


def test_a_chunked_oversize_body_is_cut_off_while_streaming(server) -> None:
    chunk = b"0" * 65536
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(_head(server, _app_id(server), "Transfer-Encoding: chunked\r\n"))
        while sent < 10 * MAX_UPLOAD_BYTES:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            try:
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        assert _status(sock) == 413
    # Refused near the limit (plus socket buffers), long before the 10x the client was ready to send.
    assert sent < 3 * MAX_UPLOAD_BYTES


def test_concurrent_retries_with_one_idempotency_key_create_one_application(server) -> None:
    import threading

    import httpx
    from sqlalchemy import func, select

    from honnin.db import models as m
    from honnin.db.engine import transaction

    body = {"external_id": "idem-race", "name_kanji": "山田 太郎", "birthdate": "1990-04-01",
            "address": "東京都千代田区千代田1-1", "contract_type": "voice_sim"}
    headers = {"Authorization": f"Bearer {server.api_key}", "Idempotency-Key": "race-1"}
    answers: list[tuple[int, str]] = []
    barrier = threading.Barrier(8)

    def post() -> None:
        barrier.wait()
        r = httpx.post(server.base + "/api/applications", headers=headers, json=body, timeout=30)
        answers.append((r.status_code, r.json().get("id", "")))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {code for code, _ in answers} == {201} and len({i for _, i in answers}) == 1
    with transaction(server.factory) as s:
        count = s.scalar(select(func.count()).select_from(m.Application).where(m.Application.external_id == "idem-race"))
    assert count == 1
