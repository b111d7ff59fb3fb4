"""Measure the web app: queue page time with 10,000 cases, and 50 concurrent uploads on loopback.

Usage:
    python bench/bench_web.py [--cases 10000] [--uploads 50] [--single 30] [--photo P.jpg] [--db sqlite|postgres|both]
                              [--json out.json]

For each database it seeds --cases applications (a third waiting for review, the rest decided, each
with a registration and a verification record), starts `review_ui` under uvicorn in a subprocess on a
free loopback port (local worker pool off, so only the web path is measured), and then
  1. requests the queue page (unfiltered, filtered by reason, by document type, page 20) and the
     metrics page 40 times each, reading the server time from the Server-Timing header and the
     client time around the request;
  2. sends --single uploads of one photo (--photo) one at a time through the API and through the
     applicant's page, reading the server time from Server-Timing; on the page route it then polls
     /status like the page does until the photo check answers (the applicant's feedback time);
  3. sends --uploads real JPEG uploads at once (one thread each, each with an Idempotency-Key and one
     retry on a connection error), then counts documents and verifications in the database: every
     upload must be accepted (201) or cleanly refused (413/429/503), none lost, none duplicated.
     Five sequential uploads before the burst give the uncontended latency.
Figures go to docs/benchmarks/web.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from honnin.db import models as m  # noqa: E402
from honnin.db import repositories as repo  # noqa: E402
from honnin.db.engine import make_engine, session_factory, transaction, upgrade  # noqa: E402

REASONS = ["name_uncertain", "address_uncertain", "birthdate_uncertain", "expiry_uncertain", "field_unreadable",
           "name_mismatch", "address_mismatch", "glare"]
DOC_TYPES = ["drivers_license", "my_number_front", "residence_card", "passport"]


def seed(url: str, n: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(5)
    now = datetime.now(UTC)
    apps, regs, verifs = [], [], []
    for i in range(n):
        app_id = uuid.uuid4()
        created = now - timedelta(minutes=rng.randint(1, 60 * 24 * 20))
        waiting = i % 3 == 0
        status = (m.IN_REVIEW if i % 15 else m.AWAITING_SECOND) if waiting else rng.choice(
            [m.APPROVED, m.APPROVED, m.APPROVED, m.REJECTED, m.ACTION_NEEDED])
        codes = rng.sample(REASONS, rng.randint(0, 3))
        apps.append({"id": app_id, "external_id": f"bench-{i}", "upload_token_hash": uuid.uuid4().hex * 2,
                     "status": status, "created_at": created, "updated_at": created,
                     "queued_at": created + timedelta(minutes=1) if waiting else None,
                     "decided_at": None if waiting or status == m.ACTION_NEEDED else created + timedelta(hours=3),
                     "document_type": rng.choice(DOC_TYPES),
                     "reason_codes": ("," + ",".join(codes) + ",") if codes else ""})
        regs.append({"application_id": app_id, "version": 1, "source": "api", "created_at": created,
                     "data": {"name_kanji": "山田 太郎", "birthdate": "1990-04-01", "address": "東京都千代田区千代田1-1",
                              "contract_type": "voice_sim"}})
    with engine.begin() as c:
        for chunk in range(0, n, 2000):
            c.execute(insert(m.Application), apps[chunk:chunk + 2000])
            c.execute(insert(m.RegistrationVersion), regs[chunk:chunk + 2000])
        reg_ids = dict(c.execute(select(m.RegistrationVersion.application_id, m.RegistrationVersion.id)).all())
        for a in apps:
            verifs.append({"id": uuid.uuid4(), "application_id": a["id"], "registration_version_id": reg_ids[a["id"]],
                           "status": "done", "decision": "needs_review", "created_at": a["created_at"],
                           "result": {"decision": "needs_review", "reasons": [{"code": c} for c in
                                                                              a["reason_codes"].strip(",").split(",") if c]}})
        for chunk in range(0, n, 2000):
            c.execute(insert(m.Verification), verifs[chunk:chunk + 2000])
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    code = ("import uvicorn; from honnin.config import Settings; from review_ui.app import create_app; "
            f"uvicorn.run(create_app(Settings(), start_queue=False), host='127.0.0.1', port={port}, "
            "log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def login(client: httpx.Client, email: str, password: str) -> None:
    import re

    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    r.raise_for_status()


def page_times(base: str, repeats: int) -> dict[str, dict[str, float]]:
    out = {}
    with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as c:
        login(c, "bench@example.com", "bench password 2026")
        for name, path in (("queue", "/review"), ("queue?reason", "/review?reason=name_mismatch"),
                           ("queue?document_type", "/review?document_type=passport&assignee=none"),
                           ("queue page 20", "/review?page=20"), ("metrics", "/review/metrics")):
            server, client = [], []
            for _ in range(repeats):
                t = time.perf_counter()
                r = c.get(path)
                client.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
                server.append(float(r.headers["server-timing"].split("dur=")[1]))
            out[name] = {"server_p50": statistics.median(server), "server_p95": pct(server, 0.95),
                         "client_p95": pct(client, 0.95)}
    return out


def concurrent_uploads(base: str, key: str, n: int, photo: bytes) -> dict[str, object]:
    h = {"Authorization": f"Bearer {key}"}
    ids = []
    with httpx.Client(base_url=base, timeout=60) as c:
        for _ in range(n + 5):
            r = c.post("/api/applications", headers=h, json={
                "external_id": f"upload-{uuid.uuid4()}", "name_kanji": "山田 太郎", "birthdate": "1990-04-01",
                "address": "東京都千代田区千代田1-1", "contract_type": "voice_sim"})
            ids.append(r.json()["id"])
    single = []
    with httpx.Client(base_url=base, timeout=60) as c:  # one at a time first: the uncontended latency
        for app_id in ids[n:]:
            t = time.perf_counter()
            r = c.post(f"/api/applications/{app_id}/documents", headers=h,
                       files={"file": ("front.jpg", photo, "image/jpeg")}, data={"side": "front", "submit": "false"})
            r.raise_for_status()
            single.append((time.perf_counter() - t) * 1000)
    ids = ids[:n]
    results: list[tuple[int, float]] = [(0, 0.0)] * n
    barrier = threading.Barrier(n)

    def one(i: int) -> None:
        headers = {**h, "Idempotency-Key": f"bench-upload-{ids[i]}"}
        with httpx.Client(base_url=base, timeout=120) as c:
            barrier.wait()
            t = time.perf_counter()
            for attempt in range(2):
                try:
                    r = c.post(f"/api/applications/{ids[i]}/documents", headers=headers,
                               files={"file": ("front.jpg", photo, "image/jpeg")}, data={"side": "front"})
                    results[i] = (r.status_code, (time.perf_counter() - t) * 1000)
                    return
                except httpx.HTTPError:
                    if attempt:
                        results[i] = (-1, (time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    codes = [c for c, _ in results]
    times = [t for c, t in results if c == 201]
    return {"app_ids": ids, "single_upload_ms": [round(x) for x in single], "accepted": codes.count(201), "refused": sum(c in (413, 429, 503) for c in codes),
            "other": sorted(c for c in codes if c not in (201, 413, 429, 503)), "wall_s": wall,
            "latency_p50_ms": statistics.median(times) if times else None,
            "latency_p95_ms": pct(times, 0.95) if times else None, "latency_max_ms": max(times) if times else None}


def upload_latency(base: str, key: str, n: int, photo: bytes, bad_photo: bytes) -> dict[str, object]:
    """Sequential single uploads of one photo, each to a fresh application, by both routes: the API
    (`submit=false`, so nothing is queued) and the applicant's page. On the page route the photo
    check runs after the answer; the time until /status reports its result is the feedback time."""
    h = {"Authorization": f"Bearer {key}"}
    out: dict[str, object] = {}
    with httpx.Client(base_url=base, timeout=60) as c:
        links = []
        for _ in range(2 * n + min(n, 10)):
            r = c.post("/api/applications", headers=h, json={
                "external_id": f"single-{uuid.uuid4()}", "name_kanji": "山田 太郎", "birthdate": "1990-04-01",
                "address": "東京都千代田区千代田1-1", "contract_type": "voice_sim"})
            links.append((r.json()["id"], "/u/" + r.json()["upload_url"].rsplit("/", 1)[1]))
        for route in ("api", "applicant", "applicant_bad"):
            server, client, feedback, answers = [], [], [], []
            todo = links[:n] if route == "api" else links[n:2 * n] if route == "applicant" else links[2 * n:]
            for app_id, link in todo:
                data = bad_photo if route == "applicant_bad" else photo
                t = time.perf_counter()
                if route == "api":
                    r = c.post(f"/api/applications/{app_id}/documents", headers=h,
                               files={"file": ("front.jpg", data, "image/jpeg")},
                               data={"side": "front", "submit": "false"})
                else:
                    r = c.post(link + "/documents", files={"file": ("front.jpg", data, "image/jpeg")},
                               data={"side": "front"})
                client.append((time.perf_counter() - t) * 1000)
                server.append(float(r.headers["server-timing"].split("dur=")[1]))
                answers.append(r.status_code)
                if route != "api":  # poll like the page does until the check has answered
                    state = "checking"
                    while state == "checking" and time.perf_counter() - t < 60:
                        time.sleep(0.05)
                        check = c.get(link + "/status").json().get("checks", {}).get("front") or {}
                        state = check.get("state", "none")
                    feedback.append((time.perf_counter() - t) * 1000)
                    answers.append(state)
            out[route] = {"n": len(server), "server_p50": statistics.median(server), "server_p95": pct(server, 0.95),
                          "client_p50": statistics.median(client), "client_p95": pct(client, 0.95),
                          "answers": sorted({str(a) for a in answers}),
                          **({"feedback_p50": statistics.median(feedback), "feedback_p95": pct(feedback, 0.95)}
                             if feedback else {})}
    return out


def run(db: str, cases: int, uploads: int, photo: bytes, single: int = 0,
        bad_photo: bytes = b"") -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    env = {**os.environ, "HONNIN_DATA_DIR": str(tmp), "HONNIN_WORKERS": "1"}
    admin = None
    if db == "postgres":
        services = dict(line.split("=", 1) for line in (ROOT / "var/services.env").read_text().split())
        base_url = services["HONNIN_TEST_POSTGRES_URL"]
        schema = "bench_" + uuid.uuid4().hex[:8]
        admin = create_engine(base_url)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{base_url}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tmp / 'honnin.db'}"
    env["HONNIN_DATABASE_URL"] = url
    t = time.perf_counter()
    seed(url, cases)
    seed_s = time.perf_counter() - t
    factory = session_factory(make_engine(url))
    from review_ui.security import hash_password

    with transaction(factory) as s:
        repo.add_user(s, "bench@example.com", hash_password("bench password 2026"), "reviewer", datetime.now(UTC))
        key = repo.create_api_key(s, "bench", datetime.now(UTC))
    port = free_port()
    proc = start_server(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        pages = page_times(base, 40)
        single_up = upload_latency(base, key, single, photo, bad_photo) if single else None
        up = concurrent_uploads(base, key, uploads, photo) if uploads else None
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    if up is None:
        return {"db": db, "cases": cases, "seed_s": round(seed_s, 1), "pages": pages, "uploads": None,
                "single": single_up}
    with transaction(factory) as s:
        app_ids = [uuid.UUID(i) for i in up.pop("app_ids")]
        docs = s.scalar(select(func.count()).select_from(m.Document).where(m.Document.application_id.in_(app_ids)))
        verifs = s.scalar(select(func.count()).select_from(m.Verification)
                          .where(m.Verification.application_id.in_(app_ids)))
        per_app = s.execute(select(m.Document.application_id, func.count()).where(m.Document.application_id.in_(app_ids))
                            .group_by(m.Document.application_id)).all()
    up.update({"documents_in_db": docs, "verifications_in_db": verifs,
               "duplicated": sum(1 for _, c in per_app if c > 1)})
    if admin is not None:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    return {"db": db, "cases": cases, "seed_s": round(seed_s, 1), "pages": pages, "uploads": up, "single": single_up}


def _tiny_jpeg() -> bytes:
    """A 16x16 grey JPEG: passes the format gate, fails the photo check (no card)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (128, 128, 128)).save(buf, "JPEG")
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--single", type=int, default=30, help="sequential single uploads per route (0: skip)")
    ap.add_argument("--photo", type=Path, help="the JPEG to upload (default: a generated 2548x1910 licence photo)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    from samples.generate import generate_cases

    sample_dir = Path(tempfile.mkdtemp(prefix="bench-web-sample-"))
    case = generate_cases(1, 7, sample_dir)[0]
    photo = (sample_dir / json.loads((sample_dir / "cases.jsonl").read_text())["images"]["front"]).read_bytes()
    del case
    if args.photo:
        photo = args.photo.read_bytes()
    bad_photo = _tiny_jpeg()
    print(f"load average before: {os.getloadavg()[0]:.2f}; upload photo {len(photo) / 1024:.0f} KiB")
    out = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        result = run(db, args.cases, args.uploads, photo, args.single, bad_photo)
        out.append(result)
        print(f"\n## {db}: {result['cases']} cases (seeded in {result['seed_s']} s)")
        print("| page | server p50 ms | server p95 ms | client p95 ms |\n|---|---|---|---|")
        for name, f in result["pages"].items():
            print(f"| {name} | {f['server_p50']:.1f} | {f['server_p95']:.1f} | {f['client_p95']:.1f} |")
        for route, f in (result["single"] or {}).items():
            extra = (f", feedback p50 {f['feedback_p50']:.0f} / p95 {f['feedback_p95']:.0f} ms"
                     if "feedback_p50" in f else "")
            print(f"single upload ({route}, n={f['n']}): server p50 {f['server_p50']:.1f} / p95 {f['server_p95']:.1f} ms, "
                  f"client p50 {f['client_p50']:.1f} / p95 {f['client_p95']:.1f} ms{extra}; answers {f['answers']}")
        u = result["uploads"]
        if u is None:
            continue
        print(f"\nsingle uploads before the burst (sequential, API): {u['single_upload_ms']} ms")
        print(f"{args.uploads} concurrent uploads: accepted {u['accepted']}, refused {u['refused']}, other {u['other']}; "
              f"documents in DB {u['documents_in_db']}, verifications {u['verifications_in_db']}, "
              f"duplicated {u['duplicated']}; wall {u['wall_s']:.1f} s, latency p50 {u['latency_p50_ms']:.0f} ms, "
              f"p95 {u['latency_p95_ms']:.0f} ms, max {u['latency_max_ms']:.0f} ms")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
