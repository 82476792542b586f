"""The admin's own pages: replay past results, preview the wizard, analytics, CSV export,
and the pages of the jobs that replay and export run as when there is much to do.

Each view is a function of its ModelAdmin and the request (and the URL's arguments);
`admin_page` gives them all the same frame (the admin's header and sidebar, a title) and
the same permission check.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from advisor import bank_store, cases, cost_presenter, exports, presenters, scoring
from advisor.admin import background, charts
from advisor.admin.forms import PeriodForm
from advisor.analytics_report import analytics_report
from advisor.forms import CostForm
from advisor.models import Assessment, Job
from advisor.navigation import Navigation
from advisor.periods import Period
from advisor.replay import Replay
from advisor.replay import replay as replay_results
from advisor.snapshots import snapshot_build
from advisor.views.responses import see_other

ANALYTICS_DAYS = 30
ANALYTICS_PRESETS = (7, 30, 90, 365)  # "the last N days" links on the analytics page
WORKER_PATIENCE_SECONDS = 10  # queued this long: say the job worker may not be running


def admin_url(model_admin, route: str, view: Callable, name: str):
    """A custom admin view's URL: signed-in staff only, the view given its ModelAdmin."""
    return path(
        route,
        model_admin.admin_site.admin_view(lambda r, **kwargs: view(model_admin, r, **kwargs)),
        name=name,
    )


def page_response(model_admin, request, template: str, title: str, context: dict, status=200):
    """A page in the admin's frame: the site's header, sidebar and the page's title."""
    frame = model_admin.admin_site.each_context(request)
    return TemplateResponse(request, template, {**frame, "title": title, **context}, status=status)


def admin_page(template: str | None = None, title: str = "") -> Callable:
    """A custom admin view, for staff who may view the model (403 for others). The view
    returns its page's context, or, without a template, a response of its own."""

    def decorate(view):
        @wraps(view)
        def page(model_admin, request, **kwargs):
            if not model_admin.has_view_permission(request):
                raise PermissionDenied
            context = view(model_admin, request, **kwargs)
            if isinstance(context, HttpResponseBase):
                return context
            return page_response(model_admin, request, template, title, context)

        return page

    return decorate


def failing_cases(results: list[cases.CaseResult], passing_before: set[int]) -> list[dict]:
    """The cases a bank gets wrong, each marked new when it passed before; plain data, so
    a job's page can show them too."""
    return [
        {
            "result": {
                "case": {"pk": r.case.pk, "name": r.case.name},
                "expected": r.expected,
                "got": r.got,
            },
            "new": r.case.pk in passing_before,
        }
        for r in results
        if not r.passed
    ]


def job_page(job: Job, what: str) -> dict:
    """How far a job has got, for the page that watches it (it refreshes itself until
    the job is done or has failed)."""
    waited = (timezone.now() - job.created_at).total_seconds()
    return {
        "job": job,
        "what": what,
        "refresh": job.status in (Job.QUEUED, Job.RUNNING),
        "worker_missing": job.status == Job.QUEUED and waited > WORKER_PATIENCE_SECONDS,
    }


def replay_roles(bank) -> dict:
    return {r.slug: r for r in bank.roles}


@admin_page("admin/advisor/replay.html", "Replay past results with the current question bank")
def replay(model_admin, request):
    """Past results and founder cases scored again with the question bank as it is now:
    here when there are few results, else as a job whose page this redirects to."""
    bank = bank_store.build_draft()
    results = cases.cases_check(bank)
    context = {
        "cases_total": len(results),
        "cases_failing": failing_cases(results, set()),
        "pending": False,
    }
    if not background.replay_is_quick():
        title = "Replay past results with the current question bank"
        job = background.replay_start(bank=bank, context=context, title=title)
        return see_other(reverse("admin:advisor_replay_job", args=[job.pk]))
    return {**context, "report": replay_results(bank), "roles": replay_roles(bank)}


@admin_page("admin/advisor/replay.html")
def replay_job(model_admin, request, job_id: int):
    """A replay running as a job, then its report."""
    job = get_object_or_404(Job, pk=job_id, kind=background.REPLAY)
    report = Replay.from_data(job.result) if job.status == Job.DONE else None
    return {
        **job.payload["context"],
        **job_page(job, "answer sets scored"),
        "title": job.payload["title"],
        "report": report,
        "roles": replay_roles(background.replay_bank(job)),
    }


