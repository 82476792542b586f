"""Per-client limits kept in the database: drafts, results, teams, emails, new-tab links
and failed admin sign-ins.

`allow(key, limit, per)` is the one call: a token bucket per key, one row each, that holds
`limit` tokens and refills at `limit` per `per`. Taking a token is a single UPDATE whose
WHERE clause asks for a whole token, so two callers can never both take the last one
(PostgreSQL re-checks the WHERE on the row it waited for; SQLite has one writer).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, FloatField, Value
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual

from advisor.models import RateLimit
from advisor.ops.database import best_effort

HOUR = timedelta(hours=1)
# The longest `per` a limit may have: a row untouched this long is a full bucket again,
# which is what no row means, so `purge_drafts` deletes it.
LONGEST = timedelta(days=1)


class Limited(Exception):
    """Refused by a rate limit: the message says what to do."""


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


def key_of(scope: str, request) -> str:
    """This client's key for one limit, e.g. `result:<keyed hash of the address>`."""
    return f"{scope}:{client_of(request)}"


def _take(key: str, limit: int, per: timedelta, now: float) -> bool:
    """Take one token from an existing row in one UPDATE; False when the row is missing
    or holds less than a whole token."""
    value = lambda v: Value(float(v), output_field=FloatField())  # noqa: E731
    elapsed = Greatest(value(now) - F("updated"), value(0))
    tokens = Least(value(limit), F("tokens") + elapsed * value(limit / per.total_seconds()))
    rows = RateLimit.objects.filter(GreaterThanOrEqual(tokens, value(1)), key=key)
    return rows.update(tokens=tokens - value(1), updated=value(now)) == 1


def allow(key: str, limit: int, per: timedelta) -> bool:
    """Count one event for `key`: True while fewer than about `limit` happened in the last
    `per` (a burst of `limit`, then one every `per / limit`), else False and nothing counted.

    Best effort: if the database refuses the write, the event is allowed and the failure
    logged, so a page never fails because its count could not be kept."""
    if limit < 1:
        return False
    if per > LONGEST:
        raise ValueError(f"a rate limit's period is at most {LONGEST}, not {per}")
    taken = None
    with best_effort(f"A {key.partition(':')[0]!r} rate-limit record"):
        taken = _allow(key, limit, per, time.time())
    return True if taken is None else taken


def _allow(key: str, limit: int, per: timedelta, now: float) -> bool:
    if _take(key, limit, per, now):
        return True
    try:
        with transaction.atomic():
            RateLimit.objects.create(key=key, tokens=limit - 1, updated=now)
        return True
    except IntegrityError:
        # The row exists: empty, or made by another caller in between.
        return _take(key, limit, per, now)


def forget(key: str) -> None:
    """A full bucket again for `key` (a successful sign-in forgets the failures)."""
    with best_effort(f"Forgetting a {key.partition(':')[0]!r} rate limit"):
        RateLimit.objects.filter(key=key).delete()


def purge(*, now: float | None = None) -> int:
    """Delete the rows of buckets that are full again; returns how many."""
    now = time.time() if now is None else now
    count, _ = RateLimit.objects.filter(updated__lt=now - LONGEST.total_seconds()).delete()
    return count
