"""A result keeps the language it was made in: its page and PDF open in it, it can be
read in the other languages its bank version has, and analytics and the CSV split by it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from advisor.bank import store as bank_store
from advisor.bank.versions import bank_version_publish
from advisor.insights import analytics
from advisor.insights.exports import export_rows
from advisor.insights.periods import Period
from advisor.models import Assessment
from advisor.results import languages
from tests.conftest import AI_ANSWERS, ML_ANSWERS


def complete_in(client, language: str, answers: dict) -> str:
    with translation.override(language):
        for slug, choice in answers.items():
            response = client.post(reverse("step", args=[slug]), {slug: choice})
            assert response.status_code == 303, response.content
        response = client.post(reverse("check"))
    assert response.status_code == 303, response.content
    return response["Location"]


@pytest.fixture
def published(bank):
    version = bank_version_publish(note="with translations")
    bank_store.forget()
    return version


def test_a_result_is_stored_with_its_language_and_opens_in_it(client, published):
    url = complete_in(client, "de", ML_ANSWERS)
    assert url.startswith("/de/r/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    result = Assessment.objects.get(token=token)
    assert result.language == "de"
    assert result.snapshot["language"] == "de"
    page = client.get(url).content.decode()
    assert '<html lang="de"' in page
    german = {a["question_text"] for a in result.snapshot["answers"]}
    assert all(text in page for text in german)


def test_a_result_reads_in_another_language_of_its_version_with_the_same_advice(client, published):
    url = complete_in(client, "es", AI_ANSWERS)
    token = url.rstrip("/").rsplit("/", 1)[1]
    result = Assessment.objects.get(token=token)
    spanish, english = client.get(url), client.get(f"/r/{token}/")
    assert english.status_code == 200
    for response in (spanish, english):
        page = response.content.decode()
        assert f'data-recommendation="{result.recommendation}"' in page
        assert f'data-confidence="{result.confidence}"' in page
    english_bank = bank_store.get()
    question = english_bank.question("use-case")
    assert question.text in english.content.decode()
    assert question.text not in spanish.content.decode()
    assert 'class="read-in' in english.content.decode()
    assert f'href="/de/r/{token}/"' in english.content.decode()
    result.refresh_from_db()
    assert result.language == "es"  # reading it in English changed nothing stored


def test_a_result_opens_only_in_the_languages_its_version_has(client, published):
    url = complete_in(client, "es", AI_ANSWERS)
    token = url.rstrip("/").rsplit("/", 1)[1]
    result = Assessment.objects.get(token=token)
    data = result.snapshot["bank_version"]
    version = published.__class__.objects.get(number=data)
    version.bank = {**version.bank, "translations": {"es": version.bank["translations"]["es"]}}
    version.save()
    languages.version_bank_forget()
    response = client.get(f"/de/r/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/es/r/{token}/"
    page = client.get(url).content.decode()
    assert 'hreflang="de"' not in page.split("</header>")[0]  # the switcher offers none
    assert 'hreflang="en"' in page.split("</header>")[0]


def test_the_pdf_is_made_in_the_pages_language(client, published):
    url = complete_in(client, "de", AI_ANSWERS)
    english = client.get(url.replace("/de/", "/", 1) + "pdf/")
    german = client.get(url + "pdf/")
    assert english.status_code == german.status_code == 200
    assert b"".join(english.streaming_content) != b"".join(german.streaming_content)


def test_analytics_and_the_csv_split_results_by_language(client, published):
    complete_in(client, "de", AI_ANSWERS)
    client.post(reverse("restart"))
    complete_in(client, "es", ML_ANSWERS)
    client.post(reverse("restart"))
    complete_in(client, "es", AI_ANSWERS)
    rows = analytics.results_by_language(bank_store.get(), Period.last_days(30))
    assert [(r["code"], r["total"]) for r in rows] == [("es", 2), ("de", 1)]
    results = Assessment.objects.completed().order_by("completed_at")
    csv = list(export_rows(results, bank_store.get()))
    column = csv[0].index("language")
    assert [row[column] for row in csv[1:]] == ["de", "es", "es"]


def test_the_analytics_page_counts_results_per_language(client, published):
    from django.contrib.auth.models import User
    from django.test import Client

    complete_in(client, "de", AI_ANSWERS)
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "a@example.com", "a-long-phrase"))
    page = admin.get(reverse("admin:advisor_analytics")).content.decode()
    table = page[page.index('class="languages-table"') :]
    assert '<th scope="row" lang="de">Deutsch</th><td class="num">1</td>' in table


def test_a_result_says_when_some_of_the_banks_words_are_in_english(client, bank):
    from advisor.models import Question

    Question.objects.filter(slug="use-case").update(text_es="")
    bank_version_publish(note="Spanish incomplete")
    bank_store.forget()
    url = complete_in(client, "es", AI_ANSWERS)
    token = url.rstrip("/").rsplit("/", 1)[1]
    result = Assessment.objects.get(token=token)
    assert "question:use-case:text" in result.snapshot["in_english"]
    page = client.get(url).content.decode()
    assert "aún no están traducidas al español" in page
    assert bank_store.get().question("use-case").text in page  # the English, shown
    german = client.get(f"/de/r/{token}/").content.decode()
    assert "noch nicht übersetzt" not in german  # complete in German
