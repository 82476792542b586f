"""The admin's own pages: replay past results, preview the wizard, analytics, CSV export.

Each view is a function of its ModelAdmin and the request; `admin_page` gives them all
the same frame (the admin's header and sidebar, a title) and the same permission check.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from advisor import analytics, bank_store, cases, presenters, scoring
from advisor.admin import charts
from advisor.forms import CostForm
from advisor.models import Assessment
from advisor.navigation import Navigation
from advisor.snapshots import snapshot_build

ANALYTICS_DAYS = 30


def admin_url(model_admin, route: str, view: Callable, name: str):
    """A custom admin view's URL: signed-in staff only, the view given its ModelAdmin."""
    return path(route, model_admin.admin_site.admin_view(lambda r: view(model_admin, r)), name=name)


def page_response(model_admin, request, template: str, title: str, context: dict):
    """A page in the admin's frame: the site's header, sidebar and the page's title."""
    frame = model_admin.admin_site.each_context(request)
    return TemplateResponse(request, template, {**frame, "title": title, **context})


def admin_page(template: str | None = None, title: str = "") -> Callable:
    """A custom admin view, for staff who may view the model (403 for others). The view
    returns its page's context, or, without a template, a response of its own."""

    def decorate(view):
        @wraps(view)
        def page(model_admin, request):
            if not model_admin.has_view_permission(request):
                raise PermissionDenied
            context = view(model_admin, request)
            if isinstance(context, HttpResponseBase):
                return context
            return page_response(model_admin, request, template, title, context)

        return page

    return decorate


def failing_cases(results: list[cases.CaseResult], passing_before: set[int]) -> list[dict]:
    """The cases a bank gets wrong, each marked new when it passed before."""
    return [{"result": r, "new": r.case.pk in passing_before} for r in results if not r.passed]


@admin_page("admin/advisor/replay.html", "Replay past results with the current question bank")
def replay(model_admin, request):
    """Past results and founder cases scored again with the question bank as it is now."""
    bank = bank_store.build_draft()
    results = cases.cases_check(bank)
    return {
        "report": analytics.replay(bank),
        "roles": {r.slug: r for r in bank.roles},
        "cases_total": len(results),
        "cases_failing": failing_cases(results, set()),
        "pending": False,
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
    form = CostForm(None, action=request.path)  # the costs at their defaults
    inputs = form.values()
    context = {
        "assessment": Assessment(
            token=PREVIEW_TOKEN, completed_at=timezone.now(), snapshot=snapshot
        ),
        "result": presenters.result_view(snapshot),
        "costs": presenters.cost_view(
            snapshot, hours_per_week=inputs["hours"], months=inputs["months"], sourcing="both"
        ),
        "form": form,
        "share_url": request.build_absolute_uri(),
        "owner": True,
        "preview": True,
    }
    return render(request, presenters.template_for(snapshot), context)


PREVIEW_TOKEN = "preview-not-stored"


@admin_page("admin/advisor/analytics.html", "How founders answer")
def analytics_page(model_admin, request):
    bank = bank_store.get()
    days = analytics.completions_by_day(ANALYTICS_DAYS)
    split = analytics.recommendation_split()
    total = sum(split.values())
    return {
        "chart": charts.bar_chart([(d["day"], d["count"]) for d in days]),
        "days": days,
        "days_total": sum(d["count"] for d in days),
        "split": [
            {
                "role": role,
                "count": split.get(role.slug, 0),
                "percent": round(100 * split.get(role.slug, 0) / total) if total else 0,
            }
            for role in bank.roles
        ],
        "total": total,
        "funnel": analytics.funnel(bank),
        "teams": analytics.team_counts(),
        "answers": analytics.answer_counts(bank),
        "roles": bank.roles,
        "sources": analytics.completions_by_source(bank),
    }


@admin_page()
def export(model_admin, request):
    """Completed assessments as CSV, streamed, with the list's filters applied."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest("Those filters are not valid.")
    writer = csv.writer(_Echo())
    rows = analytics.export_rows(queryset.order_by("completed_at"), bank_store.get())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.csv"'
    return response


@admin_page()
def contact_export(model_admin, request):
    """Contact requests as CSV, streamed, with the list's filters and search applied."""
    try:
        queryset = model_admin.get_changelist_instance(request).get_queryset(request)
    except IncorrectLookupParameters:
        return HttpResponseBadRequest("Those filters are not valid.")
    rows = analytics.contact_rows(queryset.order_by("consented_at"))
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
