""" "Talk to someone about this hire" after a result, when an admin has turned it on: the
request form, its thank-you page, and withdrawing through the emailed link; and the page
that says what is kept and for how long."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from advisor.models import Assessment, ContactRequest
from advisor.ops.responses import noindex, see_other, too_many
from advisor.outreach import followup
from advisor.outreach.email_views import EMAIL_LIMITED, email_allowed
from advisor.outreach.forms import ContactForm
from advisor.wizard import assessments


def _result_offering_contact(token: str) -> Assessment:
    if not followup.followup_settings().enabled:
        raise Http404(gettext_noop("Talking to someone about the hire is not offered here."))
    result = assessments.result_get(token, "token")
    if result is None:
        raise Http404(gettext_noop("No result has this link. Check that it was copied whole."))
    return result


@require_http_methods(["GET", "POST"])
@never_cache
def contact(request, token):
    result = _result_offering_contact(token)
    terms = followup.followup_settings()
    form = ContactForm(request.POST or None, consent_text=terms.consent_text)
    if request.method == "POST" and form.is_valid():
        if not email_allowed(request):
            return too_many(request, EMAIL_LIMITED)
        followup.contact_request_make(
            request=request,
            assessment=result,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )
        return see_other(reverse("contact_thanks", args=[token]))
    context = {"assessment": result, "form": form, "retention_days": terms.retention_days}
    status = 422 if form.is_bound else 200
    return noindex(render(request, "advisor/contact.html", context, status=status))


@require_GET
def contact_thanks(request, token):
    result = _result_offering_contact(token)
    context = {"assessment": result, "retention_days": followup.followup_settings().retention_days}
    return noindex(render(request, "advisor/contact_thanks.html", context))


@require_http_methods(["GET", "POST"])
@never_cache
def contact_withdraw(request, token):
    """The emailed link: GET asks, POST deletes the request (and its name and address)."""
    found = ContactRequest.objects.filter(withdraw_token=token).first()
    if request.method == "POST" and found is not None:
        followup.contact_request_withdraw(contact=found)
        return noindex(render(request, "advisor/contact_withdraw.html", {"withdrawn": True}))
    context = {"contact": found, "withdrawn": False}
    return noindex(
        render(request, "advisor/contact_withdraw.html", context, status=200 if found else 404)
    )


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
