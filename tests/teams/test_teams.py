"""Team decisions: co-founders answer on their own, then see what decides the hire."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisor.advice.team_advice import Member, team_advice
from advisor.models import Assessment, Team
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

AI, ML = "ai-engineer", "ml-engineer"
# The ML founder with value needed within months: without data, the ML path cannot meet it.
ML_SOON = {**ML_ANSWERS, "time-to-value": "one-three-months"}


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def words(response) -> str:
    """The page as a reader sees it: tags gone."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# The advice, on the shipped bank


def test_a_disagreement_that_changes_the_call_is_ranked_first(bank):
    jane = Member("Jane", ML_SOON)
    sam = Member("Sam", {**ML_SOON, "training-data": "none", "team": "llm-shipped"})
    advice = team_advice(bank, [jane, sam])
    assert [d.question for d in advice.disagreements] == ["training-data", "team"]
    first = advice.disagreements[0]
    assert first.decides and first.leads_to == {"labeled": ML, "none": AI}
    assert first.by_choice == {"labeled": ("Jane",), "none": ("Sam",)}
    assert not advice.disagreements[1].decides
    assert advice.agenda == (first,)
    # unsettled, the data question counts for nothing: the agreed answers decide
    assert "training-data" not in advice.answers
    assert advice.agreed["model-role"] == "moat"


def test_settling_a_disagreement_makes_it_part_of_the_teams_answers(bank):
    jane, sam = Member("Jane", ML_SOON), Member("Sam", {**ML_SOON, "training-data": "none"})
    advice = team_advice(bank, [jane, sam], {"training-data": "none"})
    assert advice.disagreements == ()
    assert advice.outcome.first_hire == AI and advice.outcome.confidence == "held-back"


def test_when_nothing_decides_the_agenda_is_the_checklists_own_questions(bank):
    jane = Member("Jane", AI_ANSWERS)
    sam = Member("Sam", {**AI_ANSWERS, "time-to-value": "one-three-months", "team": "generalists"})
    advice = team_advice(bank, [jane, sam])
    assert not advice.deciding
    assert [d.question for d in advice.agenda] == ["time-to-value"]


# The pages


def start(client, name="Our first AI hire", member="Jane", **extra) -> str:
    response = client.post(reverse("team_new"), {"name": name, "member_name": member, **extra})
    assert response.status_code == 303
    return response["Location"]


def invite_of(client, team_url: str) -> str:
    html = client.get(team_url).content.decode()
    return re.search(r'value="http://testserver(/t/join/[\w-]+/)" data-invite-link', html).group(1)


def answer_as(client, invite: str, name: str, answers: dict) -> str:
    assert client.post(invite, {"member_name": name})["Location"] == reverse("wizard")
    for slug, choice in answers.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    return client.post(reverse("check"))["Location"]


def test_members_answer_blind_then_see_what_decides(bank):
    jane, sam = Client(), Client()
    team_url = start(jane)
    invite = invite_of(jane, team_url)
    # Jane answers first; until someone else has, she sees only who has answered
    assert answer_as_starter(jane, ML_SOON) == team_url
    assert "Your answers side by side" not in text(jane.get(team_url))
    # Sam joins blind: no one's answers before he has answered
    sam.post(invite, {"member_name": "Sam"})
    page = words(sam.get(team_url))
    assert "Jane — has answered" in page and "Sam (you) — still answering" in page
    assert "Your answers side by side" not in page and "The moat" not in page
    for slug, choice in {**ML_SOON, "training-data": "none"}.items():
        sam.post(reverse("step", args=[slug]), {slug: choice})
    assert sam.post(reverse("check"))["Location"] == team_url
    page = text(sam.get(team_url))
    assert 'data-team-recommendation="' in page
    assert (
        "if you settle “Do you have data to train a model on?” as Jane answered "
        "(“Yes — a large, labeled, well-governed dataset”), the team gets the Machine Learning "
        "Engineer; as Sam answered (“No — nothing usable yet”), the team gets the AI Engineer"
    ) in page
    assert "Settle these first" in page and "Custom models need volume, labels" in page
    assert page.count('class="decides"') == 1


def answer_as_starter(client, answers: dict) -> str:
    for slug, choice in answers.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    return client.post(reverse("check"))["Location"]


def test_settling_stores_a_permanent_team_result(bank):
    jane, sam = Client(), Client()
    team_url = start(jane)
    invite = invite_of(jane, team_url)
    answer_as_starter(jane, ML_SOON)
    answer_as(sam, invite, "Sam", {**ML_SOON, "training-data": "none"})
    token = team_url.split("/")[2]
    response = sam.post(
        reverse("team_settle", args=[token]), {"question": "training-data", "choice": "none"}
    )
    assert response["Location"] == team_url
    team = Team.objects.get(token=token)
    assert team.settled == {"training-data": "none"}
    assert (team.result.recommendation, team.result.confidence) == (AI, "held-back")
    page = text(jane.get(team_url))
    assert f'<a href="/r/{team.result.token}/">The team\'s result</a>' in page
    assert Client().get(f"/r/{team.result.token}/").status_code == 200
    # a bad settlement is refused with a message, nothing stored
    sam.post(reverse("team_settle", args=[token]), {"question": "model-role", "choice": "x"})
    assert Team.objects.get(token=token).settled == {"training-data": "none"}


def test_a_founder_starts_a_team_from_their_result(client, bank):
    url = complete(client, ML_SOON)
    token = url.split("/")[2]
    assert 'name="from" value="' + token in client.get(url).content.decode()
    team_url = start(client, **{"from": token})
    team = Team.objects.get(token=team_url.split("/")[2])
    assert team.members.get().assessment.token == token
    # someone else's result cannot be passed off as one's own
    other = Client()
    start(other, member="Eve", **{"from": token})
    assert Team.objects.latest("created_at").members.get().assessment is None


