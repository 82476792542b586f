"""Two results side by side, and the form that turns a pasted link into that page."""

from __future__ import annotations

import re

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from advisor import presenters
from advisor.models import Assessment
from advisor.views.responses import noindex, see_other

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
        Assessment.objects.completed()
        .filter(token__in=[left, right])
        .values_list("token", flat=True)
    )
    if left in found and right in found and left != right:
        return see_other(reverse("compare", args=[left, right]))
    if left not in found:
        raise Http404("No result has that link.")
    error = (
        "That is this same result: paste the link of another one."
        if left == right
        else "No result has that link. Paste the whole link of the other result."
    )
    context = {"left": left, "value": request.GET.get("b", ""), "error": error}
    status = 422 if request.GET.get("b") else 200
    return noindex(render(request, "advisor/compare_start.html", context, status=status))


@require_GET
def compare(request, left, right):
    found = {a.token: a for a in Assessment.objects.completed().filter(token__in=[left, right])}
    if left not in found or right not in found:
        raise Http404("One of these results does not exist.")
    context = {
        "left": found[left],
        "right": found[right],
        "compare": presenters.compare_view(found[left].snapshot, found[right].snapshot),
    }
    return noindex(render(request, "advisor/compare.html", context))
