"""A job runs once: two workers, one job, one run kept; failed jobs retried from admin;
old jobs and export files purged by the worker."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.models import Job
from advisor.ops import jobs

runs: list[str] = []


@jobs.job_handler("test-slow")
def _slow(job: Job):
    """The first run stalls past its lease, during which a second worker takes the job."""
    runs.append(job.claimed_by)
    if len(runs) == 1:
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
        second = jobs.job_claim()  # another worker, seeing the lease run out
        assert second is not None and second.pk == job.pk
        assert second.claimed_by != job.claimed_by
        jobs.job_run(second)
        jobs.job_progress(job, done=1, total=1)  # the first worker wakes: LeaseLost
        raise AssertionError("progress was accepted without the lease")
    return {"by": job.claimed_by}


@jobs.job_handler("test-late")
def _late(job: Job):
    """Outlives its lease without writing progress; its result arrives after a takeover."""
    Job.objects.filter(pk=job.pk).update(claimed_by="another-worker/1", attempts=2)
    return "too late"


def test_two_workers_one_job_one_run(db):
    runs.clear()
    job = jobs.job_enqueue(kind="test-slow")
    first = jobs.job_claim()
    assert jobs.job_claim() is None  # its lease holds it: no second claim
    jobs.job_run(first)
    job.refresh_from_db()
    assert len(runs) == 2
    assert (job.status, job.result, job.attempts) == (Job.DONE, {"by": runs[1]}, 2)
    assert job.lease_until is None


def test_a_result_written_after_the_lease_is_lost_is_refused(db):
    job = jobs.job_enqueue(kind="test-late")
    jobs.job_run(jobs.job_claim())
    job.refresh_from_db()
    assert (job.status, job.result, job.claimed_by) == (Job.RUNNING, None, "another-worker/1")


def test_progress_renews_the_lease(db, settings):
    settings.JOB_LEASE_SECONDS = 60
    jobs.job_enqueue(kind="test-slow")
    job = jobs.job_claim()
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() + timedelta(seconds=5))
    jobs.job_progress(job, done=1, total=2)
    job.refresh_from_db()
    assert job.lease_until > timezone.now() + timedelta(seconds=50)


def test_a_failed_job_keeps_its_error_shows_it_in_admin_and_is_retried_from_there(db):
    job = jobs.job_enqueue(kind="nobody-knows")
    jobs.jobs_run_due()
    job.refresh_from_db()
    assert job.status == Job.FAILED and "No handler" in job.error
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "a@example.com", "long-pass-phrase"))
    changelist = reverse("admin:advisor_job_changelist")
    page = admin.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "No handler for jobs of kind" in page
    response = admin.post(changelist, {"action": "retry", "_selected_action": [job.pk]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, job.finished_at) == (Job.QUEUED, 0, None)
    assert "No handler" in job.error  # kept until it succeeds
    assert admin.get(reverse("admin:advisor_job_change", args=[job.pk])).status_code == 200


def test_the_worker_purges_old_jobs_and_export_files(db, settings, tmp_path):
    settings.JOB_KEEP_DAYS = 30
    settings.EXPORT_DIR = tmp_path
    old = timezone.now() - timedelta(days=31)
    done_old = jobs.job_enqueue(kind="test-echo")
    failed_old = jobs.job_enqueue(kind="test-echo")
    done_recent = jobs.job_enqueue(kind="test-echo")
    queued_old = jobs.job_enqueue(kind="test-echo", run_after=timezone.now() + timedelta(days=1))
    Job.objects.filter(pk=done_old.pk).update(status=Job.DONE, finished_at=old)
    Job.objects.filter(pk=failed_old.pk).update(status=Job.FAILED, finished_at=old)
    Job.objects.filter(pk=done_recent.pk).update(
        status=Job.DONE, finished_at=timezone.now() - timedelta(days=29)
    )
    stale_file, fresh_file = tmp_path / "assessments-1.csv", tmp_path / "assessments-2.csv"
    stale_file.write_text("old")
    fresh_file.write_text("new")
    os.utime(stale_file, (old.timestamp(), old.timestamp()))
    from django.core.management import call_command

    call_command("run_jobs", "--once", "--poll", "0")
    assert set(Job.objects.values_list("pk", flat=True)) == {done_recent.pk, queued_old.pk}
    assert not stale_file.exists() and fresh_file.exists()
    assert jobs.jobs_purge(batch=1) == (0, 0)
    assert time.time() - fresh_file.stat().st_mtime < 60
