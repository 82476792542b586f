"""Signed webhooks, delivered by the job queue to a receiver on loopback: the signature,
a retry after a 500, the delivery log, and founders who never wait for a receiver."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.models import (
    Assessment,
    ContactRequest,
    FollowUpSettings,
    Job,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSubscription,
)
from advisor.ops import jobs
from advisor.outreach import followup, webhooks
from tests.conftest import AI_ANSWERS, complete


def endpoint_for(url: str, *events: str, **fields) -> WebhookEndpoint:
    """An endpoint subscribed to `events` (by default, completed results)."""
    endpoint = WebhookEndpoint.objects.create(url=url, **fields)
    endpoint.subscribe(*(events or [webhooks.RESULT_COMPLETED]))
    return endpoint


class Receiver:
    """An HTTP server on loopback that records each POST and answers with the next of
    `statuses` (the last one from then on)."""

    def __init__(self, statuses=(200,), delay: float = 0):
        self.requests: list[dict] = []
        self.statuses = list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                time.sleep(delay)
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                answer = b'{"ok": true}' if status < 300 else b"receiver is down"
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/advisor"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(**kwargs) -> Receiver:
        made.append(Receiver(**kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


def run_due_now() -> int:
    """Run the queue as if the backoff had passed."""
    Job.objects.filter(status=Job.QUEUED).update(run_after=timezone.now())
    return jobs.jobs_run_due()


def test_a_completed_result_is_delivered_signed_and_retried_after_a_500(client, bank, receiver):
    hook = receiver(statuses=(500, 200))
    endpoint = endpoint_for(hook.url)
    url = complete(client, AI_ANSWERS)
    token = url.split("/")[2]
    assert hook.requests == []  # the founder's request sent nothing

    jobs.jobs_run_due()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert delivery.response_body == "receiver is down"
    assert jobs.jobs_run_due() == 0  # backing off

    run_due_now()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 2, 200)
    assert delivery.response_body == '{"ok": true}' and delivery.delivered_at is not None
    assert len(hook.requests) == 2

    for sent in hook.requests:
        headers, body = sent["headers"], sent["body"]
        assert webhooks.verify(endpoint.secret, headers["Advisor-Signature"], body)
        assert not webhooks.verify("another-secret", headers["Advisor-Signature"], body)
        assert not webhooks.verify(endpoint.secret, headers["Advisor-Signature"], body + b" ")
        assert headers["Advisor-Event"] == "result.completed"
        assert headers["Advisor-Delivery"] == str(delivery.delivery_id)
        assert headers["Content-Type"] == "application/json"
        # the documented format, checked by hand
        stamp, mac = headers["Advisor-Signature"].split(",")
        assert stamp.startswith("t=") and mac.startswith("v1=") and len(mac) == 3 + 64
    payload = json.loads(hook.requests[-1]["body"])
    assert payload["event"] == "result.completed"
    assert payload["result"]["url"] == f"http://testserver/r/{token}/"
    assert payload["result"]["recommendation"] == "ai-engineer"
    assert payload["result"]["source"]["label"] == "direct or unknown"


def test_an_old_signature_is_refused():
    body = b'{"event": "result.completed"}'
    header = webhooks.signature("s3cret", int(time.time()) - 301, body)
    assert not webhooks.verify("s3cret", header, body)
    assert webhooks.verify("s3cret", header, body, now=time.time() - 2)
    assert not webhooks.verify("s3cret", "t=abc,v1=00", body)


def test_a_delivery_that_keeps_failing_is_logged_as_failed(client, bank, receiver):
    hook = receiver(statuses=(503,))
    endpoint_for(hook.url)
    complete(client, AI_ANSWERS)
    for _ in range(webhooks.MAX_ATTEMPTS):
        run_due_now()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == ("failed", 6, "HTTP 503")
    assert Job.objects.get().status == Job.FAILED
    assert len(hook.requests) == webhooks.MAX_ATTEMPTS


def test_an_unreachable_endpoint_is_logged_with_the_error(client, bank, receiver):
    hook = receiver()
    hook.close()  # nothing listens there any more
    endpoint_for(hook.url)
    complete(client, AI_ANSWERS)
    jobs.jobs_run_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.response_status is None
    assert "refused" in delivery.error.lower()


def test_redirects_are_not_followed(client, bank, receiver):
    hook = receiver(statuses=(302,))
    endpoint_for(hook.url)
    complete(client, AI_ANSWERS)
    jobs.jobs_run_due()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == ("pending", 302)
    assert len(hook.requests) == 1


def test_only_active_endpoints_that_want_the_event_get_it(client, bank, receiver):
    hook = receiver()
    endpoint_for(hook.url, is_active=False)
    endpoint_for(hook.url, webhooks.CONTACT_REQUESTED)
    WebhookEndpoint.objects.create(url=hook.url)  # subscribed to nothing
    wanted = endpoint_for(hook.url, description="CRM")
    complete(client, AI_ANSWERS)
    assert list(WebhookDelivery.objects.values_list("endpoint", flat=True)) == [wanted.pk]


def test_a_founder_never_waits_for_a_slow_receiver(client, bank, receiver):
    hook = receiver(delay=3)
    endpoint_for(hook.url)
    for slug, choice in AI_ANSWERS.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    started = time.monotonic()
    response = client.post(reverse("check"))
    assert response.status_code == 303
    assert time.monotonic() - started < 1
    assert hook.requests == []


def test_a_contact_request_is_delivered_unless_it_was_withdrawn_first(client, bank, receiver):
    FollowUpSettings(enabled=True).save()
    hook = receiver()
    endpoint = endpoint_for(hook.url, webhooks.CONTACT_REQUESTED)
    token = complete(client, AI_ANSWERS).split("/")[2]
    data = {"name": "Jo Founder", "email": "jo@example.com", "consent": "on"}
    client.post(reverse("contact", args=[token]), data)
    jobs.jobs_run_due()
    (sent,) = hook.requests
    assert webhooks.verify(endpoint.secret, sent["headers"]["Advisor-Signature"], sent["body"])
    payload = json.loads(sent["body"])
    assert payload["event"] == "contact.requested"
    assert payload["contact"]["email"] == "jo@example.com"
    assert payload["contact"]["consent_text"] == FollowUpSettings.objects.get().consent_text

    # withdrawn before the worker got to it: nothing is sent
    client.post(reverse("contact", args=[token]), {**data, "name": "Al"})
    second = ContactRequest.objects.get(name="Al")
    followup.contact_request_withdraw(contact=second)
    jobs.jobs_run_due()
    assert len(hook.requests) == 1
    assert WebhookDelivery.objects.filter(status="cancelled").count() == 1


def test_admins_see_each_delivery_with_its_response_and_can_send_it_again(client, bank, receiver):
    hook = receiver(statuses=(500,))
    endpoint = endpoint_for(hook.url, description="CRM")
    complete(client, AI_ANSWERS)
    jobs.jobs_run_due()
    delivery = WebhookDelivery.objects.get()
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "a@example.com", "long-pass-phrase"))
    listing = admin.get(reverse("admin:advisor_webhookdelivery_changelist"), {"status": "pending"})
    assert "result.completed" in listing.content.decode() and "CRM" in listing.content.decode()
    detail = admin.get(reverse("admin:advisor_webhookdelivery_change", args=[delivery.pk]))
    assert "receiver is down" in detail.content.decode()
    endpoint_page = admin.get(reverse("admin:advisor_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret in endpoint_page.content.decode()

    hook.statuses = [200]
    admin.post(
        reverse("admin:advisor_webhookdelivery_changelist"),
        {"action": "send_again", "_selected_action": [delivery.pk]},
    )
    jobs.jobs_run_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == ("delivered", 200)


# --- the events as a registry, endpoints subscribed by rows ----------------------------


def test_every_event_in_the_registry_has_words_and_a_payload_builder():
    assert set(webhooks.EVENTS) == {"result.completed", "contact.requested"}
    for name, event in webhooks.EVENTS.items():
        assert event.name == name and event.verbose_name and callable(event.payload)
    with pytest.raises(ValueError, match="No webhook event is called 'result.deleted'"):
        webhooks.event_enqueue(event="result.deleted", site="http://x")


def test_a_new_event_needs_only_a_registered_builder(client, bank, receiver, monkeypatch):
    monkeypatch.setattr(webhooks, "EVENTS", dict(webhooks.EVENTS))

    @webhooks.webhook_event("result.shared", "result shared")
    def shared(delivery, site):
        return {"shared": delivery.assessment.token}

    hook = receiver()
    endpoint_for(hook.url, "result.shared")
    token = complete(client, AI_ANSWERS).split("/")[2]
    assert WebhookDelivery.objects.count() == 0  # this endpoint does not want that one
    made = webhooks.event_enqueue(
        event="result.shared", site="http://testserver", assessment=Assessment.objects.get()
    )
    assert made == 1
    jobs.jobs_run_due()
    (sent,) = hook.requests
    assert sent["headers"]["Advisor-Event"] == "result.shared"
    assert json.loads(sent["body"])["shared"] == token


def test_admins_pick_the_events_of_an_endpoint(bank):
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "a@example.com", "long-pass-phrase"))
    add = reverse("admin:advisor_webhookendpoint_add")
    page = admin.get(add).content.decode()
    assert 'value="result.completed"' in page and "contact requested" in page
    data = {"url": "crm.example.com/hooks", "description": "CRM", "is_active": "on"}
    data |= {"secret": "s" * 40, "events": ["result.completed", "contact.requested"]}
    assert admin.post(add, data).status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.url == "https://crm.example.com/hooks"
    assert endpoint.events() == ["contact.requested", "result.completed"]
    change = reverse("admin:advisor_webhookendpoint_change", args=[endpoint.pk])
    assert admin.post(change, {**data, "events": ["contact.requested"]}).status_code == 302
    assert endpoint.events() == ["contact.requested"]
    listing = admin.get(reverse("admin:advisor_webhookendpoint_changelist")).content.decode()
    assert "contact requested" in listing
    refused = admin.post(change, {**data, "events": ["result.deleted"]})
    assert refused.status_code == 200
    assert "not one of the available choices" in refused.content.decode()
    assert endpoint.events() == ["contact.requested"]


def test_the_migration_turns_each_ticked_column_into_a_subscription(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("advisor.migrations.0017_webhook_subscriptions")
    both = WebhookEndpoint.objects.create(url="https://a.example", on_contact_requested=True)
    none = WebhookEndpoint.objects.create(url="https://b.example", on_result_completed=False)
    migration.rows_from_columns(apps, None)
    assert both.events() == ["contact.requested", "result.completed"]
    assert none.events() == []
    WebhookSubscription.objects.filter(endpoint=both, event="result.completed").delete()
    migration.columns_from_rows(apps, None)  # and back
    both.refresh_from_db()
    assert (both.on_result_completed, both.on_contact_requested) == (False, True)
