"""Responses every founder-facing view gives the same way."""

from __future__ import annotations

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


def noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_failure(request, reason: str = ""):
    """A form refused by the CSRF check, rendered with the request, so that inside a frame
    it says how to carry on in a new tab (a browser may keep no cookies there)."""
    return render(request, "403_csrf.html", status=403)
