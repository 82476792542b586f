"""Two results side by side, and the form that turns a pasted link into that page."""

from __future__ import annotations

import re

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from advisor.advice import scoring
from advisor.bank import store as bank_store
from advisor.models import Assessment
from advisor.ops.responses import noindex, see_other
from advisor.results import presenters, remembered
from advisor.results.snapshots import snapshot_answers
from advisor.wizard import assessments

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
        _("That is this same result: paste the link of another one.")
        if left == right
        else _("No result has that link. Paste the whole link of the other result.")
    )
    context = {"left": left, "value": request.GET.get("b", ""), "error": error}
    status = 422 if request.GET.get("b") else 200
    return noindex(render(request, "advisor/compare_start.html", context, status=status))


def deciding_questions(bank, left: dict, right: dict) -> set[str]:
    """Questions where taking the other result's answer, and only that, would change a
    result's first hire (scored with the bank as it is now)."""
    a, b = snapshot_answers(left), snapshot_answers(right)
    deciding = set()
    for mine, theirs in ((a, b), (b, a)):
        now = scoring.score(bank, mine).first_hire
        for question, choice in theirs.items():
            if mine.get(question) == choice or bank.question(question) is None:
                continue
            if scoring.score(bank, {**mine, question: choice}).first_hire != now:
                deciding.add(question)
    return deciding


def _name(request, result: Assessment, other: Assessment, first: bool) -> str:
    """How a sentence calls a result: the viewer's, shared with them, or by its place."""
    context = "a result, named in a sentence of the compare page"
    if remembered.result_owned(request=request, token=result.token):
        return pgettext(context, "your result")
    if remembered.result_owned(request=request, token=other.token):
        return pgettext(context, "the shared result")
    return (
        pgettext(context, "the first result") if first else pgettext(context, "the second result")
    )


def _column(request, result: Assessment, other: Assessment) -> str:
    """A column named by what the viewer knows: theirs, shared with them, or its date."""
    if remembered.result_owned(request=request, token=result.token):
        return _("Your answers")
    if remembered.result_owned(request=request, token=other.token):
        return _("Shared with you")
    return _("Made %(date)s") % {"date": date_format(result.completed_at)}


@require_GET
def compare(request, left, right):
    found = assessments.results_get([left, right])
    if left not in found or right not in found:
        raise Http404("One of these results does not exist.")
    first, second = found[left], found[right]
    deciding = deciding_questions(bank_store.get(), first.snapshot, second.snapshot)
    yours = remembered.result_owned(request=request, token=left) or remembered.result_owned(
        request=request, token=right
    )
    names = (_name(request, first, second, True), _name(request, second, first, False))
    context = {
        "left": first,
        "right": second,
        "columns": [
            {
                "label": _column(request, a, b),
                "url": reverse("result", args=[a.token]),
                "note": date_format(a.completed_at, "j M Y"),
            }
            for a, b in ((first, second), (second, first))
        ],
        "yours": yours,
        "compare": presenters.compare_view(
            first.snapshot, second.snapshot, deciding=deciding, names=names, yours=yours
        ),
    }
    return noindex(render(request, "advisor/compare.html", context))
