"""The page's language: from its address, the landing page from the browser unless one
was chosen, and the switcher that keeps the founder's place."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("accept", "to"),
    [
        ("de-DE,de;q=0.9,en;q=0.5", "/de/"),
        ("es-MX,es;q=0.9", "/es/"),
        ("fr-FR,fr", None),
        ("", None),
    ],
)
def test_the_landing_page_follows_the_browsers_language(client, bank, accept, to):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    if to:
        assert response.status_code == 302
        assert response["Location"] == to
    else:
        assert response.status_code == 200
        assert b'<html lang="en"' in response.content
    assert "Accept-Language" in response["Vary"]


def test_a_chosen_language_wins_over_the_browsers(client, bank):
    client.cookies["django_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    client.cookies["django_language"] = "es"
    assert client.get("/").headers["Location"] == "/es/"


def test_a_shared_link_opens_in_its_own_language(client, bank):
    response = client.get("/es/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert b'<html lang="es"' in response.content
    assert client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="de").status_code == 200


def test_the_switcher_opens_the_same_page_and_remembers(client, bank):
    response = client.get("/language/de/", {"next": "/wizard/check/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/de/wizard/check/?x=1"
    assert response.cookies["django_language"].value == "de"
    assert client.get("/language/en/", {"next": "/de/wizard/"})["Location"] == "/wizard/"
    assert client.get("/language/es/", {"next": "/de/"})["Location"] == "/es/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_the_switcher_never_leaves_the_site(client, bank, target):
    response = client.get("/language/es/", {"next": target})
    assert response["Location"] == "/es/"


def test_an_unknown_language_is_english(client, bank):
    response = client.get("/language/xx/", {"next": "/es/privacy/"})
    assert response["Location"] == "/privacy/"
    assert client.get("/fr/").status_code == 404


def test_every_founder_page_has_a_switcher_to_the_other_languages(client, bank):
    page = client.get("/de/privacy/").content.decode()
    assert 'href="/language/en/?next=/de/privacy/"' in page
    assert 'href="/language/es/?next=/de/privacy/"' in page
    assert '<span aria-current="true" lang="de">Deutsch</span>' in page