@admin_page("admin/advisor/preview.html", "Preview the wizard")
def preview(model_admin, request):
    """Every step as founders see it; answer them to see the outcome. Nothing is stored."""
    bank = bank_store.build_draft()
    answers = {
        q.slug: request.GET[q.slug] for q in bank.questions if q.choice(request.GET.get(q.slug, ""))
    }
    return {
        "steps": bank.asked(answers),
        "all_questions": bank.questions,
        "answers": answers,
        "outcome": scoring.score(bank, answers) if answers else None,
        "roles": {r.slug: r for r in bank.roles},
        "flips": scoring.flips(bank, answers) if answers else [],
        "points_by_choice": {
            f"{q.slug}:{c.slug}": ", ".join(
                f"{r.short_name} +{c.points.get(r.slug, 0)}" for r in bank.roles
            )
            for q in bank.questions
            for c in q.choices
        },
    }


@admin_page()
def preview_result(model_admin, request):
    """The founder's real result page for these answers with the draft bank, marked as a
    preview; nothing is stored."""
    bank = bank_store.build_draft()
    answers = {
        q.slug: request.GET[q.slug] for q in bank.questions if q.choice(request.GET.get(q.slug, ""))
    }
    navigation = Navigation(bank, answers, lambda slug, change: "", "", "")
    if not navigation.complete:
        return HttpResponseBadRequest("Answer every question asked before previewing the result.")
    snapshot = snapshot_build(bank, answers)
    book = presenters.book_of(snapshot)
    form = CostForm(
        None,
        book=book,
        action=request.path,
        offer_today=False,
        default_compare=cost_presenter.default_compare(book),
    )
    context = {
        "assessment": Assessment(
            token=PREVIEW_TOKEN, completed_at=timezone.now(), snapshot=snapshot
        ),
        "result": presenters.result_view(snapshot),
        "costs": presenters.cost_view(snapshot, book, **form.values(), todays_rates=False),
        "form": form,
        "share_url": request.build_absolute_uri(),
        "owner": True,
        "preview": True,
    }
    return render(request, presenters.template_for(snapshot), context)


PREVIEW_TOKEN = "preview-not-stored"


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


@admin_page("admin/advisor/analytics.html", "How founders answer")
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
            "How founders answer",
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


@admin_page("admin/advisor/analytics.html", "How founders answer")
def analytics_job(model_admin, request, job_id: int):
    """Analytics counted by a job, then its report, saying when it was counted."""
    job = get_object_or_404(Job, pk=job_id, kind=background.ANALYTICS)
    period = {"start": job.payload["start"], "end": job.payload["end"]}
    version = job.payload.get("version")
    if version is not None:
        period["version"] = version
    frame = _analytics_frame(PeriodForm(initial=period), version)
    if job.status != Job.DONE:
        return {**frame, **job_page(job, "parts counted")}
    return {
        **frame,
        **_analytics_report(job.result),
        "counted_at": job.finished_at,
        "again": f"{reverse('admin:advisor_analytics')}?{urlencode(period)}",
    }


@admin_page()
def export(model_admin, request):
    """Completed assessments as CSV with the list's filters applied: streamed when there
    are few enough, else written to a file by a job whose page this redirects to."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest("Those filters are not valid.")
    if not background.at_most(queryset, settings.EXPORT_INLINE_ROWS):
        job = background.export_start(query=request.GET.urlencode(), user=request.user)
        return see_other(reverse("admin:advisor_export_job", args=[job.pk]))
    writer = csv.writer(_Echo())
    rows = exports.export_rows(background.export_order(queryset), bank_store.get())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.csv"'
    return response


def _export_job(request, job_id: int) -> Job:
    """An export job, for the admin who asked for it (or a superuser)."""
    job = get_object_or_404(Job, pk=job_id, kind=background.EXPORT)
    if job.payload.get("user") != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return job


@admin_page("admin/advisor/export.html", "Export completed results as CSV")
def export_job(model_admin, request, job_id: int):
    """An export running as a job, then the link to its file."""
    job = _export_job(request, job_id)
    ready = job.status == Job.DONE and background.export_path(job).exists()
    return {**job_page(job, "results written"), "ready": ready, "filters": job.payload["query"]}


@admin_page()
def export_download(model_admin, request, job_id: int):
    job = _export_job(request, job_id)
    path = background.export_path(job)
    if job.status != Job.DONE or not path.exists():
        raise Http404("That export is not ready, or its file has been removed.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=background.export_filename(job),
        content_type="text/csv; charset=utf-8",
    )


@admin_page()
def contact_export(model_admin, request):
    """Contact requests as CSV, streamed, with the list's filters and search applied."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest("Those filters are not valid.")
    rows = exports.contact_rows(queryset.order_by("consented_at"))
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="contact-requests-{stamp}.csv"'
    return response


class _Echo:
    """csv.writer wants a file; hand each row straight to the response instead."""

    def write(self, value):
        return value
