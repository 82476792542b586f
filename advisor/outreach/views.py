"""Taking the advice elsewhere, with no account: email a result, email a link to finish
later, open the frame's answers in a new tab, and the links those give. Also the page
that says what is kept and for how long.

Emails are sent by the job queue; the address is used to send and not kept.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from advisor.bank import store as bank_store
from advisor.models import ResumeLink
from advisor.ops import throttle
from advisor.ops.responses import noindex, see_other, too_many
from advisor.outreach import emails, embed, followup, resume_links
from advisor.outreach.forms import EmailForm
from advisor.results import remembered
from advisor.wizard import assessments, drafts

EMAIL_LIMITED = "This connection has asked for many emails in the last hour. Try again later."


def email_allowed(request) -> bool:
    """Count one email asked for by this client; False past EMAILS_PER_HOUR."""
    key = throttle.key_of("email", request)
    return throttle.allow(key, settings.EMAILS_PER_HOUR, throttle.HOUR)


def _tab_allowed(request) -> bool:
    """Count one new-tab link made by this client; False past NEW_TAB_LINKS_PER_HOUR."""
    key = throttle.key_of("tab", request)
    return throttle.allow(key, settings.NEW_TAB_LINKS_PER_HOUR, throttle.HOUR)


@require_GET
def privacy(request):
    return render(
        request,
        "advisor/privacy.html",
        {
            "retention_days": followup.followup_settings().retention_days,
            "draft_days": settings.SESSION_COOKIE_AGE // 86400,
            "resume_days": settings.RESUME_LINK_DAYS,
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def result_email(request, token):
    """Email me this result."""
    result = assessments.result_get(token, "token")
    if result is None:
        raise Http404("No result has this link. Check that it was copied whole.")
    form = EmailForm(request.POST or None)
    context = {"assessment": result, "form": form, "sent": False}
    if request.method == "POST" and form.is_valid():
        if not email_allowed(request):
            return too_many(request, EMAIL_LIMITED)
        url = embed.site_url(request, reverse("result", args=[token]))
        emails.email_result_enqueue(to=form.cleaned_data["email"], token=token, url=url)
        context = {**context, "sent": True, "form": EmailForm()}
    status = 422 if form.is_bound and form.errors else 200
    return noindex(render(request, "advisor/result_email.html", context, status=status))


@require_http_methods(["GET", "POST"])
@never_cache
def finish_later(request):
    """Email me a link to finish later: a resume link of its own, never the draft's token."""
    bank = bank_store.get()
    draft, answers = drafts.draft_find(request=request, bank=bank)
    form = EmailForm(request.POST or None)
    context = {"form": form, "draft": draft, "answered": len(answers), "sent": False}
    if request.method == "POST" and draft is not None and form.is_valid():
        if not email_allowed(request):
            return too_many(request, EMAIL_LIMITED)
        link = resume_links.resume_link_create(assessment=draft, kind=ResumeLink.EMAIL)
        emails.email_resume_enqueue(
            to=form.cleaned_data["email"],
            url=embed.site_url(request, reverse("resume", args=[link.token])),
            revoke_url=embed.site_url(request, reverse("resume_revoke", args=[link.token])),
            answered=len(answers),
            days=settings.RESUME_LINK_DAYS,
        )
        context = {**context, "sent": True, "form": EmailForm()}
    status = 422 if form.is_bound and form.errors else 200
    context["days"] = settings.RESUME_LINK_DAYS
    return noindex(render(request, "advisor/finish_later.html", context, status=status))


@require_http_methods(["GET", "POST"])
@never_cache
def new_tab(request):
    """From a frame: a link that opens these answers (or their result) in a new tab.

    A new tab has the site's own cookies, not the frame's, so the frame makes the link
    and the founder opens it: it works once, for a few minutes."""
    if request.method == "GET":
        return see_other(reverse("wizard"))
    draft = drafts.draft_get(request=request)
    token = remembered.result_finished(request=request)
    assessment = draft or (assessments.result_get(token) if token else None)
    if assessment is not None and not _tab_allowed(request):
        return too_many(request, "This connection has asked for many links. Try again later.")
    if assessment is None:
        url, label = embed.outside(reverse("wizard")), "Open the advisor in a new tab"
    else:
        link = resume_links.resume_link_create(assessment=assessment, kind=ResumeLink.TAB)
        url = embed.outside(reverse("resume", args=[link.token]))
        label = f"Open your {'result' if assessment.is_completed else 'answers'} in a new tab"
    context = {"url": url, "label": label, "back_url": reverse("wizard")}
    template = "advisor/new_tab.html#link" if request.htmx else "advisor/new_tab.html"
    return noindex(render(request, template, context))


@require_http_methods(["GET", "POST"])
@never_cache
def resume(request, token):
    """Open a resume link: its draft becomes this browser's (its result, once made).
    A browser with other answers in progress is asked first: they would be replaced."""
    link = resume_links.resume_link_get(token=token)
    if link is None:
        raise Http404("No answers have this link. Check that it was copied whole.")
    problem = resume_links.resume_link_problem(link)
    current = drafts.draft_get(request=request)
    replaces = current is not None and current.pk != link.assessment_id
    if not problem and (request.method == "POST" or not replaces):
        try:
            assessment = resume_links.resume_link_use(request=request, link=link)
        except resume_links.LinkUnusable as unusable:
            problem = str(unusable)
        else:
            if assessment.is_completed:
                return see_other(reverse("result", args=[assessment.token]))
            return see_other(reverse("wizard"))
    context = {"link": link, "problem": problem, "replaces": replaces}
    return noindex(render(request, "advisor/resume.html", context, status=410 if problem else 200))


@require_http_methods(["GET", "POST"])
@never_cache
def resume_revoke(request, token):
    """Turn a resume link off (asked first: a link in an email must not act on a GET)."""
    link = resume_links.resume_link_get(token=token)
    if link is None:
        raise Http404("No answers have this link. Check that it was copied whole.")
    if request.method == "POST":
        resume_links.resume_link_revoke(link=link)
        link.refresh_from_db()
    return noindex(render(request, "advisor/resume_revoke.html", {"link": link}))
