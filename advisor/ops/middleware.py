"""Middleware for running in production: health checks for the load balancer, and honest
answers while the database is unavailable."""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpResponse

from advisor.ops import database, health
from advisor.ops.responses import unavailable

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before host checks and the HTTPS redirect: load
    balancers and container health checks call them by IP address, over plain HTTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            problems = health.alive_problems()
        elif request.path == READY_PATH:
            problems = health.ready_problems()
        else:
            return self.get_response(request)
        if problems:
            logger.warning("%s answered 503: %s", request.path, "; ".join(problems))
            response = HttpResponse("\n".join(problems), content_type="text/plain", status=503)
        else:
            response = HttpResponse("ok", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response


class DatabaseFaultMiddleware:
    """While the database is unavailable (restarting, unreachable, out of disk, read-only)
    a founder gets a 503 with Retry-After and a page that says what was not saved, not a
    500; a read that lost its connection is tried once more first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with connection.execute_wrapper(database.retry_read):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if not database.is_unavailable(exception):
            return None
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        database.drop_connection()
        return unavailable(request)
