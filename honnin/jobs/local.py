"""The embedded backend: a pool of worker processes on this machine, each loading the OCR engine once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing import get_context
from typing import TYPE_CHECKING

from honnin.db.engine import transaction
from honnin.jobs import claims
from honnin.jobs import models as jm
from honnin.jobs.runner import resources, warm, work, work_in_process

if TYPE_CHECKING:
    from honnin.jobs.runner import Resources
    from honnin.jobs.service import Progress


def run_local(res: Resources, job_id: int, workers: int, on_progress: Progress | None = None, *,
              lease_s: float, poll_s: float = 0.5) -> None:
    """Work the job with `workers` processes (one: a thread of this process) until no item is pending
    or running, reporting item counts every `poll_s`. Items another live process holds are waited
    for (they finish, or their lease expires and they are taken over). Killing this at any point
    loses nothing: the next run takes over the items whose leases died with it."""
    while True:
        with transaction(res.factory) as s:
            claims.release_dead_leases(s, job_id)
            counts = claims.state_counts(s, job_id)
            claimable = claims.claimable_count(s, job_id, res.clock())
        if not counts[jm.ITEM_PENDING] and not counts[jm.ITEM_RUNNING]:
            break
        if claimable:
            _work(res, job_id, workers, on_progress, lease_s=lease_s, poll_s=poll_s)
            continue
        if on_progress is not None:
            on_progress(counts)
        time.sleep(poll_s)
    _report(res, job_id, on_progress)


def _work(res: Resources, job_id: int, workers: int, on_progress: Progress | None, *, lease_s: float,
          poll_s: float) -> None:
    """Run workers until none of them finds anything left to claim."""
    settings_json = res.settings.model_dump_json()
    if workers <= 1:
        warm(settings_json)
        own = resources(settings_json)
        thread = threading.Thread(target=work, args=(own, job_id), kwargs={"lease_s": lease_s}, daemon=True)
        thread.start()
        while thread.is_alive():
            _report(res, job_id, on_progress)
            thread.join(poll_s)
        return
    # spawn, not fork: a forked child would share this process's database connections.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=warm,
                             initargs=(settings_json,)) as pool:
        futures = [pool.submit(work_in_process, settings_json, job_id, lease_s) for _ in range(workers)]
        while True:
            _, pending = wait(futures, timeout=poll_s)
            _report(res, job_id, on_progress)
            if not pending:
                break
        for fut in futures:
            fut.result()  # surface a worker crash (not an item failure: those are recorded)


def _report(res: Resources, job_id: int, on_progress: Progress | None) -> None:
    if on_progress is None:
        return
    with res.factory() as s:
        on_progress(claims.state_counts(s, job_id))
