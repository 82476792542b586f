"""The admin's analytics page: counts for a period (and a version of the question bank),
counted here when that is quick, else by a job whose page shows the report once it is done."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Min
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.admin import background, charts
from advisor.admin.forms import PeriodForm
from advisor.admin.pages import admin_page, job_page, page_response
from advisor.insights.periods import Period
from advisor.insights.report import analytics_report
from advisor.models import Assessment, Job
from advisor.ops.responses import see_other

ANALYTICS_DAYS = 30
TITLE = gettext_lazy("How founders answer")
ANALYTICS_PRESETS = (7, 30, 90, 365)  # "the last N days" links on the analytics page


def _analytics_frame(form: PeriodForm, version: int | None = None) -> dict:
    """The period form and its shortcuts, on the page whatever it shows below them."""
    first_result = Assessment.objects.completed().aggregate(first=Min("completed_at"))["first"]
    return {
        "form": form,
        "since_first": first_result and timezone.localdate(first_result),
        "today": timezone.localdate(),
        "presets": [
            {"days": days, "start": Period.last_days(days).first} for days in ANALYTICS_PRESETS
        ],
        "version_query": "" if version is None else f"&version={version}",
    }


def _analytics_report(report: dict) -> dict:
    """The report and its chart, with a marker at each bar a version was published in."""
    markers: dict[int, list[str]] = {}
    for published in report.get("published", []):
        if published["index"] is not None:
            markers.setdefault(published["index"], []).append(f"v{published['number']}")
    labels = {index: ", ".join(names) for index, names in markers.items()}
    return {
        "report": report,
        "chart": charts.bar_chart(
            [(b["label"], b["count"]) for b in report["bars"]], markers=list(labels.items())
        ),
        "bar_rows": [{**b, "published": labels.get(i, "")} for i, b in enumerate(report["bars"])],
    }


@admin_page("admin/advisor/analytics.html", TITLE)
def analytics_page(model_admin, request):
    """Counts for a period (the last 30 days unless `start` and `end` say otherwise), for
    every result or those of one published `version` of the question bank, each made by
    the database from indexes. A long period of a busy site is counted by a job whose
    page this redirects to."""
    default = Period.last_days(ANALYTICS_DAYS)
    form = PeriodForm(request.GET or None, initial={"start": default.first, "end": default.last})
    if request.GET and not form.is_valid():
        return page_response(
            model_admin,
            request,
            "admin/advisor/analytics.html",
            TITLE,
            _analytics_frame(form),
            status=422,
        )
    period = form.period() if request.GET else default
    version = form.chosen_version() if request.GET else None
    if not background.analytics_is_quick(period):
        job = background.analytics_start(period=period, version=version)
        return see_other(reverse("admin:advisor_analytics_job", args=[job.pk]))
    report = analytics_report(period, version=version)
    return {**_analytics_frame(form, version), **_analytics_report(report)}


@admin_page("admin/advisor/analytics.html", TITLE)
def analytics_job(model_admin, request, job_id: int):
    """Analytics counted by a job, then its report, saying when it was counted."""
    job = get_object_or_404(Job, pk=job_id, kind=background.ANALYTICS)
    period = {"start": job.payload["start"], "end": job.payload["end"]}
    version = job.payload.get("version")
    if version is not None:
        period["version"] = version
    frame = _analytics_frame(PeriodForm(initial=period), version)
    if job.status != Job.DONE:
        return {**frame, **job_page(job, _("parts counted"))}
    return {
        **frame,
        **_analytics_report(job.result),
        "counted_at": job.finished_at,
        "again": f"{reverse('admin:advisor_analytics')}?{urlencode(period)}",
    }
