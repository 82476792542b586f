"""Email me this result, and email me a link to finish later. Emails are sent by the job
queue; the address is used to send and not kept."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from advisor.bank import store as bank_store
from advisor.models import ResumeLink
from advisor.ops import throttle
from advisor.ops.responses import noindex, too_many
from advisor.outreach import emails, embed, resume_links
from advisor.outreach.forms import EmailForm
from advisor.wizard import assessments, drafts

EMAIL_LIMITED = _("This connection has asked for many emails in the last hour. Try again later.")


def email_allowed(request) -> bool:
    """Count one email asked for by this client; False past EMAILS_PER_HOUR."""
    key = throttle.key_of("email", request)
    return throttle.allow(key, settings.EMAILS_PER_HOUR, throttle.HOUR)


@require_http_methods(["GET", "POST"])
@never_cache
def result_email(request, token):
    """Email me this result."""
    result = assessments.result_get(token, "token")
    if result is None:
        raise Http404(gettext_noop("No result has this link. Check that it was copied whole."))
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
