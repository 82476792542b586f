"""Responses every founder-facing view gives the same way."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect


def see_other(url: str) -> HttpResponseRedirect:
    """POST → 303 → GET, and the redirect for pages a founder should not be on."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def go_to(request, url: str):
    """Leave the wizard region for a whole page: htmx is told to load it."""
    return HttpResponseClientRedirect(url) if request.htmx else see_other(url)


def to_result(request, token: str):
    return go_to(request, reverse("result", args=[token]))


def too_many(request, message: str):
    # For htmx, only the wizard region: the founder sees the message where they clicked.
    template = "429.html#wizard" if request.htmx else "429.html"
    return render(request, template, {"message": message}, status=429)


def unavailable(request):
    """The database could not serve this request: 503, and a page that says nothing was
    saved and to try again. A founder's POST is offered again as it was sent (their
    answer kept; never an admin's, which may hold a password); htmx gets only the wizard
    region, where the founder clicked."""
    template = "503.html#wizard" if request.htmx else "503.html"
    posted = request.method == "POST"
    resend = None
    match = request.resolver_match
    if posted and not (match and match.namespace == "admin"):
        resend = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
    context = {"posted": posted, "resend": resend, "again_url": request.get_full_path()}
    response = render(request, template, context, status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_failure(request, reason: str = ""):
    """A form refused by the CSRF check, rendered with the request, so that inside a frame
    it says how to carry on in a new tab (a browser may keep no cookies there)."""
    return render(request, "403_csrf.html", status=403)
