"""The wizard: the landing page, one step per question, check your answers, confirm.

Navigation comes from `navigation.Navigation`, drafts and the session from `drafts`,
page reuse from `page_cache`; the views only put them together.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from advisor.advice.navigation import Navigation
from advisor.bank import store as bank_store
from advisor.insights import funnel
from advisor.models import Assessment, Question
from advisor.ops import page_cache, throttle
from advisor.ops.responses import go_to, see_other, to_result, too_many
from advisor.outreach import attribution, embed, webhooks
from advisor.results import remembered
from advisor.results.compare import TOKEN
from advisor.results.presenters import COMPARISON_ROWS
from advisor.teams import services as teams
from advisor.teams.forms import TeamStartForm
from advisor.wizard import assessments, drafts
from advisor.wizard.forms import AnswerForm


def _remember(request, result: Assessment) -> None:
    remembered.result_remember(
        request=request,
        token=result.token,
        role=result.recommendation,
        day=result.completed_at.date().isoformat(),
    )


def step_url(slug: str, change: bool = False) -> str:
    url = reverse("step", args=[slug])
    return f"{url}?change=1" if change else url


def _navigation(bank, answers) -> Navigation:
    return Navigation(bank, answers, step_url, reverse("check"), reverse("home"))


def _wizard_response(request, template: str, context, status: int = 200, depends_on=None):
    """Only the wizard region for htmx, else the whole page (a history restore included).
    With `depends_on` and no messages to show, the page is rendered once and reused."""
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    name = f"{template}#wizard" if fragment else template
    if depends_on is not None and not messages.get_messages(request):
        content = page_cache.wizard_page(request, name, context, depends_on)
        response = HttpResponse(content, status=status)
    else:
        response = render(request, name, context(), status=status)
    if fragment:
        response["HX-Push-Url"] = request.get_full_path()
    response["Vary"] = "HX-Request"
    return response


@require_GET
def home(request):
    attribution.arrival_remember(request=request)
    bank = bank_store.get(get_language())
    draft, answers = drafts.draft_find(request=request, bank=bank)
    navigation = _navigation(bank, answers)
    default = bank.role(bank.default_role)
    return render(
        request,
        "advisor/home.html",
        {
            "roles": bank.roles,
            "default_role": default,
            "comparison": [
                {"label": label, "cells": [getattr(r, field) for r in bank.roles]}
                for field, label in COMPARISON_ROWS
            ],
            "question_count": len([q for q in bank.questions if not q.condition]),
            "draft_answered": navigation.answered if draft else None,
            "draft_total": len(navigation.steps),
            "team_form": TeamStartForm(),
            "recent": [
                {
                    **r,
                    "role": bank.role(r["role"]),
                    "day": r["day"] and date.fromisoformat(r["day"]),
                }
                for r in remembered.results_recent(request=request)
            ],
        },
    )


def _finished(request, token: str):
    """A finished browser back on a step or the check page: where to go from here."""
    template = "advisor/finished.html"
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    response = render(request, f"{template}#wizard" if fragment else template, {"token": token})
    response["Vary"] = "HX-Request"
    return response


@require_GET
@never_cache
def wizard(request):
    """Start or resume: the first unanswered step, or the check page when all are done.
    `?compare=<token>`: someone shown that result answers for themselves, and ends on
    the two results side by side."""
    attribution.arrival_remember(request=request)
    bank = bank_store.get(get_language())
    if not bank.questions:
        raise Http404(gettext_noop("The advisor has no questions yet."))
    other = request.GET.get("compare", "")
    if TOKEN.fullmatch(other) and assessments.result_exists(other):
        remembered.compare_remember(request=request, token=other)
    _, answers = drafts.draft_find(request=request, bank=bank)
    return see_other(_navigation(bank, answers).resume_url())


@require_http_methods(["GET", "POST"])
def restart(request):
    """Start again: GET asks first (it deletes every answer), POST does it."""
    if request.method == "GET":
        draft, answers = drafts.draft_find(request=request, bank=bank_store.get(get_language()))
        if draft is None:
            return see_other(reverse("wizard"))
        return render(request, "advisor/restart.html", {"answered": len(answers)})
    drafts.draft_discard(request=request)
    messages.info(request, _("Your answers were cleared. Start again below."))
    return see_other(reverse("wizard"))


@require_http_methods(["GET", "POST"])
@never_cache
def step(request, slug):
    bank = bank_store.get(get_language())
    question = bank.question(slug)
    if question is None:
        if Question.objects.filter(slug=slug).exists():
            # Taken out of the wizard since this founder saw it: carry on without it.
            messages.info(request, _("That question is no longer asked."))
            return see_other(reverse("wizard"))
        raise Http404(gettext_noop("No such question."))
    draft, answers = drafts.draft_find(request=request, bank=bank)
    if request.method == "GET" and draft is None:
        if finished := remembered.result_finished(request=request):
            return _finished(request, finished)
        attribution.arrival_remember(request=request)
    navigation = _navigation(bank, answers)
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if not navigation.is_asked(question):
        # Not asked, given the earlier answers (a condition is not met).
        return see_other(navigation.resume_url())
    if missing := navigation.blocked_by(question):
        messages.warning(request, _("Please answer this question first."))
        return see_other(step_url(missing.slug))

    form = None  # built only if the page is not in the cache
    status = 200
    if request.method == "POST":
        chosen = question.choice(request.POST.get(question.slug, ""))
        if chosen is not None:
            if draft is None:
                try:
                    draft = drafts.draft_start(
                        session=request.session,
                        client=throttle.client_of(request),
                        embedded=embed.is_embedded(request),
                    )
                except throttle.Limited as limited:
                    return too_many(request, str(limited))
            assessments.answer_save(assessment=draft, question_id=question.id, choice_id=chosen.id)
            return see_other(navigation.after_answer(question, chosen.slug, change=change))
        form = AnswerForm(question, request.POST)  # for its messages
        form.is_valid()
        status = 422

    index = navigation.index(question)
    count_start = request.method == "GET" and draft is None and index == 0
    counted = count_start and funnel.start_count(request=request)
    back_url = navigation.back_url(question, change=change)
    total = len(navigation.steps)

    def context() -> dict:
        shown = form or AnswerForm(question, initial={question.slug: answers.get(question.slug)})
        asked_because = None
        if question.condition:
            earlier = bank.question(question.condition[0])
            choice = earlier and earlier.choice(question.condition[1])
            if choice:
                asked_because = {"question": earlier.text, "answer": choice.label}
        field = shown[question.slug]
        return {
            "bank": bank,
            "question": question,
            "form": shown,
            "field": field,
            "selected": field.value(),
            "number": index + 1,
            "total": total,
            "back_url": back_url,
            "change": change,
            "action": step_url(question.slug, change),
            "asked_because": asked_because,
        }

    # Without errors, a step's page depends only on these: render it once for everyone.
    depends_on = None
    if form is None:
        selected = answers.get(question.slug)
        depends_on = (bank.digest, bank.language, question.slug, selected, index, total)
        depends_on += (back_url, change)
    response = _wizard_response(request, "advisor/step.html", context, status, depends_on)
    if counted:
        funnel.start_cookie_set(response=response)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def check(request):
    bank = bank_store.get(get_language())
    if not bank.questions:
        raise Http404(gettext_noop("The advisor has no questions yet."))
    draft, answers = drafts.draft_find(request=request, bank=bank)
    if request.method == "POST" and draft is None:
        # A second submit of a finished draft (a double click, two tabs, a retry):
        # show the result the first one made.
        token = remembered.result_last(request=request)
        done = assessments.result_get(token) if token else None
        if done is not None:
            _remember(request, done)
            return to_result(request, token)
    if request.method == "GET" and draft is None:
        if finished := remembered.result_finished(request=request):
            return _finished(request, finished)
    navigation = _navigation(bank, answers)
    if not navigation.complete:
        messages.warning(request, _("Please answer every question before you see the result."))
        return see_other(navigation.resume_url())

    if request.method == "POST":
        key = throttle.key_of("result", request)
        if not throttle.allow(key, settings.RESULTS_PER_HOUR, throttle.HOUR):
            return too_many(
                request,
                _(
                    "This connection has made many results in the last hour. "
                    "Your answers are saved: come back later to see the result."
                ),
            )
        if assessments.assessment_complete(assessment=draft, bank=bank, answers=answers):
            # Bookkeeping after the result exists never stands between a founder and it:
            # the session is a signed cookie (the rate count above is written best effort).
            webhooks.event_enqueue(
                event=webhooks.RESULT_COMPLETED,
                site=embed.site_url(request, "/"),
                assessment=draft,
            )
        done = Assessment.objects.completed().only("token", "recommendation", "completed_at")
        result = done.get(pk=draft.pk)
        _remember(request, result)
        # A team member sees their own result first, the team's state beside it.
        teams.team_member_finish(session=request.session, assessment=result)
        if other := remembered.compare_take(request=request):
            return go_to(request, reverse("compare", args=[other, draft.token]))
        return to_result(request, draft.token)

    steps = navigation.steps
    rows = [
        {"question": q, "choice": q.choice(answers[q.slug]), "url": step_url(q.slug, change=True)}
        for q in steps
    ]
    context = {
        "rows": rows,
        "total": len(steps),
        "back_url": step_url(steps[-1].slug),
        "comparing": remembered.compare_pending(request=request),
    }
    return _wizard_response(request, "advisor/check.html", lambda: context)
