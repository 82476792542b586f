"""Signed webhooks: endpoints admins register are told when a founder completes a result
or asks to be contacted.

The events are a registry in code (`EVENTS`): each `WebhookEvent` has its name, the
words admin shows for it, and the builder of its part of the body. Endpoints subscribe
with rows (`WebhookSubscription`), so a new event is a new `@webhook_event` function here
and no migration.

A founder's request only writes a delivery row and a job; the job queue POSTs it, retries
with backoff on anything but a 2xx answer, and records every attempt's response on the
delivery. Each POST carries

    Advisor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

(see `signature` and `verify`, and the README). Redirects are not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from advisor.models import Job, WebhookDelivery, WebhookEndpoint
from advisor.ops.jobs import job_enqueue, job_handler

SIGNATURE_HEADER = "Advisor-Signature"
TOLERANCE_SECONDS = 300  # how old a signature a receiver should still accept
MAX_ATTEMPTS = 6  # the first try and five retries, over about 2½ hours
BODY_KEPT = 2000  # characters of each response kept on the delivery


@dataclass(frozen=True)
class WebhookEvent:
    """One kind of event an endpoint may subscribe to. `payload` gives the event's part
    of the body for a delivery, or None when what it was about is gone."""

    name: str  # as sent in `Advisor-Event` and the body's "event"
    verbose_name: str  # as admin shows it
    payload: Callable[[WebhookDelivery, str], dict | None]


EVENTS: dict[str, WebhookEvent] = {}


def webhook_event(name: str, verbose_name: str):
    """Register the decorated payload builder as the event `name`."""

    def register(payload):
        EVENTS[name] = WebhookEvent(name, verbose_name, payload)
        return payload

    return register


def event_choices() -> list[tuple[str, str]]:
    return [(e.name, e.verbose_name) for e in EVENTS.values()]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    """What a receiver does: the signature matches and is recent."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def event_enqueue(*, event: str, site: str, assessment=None, contact_request=None) -> int:
    """A delivery and a job for each active endpoint that wants `event`; how many.
    `site` is the address results are linked from (`https://advisor.example.com`)."""
    if event not in EVENTS:
        raise ValueError(f"No webhook event is called {event!r}: see webhooks.EVENTS.")
    endpoints = WebhookEndpoint.objects.filter(is_active=True, subscriptions__event=event)
    count = 0
    for endpoint in endpoints.only("pk"):
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, assessment=assessment, contact_request=contact_request
        )
        job_enqueue(
            kind="webhook.deliver",
            payload={"delivery": delivery.pk, "site": site.rstrip("/")},
            max_attempts=MAX_ATTEMPTS,
        )
        count += 1
    return count


def body_of(delivery: WebhookDelivery, site: str) -> dict | None:
    """What the endpoint is sent; None when what it was about is gone (a contact request
    withdrawn or deleted), or the event is no longer one the site sends."""
    event = EVENTS.get(delivery.event)
    payload = event and event.payload(delivery, site)
    if payload is None:
        return None
    return {
        "event": delivery.event,
        "delivery": str(delivery.delivery_id),
        "created": delivery.created_at.isoformat(),
        **payload,
    }


RESULT_COMPLETED = "result.completed"
CONTACT_REQUESTED = "contact.requested"


@webhook_event(RESULT_COMPLETED, "result completed")
def _result_completed(delivery: WebhookDelivery, site: str) -> dict | None:
    """A founder confirmed their answers."""
    if delivery.assessment is None:
        return None
    return {"result": _result(delivery.assessment, site)}


@webhook_event(CONTACT_REQUESTED, "contact requested")
def _contact_requested(delivery: WebhookDelivery, site: str) -> dict | None:
    """A founder asked to talk to someone about the hire."""
    contact = delivery.contact_request
    if delivery.assessment is None or contact is None:
        return None
    return {
        "result": _result(delivery.assessment, site),
        "contact": {
            "name": contact.name,
            "email": contact.email,
            "consent_text": contact.consent_text,
            "consented_at": contact.consented_at.isoformat(),
        },
    }


def _result(assessment, site: str) -> dict:
    outcome = (assessment.snapshot or {}).get("outcome", {})
    return {
        "url": site + reverse("result", args=[assessment.token]),
        "recommendation": assessment.recommendation,
        "confidence": assessment.confidence,
        "specialist": outcome.get("specialist", ""),
        "later_hire": outcome.get("later_hire", ""),
        "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else None,
        "source": _source(getattr(assessment, "attribution", None)),
    }


def _source(source) -> dict:
    if source is None:
        return {"label": "direct or unknown", "utm": {}, "referrer": "", "embedded_on": ""}
    return {
        "label": source.label,
        "utm": {f: getattr(source, f) for f in source.UTM_FIELDS if getattr(source, f)},
        "referrer": source.referrer,
        "embedded_on": source.embed_origin + source.embed_path,
    }


class DeliveryFailed(Exception):
    """The endpoint did not answer with a 2xx: the job is retried later."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is the endpoint's answer, not somewhere else to send the data


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, data: bytes, headers: dict) -> tuple[int | None, str, str]:
    """(status, the start of the response, error) of one POST."""
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, response.read(BODY_KEPT).decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as error:
        with error:
            text = error.read(BODY_KEPT).decode("utf-8", "replace")
        return error.code, text, ""
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, "", str(getattr(error, "reason", error))[:500]


@job_handler("webhook.deliver")
def _deliver(job: Job):
    delivery = (
        WebhookDelivery.objects.select_related(
            "endpoint", "assessment__attribution", "contact_request"
        )
        .filter(pk=job.payload["delivery"])
        .first()
    )
    if delivery is None or delivery.status in (
        WebhookDelivery.DELIVERED,
        WebhookDelivery.CANCELLED,
    ):
        return {"skipped": True}
    body = body_of(delivery, job.payload.get("site", ""))
    if body is None or not delivery.endpoint.is_active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.CANCELLED)
        return {"cancelled": True}
    data = json.dumps(body, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "HiringAdvisor-Webhooks/1",
        "Advisor-Event": delivery.event,
        "Advisor-Delivery": str(delivery.delivery_id),
        SIGNATURE_HEADER: signature(delivery.endpoint.secret, timestamp, data),
    }
    started = time.monotonic()
    status, text, error = _post(delivery.endpoint.url, data, headers)
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    if ok:
        state = WebhookDelivery.DELIVERED
    elif job.attempts >= job.max_attempts:
        state = WebhookDelivery.FAILED
    else:
        state = WebhookDelivery.PENDING
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=state,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
        delivered_at=now if ok else None,
        response_status=status,
        response_body=text,
        duration_ms=round((time.monotonic() - started) * 1000),
        error=error or ("" if ok else f"HTTP {status}"),
    )
    if not ok:
        raise DeliveryFailed(f"{delivery.endpoint.url}: {error or f'HTTP {status}'}")
    return {"status": status}
