"""Claiming job items: atomic under concurrency, leases, take-over, completion and job creation."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from honnin.db.engine import transaction
from honnin.jobs import claims
from honnin.jobs import models as jm
from tests.jobs.seed import NOW


def _job(res, n: int, kind: str = "reverify", selection: dict | None = None) -> tuple[int, list[str]]:
    targets = [str(uuid.uuid4()) for _ in range(n)]
    with transaction(res.factory) as s:
        job, _ = claims.create_job(s, kind, selection or {"all": True, "n": n}, {}, "local", targets, NOW)
        return job.id, targets


def test_two_claimers_at_once_never_take_the_same_item_and_miss_none(res):
    job_id, targets = _job(res, 80)
    taken: dict[str, list[str]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def claimer(name: str) -> None:
        owner = claims.new_owner() + name
        start.wait()
        while True:
            with transaction(res.factory) as s:
                got = claims.claim_next(s, job_id, owner, NOW, 60, limit=3)
            if not got:
                return
            for claim in got:
                with transaction(res.factory) as s:
                    claims.mark_done(s, claim, NOW, result_id=None, result_code="ok", changed=False, outcome=None)
                taken[name].append(claim.target_id)

    threads = [threading.Thread(target=claimer, args=(n,)) for n in taken]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not set(taken["a"]) & set(taken["b"])
    assert sorted(taken["a"] + taken["b"]) == sorted(targets)
    with res.factory() as s:
        assert claims.state_counts(s, job_id)["done"] == 80


def test_an_expired_lease_is_taken_over_and_the_old_holder_cannot_complete(res):
    job_id, _ = _job(res, 1)
    with transaction(res.factory) as s:
        (first,) = claims.claim_next(s, job_id, "host:1:a", NOW, 30)
    with transaction(res.factory) as s:
        assert claims.claim_next(s, job_id, "host:2:b", NOW + timedelta(seconds=10), 30) == []
    with transaction(res.factory) as s:
        (second,) = claims.claim_next(s, job_id, "host:2:b", NOW + timedelta(seconds=31), 30)
    assert second.item_id == first.item_id and second.attempts == 2
    with pytest.raises(claims.LeaseLost), transaction(res.factory) as s:
        claims.mark_done(s, first, NOW, result_id=None, result_code="late", changed=False, outcome=None)
    with transaction(res.factory) as s:
        claims.mark_done(s, second, NOW, result_id="r", result_code="ok", changed=True, outcome={"x": 1})
    with res.factory() as s:
        item = s.get(jm.JobItem, first.item_id)
        assert (item.state, item.result_code, item.result_id) == ("done", "ok", "r")


def test_a_claimed_item_cannot_be_claimed_by_id_again(res):
    job_id, _ = _job(res, 2)
    with res.factory() as s:
        item_id = min(i.id for i in s.query(jm.JobItem).filter_by(job_id=job_id))
    with transaction(res.factory) as s:
        assert claims.claim_item(s, item_id, "h:1:a", NOW, 60) is not None
    with transaction(res.factory) as s:
        assert claims.claim_item(s, item_id, "h:1:b", NOW, 60) is None


def test_items_leased_by_a_dead_local_process_come_back_at_once(res):
    job_id, _ = _job(res, 3)
    dead = f"{claims.new_owner().split(':')[0]}:999999999:dead"
    alive = claims.new_owner()
    with transaction(res.factory) as s:
        claims.claim_next(s, job_id, dead, NOW, 3600, limit=2)
        claims.claim_next(s, job_id, alive, NOW, 3600, limit=1)
    with transaction(res.factory) as s:
        assert claims.release_dead_leases(s, job_id) == 2
    with res.factory() as s:
        assert claims.state_counts(s, job_id) == {"pending": 2, "running": 1, "done": 0, "failed": 0}


def test_a_failing_item_is_retried_then_marked_failed(res):
    job_id, _ = _job(res, 1)
    states = []
    for attempt in range(claims.MAX_ATTEMPTS):
        with transaction(res.factory) as s:
            (claim,) = claims.claim_next(s, job_id, f"h:1:{attempt}", NOW, 60)
            states.append(claims.mark_failed(s, claim, NOW, "ValueError"))
    assert states == ["pending"] * (claims.MAX_ATTEMPTS - 1) + ["failed"]
    with transaction(res.factory) as s:
        assert claims.finish_if_complete(s, job_id, NOW)
    with res.factory() as s:
        job = s.get(jm.Job, job_id)
        assert job.status == "done" and job.active_key is None and job.counts["failed"] == 1


def test_a_new_job_leaves_out_targets_that_an_unfinished_job_of_the_same_kind_holds(res):
    targets = [str(uuid.uuid4()) for _ in range(4)]
    with transaction(res.factory) as s:
        first, _ = claims.create_job(s, "reverify", {"status": "approved"}, {}, "local", targets[:3], NOW)
    with transaction(res.factory) as s:
        second, skipped = claims.create_job(s, "reverify", {"all": True}, {}, "local", targets, NOW)
        other, other_skipped = claims.create_job(s, "mynumber_scrub", {}, {}, "local", targets, NOW)
    assert skipped == 3 and other_skipped == 0
    with res.factory() as s:
        held = {i.target_id for i in s.query(jm.JobItem).filter_by(job_id=second.id)}
    assert held == {targets[3]}


def test_an_identical_job_cannot_be_created_while_one_is_unfinished(res):
    from sqlalchemy.exc import IntegrityError

    _job(res, 1, selection={"all": True})
    with pytest.raises(IntegrityError), transaction(res.factory) as s:
        claims.create_job(s, "reverify", {"all": True}, {}, "local", [], NOW)


def test_cancel_releases_pending_items_and_closes_the_job(res):
    job_id, _ = _job(res, 3)
    with transaction(res.factory) as s:
        s.execute(update(jm.Job).where(jm.Job.id == job_id).values(status="running"))
        assert claims.cancel(s, job_id, NOW)
    with res.factory() as s:
        assert s.get(jm.Job, job_id).status == "cancelled"
        assert claims.state_counts(s, job_id)["failed"] == 3
