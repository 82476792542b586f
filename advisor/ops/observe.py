"""What an operator sees of each request: its id (advisor/ops/logs.py), its count and time
by view in the metrics (advisor/ops/metrics.py), and a log line when it is slow.

`RequestIdMiddleware` is the outermost middleware, so it sees every response, the health
probes' and the 503s included. A request slower than `SLOW_REQUEST_MS` is logged as a
warning with its view, status, time and number of database queries; with `LOG_LEVEL=INFO`
every request is logged so.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connection

from advisor.ops import logs, metrics

logger = logging.getLogger("advisor.request")
STATIC_PREFIX = "/static/"


class _QueryCount:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def view_of(request) -> str:
    """A bounded label for the request's view: its URL name, or what answered it."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    if request.path in ("/healthz", "/readyz"):
        return request.path.strip("/")
    if request.path.startswith(STATIC_PREFIX):
        return "static"
    return "unrouted"


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Kept for this thread until Django has finished with the request (request_finished),
        # so Django's own lines about its response, written after this returns, carry it too.
        rid = logs.request_id_from(request.headers.get(logs.HEADER))
        logs.request_id.set(rid)
        request.request_id = rid
        queries = _QueryCount()
        started = time.monotonic()
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        response[logs.HEADER] = rid
        self._record(request, response.status_code, started, queries.count)
        return response

    def _record(self, request, status: int, started: float, queries: int) -> None:
        seconds = time.monotonic() - started
        view = view_of(request)
        metrics.request_observed(view=view, method=request.method, status=status, seconds=seconds)
        slow = seconds * 1000 >= settings.SLOW_REQUEST_MS
        level = logging.WARNING if slow else logging.INFO
        if logger.isEnabledFor(level):
            logger.log(
                level,
                "slow request" if slow else "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "view": view,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "queries": queries,
                },
            )
