"""Links that carry a founder's draft to another tab or browser without giving away the
draft's own token: "open in a new tab" from a frame (works once, for a few minutes) and
an emailed "finish later" link (works until revoked or `RESUME_LINK_DAYS` pass).

Opened on a draft, a link makes it that browser's draft; opened once the draft has become
a result, it makes that browser the result's owner and shows it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advisor.models import Assessment, ResumeLink
from advisor.results import remembered
from advisor.wizard import drafts

TAB_LIFETIME = timedelta(minutes=15)


class LinkUnusable(Exception):
    """Revoked, expired or (a new tab's) used already: the message says which."""


def resume_link_create(*, assessment: Assessment, kind: str) -> ResumeLink:
    if kind == ResumeLink.TAB:
        lifetime = TAB_LIFETIME
    else:
        lifetime = timedelta(days=settings.RESUME_LINK_DAYS)
    return ResumeLink.objects.create(
        assessment=assessment, kind=kind, expires_at=timezone.now() + lifetime
    )


def resume_link_get(*, token: str) -> ResumeLink | None:
    return ResumeLink.objects.select_related("assessment").filter(token=token).first()


def resume_link_problem(link: ResumeLink) -> str:
    """Why the link no longer works, or "" when it does."""
    if link.revoked_at is not None:
        return _("This link was turned off, so it no longer opens those answers.")
    if link.expires_at <= timezone.now():
        return _("This link has expired.")
    if link.kind == ResumeLink.TAB and link.used_at is not None:
        return _("This link has been opened already: it works once.")
    return ""


def resume_link_use(*, request, link: ResumeLink) -> Assessment:
    """Bring the link's draft, or the result it became, to this browser."""
    with transaction.atomic():
        locked = ResumeLink.objects.select_for_update().get(pk=link.pk)
        if problem := resume_link_problem(locked):
            raise LinkUnusable(problem)
        ResumeLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
    assessment = link.assessment
    if assessment.is_completed:
        remembered.result_remember(
            request=request,
            token=assessment.token,
            role=assessment.recommendation,
            day=assessment.completed_at.date().isoformat(),
        )
    else:
        drafts.draft_attach(session=request.session, draft=assessment)
    return assessment


def resume_link_revoke(*, link: ResumeLink) -> None:
    ResumeLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def resume_links_purge(*, before) -> int:
    """Links that expired before `before`: they cannot be used, so nothing needs them."""
    count, _ = ResumeLink.objects.filter(expires_at__lt=before).delete()
    return count
