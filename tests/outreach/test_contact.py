"""'Talk to someone about this hire': off by default, with consent when on, withdrawn
through the emailed link, deleted after the retention period, visible to admins."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.models import DEFAULT_CONSENT, ContactRequest, FollowUpSettings, Job
from advisor.ops import jobs
from advisor.outreach import followup
from tests.conftest import AI_ANSWERS, complete


@pytest.fixture
def offered(db):
    FollowUpSettings(enabled=True, consent_text="You may keep my details to call me.").save()
    followup.forget()
    yield
    followup.forget()


def ask(client, token: str, **data):
    fields = {"name": "Jo Founder", "email": "jo@example.com", "consent": "on"}
    return client.post(reverse("contact", args=[token]), {**fields, **data})


def test_it_is_off_by_default(client, bank):
    url = complete(client, AI_ANSWERS)
    token = url.split("/")[2]
    assert "Talk to someone about this hire" not in client.get(url).content.decode()
    assert client.get(reverse("contact", args=[token])).status_code == 404
    assert ask(client, token).status_code == 404
    assert ContactRequest.objects.count() == 0
    assert FollowUpSettings().consent_text == DEFAULT_CONSENT


def test_turning_it_on_shows_it_on_result_pages_already_cached(client, bank):
    url = complete(client, AI_ANSWERS)
    assert "Talk to someone about this hire" not in client.get(url).content.decode()
    FollowUpSettings(enabled=True).save()  # saving forgets this process's copy at once
    assert "Talk to someone about this hire" in client.get(url).content.decode()
    shared = Client().get(url).content.decode()
    assert "Talk to someone about this hire" in shared


def test_a_request_keeps_name_address_consent_and_time_and_confirms_by_email(client, bank, offered):
    token = complete(client, AI_ANSWERS).split("/")[2]
    page = client.get(reverse("contact", args=[token])).content.decode()
    assert "You may keep my details to call me." in page
    assert "for 90 days" in page
    before = timezone.now()
    response = ask(client, token)
    assert response.status_code == 303
    assert response["Location"] == reverse("contact_thanks", args=[token])
    request = ContactRequest.objects.get()
    assert (request.name, request.email) == ("Jo Founder", "jo@example.com")
    assert request.consent_text == "You may keep my details to call me."
    assert before <= request.consented_at <= timezone.now()
    assert mail.outbox == []
    jobs.jobs_run_due()
    (sent,) = mail.outbox
    assert sent.to == ["jo@example.com"]
    assert "You may keep my details to call me." in sent.body
    assert f"http://testserver/r/{token}/" in sent.body
    assert f"/contact/withdraw/{request.withdraw_token}/" in sent.body


def test_consent_is_required(client, bank, offered):
    token = complete(client, AI_ANSWERS).split("/")[2]
    response = ask(client, token, consent="")
    assert response.status_code == 422
    assert "Tick the box to agree" in response.content.decode()
    assert ContactRequest.objects.count() == 0 and Job.objects.count() == 0


def test_withdrawing_through_the_emailed_link_deletes_the_request(client, bank, offered):
    token = complete(client, AI_ANSWERS).split("/")[2]
    ask(client, token)
    jobs.jobs_run_due()
    path = re.search(r"http://testserver(/contact/withdraw/[\w-]+/)", mail.outbox[0].body)[1]
    stranger = Client()  # the link works in any browser
    page = stranger.get(path).content.decode()
    assert "Withdraw your request to be contacted?" in page
    assert ContactRequest.objects.count() == 1  # a GET changes nothing
    done = stranger.post(path)
    assert "Your request is withdrawn" in done.content.decode()
    assert ContactRequest.objects.count() == 0
    assert stranger.get(path).status_code == 404


def test_a_request_is_deleted_after_the_retention_period(client, bank, offered):
    FollowUpSettings(enabled=True, retention_days=30).save()
    token = complete(client, AI_ANSWERS).split("/")[2]
    ask(client, token)
    ask(client, token, name="Al")
    old, recent = ContactRequest.objects.order_by("pk")
    ContactRequest.objects.filter(pk=old.pk).update(
        consented_at=timezone.now() - timedelta(days=30, minutes=1)
    )
    ContactRequest.objects.filter(pk=recent.pk).update(
        consented_at=timezone.now() - timedelta(days=29, hours=23)
    )
    out = StringIO()
    call_command("purge_drafts", stdout=out)
    assert list(ContactRequest.objects.values_list("name", flat=True)) == ["Al"]
    assert "1 contact requests past their retention period" in out.getvalue()


def test_admins_see_requests_and_export_them(client, bank, offered):
    token = complete(client, AI_ANSWERS).split("/")[2]
    ask(client, token)
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "a@example.com", "long-pass-phrase"))
    listing = admin.get(reverse("admin:advisor_contactrequest_changelist")).content.decode()
    assert "Jo Founder" in listing and "jo@example.com" in listing
    request = ContactRequest.objects.get()
    detail = admin.get(reverse("admin:advisor_contactrequest_change", args=[request.pk]))
    assert "You may keep my details to call me." in detail.content.decode()
    assert "kept 90 days" in detail.content.decode()
    response = admin.get(reverse("admin:advisor_contact_export"), {"q": "Jo"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert (record["name"], record["email"], record["result_token"]) == (
        "Jo Founder",
        "jo@example.com",
        token,
    )
    assert record["consent_text"] == "You may keep my details to call me."
    assert record["source"] == "direct or unknown"
    # the follow-up settings are one page
    settings_page = admin.get(reverse("admin:advisor_followupsettings_changelist"))
    assert settings_page["Location"] == reverse("admin:advisor_followupsettings_change", args=[1])


def test_nothing_stores_a_founders_name_or_address_unless_they_asked_for_contact(
    client, bank, offered
):
    from django.apps import apps

    token = complete(client, AI_ANSWERS).split("/")[2]
    client.post(reverse("result_email", args=[token]), {"email": "private@example.com"})
    jobs.jobs_run_due()
    for model in apps.get_app_config("advisor").get_models():
        for row in model.objects.values():
            assert "private@example.com" not in str(row), model
