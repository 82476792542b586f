"""Team decisions in Spanish and German: the pages, their counts and messages are the
language's, and the invite link opens in the language it was shared in."""

from __future__ import annotations

import re

from django.test import Client

from tests.conftest import ML_ANSWERS

ML_SOON = {**ML_ANSWERS, "time-to-value": "one-three-months"}


def words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def start(client, prefix: str, member: str = "Jane") -> str:
    response = client.post(f"{prefix}/t/new/", {"name": "Primer fichaje", "member_name": member})
    assert response.status_code == 303
    assert response["Location"].startswith(f"{prefix}/t/")
    return response["Location"]


def invite_of(client, team_url: str) -> str:
    html = client.get(team_url).content.decode()
    return re.search(r'value="http://testserver(/[\w/-]+)" data-invite-link', html).group(1)


def answer(client, prefix: str, answers: dict) -> str:
    for slug, choice in answers.items():
        assert client.post(f"{prefix}/wizard/{slug}/", {slug: choice}).status_code == 303
    return client.post(f"{prefix}/wizard/check/")["Location"]


def test_starting_a_team_is_in_the_language_of_the_page(bank):
    html = Client().get("/es/t/new/").content.decode()
    assert "Decide con un cofundador" in html and "Invítalos a responder" in html
    assert 'value="Nuestra primera contratación de IA"' in html
    response = Client().post("/de/t/new/", {"name": "", "member_name": ""})
    assert response.status_code == 422
    page = words(response)
    assert "Geben Sie der Entscheidung einen Namen" in page
    assert "Geben Sie den Namen ein, unter dem die anderen Sie kennen." in page


def test_a_german_team_page_speaks_german_with_its_counts(bank):
    jane, sam = Client(), Client()
    team_url = start(jane, "/de")
    invite = invite_of(jane, team_url)
    assert invite.startswith("/de/t/join/")  # opens in the language it was shared in
    assert "Klären" not in words(jane.get(team_url))
    assert answer(jane, "/de", ML_SOON).startswith("/de/r/")
    assert sam.post(invite, {"member_name": "Sam"})["Location"] == "/de/wizard/"
    answer(sam, "/de", {**ML_SOON, "training-data": "none"})
    page = words(sam.get(team_url))
    assert "Eine Team-Entscheidung" in page and "Wer geantwortet hat" in page
    assert "Noch nicht entschieden — klären Sie diese Frage" in page
    assert "Sam (Sie) — hat geantwortet" in page
    assert "Jane: zuerst Machine Learning Engineer" in page
    assert (
        "Antwort von Jane: „Yes — a large, labeled, well-governed dataset“; das Team würde "
        "zuerst die Rolle Machine Learning Engineer besetzen."
    ) in page
    html = sam.get(team_url).content.decode()
    assert 'data-copied="Einladungslink kopiert."' in html
    assert 'data-copy-failed="Markieren Sie den Link und kopieren Sie ihn."' in html
    token = team_url.split("/")[3]
    response = sam.post(
        f"/de/t/{token}/settle/", {"question": "training-data", "choice": "none"}, follow=True
    )
    assert response.redirect_chain[0][0] == team_url
    page = words(response)
    assert (
        "Sie haben „Do you have data to train a model on?“ mit „No — nothing usable yet“ geklärt."
    ) in page
    assert "Das Ergebnis des Teams" in page


def test_a_full_team_says_so_with_the_languages_plural(bank):
    jane = Client()
    invite = invite_of(jane, start(jane, "/es"))
    for n in range(4):
        assert Client().post(invite, {"member_name": f"M{n}"}).status_code == 303
    response = Client().post(invite, {"member_name": "Uno de más"})
    assert response.status_code == 403
    assert "Este equipo ya tiene 5 miembros." in words(response)
    assert "<title>Error: Únete a «Primer fichaje» — Hiring Advisor</title>" in (
        response.content.decode()
    )
