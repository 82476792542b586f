"""Team decisions: co-founders answer on their own, then see what decides the hire."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisor.advice.team_advice import Member, team_advice
from advisor.bank import versions
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
    assert advice.to_settle == (first,) and not advice.decided
    # unsettled, the data question counts for nothing: the agreed answers decide
    assert "training-data" not in advice.answers
    assert advice.agreed["model-role"] == "moat"


def test_settling_a_disagreement_makes_it_part_of_the_teams_answers(bank):
    jane, sam = Member("Jane", ML_SOON), Member("Sam", {**ML_SOON, "training-data": "none"})
    advice = team_advice(bank, [jane, sam], {"training-data": "none"})
    assert advice.disagreements == ()
    assert advice.outcome.first_hire == AI and advice.outcome.confidence == "held-back"


def test_when_nothing_decides_and_no_core_question_is_open_the_team_has_a_call(bank):
    jane = Member("Jane", AI_ANSWERS)
    sam = Member("Sam", {**AI_ANSWERS, "time-to-value": "one-three-months", "team": "generalists"})
    advice = team_advice(bank, [jane, sam])
    assert not advice.deciding and advice.decided
    assert advice.outcome.first_hire == AI and len(advice.disagreements) == 2


def test_an_open_core_question_leaves_the_team_without_a_call(bank):
    """Founders who agree on almost nothing: no side is taken, the core questions come first."""
    advice = team_advice(bank, [Member("Jane", AI_ANSWERS), Member("Sam", ML_ANSWERS)])
    assert not advice.decided
    core = {q.slug for q in bank.questions if q.kind == "core"}
    assert core and core <= {d.question for d in advice.to_settle}
    settled = team_advice(
        bank,
        [Member("Jane", AI_ANSWERS), Member("Sam", ML_ANSWERS)],
        {d.question: AI_ANSWERS[d.question] for d in advice.to_settle},
    )
    # once those are settled, a call unless a difference left would still change it
    assert not core & {d.question for d in settled.to_settle}
    assert settled.decided or settled.deciding


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
    # Jane answers first and sees her own result, the team's state beside it
    jane_result = answer_as_starter(jane, ML_SOON)
    assert jane_result.startswith("/r/")
    page = words(jane.get(jane_result))
    assert "Your team: Our first AI hire" in page and "Jane — has answered" in page
    assert f'href="{team_url}"' in text(jane.get(jane_result))
    assert "Your answers side by side" not in text(jane.get(team_url))
    # Sam joins blind: no one's answers before he has answered
    sam.post(invite, {"member_name": "Sam"})
    page = words(sam.get(team_url))
    assert "Jane — has answered" in page and "Sam (you) — still answering" in page
    assert "Your answers side by side" not in page and "The moat" not in page
    for slug, choice in {**ML_SOON, "training-data": "none"}.items():
        sam.post(reverse("step", args=[slug]), {slug: choice})
    sam_result = sam.post(reverse("check"))["Location"]
    page = words(sam.get(sam_result))
    assert "AI Engineer" in page and "Sam — has answered" in page and "Jane — has answered" in page
    # the team page: no call while the data question decides it, each way said once
    page = words(sam.get(team_url))
    assert "Not decided yet — settle this question" in page
    assert "Jane: Machine Learning Engineer first" in page and "Sam: AI Engineer first" in page
    assert (
        "Jane answered “Yes — a large, labeled, well-governed dataset”: the team would get "
        "the Machine Learning Engineer first."
    ) in page
    assert "Sam answered “No — nothing usable yet”: the team would get the AI Engineer first." in (
        page
    )
    # once in the list (and its button's name), once in the table
    assert page.count("Do you have data to train a model on?") == 3
    assert "Custom models need volume, labels" in page
    assert text(sam.get(team_url)).count('class="decides"') == 1
    # nothing is chosen for the team in advance
    assert " checked" not in text(sam.get(team_url)).split('id="disagreements"')[1]


def answer_as_starter(client, answers: dict) -> str:
    for slug, choice in answers.items():
        client.post(reverse("step", args=[slug]), {slug: choice})
    return client.post(reverse("check"))["Location"]


def test_settling_stores_a_permanent_team_result(bank):
    published = versions.bank_version_publish(note="The bank founders get")
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
    page = words(sam.get(team_url))
    assert (
        "You settled “Do you have data to train a model on?” as “No — nothing usable yet”." in page
    )
    assert "Not decided yet" not in page and "AI Engineer first" in page
    team = Team.objects.get(token=token)
    assert team.settled == {"training-data": "none"}
    assert (team.result.recommendation, team.result.confidence) == (AI, "held-back")
    # scored with the bank founders get, like any result
    assert team.result.bank_version == published.number
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
def test_decide_with_a_co_founder_is_a_post_form(client, bank, path):
    html = client.get(path).content.decode()
    assert re.search(r'<form method="post" action="/t/new/"', html)
    assert ">Invite them to answer</button>" in html
    assert "Decide with a co-founder" in html


def test_a_founders_result_has_one_way_to_decide_with_a_co_founder(client, bank):
    html = words(client.get(complete(client, ML_SOON)))
    assert "Compare with a co-founder" not in html and "Decide together" not in html
    assert html.count("Decide with a co-founder") == 2  # the card's link and its section
    assert "Invite them to answer" in html and "Compare the two" in html


def test_pages_are_not_for_search_engines(client, bank):
    team_url = start(client)
    assert client.get(team_url)["X-Robots-Tag"] == "noindex"
    assert Assessment.objects.count() == 0


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
