"""A result: its permanent page (with the cost panel), where its cost figures come from,
"change my answers" and its PDF.

A result never changes, so each variant of its page is rendered once: repeats come from
the page cache, and a browser that has it already gets a 304, both without a query.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from advisor.bank import store as bank_store
from advisor.costs import presenter as cost_presenter
from advisor.costs.forms import CostForm
from advisor.models import Assessment, Team
from advisor.ops import page_cache, throttle
from advisor.ops.language import name_of, path_in
from advisor.ops.responses import go_to, noindex, too_many
from advisor.ops.throttle import HOUR
from advisor.outreach import embed, followup
from advisor.results import languages, pdf, presenters, remembered
from advisor.teams import services as teams
from advisor.wizard import assessments, drafts


@require_GET
def result(request, token):
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    # The browser that made the result sees owner controls; anyone else a shared result.
    owner = remembered.result_owned(request=request, token=token)
    embedded = embed.is_embedded(request)  # its own variant: no site header, other links
    contact = followup.followup_settings().enabled
    bank = bank_store.get()
    # A team member's own result shows the team's state beside it (who has answered).
    team = teams.team_of_result(session=request.session, token=token) if owner else None
    members = [(m.name, m.finished) for m in team.members.all()] if team else []
    # Today's rates change what the page offers ("use today's rates" only once they
    # differ) and, when asked for, its figures: both can change under the same URL.
    variant = (
        f"{token}|{request.get_full_path()}|{fragment}|{request.get_host()}|{owner}"
        f"|{embedded}|{contact}|{bank.cost_digest}|{team and team.token}|{members}"
    )
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
            assessment = _result_in_language(token, "completed_at")
            if not isinstance(assessment, Assessment):
                return assessment  # a redirect to a language it can be read in
            request.languages = assessment.languages
            status, content = _render(
                request, assessment, fragment, owner, contact, bank, team=team
            )
            cached = (status, content, http_date(assessment.completed_at.timestamp()))
            page_cache.result_set(etag, cached)
        status, content, headers["Last-Modified"] = cached
        # Pages with a form (the owner's; in a frame, the footer's) get this
        # browser's CSRF token.
        if owner or (embedded and page_cache.CSRF_MARK.encode() in content):
            content = page_cache.csrf_fill(request, content)
        response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _result_in_language(token: str, *fields: str):
    """The result with its snapshot in the page's language, and the languages it can be
    read in; or a redirect to the page in its own language when this one is not offered."""
    assessment = assessments.result_get(token, "token", "snapshot", *fields)
    if assessment is None:
        raise Http404("No result has this link. Check that it was copied whole.")
    language = translation.get_language()
    snapshot = languages.snapshot_in(assessment.snapshot, language)
    if snapshot is None:
        own = languages.language_of(assessment.snapshot)
        return HttpResponseRedirect(path_in(reverse("result", args=[token]), own))
    assessment.made_in = languages.language_of(assessment.snapshot)
    assessment.languages = languages.languages_of(assessment.snapshot)
    assessment.snapshot = snapshot
    return assessment


def _render(request, assessment, fragment: bool, owner: bool, contact: bool, bank, team=None):
    snapshot = assessment.snapshot
    url = reverse("result", args=[assessment.token])
    form, costs = _costs(request, snapshot, url, bank)
    status = 422 if form.is_bound and not form.is_valid() else 200
    context = {
        "assessment": assessment,
        "result": presenters.result_view(snapshot),
        "costs": costs,
        "form": form,
        "share_url": embed.site_url(request, url),
        "sources_link": reverse("result_sources", args=[assessment.token])
        + (f"?{request.GET.urlencode()}" if request.GET else ""),
        "outside_url": embed.outside(url),
        "owner": owner,
        "contact": contact,
        "team": team,
        "read_in": _read_in(request, assessment),
        "csrf_token": page_cache.CSRF_MARK,  # rendered once; filled in per browser
    }
    template = presenters.TEMPLATE
    if not fragment:
        return status, render(request, template, context).content
    # The figures, and the summary card's, which follow the inputs too (out of band).
    content = render(request, f"{template}#cost_figures", context).content
    content += render(request, f"{template}#card_costs", {**context, "oob": True}).content
    return status, content


def _read_in(request, assessment) -> dict:
    """The language the result was made in, and links to read it in the others."""
    here = request.get_full_path()
    made_in = str(translation.get_language_info(assessment.made_in)["name_translated"])
    here_name = str(translation.get_language_info(translation.get_language())["name_translated"])
    if translation.get_language() == "es":
        # Spanish writes languages' names in lower case
        made_in, here_name = made_in.lower(), here_name.lower()
    return {
        "made_in": made_in,
        "in_english": bool(assessment.snapshot.get("in_english")),
        "language": here_name,
        "translated": assessment.made_in != translation.get_language(),
        "links": [
            {"code": code, "name": name_of(code), "url": path_in(here, code)}
            for code in assessment.languages
            if code != translation.get_language()
        ],
    }


def _costs(request, snapshot: dict, url: str, bank):
    """From the rates stored with the result, or today's when they differ and the founder
    asks for them."""
    changed = presenters.costs_changed(snapshot, bank.cost_digest)
    todays = changed and bool(request.GET.get("today"))
    book = bank.cost_book if todays else presenters.book_of(snapshot)
    form = CostForm(
        request.GET or None,
        book=book,
        action=url,
        offer_today=changed,
        default_compare=cost_presenter.default_compare(book),
    )
    form.is_valid()
    inputs = form.values()
    return form, presenters.cost_view(snapshot, book, **inputs, todays_rates=todays)


@require_GET
def result_sources(request, token):
    """Where the figures on a result's cost panel come from, for the same settings: each
    rate and hiring term with its source note, whether it is an estimate, and its date."""
    assessment = _result_in_language(token)
    if not isinstance(assessment, Assessment):
        return assessment
    request.languages = assessment.languages
    url = reverse("result", args=[assessment.token])
    form, costs = _costs(request, assessment.snapshot, url, bank_store.get())
    context = {
        "assessment": assessment,
        "result": presenters.result_view(assessment.snapshot),
        "costs": costs,
        "form": form,
        "back": url + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    response = render(request, "advisor/result_sources.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def result_copy(request, token):
    """Change my answers: a new draft prefilled from this result; the result stays."""
    source = assessments.result_get(token)
    if source is None:
        raise Http404("No result has this link.")
    has_draft = drafts.draft_get(request=request) is not None
    if request.method == "GET" or (has_draft and "confirm" not in request.POST):
        # Only answers in progress are worth a question first: they would be replaced.
        return render(request, "advisor/copy.html", {"assessment": source, "has_draft": has_draft})
    draft = assessments.draft_copy(source=source, bank=bank_store.get())
    drafts.draft_attach(session=request.session, draft=draft)
    messages.info(request, _("These are the answers from that result. Change any of them."))
    return go_to(request, reverse("check"))


@require_GET
def result_pdf(request, token):
    """Download PDF: the result with the cost settings of the page it was asked from."""
    assessment = _result_in_language(token, "completed_at")
    if not isinstance(assessment, Assessment):
        return assessment
    page_url = reverse("result", args=[token])
    try:
        costs, key = pdf.pdf_costs(assessment.snapshot, request.GET, bank_store.get())
    except pdf.BadSettings as bad:
        context = {"message": str(bad), "back": page_url}
        return noindex(render(request, "advisor/result_pdf_wait.html", context, status=422))
    path = pdf.pdf_path(token, key)
    if not path.exists():
        if not throttle.allow(throttle.key_of("pdf", request), settings.PDFS_PER_HOUR, HOUR):
            return too_many(request, _("This connection has asked for many PDFs. Try later."))
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        url = embed.site_url(request, page_url) + query
        team = Team.objects.filter(result=assessment).values_list("name", flat=True).first()
        title = _("The team's result: %(team)s") % {"team": team} if team else ""
        path = pdf.pdf_file(
            path,
            lambda: pdf.pdf_render(snapshot=assessment.snapshot, costs=costs, url=url, title=title),
        )
    if path is None:  # another request is rendering it right now
        context = {"preparing": True, "back": page_url}
        response = render(request, "advisor/result_pdf_wait.html", context, status=202)
        response["Refresh"] = "2"
        return noindex(response)
    name = f"hiring-advisor-{token[:8]}.pdf"
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=name)
    response["Cache-Control"] = "private, max-age=3600"
    return noindex(response)
