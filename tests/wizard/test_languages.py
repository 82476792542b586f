"""The landing page and the wizard in Spanish and German: the words are the language's,
and a founder who walks the wizard under /es/ or /de/, with or without JavaScript, stays
in that language through every redirect. Error pages speak the request's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from advisor.bank import store as bank_store
from advisor.models import Assessment
from tests.conftest import AI_ANSWERS

HX = {"HTTP_HX_REQUEST": "true"}

# Words of each language's landing page and first step (None: English, at /).
LANDING = {
    "": ("Start the questions", "Answer 9 short questions", 'lang="en"', "Core work"),
    "/es": ("Empezar las preguntas", "Responde 9 preguntas", 'lang="es"', "Trabajo principal"),
    "/de": ("Mit den Fragen beginnen", "Beantworten Sie 9 kurze", 'lang="de"', "Kernaufgabe"),
}
STEP = {
    "": ("Step 1 of 9", "Continue", "Why we ask"),
    "/es": ("Paso 1 de 9", "Continuar", "Por qué lo preguntamos"),
    "/de": ("Schritt 1 von 9", "Weiter", "Warum wir fragen"),
}


@pytest.mark.parametrize("prefix", LANDING)
def test_the_landing_page_is_in_the_language_of_its_address(client, bank, prefix):
    html = client.get(f"{prefix}/").content.decode()
    for words in LANDING[prefix]:
        assert words in html
    others = [w for p, ws in LANDING.items() if p != prefix for w in ws[:2]]
    assert not [w for w in others if w in html]


@pytest.mark.parametrize("prefix", STEP)
def test_a_step_is_in_the_language_of_its_address(client, bank, prefix):
    response = client.get(f"{prefix}/wizard/use-case/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in STEP[prefix]:
        assert words in html
    assert f'action="{prefix}/wizard/use-case/"' in html
    assert f'data-hx-post="{prefix}/wizard/use-case/"' in html


def test_the_count_of_answers_uses_the_languages_plural_forms(client, bank):
    client.post("/es/wizard/use-case/", {"use-case": "fraud"})
    html = client.get("/es/wizard/restart/").content.decode()
    assert "Esto borra la 1 respuesta que has dado" in html
    client.post("/es/wizard/general-model-fit/", {"general-model-fit": "no"})
    html = client.get("/es/wizard/restart/").content.decode()
    assert "Esto borra las 2 respuestas que has dado" in html
    html = client.get("/de/").content.decode()
    assert "Sie haben 2 von 9 Fragen beantwortet" in html


def _walk(client: Client, prefix: str, **headers) -> list[str]:
    """Answer every step without JavaScript (plain form posts, following each 303 as a
    browser does) and confirm; every address the founder was sent to, in order."""
    seen = []
    location = client.get(f"{prefix}/wizard/")["Location"]
    while "/wizard/check/" not in location:
        seen.append(location)
        page = client.get(location)
        assert page.status_code == 200, location
        slug = location.rstrip("/").split("/")[-1]
        response = client.post(location, {slug: AI_ANSWERS[slug]}, **headers)
        assert response.status_code == 303, response.content
        location = response["Location"]
    seen.append(location)
    check = client.get(location).content.decode()
    assert "/wizard/use-case/?change=1" in check
    response = client.post(location)
    assert response.status_code == 303
    seen.append(response["Location"])
    return seen


@pytest.mark.parametrize("prefix", ["/es", "/de"])
def test_a_founder_without_javascript_stays_in_their_language_to_the_result(client, bank, prefix):
    seen = _walk(client, prefix)
    assert len(seen) == len(AI_ANSWERS) + 2
    assert all(url.startswith(f"{prefix}/") for url in seen), seen
    token = seen[-1].split("/")[3]
    assert Assessment.objects.completed().filter(token=token).exists()
    assert client.get(seen[-1]).status_code == 200


def test_changing_an_answer_from_the_check_page_returns_to_it_in_german(client, bank):
    _walk(client, "/de")
    client.post("/de/wizard/restart/")
    for slug, choice in AI_ANSWERS.items():
        client.post(f"/de/wizard/{slug}/", {slug: choice})
    response = client.get("/de/wizard/check/")
    assert "Prüfen Sie Ihre Antworten" in response.content.decode()
    response = client.post("/de/wizard/team/?change=1", {"team": "generalists", "change": "1"})
    assert response["Location"] == "/de/wizard/check/"


def test_htmx_steps_keep_the_language_of_the_page(client, bank):
    response = client.post("/es/wizard/use-case/", {"use-case": "fraud"}, **HX)
    assert response["Location"].startswith("/es/wizard/")
    response = client.get(response["Location"], **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="wizard"')
    assert "Paso 2 de 9" in html
    assert response["HX-Push-Url"].startswith("/es/wizard/")
    assert 'data-hx-get="/es/wizard/use-case/"' in html  # Back, in the frame too


def test_the_first_step_back_link_is_a_plain_link_home_in_every_language(client, bank):
    html = client.get("/de/wizard/use-case/").content.decode()
    back = re.search(r'<a class="back-link"[^>]*>', html).group(0)
    assert 'href="/de/"' in back
    assert "data-hx-get" not in back


def test_messages_and_errors_are_in_the_language_of_the_page(client, bank):
    response = client.post("/de/wizard/use-case/", {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Wählen Sie eine Antwort, um weiterzumachen." in html
    assert "<title>Fehler: " in html
    response = client.get("/es/wizard/model-role/", follow=True)
    assert response.redirect_chain[-1][0] == "/es/wizard/use-case/"
    assert "Responde primero a esta pregunta." in response.content.decode()
    client.post("/es/wizard/use-case/", {"use-case": "fraud"})
    response = client.post("/es/wizard/restart/", follow=True)
    assert "Tus respuestas se han borrado. Empieza de nuevo abajo." in response.content.decode()


@pytest.mark.parametrize(
    "prefix,title,message",
    [
        ("", "Page not found", "No such question."),
        ("/es", "Página no encontrada", "No existe esa pregunta."),
        ("/de", "Seite nicht gefunden", "Diese Frage gibt es nicht."),
    ],
)
def test_not_found_pages_are_in_the_language_of_the_request(client, bank, prefix, title, message):
    response = client.get(f"{prefix}/wizard/no-such-step/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'lang="{prefix[1:] or "en"}"' in html
    assert title in html
    assert message in html


def test_a_rate_limit_says_so_in_the_language_of_the_request(client, bank, settings):
    settings.RESULTS_PER_HOUR = 0
    for slug, choice in AI_ANSWERS.items():
        client.post(f"/de/wizard/{slug}/", {slug: choice})
    response = client.post("/de/wizard/check/", **HX)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Anfragen" in html
    assert "Ihre Antworten sind gespeichert" in html


def test_an_expired_form_says_so_in_the_language_of_the_request(bank):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/es/wizard/use-case/", {"use-case": "fraud"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ese formulario ha caducado" in html
    assert 'href="/es/wizard/"' in html


def test_an_answer_the_database_refuses_is_offered_again_in_german(client, bank):
    from tests.ops.test_database_faults import refusing

    client.post("/de/wizard/use-case/", {"use-case": "fraud"})
    with refusing():
        response = client.post("/de/wizard/general-model-fit/", {"general-model-fit": "no"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Ihre Antwort wurde nicht gespeichert" in html
    assert 'action="/de/wizard/general-model-fit/"' in html
    assert 'href="/de/">Zur Startseite</a>' in html


def test_a_server_error_page_is_in_the_language_of_the_request(client, bank):
    from django.db import connection

    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError  # a bug, not an outage

    client.raise_request_exception = False
    with connection.execute_wrapper(broken):
        response = client.get("/es/wizard/use-case/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'lang="es"' in html
    assert "Algo salió mal por nuestra parte" in html
    assert 'href="/es/">Ir a la página de inicio</a>' in html


def test_a_page_rendered_once_for_everyone_is_kept_apart_per_language(rf, bank):
    from advisor.ops import page_cache

    def render(language: str) -> str:
        request = rf.get("/wizard/use-case/")
        with translation.override(language):
            context = {"total": 9, "number": 3}
            return page_cache.wizard_page(
                request, "advisor/_step_title.html", lambda: {**context}, ("same", 1)
            )

    assert "step 3 of 9" in render("en")
    assert "paso 3 de 9" in render("es")
    assert "Schritt 3 von 9" in render("de")


def test_a_conditional_step_says_why_it_is_asked_in_the_language_of_the_page(client, bank):
    from tests.admin.test_admin_tools import labeled, make_question

    make_question(show_if=labeled(), order=4)
    for slug in ("use-case", "general-model-fit", "model-role", "training-data"):
        choice = "labeled" if slug == "training-data" else AI_ANSWERS[slug]
        response = client.post(f"/de/wizard/{slug}/", {slug: choice})
    assert response["Location"] == "/de/wizard/retraining-owner/"
    html = client.get("/de/wizard/retraining-owner/").content.decode()
    assert "Schritt 5 von 10" in html
    german = bank_store.get("de").question("training-data")
    assert (
        f"Gefragt, weil Sie auf „{german.text}“ mit „{german.choice('labeled').label}“ "
        "geantwortet haben."
    ) in html


def test_the_german_and_spanish_pages_are_valid_html(client, bank, tmp_path):
    from tests.test_html import assert_valid_html

    found = {"landing-de": client.get("/de/").content}
    found["step-error-de"] = client.post("/de/wizard/use-case/", {}).content
    for slug, choice in AI_ANSWERS.items():
        client.post(f"/de/wizard/{slug}/", {slug: choice})
    found["check-de"] = client.get("/de/wizard/check/").content
    found["landing-resume-es"] = client.get("/es/").content
    found["restart-es"] = client.get("/es/wizard/restart/").content
    found["finish-later-es"] = client.get("/es/wizard/later/").content
    found["privacy-de"] = client.get("/de/privacy/").content
    found["team-new-error-es"] = client.post("/es/t/new/", {"name": ""}).content
    team_url = client.post("/de/t/new/", {"name": "KI", "member_name": "Jo"})["Location"]
    found["team-de"] = client.get(team_url).content
    found["not-found-es"] = client.get("/es/wizard/nothing/").content
    found["csrf-failure-de"] = Client(enforce_csrf_checks=True).post("/de/wizard/").content
    assert_valid_html(found, tmp_path)
