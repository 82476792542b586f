"""Liveness and readiness, for load balancers and container health checks.

`/healthz` (alive) stays cheap: the process answers and its database answers one read.
`/readyz` (ready for founders) also proves that the database commits a write and that
every directory the app writes to has `READY_MIN_FREE_MB` free; a load balancer that
gets its 503 stops sending founders whose answers could not be saved.
"""

from __future__ import annotations

import secrets
import shutil

from django.conf import settings
from django.db import Error, connection, transaction

from advisor.models import RateLimit
from advisor.ops.database import drop_connection

# Never a rate-limit key (those are "scope:client"): the row lives only in its transaction,
# under a key of its own so that probes at the same moment never meet on the unique key.
READINESS_KEY = "readiness-{}"
MB = 1024 * 1024


def alive_problems() -> list[str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error as error:
        drop_connection()
        return [f"database does not answer: {error}"]
    return []


def ready_problems() -> list[str]:
    problems = []
    try:
        # A committed write that leaves nothing behind: the row is gone when it commits,
        # but the database still had to take the write lock and write its log.
        with transaction.atomic():
            key = READINESS_KEY.format(secrets.token_hex(8))
            probe = RateLimit.objects.create(key=key, tokens=0, updated=0)
            RateLimit.objects.filter(pk=probe.pk).delete()
    except Error as error:
        drop_connection()
        problems.append(f"database refused a write: {error}")
    for path in settings.READY_DISK_PATHS:
        try:
            free = shutil.disk_usage(path).free
        except OSError as error:
            problems.append(f"{path}: {error}")
            continue
        least = settings.READY_MIN_FREE_MB
        if free < least * MB:
            problems.append(f"{path}: {free // MB} MB free, below READY_MIN_FREE_MB={least}")
    return problems
