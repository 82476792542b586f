"""Per-client limits kept in the database: drafts and results made, failed admin logins."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from advisor.database import best_effort
from advisor.models import Attempt

HOUR = timedelta(hours=1)


def client_of(request) -> str:
    # Behind a proxy that sets X-Forwarded-For, TRUSTED_PROXY_COUNT says how many hops
    # to trust; otherwise only the socket's address counts, which a client cannot forge.
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def is_limited(scope: str, client: str, *, limit: int, window: timedelta) -> bool:
    since = timezone.now() - window
    return Attempt.objects.filter(scope=scope, client=client, at__gte=since).count() >= limit


def record(scope: str, client: str, *, window: timedelta) -> None:
    """Count one event. Best effort: a founder's page never fails because its count could
    not be written (the limit is then a little looser while the database is unwell)."""
    with best_effort(f"A {scope!r} rate-limit record"):
        Attempt.objects.create(scope=scope, client=client)
        # Forget what no longer counts, so the table stays small.
        Attempt.objects.filter(scope=scope, at__lt=timezone.now() - window).delete()


def clear(scope: str, client: str) -> None:
    Attempt.objects.filter(scope=scope, client=client).delete()


class Limited(Exception):
    """Refused by a rate limit: the message says what to do."""
