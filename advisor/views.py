from __future__ import annotations

import functools
import hashlib
import hmac
import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from advisor import analytics, assessments, catalog, results, throttle
from advisor.forms import AnswerForm, CostForm
from advisor.models import Answer, Assessment, Question

RECENT_RESULTS = 5
STARTED_COOKIE = "advisor_started"
HOUR = timedelta(hours=1)
CSRF_MARK = "csrf-token-goes-here"  # stands in for the token in pages rendered once
DRAFT_ANSWERS_SQL = (
    f"SELECT a.assessment_id, a.question_id, a.choice_id FROM {Answer._meta.db_table} a "
    f"JOIN {Assessment._meta.db_table} s ON s.id = a.assessment_id "
    "WHERE s.token = %s AND s.completed_at IS NULL"
)


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _draft(request) -> Assessment | None:
    token = request.session.get("draft")
    if not token:
        return None
    return Assessment.objects.filter(token=token, completed_at__isnull=True).first()


def _answers(request, bank) -> tuple[Assessment | None, dict[str, str]]:
    """The browser's draft and its answers, in one query: a draft gets its first answer
    when it is made, so its answers tell whether it exists."""
    token = request.session.get("draft")
    if not token:
        return None, {}
    # Plain SQL: this runs on every wizard request, and building the ORM query for it
    # cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(DRAFT_ANSWERS_SQL, [token])
        rows = cursor.fetchall()
    if not rows:
        return _draft(request), {}
    draft = Assessment(pk=rows[0][0], token=token)
    return draft, bank.answers_from_ids((question, choice) for _, question, choice in rows)


def _step_url(question, change: bool = False) -> str:
    url = reverse("step", args=[question.slug])
    return f"{url}?change=1" if change else url


def _wizard_render(request, template: str, context, status: int = 200, cache_as=None):
    """Render a wizard page: only the wizard region for htmx, else the whole page (a history
    restore included). With `cache_as` (what the page depends on), a page without messages
    is rendered once and reused, with this browser's CSRF token put in afterwards."""
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    name = f"{template}#wizard" if fragment else template
    key = None
    if cache_as is not None and not messages.get_messages(request):
        parts = f"{name}|{cache_as}|{_render_version()}"
        key = "page:" + hashlib.sha256(parts.encode()).hexdigest()[:32]
    content = cache.get(key) if key else None
    if content is None:
        context = context() if callable(context) else context
        if key:
            context = {**context, "csrf_token": CSRF_MARK}
        content = render_to_string(name, context, request)
        if key:
            cache.set(key, content, 60 * 60)
    if key:
        content = content.replace(CSRF_MARK, get_token(request))
    response = HttpResponse(content, status=status)
    if fragment:
        response["HX-Push-Url"] = request.get_full_path()
    response["Vary"] = "HX-Request"
    return response


@require_GET
def home(request):
    bank = catalog.get()
    draft, answers = _answers(request, bank)
    return render(
        request,
        "advisor/home.html",
        {
            "roles": bank.roles,
            "comparison": [
                {"label": label, "cells": [r[field] for r in bank.roles]}
                for field, label in results.COMPARISON_ROWS
            ],
            "question_count": len([q for q in bank.questions if not q.condition]),
            "draft_answered": len(bank.bank.effective(answers)) if draft else None,
            "draft_total": len(bank.steps(answers)),
            "recent": request.session.get("results", []),
        },
    )


@require_GET
@never_cache
def wizard(request):
    """Start or resume: the first unanswered step, or the check page when all are done."""
    bank = catalog.get()
    if not bank.questions:
        raise Http404("The advisor has no questions yet.")
    _, answers = _answers(request, bank)
    question = bank.first_unanswered(answers)
    return _see_other(_step_url(question) if question else reverse("check"))


@require_http_methods(["GET", "POST"])
def restart(request):
    """Start again: GET asks first (it deletes every answer), POST does it."""
    if request.method == "GET":
        bank = catalog.get()
        draft, answers = _answers(request, bank)
        if draft is None:
            return _see_other(reverse("wizard"))
        return render(request, "advisor/restart.html", {"answered": len(answers)})
    draft = _draft(request)
    if draft:
        draft.delete()
    request.session.pop("draft", None)
    request.session.pop("completed", None)
    messages.info(request, "Your answers were cleared. Start again below.")
    return _see_other(reverse("wizard"))


