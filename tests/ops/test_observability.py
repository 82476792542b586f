"""What an operator sees: a request id in the response and every log line, JSON logs, slow
requests logged with their view and queries, and metrics that only staff or the scraper get."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client

from advisor.models import Job
from advisor.ops import jobs
from advisor.ops.logs import JsonFormatter


def test_the_response_returns_the_id_nginx_sent_or_a_new_one(bank):
    sent = Client(HTTP_X_REQUEST_ID="5f0c2b8e9d7a4c1b")
    assert sent.get("/")["X-Request-ID"] == "5f0c2b8e9d7a4c1b"
    assert sent.get("/healthz")["X-Request-ID"] == "5f0c2b8e9d7a4c1b"
    made = Client().get("/")["X-Request-ID"]
    assert len(made) == 32 and made != Client().get("/")["X-Request-ID"]
    forged = Client(HTTP_X_REQUEST_ID='x"\n{"level":"ERROR"}').get("/")["X-Request-ID"]
    assert len(forged) == 32 and forged.isalnum()  # not a log line of its own


def test_slow_requests_are_logged_as_json_with_their_id_view_and_queries(bank, settings, caplog):
    settings.SLOW_REQUEST_MS = 0
    with caplog.at_level(logging.WARNING, logger="advisor.request"):
        response = Client(HTTP_X_REQUEST_ID="slow-request-0001").get("/wizard/use-case/")
    (record,) = [r for r in caplog.records if r.name == "advisor.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "slow request" and line["level"] == "WARNING"
    assert line["request_id"] == response["X-Request-ID"] == "slow-request-0001"
    assert (line["view"], line["status"], line["method"]) == ("step", 200, "GET")
    assert line["queries"] >= 1 and line["duration_ms"] >= 0


def test_other_django_log_lines_carry_the_id(bank, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = Client(HTTP_X_REQUEST_ID="not-found-000001").get("/r/no-such-token/")
    assert response.status_code == 404
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert json.loads(JsonFormatter().format(record))["request_id"] == "not-found-000001"


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(
        User.objects.create_user("ops", "o@example.com", "long-pass-phrase", is_staff=True)
    )
    return client


def test_metrics_refuse_anonymous_visitors_and_founders(bank):
    assert Client().get("/metrics").status_code == 403
    founder = Client()
    founder.force_login(User.objects.create_user("founder", "f@example.com", "long-pass-phrase"))
    assert founder.get("/metrics").status_code == 403
    assert Client(HTTP_AUTHORIZATION="Bearer guess").get("/metrics").status_code == 403


def test_metrics_show_requests_by_view_and_the_job_queue(bank, staff, settings):
    Client().get("/wizard/use-case/")
    jobs.job_enqueue(kind="nobody-knows")
    Job.objects.create(kind="x", status=Job.RUNNING, run_after="2026-01-01T00:00:00Z")
    response = staff.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'advisor_requests_total{method="GET",status="200",view="step"}' in text
    assert 'advisor_request_seconds_count{view="step"}' in text
    assert 'advisor_jobs{status="queued"} 1.0' in text
    assert 'advisor_jobs{status="running"} 1.0' in text
    assert "advisor_job_oldest_due_seconds" in text and "advisor_database_up 1.0" in text
    assert "advisor_results_last_hour" in text and "advisor_results_completed_total" in text
    settings.METRICS_TOKEN = "scraper-secret-token"
    scraper = Client(HTTP_AUTHORIZATION="Bearer scraper-secret-token")
    assert scraper.get("/metrics").status_code == 200
