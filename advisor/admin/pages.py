"""The frame every custom admin page shares: its URL (staff only), the admin's header and
sidebar around it, the permission check, and what a page watching a job shows.

Each view is a function of its ModelAdmin and the request (and the URL's arguments);
`admin_page` gives them all the same frame and the same permission check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from advisor.models import Job

WORKER_PATIENCE_SECONDS = 10  # queued this long: say the job worker may not be running


def admin_url(model_admin, route: str, view: Callable, name: str):
    """A custom admin view's URL: signed-in staff only, the view given its ModelAdmin."""
    return path(
        route,
        model_admin.admin_site.admin_view(lambda r, **kwargs: view(model_admin, r, **kwargs)),
        name=name,
    )


def page_response(model_admin, request, template: str, title: str, context: dict, status=200):
    """A page in the admin's frame: the site's header, sidebar and the page's title."""
    frame = model_admin.admin_site.each_context(request)
    return TemplateResponse(request, template, {**frame, "title": title, **context}, status=status)


def admin_page(template: str | None = None, title: str = "") -> Callable:
    """A custom admin view, for staff who may view the model (403 for others). The view
    returns its page's context, or, without a template, a response of its own."""

    def decorate(view):
        @wraps(view)
        def page(model_admin, request, **kwargs):
            if not model_admin.has_view_permission(request):
                raise PermissionDenied
            context = view(model_admin, request, **kwargs)
            if isinstance(context, HttpResponseBase):
                return context
            return page_response(model_admin, request, template, title, context)

        return page

    return decorate


def job_page(job: Job, what: str) -> dict:
    """How far a job has got, for the page that watches it (it refreshes itself until
    the job is done or has failed)."""
    waited = (timezone.now() - job.created_at).total_seconds()
    return {
        "job": job,
        "what": what,
        "refresh": job.status in (Job.QUEUED, Job.RUNNING),
        "worker_missing": job.status == Job.QUEUED and waited > WORKER_PATIENCE_SECONDS,
    }
