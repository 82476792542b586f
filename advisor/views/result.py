"""A result: its permanent page (with the cost panel) and "change my answers".

A result never changes, so each variant of its page is rendered once: repeats come from
the page cache, and a browser that has it already gets a 304, both without a query.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods

from advisor import assessments, bank_store, drafts, embed, followup, page_cache, presenters
from advisor.forms import CostForm
from advisor.models import Assessment
from advisor.views.responses import go_to


@require_GET
def result(request, token):
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    # The browser that made the result sees owner controls; anyone else a shared result.
    owner = drafts.result_owned(request=request, token=token)
    embedded = embed.is_embedded(request)  # its own variant: no site header, other links
    contact = followup.followup_settings().enabled
    variant = (
        f"{token}|{request.get_full_path()}|{fragment}|{request.get_host()}|{owner}"
        f"|{embedded}|{contact}"
    )
    if request.GET.get("today"):
        variant += repr(bank_store.get().rates)  # today's rates can change under the same URL
    etag = page_cache.result_etag(variant)
    headers = {
        "ETag": f'"{etag}"',
        "Cache-Control": "private, no-cache",
        "Vary": "HX-Request",
        "X-Robots-Tag": "noindex",
    }
    if headers["ETag"] in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        cached = page_cache.result_get(etag)
        if cached is None:
            assessment = (
                Assessment.objects.completed()
                .filter(token=token)
                .only("token", "completed_at", "snapshot")
                .first()
            )
            if assessment is None:
                raise Http404("No result has this link. Check that it was copied whole.")
            status, content = _render(request, assessment, fragment, owner, contact)
            cached = (status, content, http_date(assessment.completed_at.timestamp()))
            page_cache.result_set(etag, cached)
        status, content, headers["Last-Modified"] = cached
        # Pages with a form (the owner's; in a frame, a version-1 result's footer) get this
        # browser's CSRF token.
        if owner or (embedded and page_cache.CSRF_MARK.encode() in content):
            content = page_cache.csrf_fill(request, content)
        response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _render(request, assessment, fragment: bool, owner: bool, contact: bool) -> tuple[int, bytes]:
    snapshot = assessment.snapshot
    url = reverse("result", args=[assessment.token])
    form = CostForm(request.GET or None, action=url)
    status = 422 if form.is_bound and not form.is_valid() else 200
    inputs = form.values()
    context = {
        "assessment": assessment,
        "result": presenters.result_view(snapshot),
        "costs": presenters.cost_view(
            snapshot,
            hours_per_week=inputs["hours"],
            months=inputs["months"],
            sourcing=inputs["sourcing"],
            rates=list(bank_store.get().rates) if inputs["today"] else None,
        ),
        "form": form,
        "share_url": embed.site_url(request, url),
        "outside_url": embed.outside(url),
        "owner": owner,
        "contact": contact,
        "csrf_token": page_cache.CSRF_MARK,  # rendered once; filled in per browser
    }
    template = presenters.template_for(snapshot)
    name = f"{template}#costs" if fragment else template
    return status, render(request, name, context).content


@require_http_methods(["GET", "POST"])
def result_copy(request, token):
    """Change my answers: a new draft prefilled from this result; the result stays."""
    source = Assessment.objects.completed().filter(token=token).first()
    if source is None:
        raise Http404("No result has this link.")
    has_draft = drafts.draft_get(request=request) is not None
    if request.method == "GET" or (has_draft and "confirm" not in request.POST):
        # Only answers in progress are worth a question first: they would be replaced.
        return render(request, "advisor/copy.html", {"assessment": source, "has_draft": has_draft})
    draft = assessments.draft_copy(source=source, bank=bank_store.get())
    drafts.draft_attach(request=request, draft=draft)
    messages.info(request, "These are the answers from that result. Change any of them.")
    return go_to(request, reverse("check"))
