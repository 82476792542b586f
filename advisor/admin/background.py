"""Admin work that would hold a request too long runs as a job (advisor/ops/jobs.py): the
replay of past results (with the bank as it is, or with an unsaved edit) once there are
more than ADMIN_INLINE_RESULTS results, analytics over more than ANALYTICS_INLINE_DAYS
days of such a site, and an export of more than EXPORT_INLINE_ROWS.

The page that asks enqueues the job and sends the admin to the job's page, which shows
"running… N of M", refreshes itself, and then shows the report or the file to download.
A job's payload is plain data: an edited bank travels as `bank_as_data`, since the edit
itself was rolled back before the job runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, QueryDict

from advisor.advice.bank import Bank, bank_as_data, bank_from_data
from advisor.bank import replay
from advisor.bank import store as bank_store
from advisor.insights import exports
from advisor.insights.periods import Period
from advisor.insights.report import analytics_report
from advisor.models import Assessment, Job
from advisor.ops.jobs import job_enqueue, job_handler, job_progress

REPLAY = "replay"
ANALYTICS = "analytics"
EXPORT = "export"
ATTEMPTS = 3  # an admin's report is worth a retry or two, not a day of them
EXPORT_PROGRESS_EVERY = 5000  # rows written between two progress reports


def at_most(queryset, limit: int) -> bool:
    """Whether the queryset has at most `limit` rows, reading no more than `limit + 1`."""
    return queryset[: limit + 1].count() <= limit


def replay_is_quick() -> bool:
    return at_most(Assessment.objects.completed(), settings.ADMIN_INLINE_RESULTS)


def replay_start(*, bank: Bank, context: dict, title: str) -> Job:
    """A replay of every past result with `bank`; `context` (plain data) is what its
    page shows beside the report: the founder cases, the edit to save, and so on."""
    live = not context.get("pending")
    if live:
        # Asked again while one for the same bank is still on its way: that one serves.
        waiting = Job.objects.filter(
            kind=REPLAY,
            status__in=[Job.QUEUED, Job.RUNNING],
            payload__live=True,
            payload__digest=bank.digest,
        ).first()
        if waiting is not None:
            return waiting
    payload = {
        "bank": bank_as_data(bank),
        "digest": bank.digest,
        "live": live,
        "context": context,
        "title": title,
    }
    return job_enqueue(kind=REPLAY, payload=payload, max_attempts=ATTEMPTS)


@job_handler(REPLAY)
def _replay(job: Job) -> dict:
    bank = bank_from_data(job.payload["bank"])

    def progress(done: int, total: int) -> None:
        job_progress(job, done=done, total=total)

    return replay.replay(bank, progress=progress).as_data()


def replay_bank(job: Job) -> Bank:
    return bank_from_data(job.payload["bank"])


# Analytics


def analytics_is_quick(period: Period) -> bool:
    return period.days <= settings.ANALYTICS_INLINE_DAYS or at_most(
        Assessment.objects.completed(), settings.ADMIN_INLINE_RESULTS
    )


def analytics_start(*, period: Period, version: int | None = None) -> Job:
    """Analytics for the period (for the results of one published version of the bank
    when `version` is given), counted by a job, or the one already on its way."""
    start, end = period.first.isoformat(), period.last.isoformat()
    payload = {"start": start, "end": end, "version": version}
    waiting = Job.objects.filter(
        kind=ANALYTICS,
        status__in=[Job.QUEUED, Job.RUNNING],
        payload__start=payload["start"],
        payload__end=payload["end"],
        payload__version=version,
    ).first()
    return waiting or job_enqueue(kind=ANALYTICS, payload=payload, max_attempts=ATTEMPTS)


@job_handler(ANALYTICS)
def _analytics(job: Job) -> dict:
    period = Period(
        date.fromisoformat(job.payload["start"]), date.fromisoformat(job.payload["end"])
    )

    def progress(done: int, total: int) -> None:
        job_progress(job, done=done, total=total)

    version = job.payload.get("version")
    return analytics_report(period, version=version, progress=progress)


# Export


def export_start(*, query: str, user) -> Job:
    """An export of the assessments list as filtered by `query` (its query string),
    made with `user`'s permissions."""
    payload = {"query": query, "user": user.pk}
    return job_enqueue(kind=EXPORT, payload=payload, max_attempts=ATTEMPTS)


def export_path(job: Job) -> Path:
    return Path(settings.EXPORT_DIR) / f"assessments-{job.pk}.csv"


def export_filename(job: Job) -> str:
    return f"assessments-{job.created_at:%Y%m%d-%H%M}.csv"


def listed(*, query: str, user) -> object:
    """The assessments list's queryset for this query string, as `user` sees it: the
    same filters and checks as the page itself."""
    model_admin = admin.site.get_model_admin(Assessment)
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = user
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    return model_admin.get_changelist_instance(request).get_queryset(request)


@job_handler(EXPORT)
def _export(job: Job) -> dict:
    """Writes the CSV beside its final name and renames it when complete, so a download
    never gets half a file."""
    user = get_user_model().objects.get(pk=job.payload["user"])
    queryset = listed(query=job.payload["query"], user=user)
    total = queryset.count()
    path = export_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    rows = 0
    job_progress(job, done=0, total=total)
    with part.open("w", newline="", encoding="utf-8") as out:
        writer = exports.SafeWriter(out)
        for row in exports.export_rows(export_order(queryset), bank_store.get()):
            writer.writerow(row)
            rows += 1
            if rows % EXPORT_PROGRESS_EVERY == 0:
                job_progress(job, done=rows - 1, total=total)
    part.replace(path)
    job_progress(job, done=rows - 1, total=total)
    return {"rows": rows - 1, "bytes": path.stat().st_size}


def export_order(queryset):
    """Oldest first, ties by id: the streamed export and the file are the same bytes."""
    return queryset.order_by("completed_at", "id")
