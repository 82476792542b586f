""" "Talk to someone about this hire": off until an admin turns it on in the follow-up
settings. A request keeps the founder's name and address with the consent they gave and
when; it is deleted when they withdraw (a link in the confirmation email) or when the
retention period has passed (`manage.py purge_drafts`).

The settings are read on every result page, so each process keeps them for a few seconds
(like the question bank); saving them forgets the copy at once in the saving process.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from advisor.models import Assessment, ContactRequest, FollowUpSettings
from advisor.outreach import emails, embed, webhooks

TTL_SECONDS = 10
_cached: tuple[float, FollowUpSettings] | None = None


def followup_settings() -> FollowUpSettings:
    global _cached
    if _cached is None or time.monotonic() - _cached[0] > TTL_SECONDS:
        row = FollowUpSettings.objects.filter(pk=1).first() or FollowUpSettings()
        _cached = (time.monotonic(), row)
    return _cached[1]


def forget(**kwargs) -> None:
    global _cached
    _cached = None


def contact_request_make(
    *, request, assessment: Assessment, name: str, email: str
) -> ContactRequest:
    """Keep the request with the consent shown; queue its confirmation email (with the
    link to withdraw) and tell the webhooks that want it."""
    terms = followup_settings()
    with transaction.atomic():
        contact = ContactRequest.objects.create(
            assessment=assessment,
            name=name,
            email=email,
            consent_text=terms.consent_text,
            consented_at=timezone.now(),
        )
        withdraw = reverse("contact_withdraw", args=[contact.withdraw_token])
        emails.email_contact_enqueue(
            contact=contact,
            withdraw_url=embed.site_url(request, withdraw),
            result_url=embed.site_url(request, reverse("result", args=[assessment.token])),
            days=terms.retention_days,
        )
        webhooks.event_enqueue(
            event=webhooks.CONTACT_REQUESTED,
            site=embed.site_url(request, "/"),
            assessment=assessment,
            contact_request=contact,
        )
    return contact


def contact_request_withdraw(*, contact: ContactRequest) -> None:
    """Delete the request at once; deliveries not yet sent are cancelled with it."""
    contact.delete()


def contact_requests_purge(*, now=None) -> int:
    """Delete requests older than the retention period; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=followup_settings().retention_days)
    count, _ = ContactRequest.objects.filter(consented_at__lt=cutoff).delete()
    return count
