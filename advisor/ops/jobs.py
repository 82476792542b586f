"""The one queue for work that must not run inside a web request: admin replays and
exports, email and webhooks. Jobs are rows in the database; `manage.py run_jobs` (started
by `make run` beside gunicorn) claims and runs them.

A job kind is a function registered with `@job_handler("kind")` that takes the job and
returns a JSON-able result; it may report progress with `job_progress`. A handler that
raises is retried with backoff until `max_attempts`, then the job is marked failed.

A job runs once: claiming it gives the worker a lease (`claimed_by`, a name for this one
claim, and `lease_until`). Writing progress renews the lease, and progress, the result and
a failure are only written while the lease is this claim's. A worker that outlives its
lease (stopped, or slow past `JOB_LEASE_SECONDS` without a word of progress) loses the job
to the next worker that claims it, and whatever it writes after that is refused.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import traceback
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from advisor.models import Job

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Job], object]] = {}
BACKOFF_SECONDS = (10, 60, 300, 1800, 7200)  # after the 1st, 2nd, … failed attempt
UNLEASED_STALE = timedelta(minutes=30)  # a job claimed before leases, whose worker vanished
WORKER = f"{socket.gethostname()}:{os.getpid()}"


class LeaseLost(Exception):
    """This worker's claim on a job ran out and another worker has it now."""


def _lease_until():
    return timezone.now() + timedelta(seconds=settings.JOB_LEASE_SECONDS)


def _mine(job: Job):
    """The job's row, only while this claim's lease holds it."""
    return Job.objects.filter(pk=job.pk, status=Job.RUNNING, claimed_by=job.claimed_by)


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
    """Tell whoever watches the job how far it has got, and renew the lease (one small
    UPDATE); raises LeaseLost when another worker has taken the job over."""
    if not _mine(job).update(progress_done=done, progress_total=total, lease_until=_lease_until()):
        raise LeaseLost(f"job {job.pk} is no longer {job.claimed_by}'s")


def job_claim(*, kinds=None) -> Job | None:
    """The next job due (or one whose lease ran out), leased to this worker; None when
    there is nothing to do. The claim is one conditional UPDATE: of two workers reaching
    for the same job, only one changes the row, on PostgreSQL and SQLite alike."""
    for _ in range(5):  # another worker took the one we picked: look again
        now = timezone.now()
        due = Job.objects.filter(status=Job.QUEUED, run_after__lte=now).order_by("run_after", "pk")
        stale = Job.objects.filter(
            Q(lease_until__lt=now)
            | Q(lease_until__isnull=True, claimed_at__lt=now - UNLEASED_STALE),  # older workers'
            status=Job.RUNNING,
        ).order_by("claimed_at")
        if kinds:
            due, stale = due.filter(kind__in=kinds), stale.filter(kind__in=kinds)
        job = due.first() or stale.first()
        if job is None:
            return None
        owner = f"{WORKER}/{secrets.token_hex(4)}"
        taken = Job.objects.filter(
            pk=job.pk, status=job.status, claimed_by=job.claimed_by, attempts=job.attempts
        ).update(
            status=Job.RUNNING,
            claimed_at=now,
            claimed_by=owner,
            lease_until=_lease_until(),
            attempts=job.attempts + 1,
        )
        if taken:
            if job.status == Job.RUNNING:
                log.warning(
                    "job %s (%s): lease of %s ran out, run again", job.pk, job.kind, job.claimed_by
                )
            job.refresh_from_db()
            return job
    return None


def job_run(job: Job) -> None:
    """Run a claimed job and record how it ended, if its lease is still this claim's."""
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"No handler for jobs of kind {job.kind!r}.")
        result = handler(job)
    except LeaseLost as lost:
        log.warning("%s: stopped, its result is not kept", lost)
        return
    except Exception as error:  # a failed job must never take the worker down
        log.warning("job %s (%s) failed: %s", job.pk, job.kind, error)
        message = "".join(traceback.format_exception_only(error)).strip()[-2000:]
        if job.attempts >= job.max_attempts or handler is None:
            ended = {"status": Job.FAILED, "finished_at": timezone.now()}
        else:
            delay = BACKOFF_SECONDS[min(job.attempts, len(BACKOFF_SECONDS)) - 1]
            ended = {"status": Job.QUEUED, "run_after": timezone.now() + timedelta(seconds=delay)}
        _finish(job, error=message, lease_until=None, **ended)
        return
    _finish(
        job, status=Job.DONE, result=result, finished_at=timezone.now(), error="", lease_until=None
    )


def _finish(job: Job, **fields) -> None:
    if _mine(job).update(**fields):
        for name, value in fields.items():
            setattr(job, name, value)
    else:
        log.warning(
            "job %s (%s): lease lost before it ended, its outcome is not kept", job.pk, job.kind
        )


def job_retry(queryset) -> int:
    """Queue failed jobs again, from their first attempt (an admin's action); how many.
    The last error stays on the job until it succeeds."""
    return queryset.filter(status=Job.FAILED).update(
        status=Job.QUEUED, attempts=0, run_after=timezone.now(), finished_at=None, lease_until=None
    )


def jobs_purge(*, now=None, batch: int = 1000) -> tuple[int, int]:
    """Delete jobs that ended more than `JOB_KEEP_DAYS` days ago, a batch at a time, and
    files under `EXPORT_DIR` older than that; (jobs, files) deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.JOB_KEEP_DAYS)
    ended = Job.objects.filter(status__in=[Job.DONE, Job.FAILED], finished_at__lt=cutoff)
    jobs = 0
    while pks := list(ended.values_list("pk", flat=True)[:batch]):
        jobs += Job.objects.filter(pk__in=pks).delete()[0]
    files = 0
    folder = settings.EXPORT_DIR
    if os.path.isdir(folder):
        for entry in os.scandir(folder):
            if entry.is_file() and entry.stat().st_mtime < cutoff.timestamp():
                os.unlink(entry.path)
                files += 1
    if jobs or files:
        log.info(
            "purged %s jobs and %s export files older than %s days",
            jobs,
            files,
            settings.JOB_KEEP_DAYS,
        )
    return jobs, files


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
