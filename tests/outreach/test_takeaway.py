"""Taking the advice elsewhere: "email me this result", "email me a link to finish later",
resume links with their own tokens, and a new tab from a frame. Emails go through the job
queue, and the address is not kept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.models import Assessment, Job, ResumeLink
from advisor.ops import jobs
from tests.conftest import AI_ANSWERS, complete

ADDRESS = "founder@example.com"


def answer(client, n: int, prefix: str = "") -> None:
    for slug, choice in list(AI_ANSWERS.items())[:n]:
        assert client.post(f"{prefix}/wizard/{slug}/", {slug: choice}).status_code == 303


def nothing_keeps(address: str) -> None:
    """No row in the job queue holds the address any more (payload, result or error)."""
    for row in Job.objects.values("payload", "result", "error"):
        assert address not in str(row), row


def test_emailing_a_result_is_queued_sent_by_the_worker_and_the_address_forgotten(client, bank):
    url = complete(client, AI_ANSWERS)
    token = url.split("/")[2]
    response = client.post(reverse("result_email", args=[token]), {"email": ADDRESS})
    assert response.status_code == 200
    assert "On its way" in response.content.decode()
    assert mail.outbox == []  # not sent inside the request
    assert jobs.jobs_run_due() == 1
    (sent,) = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.subject == "Your Hiring Advisor result: hire AI Engineer first"
    assert f"http://testserver/r/{token}/" in sent.body
    assert "have not kept it" in sent.body
    nothing_keeps(ADDRESS)
    assert Job.objects.get().status == Job.DONE


def test_a_bad_address_is_refused_on_the_page(client, bank):
    token = complete(client, AI_ANSWERS).split("/")[2]
    response = client.post(reverse("result_email", args=[token]), {"email": "not an address"})
    assert response.status_code == 422
    assert "Enter an email address like name@example.com." in response.content.decode()
    assert Job.objects.count() == 0


def test_an_email_that_cannot_be_sent_is_retried_and_then_forgotten(client, bank, settings):
    settings.EMAIL_BACKEND = "tests.outreach.test_takeaway.RefusingBackend"
    token = complete(client, AI_ANSWERS).split("/")[2]
    client.post(reverse("result_email", args=[token]), {"email": ADDRESS})
    job = Job.objects.get()
    for _ in range(job.max_attempts):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        jobs.jobs_run_due()
        job.refresh_from_db()
        if job.status != Job.FAILED:
            assert ADDRESS in str(job.payload)  # still needed for the next attempt
    assert job.status == Job.FAILED and job.attempts == job.max_attempts
    assert "<address>" in job.error
    nothing_keeps(ADDRESS)


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        from smtplib import SMTPRecipientsRefused

        raise SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such user")})


def test_asking_for_emails_is_rate_limited_per_client(client, bank, settings):
    settings.EMAILS_PER_HOUR = 2
    token = complete(client, AI_ANSWERS).split("/")[2]
    url = reverse("result_email", args=[token])
    assert client.post(url, {"email": ADDRESS}).status_code == 200
    assert client.post(url, {"email": ADDRESS}).status_code == 200
    limited = client.post(url, {"email": ADDRESS})
    assert limited.status_code == 429
    assert Job.objects.count() == 2


def test_finish_later_emails_a_link_of_its_own_that_opens_the_draft_elsewhere(client, bank):
    answer(client, 3)
    draft = Assessment.objects.drafts().get()
    response = client.post(reverse("finish_later"), {"email": ADDRESS})
    assert response.status_code == 200 and "On its way" in response.content.decode()
    jobs.jobs_run_due()
    (sent,) = mail.outbox
    assert "You have answered 3 questions" in sent.body
    link = re.search(r"http://testserver(/resume/[\w-]+/)", sent.body).group(1)
    revoke = re.search(r"http://testserver(/resume/[\w-]+/revoke/)", sent.body).group(1)
    assert draft.token not in sent.body
    nothing_keeps(ADDRESS)

    # Another browser carries on from the fourth question and finishes.
    other = Client()
    response = other.get(link)
    assert response.status_code == 303
    assert response["Location"] == reverse("wizard")
    assert other.get(reverse("wizard"))["Location"] == reverse("step", args=["training-data"])
    url = complete(other, dict(list(AI_ANSWERS.items())[3:]))
    assert url == f"/r/{draft.token}/"

    # Once revoked, the link opens nothing.
    assert "Turn this link off?" in Client().get(revoke).content.decode()
    Client().post(revoke)
    gone = Client().get(link)
    assert gone.status_code == 410
    assert "This link was turned off" in gone.content.decode()


def test_a_resume_link_opened_after_the_result_was_made_shows_it_as_the_owners(client, bank):
    answer(client, 2)
    draft = Assessment.objects.drafts().get()
    client.post(reverse("finish_later"), {"email": ADDRESS})
    jobs.jobs_run_due()
    link = re.search(r"/resume/[\w-]+/", mail.outbox[0].body).group(0)
    complete(client, dict(list(AI_ANSWERS.items())[2:]))
    other = Client()
    response = other.get(link)
    assert response["Location"] == f"/r/{draft.token}/"
    assert "Your result: hire first" in other.get(response["Location"]).content.decode()


def test_a_resume_link_asks_before_replacing_other_answers_in_progress(client, bank):
    answer(client, 2)
    link = ResumeLink.objects.create(
        assessment=Assessment.objects.drafts().get(),
        kind=ResumeLink.EMAIL,
        expires_at=timezone.now() + timedelta(days=1),
    )
    other = Client()
    answer(other, 1)
    mine = Assessment.objects.drafts().exclude(pk=link.assessment_id).get()
    page = other.get(reverse("resume", args=[link.token]))
    assert page.status_code == 200
    assert "Replace them and carry on" in page.content.decode()
    assert Assessment.objects.filter(pk=mine.pk).exists()
    assert other.post(reverse("resume", args=[link.token])).status_code == 303
    assert not Assessment.objects.filter(pk=mine.pk).exists()


def test_an_expired_link_opens_nothing(client, bank):
    answer(client, 1)
    link = ResumeLink.objects.create(
        assessment=Assessment.objects.drafts().get(),
        kind=ResumeLink.EMAIL,
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    response = Client().get(reverse("resume", args=[link.token]))
    assert response.status_code == 410
    assert "This link has expired." in response.content.decode()


def test_finish_later_without_answers_has_nothing_to_send(client, bank):
    page = client.get(reverse("finish_later")).content.decode()
    assert "There is nothing to keep yet" in page
    client.post(reverse("finish_later"), {"email": ADDRESS})
    assert Job.objects.count() == 0


@pytest.fixture
def embeddable(settings):
    settings.EMBED_ORIGINS = ["https://blog.example.com"]


def test_a_new_tab_from_the_frame_gets_a_one_time_link_to_the_draft(client, bank, embeddable):
    answer(client, 3, prefix="/embed")
    draft = Assessment.objects.drafts().get()
    page = client.post("/embed/wizard/new-tab/")
    html = page.content.decode()
    link = re.search(r'href="(/resume/[\w-]+/)" target="_blank"', html).group(1)
    assert draft.token not in html
    fragment = client.post("/embed/wizard/new-tab/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<p id="new-tab"') and "Open your answers in a new tab" in fragment

    tab = Client()  # the site's own cookies: nothing of the frame's
    assert tab.get(link)["Location"] == reverse("wizard")
    assert tab.get(reverse("wizard"))["Location"] == reverse("step", args=["training-data"])
    again = Client().get(link)
    assert again.status_code == 410 and "it works once" in again.content.decode()


def test_new_tab_links_are_rate_limited_per_client(client, bank, embeddable, settings):
    settings.NEW_TAB_LINKS_PER_HOUR = 3
    answer(client, 1, prefix="/embed")
    assert client.post("/embed/wizard/new-tab/").status_code == 200
    assert client.post("/embed/wizard/new-tab/").status_code == 200
    assert client.post("/embed/wizard/new-tab/").status_code == 200
    assert client.post("/embed/wizard/new-tab/").status_code == 429
    assert ResumeLink.objects.count() == 3


def test_a_new_tab_without_answers_opens_the_advisor_itself(client, bank, embeddable):
    html = client.post("/embed/wizard/new-tab/").content.decode()
    assert 'href="/wizard/" target="_blank"' in html
    assert ResumeLink.objects.count() == 0


def test_the_frames_emails_link_to_the_sites_own_pages(client, bank, embeddable):
    answer(client, 2, prefix="/embed")
    client.post("/embed/wizard/later/", {"email": ADDRESS})
    jobs.jobs_run_due()
    body = mail.outbox[0].body
    assert "http://testserver/resume/" in body and "/embed/" not in body
