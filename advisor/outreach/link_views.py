"""Links that carry a founder's answers elsewhere: from a frame into a new tab (once, for
15 minutes), and a link to finish later opened in this browser or turned off."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from advisor.models import ResumeLink
from advisor.ops import throttle
from advisor.ops.responses import noindex, see_other, too_many
from advisor.outreach import embed, resume_links
from advisor.results import remembered
from advisor.wizard import assessments, drafts


def _tab_allowed(request) -> bool:
    """Count one new-tab link made by this client; False past NEW_TAB_LINKS_PER_HOUR."""
    key = throttle.key_of("tab", request)
    return throttle.allow(key, settings.NEW_TAB_LINKS_PER_HOUR, throttle.HOUR)


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
        return too_many(request, _("This connection has asked for many links. Try again later."))
    if assessment is None:
        url, label = embed.outside(reverse("wizard")), _("Open the advisor in a new tab")
    else:
        link = resume_links.resume_link_create(assessment=assessment, kind=ResumeLink.TAB)
        url = embed.outside(reverse("resume", args=[link.token]))
        if assessment.is_completed:
            label = _("Open your result in a new tab")
        else:
            label = _("Open your answers in a new tab")
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
        raise Http404(gettext_noop("No answers have this link. Check that it was copied whole."))
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
        raise Http404(gettext_noop("No answers have this link. Check that it was copied whole."))
    if request.method == "POST":
        resume_links.resume_link_revoke(link=link)
        link.refresh_from_db()
    return noindex(render(request, "advisor/resume_revoke.html", {"link": link}))