@require_http_methods(["GET", "POST"])
@never_cache
def step(request, slug):
    bank = catalog.get()
    question = bank.question(slug)
    if question is None:
        if Question.objects.filter(slug=slug).exists():
            # Taken out of the wizard since this founder saw it: carry on without it.
            messages.info(request, "That question is no longer asked.")
            return _see_other(reverse("wizard"))
        raise Http404("No such question.")
    draft, answers = _answers(request, bank)
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    steps = bank.steps(answers)
    missing = bank.first_unanswered(answers)
    if question not in steps:
        # Not asked, given the earlier answers (a condition is not met).
        return _see_other(_step_url(missing) if missing else reverse("check"))
    index = steps.index(question)

    # Steps go in order: an earlier unanswered question comes first.
    if missing is not None and steps.index(missing) < index:
        messages.warning(request, "Please answer this question first.")
        return _see_other(_step_url(missing))

    if request.method == "POST":
        chosen = question.choice(request.POST.get(question.slug, ""))
        if chosen is not None:
            if draft is None:
                client = throttle.client_of(request)
                if throttle.is_limited(
                    "draft", client, limit=settings.DRAFTS_PER_HOUR, window=HOUR
                ):
                    return _too_many(
                        request,
                        "This connection has started many sets of "
                        "answers in the last hour. Try again later.",
                    )
                throttle.record("draft", client, window=HOUR)
                draft = Assessment.objects.create()
                request.session["draft"] = draft.token
                request.session.pop("completed", None)
            assessments.answer_save(assessment=draft, question_id=question.id, choice_id=chosen.id)
            answers[question.slug] = chosen.slug
            # The answer may bring in, or rule out, conditional questions after it.
            steps = bank.steps(answers)
            upcoming = bank.first_unanswered(answers)
            if change:
                # Back to the check page, by way of any question this answer brought in.
                return _see_other(
                    _step_url(upcoming, change=True) if upcoming else reverse("check")
                )
            later = steps[steps.index(question) + 1 :]
            return _see_other(_step_url(later[0]) if later else reverse("check"))
        form = AnswerForm(question, request.POST)  # for its messages
        form.is_valid()
        status = 422
    else:
        form = None  # built only if the page is not in the cache
        status = 200

    counted = False
    if request.method == "GET" and draft is None and index == 0:
        # The top of the funnel: once per browser, with a cookie rather than a session write.
        counted = STARTED_COOKIE not in request.COOKIES
        if counted:
            analytics.count_start()

    if change:
        back_url = reverse("check")
    elif index:
        back_url = _step_url(steps[index - 1])
    else:
        back_url = reverse("home")

    def context() -> dict:
        shown = form or AnswerForm(question, initial={question.slug: answers.get(question.slug)})
        field = shown[question.slug]
        return {
            "question": question,
            "form": shown,
            "field": field,
            "selected": field.value(),
            "number": index + 1,
            "total": len(steps),
            "back_url": back_url,
            "change": change,
            "action": _step_url(question, change),
        }

    # Without errors, a step's page depends only on these: render it once for everyone.
    cache_as = None
    if form is None:
        selected = answers.get(question.slug)
        cache_as = (bank.digest, question.slug, selected, index, len(steps), back_url, change)
    response = _wizard_render(request, "advisor/step.html", context, status, cache_as)
    if counted:
        response.set_cookie(
            STARTED_COOKIE,
            "1",
            max_age=90 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def check(request):
    bank = catalog.get()
    if not bank.questions:
        raise Http404("The advisor has no questions yet.")
    draft, answers = _answers(request, bank)
    if request.method == "POST" and draft is None:
        # A second submit of a finished draft (a double click, two tabs, a retry):
        # show the result the first one made.
        token = request.session.get("draft") or request.session.get("completed")
        if token and Assessment.objects.filter(token=token, completed_at__isnull=False).exists():
            _remember_result(request, token)
            return _to_result(request, token)
    missing = bank.first_unanswered(answers)
    if missing is not None:
        messages.warning(request, "Please answer every question before you see the result.")
        return _see_other(_step_url(missing))

    if request.method == "POST":
        client = throttle.client_of(request)
        if throttle.is_limited("result", client, limit=settings.RESULTS_PER_HOUR, window=HOUR):
            return _too_many(
                request,
                "This connection has made many results in the last hour. "
                "Your answers are saved: come back later to see the result.",
            )
        answers = bank.bank.effective(answers)
        if assessments.assessment_complete(assessment=draft, catalog=bank, answers=answers):
            throttle.record("result", client, window=HOUR)
        _remember_result(request, draft.token)
        return _to_result(request, draft.token)

    steps = bank.steps(answers)
    rows = [
        {"question": q, "choice": q.choice(answers[q.slug]), "url": _step_url(q, change=True)}
        for q in steps
    ]
    context = {"rows": rows, "total": len(steps), "back_url": _step_url(steps[-1])}
    return _wizard_render(request, "advisor/check.html", context)


def _too_many(request, message: str):
    # For htmx, only the wizard region: the founder sees the message where they clicked.
    template = "429.html#wizard" if request.htmx else "429.html"
    return render(request, template, {"message": message}, status=429)


def _remember_result(request, token: str) -> None:
    request.session.pop("draft", None)
    request.session["completed"] = token
    recent = [token] + [t for t in request.session.get("results", []) if t != token]
    request.session["results"] = recent[:RECENT_RESULTS]


def _to_result(request, token: str):
    url = reverse("result", args=[token])
    return HttpResponseClientRedirect(url) if request.htmx else _see_other(url)


@functools.cache
def _render_version() -> str:
    """Changes whenever a deploy could change how a result renders."""
    digest = hashlib.sha256()
    manifest = Path(settings.STATIC_ROOT, "staticfiles.json")
    if manifest.exists():
        digest.update(manifest.read_bytes())
    for template in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        digest.update(template.read_bytes())
    for module in sorted(Path(settings.BASE_DIR, "advisor").glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


@require_GET
def result(request, token):
    """A result never changes, so each variant of its page is rendered once: repeats are
    served from the cache, and a browser that has it already gets a 304, both without
    touching the database."""
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    variant = f"{token}|{request.get_full_path()}|{fragment}|{request.get_host()}"
    if request.GET.get("today"):
        variant += repr(catalog.get().rates)  # today's rates can change under the same URL
    key = hmac.new(
        settings.SECRET_KEY.encode(), f"{variant}|{_render_version()}".encode(), "sha256"
    ).hexdigest()[:32]
    headers = {
        "ETag": f'"{key}"',
        "Cache-Control": "private, no-cache",
        "Vary": "HX-Request",
        "X-Robots-Tag": "noindex",
    }
    if headers["ETag"] in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        cached = cache.get(f"result:{key}")
        if cached is None:
            assessment = (
                Assessment.objects.filter(token=token, completed_at__isnull=False)
                .only("token", "completed_at", "snapshot")
                .first()
            )
            if assessment is None:
                raise Http404("No result has this link. Check that it was copied whole.")
            status, content = _result_render(request, assessment, fragment)
            cached = (status, content, http_date(assessment.completed_at.timestamp()))
            cache.set(f"result:{key}", cached, 60 * 60)
        status, content, headers["Last-Modified"] = cached
        response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _result_render(request, assessment, fragment: bool) -> tuple[int, bytes]:
    snapshot = assessment.snapshot
    url = reverse("result", args=[assessment.token])
    form = CostForm(request.GET or None, action=url)
    status = 422 if form.is_bound and not form.is_valid() else 200
    inputs = form.values()
    context = {
        "assessment": assessment,
        "result": results.result_view(snapshot),
        "costs": results.cost_view(
            snapshot,
            hours_per_week=inputs["hours"],
            months=inputs["months"],
            sourcing=inputs["sourcing"],
            rates=list(catalog.get().rates) if inputs["today"] else None,
        ),
        "form": form,
        "share_url": request.build_absolute_uri(url),
    }
    template = "advisor/result.html#costs" if fragment else "advisor/result.html"
    return status, render(request, template, context).content


@require_http_methods(["GET", "POST"])
def result_copy(request, token):
    """Change my answers: a new draft prefilled from this result; the result stays."""
    source = Assessment.objects.filter(token=token, completed_at__isnull=False).first()
    if source is None:
        raise Http404("No result has this link.")
    if request.method == "GET":
        has_draft = bool(request.session.get("draft"))
        return render(request, "advisor/copy.html", {"assessment": source, "has_draft": has_draft})
    old = _draft(request)
    if old:
        old.delete()
    draft = assessments.draft_copy(source=source, catalog=catalog.get())
    request.session["draft"] = draft.token
    messages.info(request, "These are the answers from that result. Change any of them.")
    url = reverse("check")
    return HttpResponseClientRedirect(url) if request.htmx else _see_other(url)


TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")
TOKEN_IN_LINK = re.compile(r"(?:/r/)?([A-Za-z0-9_-]{16,64})/?(?:[?#].*)?$")


@require_GET
def compare_start(request):
    """The compare form's target: turn a pasted link into /compare/<token>/<token>/."""
    left = request.GET.get("a", "")
    if not TOKEN.fullmatch(left):
        raise Http404("No result has that link.")
    match = TOKEN_IN_LINK.search(request.GET.get("b", "").strip())
    right = match.group(1) if match else ""
    found = set(
        Assessment.objects.filter(token__in=[left, right], completed_at__isnull=False).values_list(
            "token", flat=True
        )
    )
    if left in found and right in found and left != right:
        return _see_other(reverse("compare", args=[left, right]))
    if left not in found:
        raise Http404("No result has that link.")
    error = (
        "That is this same result: paste the link of another one."
        if left == right
        else "No result has that link. Paste the whole link of the other result."
    )
    response = render(
        request,
        "advisor/compare_start.html",
        {"left": left, "value": request.GET.get("b", ""), "error": error},
        status=422 if request.GET.get("b") else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def compare(request, left, right):
    found = {
        a.token: a
        for a in Assessment.objects.filter(token__in=[left, right], completed_at__isnull=False)
    }
    if left not in found or right not in found:
        raise Http404("One of these results does not exist.")
    context = {
        "left": found[left],
        "right": found[right],
        "compare": results.compare_view(found[left].snapshot, found[right].snapshot),
    }
    response = render(request, "advisor/compare.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
