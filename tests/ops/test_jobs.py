"""The job queue: work off the request path, retried with backoff, never lost."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisor.models import Job
from advisor.ops import jobs

calls: list[dict] = []


@jobs.job_handler("test-echo")
def _echo(job: Job):
    calls.append(job.payload)
    jobs.job_progress(job, done=1, total=1)
    return {"echo": job.payload}


@jobs.job_handler("test-flaky")
def _flaky(job: Job):
    if job.attempts < 3:
        raise ConnectionError("the other side is down")
    return "third time lucky"


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def test_a_job_runs_once_and_keeps_its_result(db):
    job = jobs.job_enqueue(kind="test-echo", payload={"n": 1})
    assert jobs.jobs_run_due() == 1
    assert jobs.jobs_run_due() == 0
    job.refresh_from_db()
    assert (job.status, job.result, job.attempts) == (Job.DONE, {"echo": {"n": 1}}, 1)
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert calls == [{"n": 1}]


def test_a_failing_job_is_retried_later_with_backoff_then_succeeds(db):
    job = jobs.job_enqueue(kind="test-flaky")
    jobs.jobs_run_due()
    job.refresh_from_db()
    assert job.status == Job.QUEUED and "the other side is down" in job.error
    assert job.run_after >= timezone.now() + timedelta(seconds=jobs.BACKOFF_SECONDS[0] - 1)
    assert jobs.jobs_run_due() == 0  # not due yet
    for _ in range(2):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        jobs.jobs_run_due()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result, job.error) == (
        Job.DONE,
        3,
        "third time lucky",
        "",
    )


def test_a_job_that_keeps_failing_is_marked_failed(db):
    job = jobs.job_enqueue(kind="test-flaky", max_attempts=2)
    for _ in range(2):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        jobs.jobs_run_due()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.FAILED, 2)
    assert job.finished_at is not None


def test_an_unknown_kind_fails_at_once_without_stopping_the_others(db):
    unknown = jobs.job_enqueue(kind="nobody-knows")
    known = jobs.job_enqueue(kind="test-echo", payload={"n": 2})
    assert jobs.jobs_run_due() == 2
    unknown.refresh_from_db()
    known.refresh_from_db()
    assert unknown.status == Job.FAILED and "No handler" in unknown.error
    assert known.status == Job.DONE


def test_a_job_whose_worker_vanished_runs_again(db):
    job = jobs.job_enqueue(kind="test-echo", payload={"n": 3})
    claimed = jobs.job_claim()
    assert claimed.pk == job.pk and jobs.job_claim() is None  # claimed once only
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert jobs.jobs_run_due() == 1
    assert calls == [{"n": 3}]


def test_the_worker_command_runs_what_is_due(db):
    jobs.job_enqueue(kind="test-echo", payload={"n": 4})
    out = StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert calls == [{"n": 4}]
    assert "Worker stopped." in out.getvalue()
