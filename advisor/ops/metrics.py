"""Prometheus metrics at /metrics, for staff or a scraper holding `METRICS_TOKEN`.

Counted as requests are served (prometheus-client): requests by view, method and status,
and their time by view; results completed. gunicorn runs several worker processes, so
deploy/gunicorn.conf.py points `PROMETHEUS_MULTIPROC_DIR` at a directory where every worker
writes its figures and a scrape adds them up; each app server is scraped on its own and
Prometheus adds servers up (`sum by (view)`).

Read from the database at each scrape (each from an index, none growing with the number of
results): the job queue by status, the age of the oldest job due, results completed in the
last hour, and whether the database answers and how fast.
"""

from __future__ import annotations

import hmac
import os
import time
from datetime import timedelta

from django.conf import settings
from django.db import Error, connection
from django.db.models import Count, Min
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "advisor_requests_total",
    "Requests answered, by view, method and status",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "advisor_request_seconds",
    "Time to answer a request, by view",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RESULTS = Counter("advisor_results_completed_total", "Results completed by founders in the wizard")


def request_observed(*, view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view, method, str(status)).inc()
    LATENCY.labels(view).observe(seconds)


class DatabaseCollector:
    """Figures read from the database when scraped."""

    def collect(self):
        from advisor.models import Assessment, Job

        up = GaugeMetricFamily("advisor_database_up", "1 when the database answers a read")
        took = GaugeMetricFamily(
            "advisor_database_seconds", "Time the database took to answer a read"
        )
        started = time.monotonic()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Error:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        took.add_metric([], time.monotonic() - started)
        yield from (up, took)
        now = timezone.now()
        jobs = GaugeMetricFamily("advisor_jobs", "Jobs in the queue, by status", labels=["status"])
        counts = dict(
            Job.objects.filter(status__in=[Job.QUEUED, Job.RUNNING])
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        for status in (Job.QUEUED, Job.RUNNING):
            jobs.add_metric([status], counts.get(status, 0))
        yield jobs
        oldest = Job.objects.filter(status=Job.QUEUED, run_after__lte=now).aggregate(
            at=Min("run_after")
        )["at"]
        age = GaugeMetricFamily(
            "advisor_job_oldest_due_seconds", "How long the oldest job due has waited"
        )
        age.add_metric([], (now - oldest).total_seconds() if oldest else 0)
        yield age
        hour = GaugeMetricFamily("advisor_results_last_hour", "Results completed in the last hour")
        hour.add_metric(
            [], Assessment.objects.filter(completed_at__gte=now - timedelta(hours=1)).count()
        )
        yield hour


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_database_registry())


def _database_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector())
    return registry


def allowed(request) -> bool:
    """Staff signed in, or the scraper's bearer token when one is set."""
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return True
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(sent.encode(), token.encode())


@require_GET
def metrics_view(request):
    if not allowed(request):
        response = HttpResponse(
            "Metrics are for staff or a scraper with the token.\n",
            status=403,
            content_type="text/plain",
        )
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
