"""A result in Spanish and German: its page, the compare and sources pages and the PDF's
page speak the language of their address (`/es/…`, `/de/…`), with plural forms for
counts; English stays at `/` as it was. Needs the compiled catalogues (compilemessages)."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from advisor.bank import store as bank_store
from advisor.models import Assessment
from advisor.results import pdf, presenters
from advisor.results.presenters.sentences import counts_words
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

# Each language: the verdict's eyebrow and confidence words, a reasons sentence (the
# counts and how sure) and headings of the page, the compare page and the sources page.
SAID = {
    "es": {
        "eyebrow": "Tu resultado: primera contratación",
        "sure": "Una decisión clara</span> — las dos preguntas clave de la lista del artículo",
        "counts": (
            "6 de las 9 respuestas contadas apuntan al ingeniero de ML, ninguna al ingeniero de IA"
        ),
        "heading": "Lo que cambiaría la respuesta",
        "compare": "Dos resultados lado a lado",
        "differ": "Los resultados difieren: primero el Machine Learning Engineer frente a",
        "sources": "De dónde salen las cifras",
        "pdf": ("Primera contratación: <strong>Machine Learning Engineer</strong>", "Los motivos"),
    },
    "de": {
        "eyebrow": "Ihr Ergebnis: zuerst einstellen",
        "sure": "Eine eindeutige Entscheidung</span> — beide Kernfragen der Checkliste",
        "counts": (
            "6 der 9 gezählten Antworten sprechen für den ML Engineer, keine für den AI Engineer"
        ),
        "heading": "Was die Antwort ändern würde",
        "compare": "Zwei Ergebnisse im Vergleich",
        "differ": "Die Ergebnisse unterscheiden sich: zuerst der Machine Learning Engineer",
        "sources": "Woher die Zahlen stammen",
        "pdf": ("Erste Einstellung: <strong>Machine Learning Engineer</strong>", "Die Gründe"),
    },
}


@pytest.fixture(autouse=True)
def english_around():
    """A request in /es/ leaves Spanish active in this thread: English again after it."""
    translation.activate("en")
    yield
    translation.activate("en")


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def ml_token(client, bank) -> str:
    return complete(client, ML_ANSWERS).strip("/").split("/")[-1]


@pytest.mark.parametrize("code", ["es", "de"])
def test_a_result_page_speaks_the_language_of_its_address(client, ml_token, code):
    page = text(client.get(f"/{code}/r/{ml_token}/"))
    said = SAID[code]
    assert f'<html lang="{code}"' in page
    assert 'data-recommendation="ml-engineer"' in page  # the data the page carries stays
    for key in ("eyebrow", "sure", "counts", "heading"):
        assert said[key] in page, key
    assert "What would change the answer" not in page and "Share this result" not in page


def test_the_english_page_is_unchanged(client, ml_token):
    page = text(client.get(f"/r/{ml_token}/"))
    assert '<html lang="en"' in page
    assert "Your result: hire first" in page
    assert "6 of the 9 counted answers point to the ML engineer" in page
    assert "What would change the answer" in page


@pytest.mark.parametrize("code", ["es", "de"])
def test_compare_and_sources_pages_speak_it_too(client, ml_token, code):
    ai_token = complete(Client(), AI_ANSWERS).strip("/").split("/")[-1]
    with translation.override(code):
        compare_url = reverse("compare", args=[ml_token, ai_token])
        sources_url = reverse("result_sources", args=[ml_token])
    assert compare_url.startswith(f"/{code}/") and sources_url.startswith(f"/{code}/")
    compare = text(client.get(compare_url))
    assert SAID[code]["compare"] in compare and SAID[code]["differ"] in compare
    assert "Two results side by side" not in compare
    sources = client.get(sources_url)
    assert sources.status_code == 200 and SAID[code]["sources"] in text(sources)


@pytest.mark.parametrize("code", ["es", "de"])
def test_the_pdf_page_is_in_the_language_it_was_asked_in(ml_token, bank, code):
    snapshot = Assessment.objects.get(token=ml_token).snapshot
    with translation.override(code):
        costs, key = pdf.pdf_costs(snapshot, {}, bank_store.get())
        context = {"result": presenters.result_view(snapshot), "costs": costs, "url": "u"}
        html = render_to_string("advisor/result_pdf.html", context)
    assert f'<html lang="{code}">' in html
    assert all(words in html for words in SAID[code]["pdf"])
    with translation.override("en"):
        _, english_key = pdf.pdf_costs(snapshot, {}, bank_store.get())
    # a PDF per language: the Spanish file is never served for the English link
    assert pdf.pdf_path(ml_token, key) != pdf.pdf_path(ml_token, english_key)


@pytest.mark.parametrize(
    ("code", "one", "many"),
    [
        ("es", "1 fue «no estoy seguro» y no se contó", "2 fueron «no estoy seguro»"),
        ("de", "1 war „weiß nicht“ und wurde nicht gezählt", "2 waren „weiß nicht“"),
        ("en", "1 was “not sure” and not counted", "2 were “not sure” and not counted"),
    ],
)
def test_counts_use_the_languages_plural_forms(code, one, many):
    roles = {"ai": {"short_name": "AI engineer"}, "ml": {"short_name": "ML engineer"}}

    def snapshot(unsure: int) -> dict:
        answers = [{"counted": True}] * 3 + [{"counted": False}] * unsure
        return {"answers": answers, "outcome": {"counts": {"ai": 2, "ml": 1}}}

    with translation.override(code):
        assert counts_words(snapshot(1), roles).endswith(one)
        assert many in counts_words(snapshot(2), roles)