def test_a_revoked_invite_refuses_new_members_and_only_the_starter_may_revoke(bank):
    jane, sam = Client(), Client()
    team_url = start(jane)
    token = team_url.split("/")[2]
    invite = invite_of(jane, team_url)
    sam.post(invite, {"member_name": "Sam"})
    assert sam.post(reverse("team_revoke", args=[token])).status_code == 404
    jane.post(reverse("team_revoke", args=[token]))
    response = Client().post(invite, {"member_name": "Eve"})
    assert response.status_code == 403
    assert "revoked" in text(response)
    assert Team.objects.get(token=token).members.count() == 2


def test_a_team_takes_at_most_five(bank):
    jane = Client()
    invite = invite_of(jane, start(jane))
    for n in range(4):
        assert Client().post(invite, {"member_name": f"M{n}"}).status_code == 303
    response = Client().post(invite, {"member_name": "One too many"})
    assert response.status_code == 403 and "already has 5 members" in text(response)


def test_strangers_and_bad_input_get_4xx_not_500(client, bank):
    assert client.get("/t/" + "x" * 32 + "/").status_code == 404
    assert client.get("/t/join/" + "x" * 32 + "/").status_code == 404
    response = client.post(reverse("team_new"), {"name": "", "member_name": ""})
    assert response.status_code == 422
    assert "Enter the name the others know you by." in text(response)
    team_url = start(Client())
    token = team_url.split("/")[2]
    # not a member: no settling
    assert (
        client.post(
            reverse("team_settle", args=[token]), {"question": "model-role", "choice": "moat"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("path", ["/", "/t/new/"])
def test_decide_together_is_a_post_form(client, bank, path):
    html = client.get(path).content.decode()
    assert re.search(r'<form method="post" action="/t/new/"', html)
    assert ">Decide together</button>" in html


def test_pages_are_not_for_search_engines(client, bank):
    team_url = start(client)
    assert client.get(team_url)["X-Robots-Tag"] == "noindex"
    assert Assessment.objects.count() == 0


@pytest.mark.browser
def test_three_founders_decide_together_in_their_own_browsers(browser, live_bank):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    base = live_bank.url

    def clean(page, where):
        results = Axe().run(page)
        assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"

    def answer(page, answers):
        for slug, choice in answers.items():
            page.locator(f'input[name="{slug}"][value="{choice}"]').check()
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state("networkidle")
        page.get_by_role("button", name="See my recommendation").click()
        expect(page.get_by_role("heading", name="Who has answered")).to_be_visible()

    jane = browser.new_context().new_page()
    jane.goto(base + "/")
    jane.get_by_label("What are you deciding?").fill("Our first AI hire")
    jane.get_by_label("Your name, as the others will see it").fill("Jane")
    jane.get_by_role("button", name="Decide together").click()
    invite = jane.locator("[data-invite-link]").input_value()
    clean(jane, "team page, just started")
    jane.get_by_role("link", name="Answer the questions").click()
    answer(jane, ML_SOON)

    others = {
        "Sam": {**ML_SOON, "training-data": "none"},
        "Ria": {**ML_SOON, "team": "llm-shipped"},
    }
    for name, answers in others.items():
        page = browser.new_context().new_page()
        page.goto(invite)
        page.get_by_label("Your name, as the others will see it").fill(name)
        page.get_by_role("button", name="Join and answer the questions").click()
        answer(page, answers)
    # keyboard and axe on the full team page; the deciding disagreement is ranked first
    expect(page.locator("[data-team-recommendation]")).to_be_visible()
    clean(page, "team page with answers")
    rows = page.locator(".compare-table tbody tr")
    expect(rows.first).to_have_class("decides")
    expect(rows.first).to_contain_text("Do you have data to train a model on?")
    expect(page.locator("ol.agenda li").first).to_contain_text("Do you have data to train")
    # settle it: a stored, permanent team result
    page.get_by_label("The team's answer to: Do you have data to train a model on?").select_option(
        "labeled"
    )
    page.get_by_role("button", name=re.compile(r"Settle\W+Do you have data")).click()
    page.get_by_role("link", name="The team's result").click()
    expect(page.locator("[data-recommendation]")).to_have_attribute(
        "data-recommendation", "ml-engineer"
    )
    # Jane revokes the invite: a stranger with it cannot join, one without it sees nothing
    jane.reload()
    jane.get_by_role("button", name="Revoke the invite link").click()
    stranger = browser.new_context().new_page()
    stranger.goto(invite)
    expect(stranger.get_by_role("alert")).to_contain_text("revoked")
    assert "Join and answer" not in stranger.content()
    response = stranger.goto(base + "/t/" + "x" * 32 + "/")
    assert response.status == 404


def test_admin_analytics_counts_team_decisions(admin_client, bank):
    jane, sam = Client(), Client()
    team_url = start(jane)
    invite = invite_of(jane, team_url)
    answer_as_starter(jane, ML_SOON)
    answer_as(sam, invite, "Sam", {**ML_SOON, "training-data": "none"})
    start(Client(), name="Another")  # started, nobody has answered
    token = team_url.split("/")[2]
    sam.post(reverse("team_settle", args=[token]), {"question": "training-data", "choice": "none"})
    page = words(admin_client.get(reverse("admin:advisor_analytics")))
    assert "2 started; 1 with at least two members' answers; 1 settled into a team result." in page
