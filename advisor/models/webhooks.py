"""Webhooks: endpoints that receive signed events, the events each subscribes to, and
every delivery with its attempts."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.models.outreach import ContactRequest
from advisor.models.results import Assessment


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    """An address that is told, with a signed POST, of each event it subscribes to (the
    events are `advisor.outreach.webhooks.EVENTS`; the subscriptions are rows)."""

    url = models.URLField(
        max_length=500, help_text=_("Receives a POST for each event."), verbose_name=_("url")
    )
    description = models.CharField(max_length=200, blank=True, verbose_name=_("description"))
    # The events as columns, before subscriptions were rows: no longer read or shown.
    # Kept for one release for app servers still on the previous code during a deploy.
    on_result_completed = models.BooleanField(_("result completed"), default=True)
    on_contact_requested = models.BooleanField(_("contact requested"), default=False)
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text=_(
            "Signs each delivery (see the README). Give it to the receiver; change it to rotate."
        ),
        verbose_name=_("secret"),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["pk"]

    def __str__(self):
        return self.description or self.url

    def events(self) -> list[str]:
        return sorted(s.event for s in self.subscriptions.all())

    def subscribe(self, *events: str) -> None:
        """Subscribe to exactly these events (names from `advisor.outreach.webhooks.EVENTS`)."""
        self.subscriptions.exclude(event__in=events).delete()
        WebhookSubscription.objects.bulk_create(
            [WebhookSubscription(endpoint=self, event=e) for e in events], ignore_conflicts=True
        )


class WebhookSubscription(models.Model):
    """An endpoint wants one event (a name from `advisor.outreach.webhooks.EVENTS`)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(max_length=40, verbose_name=_("event"))

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="one_subscription_per_event")
        ]

    def __str__(self):
        return f"{self.endpoint} ← {self.event}"


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: each attempt's response is recorded here."""

    PENDING, DELIVERED, FAILED, CANCELLED = "pending", "delivered", "failed", "cancelled"

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(max_length=40, verbose_name=_("event"))
    delivery_id = models.UUIDField(
        unique=True, default=uuid.uuid4, editable=False, verbose_name=_("delivery id")
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessment"),
    )
    contact_request = models.ForeignKey(
        ContactRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact request"),
    )
    status = models.CharField(
        max_length=10,
        choices=[(s, s) for s in (PENDING, DELIVERED, FAILED, CANCELLED)],
        default=PENDING,
        db_index=True,
        verbose_name=_("status"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last attempt at"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))
    response_status = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("response status")
    )
    response_body = models.TextField(
        blank=True, help_text=_("The start of the last response."), verbose_name=_("response body")
    )
    duration_ms = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("duration ms"))
    error = models.TextField(blank=True, verbose_name=_("error"))

    class Meta:
        verbose_name = _("webhook delivery")
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.endpoint} ({self.status})"
