"""The PDF of a result: at most two A4 pages with the first hire, how sure, the costs and
the permanent link; made once per result and settings; bad settings get a 422."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from advisor.models import Assessment
from advisor.ops.jobs import jobs_run_due
from advisor.results import pdf
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

HELD_BACK = {**ML_ANSWERS, "training-data": "none", "time-to-value": "days-weeks"}
SHOTS = "/work/shots/teams"
A4 = (595, 842)  # points, rounded


def pdf_text(content: bytes) -> tuple[int, str, tuple]:
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    return len(reader.pages), " ".join(p.extract_text() for p in reader.pages), size


def save_images(content: bytes, name: str) -> None:
    """Page images to look at, when poppler's pdftoppm is on the machine."""
    if SHOTS and shutil.which("pdftoppm") and os.path.isdir(SHOTS):
        path = f"{SHOTS}/{name}.pdf"
        with open(path, "wb") as out:
            out.write(content)
        subprocess.run(["pdftoppm", "-png", "-r", "60", path, path[:-4]], check=True)


@pytest.mark.parametrize(
    ("answers", "first", "name"),
    [(ML_ANSWERS, "Machine Learning Engineer", "clear"), (HELD_BACK, "AI Engineer", "held-back")],
)
def test_a_result_pdf_is_two_a4_pages_at_most_with_the_hire_and_the_link(
    client, bank, answers, first, name
):
    url = complete(client, answers)
    response = client.get(f"{url}pdf/?months=18")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    pages, words, size = pdf_text(content)
    assert pages <= 2 and size == A4
    assert f"First hire: {first}" in words
    assert f"http://testserver{url}?months=18" in words.replace("\n", "")
    assert "over 18 months" in words
    save_images(content, f"result-{name}")


def test_the_result_page_links_to_its_pdf_with_its_settings(client, bank):
    url = complete(client, AI_ANSWERS)
    page = client.get(f"{url}?months=6").content.decode()
    assert f'href="{url}pdf/?months=6">Download PDF</a>' in page


def test_a_pdf_is_made_once_and_then_served_from_its_file(client, bank, monkeypatch):
    url = complete(client, AI_ANSWERS)
    first = b"".join(client.get(f"{url}pdf/").streaming_content)
    monkeypatch.setattr(pdf, "pdf_render", lambda **_: pytest.fail("rendered twice"))
    assert b"".join(client.get(f"{url}pdf/").streaming_content) == first


def test_while_another_request_renders_it_the_page_says_preparing(client, bank):
    url = complete(client, AI_ANSWERS)
    token = url.strip("/").split("/")[-1]
    _, key = pdf.pdf_costs(Assessment.objects.get(token=token).snapshot, {}, bank)
    path = pdf.pdf_path(token, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".part").write_bytes(b"")
    try:
        response = client.get(f"{url}pdf/")
        assert response.status_code == 202 and response["Refresh"] == "2"
        assert "Preparing the PDF" in response.content.decode()
    finally:
        path.with_suffix(".part").unlink()


@pytest.mark.parametrize("query", ["months=abc", "months=9999", "burn=-5"])
def test_bad_settings_are_a_422_with_a_message(client, bank, query):
    url = complete(client, AI_ANSWERS)
    response = client.get(f"{url}pdf/?{query}")
    assert response.status_code == 422
    assert "These cost settings cannot be used" in response.content.decode()


def test_an_unknown_result_has_no_pdf(client, bank):
    assert client.get(reverse("result_pdf", args=["x" * 22])).status_code == 404


def test_the_result_email_carries_the_pdf(client, bank):
    url = complete(client, ML_ANSWERS)
    client.post(f"{url}email/", {"email": "founder@example.com"})
    jobs_run_due()
    (message,) = mail.outbox
    (attachment,) = message.attachments
    name, content, kind = attachment
    assert kind == "application/pdf" and name.endswith(".pdf")
    pages, words, _ = pdf_text(content)
    assert pages <= 2 and "First hire: Machine Learning Engineer" in words


def test_pdfs_are_kept_in_their_own_folder(bank):
    assert str(pdf.pdf_path("abc", "{}")).startswith(str(settings.PDF_DIR))


def test_a_team_result_has_a_pdf_too(bank):
    from django.test import Client

    from advisor.models import Team
    from tests.teams.test_teams import ML_SOON, answer_as, answer_as_starter, invite_of, start

    jane, sam = Client(), Client()
    team_url = start(jane)
    answer_as_starter(jane, ML_SOON)
    answer_as(sam, invite_of(jane, team_url), "Sam", {**ML_SOON, "training-data": "none"})
    token = team_url.split("/")[2]
    sam.post(reverse("team_settle", args=[token]), {"question": "training-data", "choice": "none"})
    result = Team.objects.get(token=token).result
    assert f'href="/r/{result.token}/pdf/">Download PDF</a>' in sam.get(team_url).content.decode()
    content = b"".join(sam.get(f"/r/{result.token}/pdf/").streaming_content)
    pages, words, _ = pdf_text(content)
    assert pages <= 2 and "the team's result: our first ai hire" in words.lower()
    assert "First hire: AI Engineer" in words and f"/r/{result.token}/" in words
    save_images(content, "result-team")
