"""Emails and outreach pages in the founder's language: an email is written in the
language of the page it was asked for on, whatever language the worker runs in, and its
links open in that language."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from advisor.models import FollowUpSettings, Job
from advisor.ops import jobs
from advisor.outreach import followup
from tests.conftest import AI_ANSWERS

ADDRESS = "founder@example.com"


def run_jobs_in_english() -> None:
    """The worker is not a request: it runs in the site's default language."""
    with translation.override("en"):
        jobs.jobs_run_due()


def answer(client, prefix: str, answers: dict) -> None:
    for slug, choice in answers.items():
        assert client.post(f"{prefix}/wizard/{slug}/", {slug: choice}).status_code == 303


def test_a_link_to_finish_later_asked_for_on_a_spanish_page_is_emailed_in_spanish(client, bank):
    answer(client, "/es", dict(list(AI_ANSWERS.items())[:2]))
    html = client.get("/es/wizard/later/").content.decode()
    assert "Terminar más tarde" in html and "Has respondido 2 preguntas." in html
    response = client.post("/es/wizard/later/", {"email": ADDRESS})
    assert "El correo está en camino." in response.content.decode()
    assert Job.objects.get().payload["language"] == "es"
    run_jobs_in_english()
    (sent,) = mail.outbox
    assert sent.subject == "Termina tus respuestas en Hiring Advisor"
    assert "Has respondido 2 preguntas. Abre este enlace" in sent.body
    assert "no la hemos guardado" in sent.body
    assert "You have answered" not in sent.body
    link = re.search(r"http://testserver(/es/resume/[\w-]+/)\n", sent.body).group(1)
    assert re.search(r"http://testserver/es/resume/[\w-]+/revoke/", sent.body)
    # the link opens the answers in Spanish, in another browser
    other = Client()
    response = other.get(link)
    assert response["Location"] == "/es/wizard/"
    assert other.get("/es/wizard/")["Location"] == "/es/wizard/model-role/"


def test_an_english_page_still_emails_in_english(client, bank):
    answer(client, "", dict(list(AI_ANSWERS.items())[:1]))
    client.post("/wizard/later/", {"email": ADDRESS})
    with translation.override("de"):  # a worker in another language changes nothing
        jobs.jobs_run_due()
    (sent,) = mail.outbox
    assert sent.subject == "Finish your Hiring Advisor answers"
    assert "You have answered 1 question. Open this link" in sent.body


def test_a_job_queued_before_emails_had_a_language_is_sent_in_english(client, bank):
    answer(client, "/de", dict(list(AI_ANSWERS.items())[:1]))
    client.post("/de/wizard/later/", {"email": ADDRESS})
    job = Job.objects.get()
    job.payload = {k: v for k, v in job.payload.items() if k != "language"}
    job.save()
    run_jobs_in_english()
    assert mail.outbox[0].subject == "Finish your Hiring Advisor answers"


@pytest.fixture
def offered(db):
    FollowUpSettings(enabled=True, consent_text="You may keep my details to call me.").save()
    followup.forget()
    yield
    followup.forget()


def test_a_contact_request_made_in_german_is_confirmed_in_german(client, bank, offered):
    answer(client, "/de", AI_ANSWERS)
    result = client.post("/de/wizard/check/")["Location"]
    token = result.split("/")[3]
    page = client.get(f"/de/r/{token}/contact/").content.decode()
    assert "Mit jemandem über diese Einstellung sprechen" in page
    assert "Um Kontakt bitten" in page and "Ihre E-Mail-Adresse" in page
    response = client.post(f"/de/r/{token}/contact/", {"name": "Jo", "email": ADDRESS})
    assert response.status_code == 422
    assert "Setzen Sie das Häkchen, um zuzustimmen" in response.content.decode()
    data = {"name": "Jo", "email": ADDRESS, "consent": "on"}
    response = client.post(f"/de/r/{token}/contact/", data, follow=True)
    assert "Vielen Dank: Jemand wird sich bei Ihnen melden" in response.content.decode()
    run_jobs_in_english()
    sent = mail.outbox[-1]
    assert sent.subject == "Sie möchten mit jemandem über Ihre Einstellung sprechen"
    assert sent.body.startswith("Guten Tag Jo,")
    assert f"http://testserver/de/r/{token}/" in sent.body
    withdraw = re.search(r"http://testserver(/de/contact/withdraw/[\w-]+/)", sent.body).group(1)
    assert "Ihre Kontaktanfrage zurückziehen?" in client.get(withdraw).content.decode()
    response = client.post(withdraw)
    assert "Ihre Anfrage ist zurückgezogen" in response.content.decode()


@pytest.mark.parametrize(
    "path,words",
    [
        ("/es/privacy/", "Qué guardamos y durante cuánto tiempo"),
        ("/de/privacy/", "Was wir speichern und wie lange"),
        ("/de/resume/" + "x" * 32 + "/", "Zu diesem Link gibt es keine Antworten."),
        ("/es/contact/withdraw/" + "x" * 32 + "/", "Nada que retirar"),
    ],
)
def test_outreach_pages_are_in_the_language_of_their_address(client, bank, path, words):
    assert words in client.get(path).content.decode()


def test_a_result_emailed_from_a_spanish_page_is_in_spanish(client, bank):
    answer(client, "/es", AI_ANSWERS)
    token = client.post("/es/wizard/check/")["Location"].split("/")[3]
    client.post(f"/es/r/{token}/email/", {"email": ADDRESS})
    run_jobs_in_english()
    (sent,) = mail.outbox
    assert sent.subject == "Tu resultado de Hiring Advisor — primera contratación: Ingeniero de IA"
    assert sent.body.startswith("Hiring Advisor — primera contratación: Ingeniero de IA.")
    assert f"http://testserver/es/r/{token}/" in sent.body
    assert "Usamos tu dirección solo para enviarlo" in sent.body
    assert sent.attachments[0][2] == "application/pdf"
