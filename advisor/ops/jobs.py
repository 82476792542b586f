"""The one queue for work that must not run inside a web request: admin replays and
exports, email and webhooks. Jobs are rows in the database; `manage.py run_jobs` (started
by `make run` beside gunicorn) claims and runs them.

A job kind is a function registered with `@job_handler("kind")` that takes the job and
returns a JSON-able result; it may report progress with `job_progress`. A handler that
raises is retried with backoff until `max_attempts`, then the job is marked failed.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from advisor.models import Job

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Job], object]] = {}
BACKOFF_SECONDS = (10, 60, 300, 1800, 7200)  # after the 1st, 2nd, … failed attempt
STALE_AFTER = timedelta(minutes=30)  # a claimed job whose worker vanished runs again
WORKER = f"{socket.gethostname()}:{os.getpid()}"


def job_handler(kind: str):
    def register(function: Callable[[Job], object]):
        HANDLERS[kind] = function
        return function

    return register


def job_enqueue(*, kind: str, payload: dict | None = None, run_after=None, max_attempts=5) -> Job:
    return Job.objects.create(
        kind=kind,
        payload=payload or {},
        run_after=run_after or timezone.now(),
        max_attempts=max_attempts,
    )


def job_progress(job: Job, *, done: int, total: int) -> None:
    """Tell whoever watches the job how far it has got (one small UPDATE)."""
    Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)


def job_claim(*, kinds=None) -> Job | None:
    """The next job due, locked for this worker; None when there is nothing to do."""
    now = timezone.now()
    with transaction.atomic():
        due = Job.objects.filter(status=Job.QUEUED, run_after__lte=now).order_by("run_after", "pk")
        stale = Job.objects.filter(status=Job.RUNNING, claimed_at__lt=now - STALE_AFTER)
        if kinds:
            due, stale = due.filter(kind__in=kinds), stale.filter(kind__in=kinds)
        job = (due.select_for_update(skip_locked=True).first()) or (
            stale.select_for_update(skip_locked=True).first()
        )
        if job is None:
            return None
        job.status, job.claimed_at, job.claimed_by = Job.RUNNING, now, WORKER
        job.attempts += 1
        job.save(update_fields=["status", "claimed_at", "claimed_by", "attempts"])
    return job


def job_run(job: Job) -> None:
    """Run a claimed job and record how it ended."""
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"No handler for jobs of kind {job.kind!r}.")
        result = handler(job)
    except Exception as error:  # a failed job must never take the worker down
        log.warning("job %s (%s) failed: %s", job.pk, job.kind, error)
        job.error = "".join(traceback.format_exception_only(error)).strip()[-2000:]
        if job.attempts >= job.max_attempts or handler is None:
            job.status, job.finished_at = Job.FAILED, timezone.now()
        else:
            delay = BACKOFF_SECONDS[min(job.attempts, len(BACKOFF_SECONDS)) - 1]
            job.status, job.run_after = Job.QUEUED, timezone.now() + timedelta(seconds=delay)
        job.save(update_fields=["status", "error", "finished_at", "run_after"])
        return
    job.status, job.result, job.finished_at, job.error = Job.DONE, result, timezone.now(), ""
    job.save(update_fields=["status", "result", "finished_at", "error"])


def jobs_run_due(*, limit: int | None = None, kinds=None) -> int:
    """Run jobs until none is due (or `limit` have run); how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = job_claim(kinds=kinds)
        if job is None:
            break
        job_run(job)
        ran += 1
    return ran
