"""The admin in the browser's language: its own pages, their counts and the models' names
in German or Spanish when the browser asks for them (the admin has no language in its
address), and English as before otherwise."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from advisor.models import Case, PayRate


@pytest.fixture(scope="module", autouse=True)
def catalogs():
    """The shipped .po files compiled, and Django's loaded catalogs forgotten."""
    call_command("compilemessages", locale=["es", "de"], verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    yield
    translation.activate("en")


@pytest.fixture
def staff(client, bank):
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "pass-phrase-9"))
    return client


def page(client, url, language, data=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    response = client.post(url, data, **headers) if data else client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    return response.content.decode()


@pytest.mark.parametrize(
    "language, words",
    [
        ("de", ["Wie Gründer antworten", "letzte 7 Tage", "Woher Gründer kommen", "Anzeigen"]),
        ("es", ["Cómo responden los fundadores", "últimos 7 días", "De dónde llegan"]),
        ("en", ["How founders answer", "last 7 days", "Where founders come from"]),
    ],
)
def test_analytics_speaks_the_browsers_language(staff, language, words):
    text = page(staff, reverse("admin:advisor_analytics"), language)
    assert f'lang="{language}"' in text
    for word in words:
        assert word in text, word


@pytest.mark.parametrize(
    "language, words",
    [
        ("de", ["Entwurf des Fragenkatalogs veröffentlichen", "Frühere Ergebnisse"]),
        ("es", ["Publicar el borrador del banco de preguntas", "Resultados pasados"]),
        ("en", ["Publish the draft question bank", "Past results", "Founder cases"]),
    ],
)
def test_publish_page_in_each_language(staff, language, words):
    text = page(staff, reverse("admin:advisor_bankversion_publish"), language)
    for word in words:
        assert word in text, word


def test_replay_counts_with_the_languages_plural_forms(staff):
    url = reverse("admin:advisor_replay")
    cases = Case.objects.count()
    german = page(staff, url, "de")
    assert "Frühere Ergebnisse mit dem aktuellen Fragenkatalog neu berechnen" in german
    assert "Gründerfälle</h2>" in german
    assert f"erhalten alle {cases} Gründerfälle die erwartete Antwort" in german  # plural form
    spanish = page(staff, url, "es")
    assert f"los {cases} casos de fundadores obtienen la respuesta esperada" in spanish
    assert "founder cases get the answer expected" in page(staff, url, "en")


def test_pay_rate_bulk_change_in_german_and_spanish(staff):
    bases = PayRate.objects.filter(region__slug="us", base__isnull=True)
    url = reverse("admin:advisor_payrate_changelist")
    picked = {"action": "change_by_percent", "_selected_action": [r.pk for r in bases]}
    asked = page(staff, url, "de", picked)
    assert "Ändern um (%)" in asked and "Vergütungssätze um einen Prozentsatz ändern" in asked
    preview = page(staff, url, "de", {**picked, "percent": "2.5", "_preview": "x"})
    assert "Noch ist nichts gesichert." in preview and "Mit 2,50 %:" in preview
    assert f'value="Auf {bases.count()} Sätze anwenden"' in preview
    spanish = page(staff, url, "es", {**picked, "percent": "2.5", "_preview": "x"})
    assert "Aún no se ha guardado nada." in spanish and "Con 2,50 %:" in spanish
    done = staff.post(
        url, {**picked, "percent": "2.5", "_apply": "x"}, follow=True, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert f"{bases.count()} Sätze um +2,5 % geändert" in done.content.decode()


def test_the_index_names_groups_and_models_in_the_language(staff):
    german = page(staff, reverse("admin:index"), "de")
    for word in ["Der Fragenkatalog", "Kosten", "Vergütungssätze", "Seiten von Hiring Advisor"]:
        assert word in german, word
    spanish = page(staff, reverse("admin:index"), "es")
    assert "El banco de preguntas" in spanish and "Tarifas salariales" in spanish
    english = page(staff, reverse("admin:index"), "en")
    assert "The question bank" in english and "Pay rates" in english
