"""Opening jobs: the same command resumes its unfinished job; jobs started together never share a target."""

from __future__ import annotations

import threading

from sqlalchemy import select

from honnin.jobs import models as jm
from honnin.jobs.service import open_job, run_job
from tests.jobs.seed import add_decided


def test_running_the_same_selection_again_resumes_the_unfinished_job_and_a_finished_one_is_not_reused(res):
    add_decided(res, None)
    first = open_job(res, "reverify", {"all": True}, "local")
    again = open_job(res, "reverify", {"all": True}, "local")
    assert again.job_id == first.job_id and again.resumed and not first.resumed
    run_job(res, first.job_id, "local", 1)
    after = open_job(res, "reverify", {"all": True}, "local")
    assert after.job_id != first.job_id and not after.resumed


def test_two_jobs_started_at_once_with_overlapping_selections_share_no_target(res):
    apps = {str(add_decided(res, None)) for _ in range(30)}
    opened = {}
    start = threading.Barrier(2)

    def open_(name: str, selection: dict) -> None:
        start.wait()
        opened[name] = open_job(res, "reverify", selection, "local")

    threads = [threading.Thread(target=open_, args=("all", {"all": True})),
               threading.Thread(target=open_, args=("approved", {"status": "approved"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with res.factory() as s:
        targets = {name: set(s.scalars(select(jm.JobItem.target_id).where(jm.JobItem.job_id == o.job_id)))
                   for name, o in opened.items()}
    assert not targets["all"] & targets["approved"]
    assert targets["all"] | targets["approved"] == apps
    assert {o.skipped_held for o in opened.values()} == {0, 30}


def test_a_local_run_waits_for_items_another_live_worker_holds_and_takes_them_over_when_the_lease_expires(res):
    from datetime import timedelta

    from honnin.db.engine import transaction
    from honnin.jobs import claims

    add_decided(res, None)
    add_decided(res, None)
    opened = open_job(res, "reverify", {"all": True}, "local")
    with transaction(res.factory) as s:  # a live holder (this very process) whose lease runs out in 2 s
        (held,) = claims.claim_next(s, opened.job_id, claims.new_owner(), res.clock() - timedelta(seconds=58), 60)
    counts = run_job(res, opened.job_id, "local", 1)
    assert counts["status"] == "done" and counts["done"] == 2
    with res.factory() as s:
        assert s.get(jm.JobItem, held.item_id).attempts == 2
