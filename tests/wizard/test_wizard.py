"""The wizard: steps, validation, order, the check page and completion."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.models import Answer, Assessment
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

HX = {"HTTP_HX_REQUEST": "true"}
STEP = reverse("step", args=["use-case"])


def answer(client, slug, choice, **headers):
    return client.post(reverse("step", args=[slug]), {slug: choice}, **headers)


def draft_answers(client) -> dict[str, str]:
    draft = Assessment.objects.get(token=client.session["draft"])
    return {
        a.question.slug: a.choice.slug for a in draft.answers.select_related("question", "choice")
    }


def test_home_offers_to_start(client, bank):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Start the questions" in response.content
    assert b"Resume" not in response.content
    # the article's at-a-glance table
    assert b"Integrates existing models (LLMs, APIs)" in response.content


def test_home_offers_to_resume_a_draft(client, bank):
    answer(client, "use-case", "fraud")
    response = client.get("/")
    assert b"Resume your answers" in response.content
    assert b"answered 1 of 9" in response.content


def test_wizard_starts_at_the_first_step(client, bank):
    response = client.get(reverse("wizard"))
    assert response.status_code == 303
    assert response["Location"] == STEP


def test_wizard_resumes_at_the_first_unanswered_step(client, bank):
    answer(client, "use-case", "fraud")
    answer(client, "general-model-fit", "no")
    response = client.get(reverse("wizard"))
    assert response["Location"] == reverse("step", args=["model-role"])


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_step_is_a_fieldset_with_a_radio_group_named_after_the_question(client, bank, headers):
    response = client.get(STEP, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post" action="/wizard/use-case/"' in html
    assert "<legend" in html and "What are you building?" in html
    assert set(re.findall(r'name="use-case" value="([\w-]+)"', html)) == {
        c.slug for c in bank.question("use-case").choices
    }
    assert "Step 1 of 9" in html
    assert 'data-hx-post="/wizard/use-case/"' in html


def test_a_full_load_gets_the_whole_page(client, bank):
    html = client.get(STEP).content.decode()
    assert html.startswith("<!doctype html>")
    assert 'id="wizard"' in html


def test_htmx_gets_only_the_wizard_region_and_the_step_url(client, bank):
    response = client.get(STEP, **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="wizard"')
    assert "<html" not in html
    assert response["HX-Push-Url"] == STEP
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client, bank):
    response = client.get(STEP, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in response.content


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_an_answer_is_saved_and_leads_to_the_next_step(client, bank, headers):
    response = answer(client, "use-case", "fraud", **headers)
    assert response.status_code == 303
    assert response["Location"] == reverse("step", args=["general-model-fit"])
    assert draft_answers(client) == {"use-case": "fraud"}


def test_a_step_shows_the_saved_answer(client, bank):
    answer(client, "use-case", "vision")
    html = client.get(STEP).content.decode()
    assert re.search(r'value="vision" id="use-case-\d+" checked', html)


def test_changing_an_answer_replaces_it(client, bank):
    answer(client, "use-case", "vision")
    answer(client, "use-case", "churn")
    assert draft_answers(client) == {"use-case": "churn"}
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Choose one answer to go on."),
        ({"use-case": "teleportation"}, "That answer is not one of the choices"),
        ({"use-case": ""}, "Choose one answer to go on."),
    ],
    ids=["missing", "unknown", "empty"],
)
def test_a_bad_answer_gets_a_message_on_the_same_step(client, bank, headers, data, message):
    answer(client, "use-case", "fraud")
    answer(client, "general-model-fit", "no")
    response = client.post(STEP, data, **headers)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert 'aria-describedby="use-case-hint use-case-error"' in html
    # the earlier answers are kept
    assert draft_answers(client) == {"use-case": "fraud", "general-model-fit": "no"}


def test_a_skipped_step_sends_the_founder_back_to_it(client, bank):
    answer(client, "use-case", "fraud")
    response = answer(client, "training-data", "labeled")
    assert response.status_code == 303
    assert response["Location"] == reverse("step", args=["general-model-fit"])
    assert draft_answers(client) == {"use-case": "fraud"}
    follow = client.get(response["Location"])
    assert b"Please answer this question first." in follow.content


def test_an_unknown_step_is_a_404(client, bank):
    assert client.get(reverse("step", args=["horoscope"])).status_code == 404
    assert client.post(reverse("step", args=["horoscope"]), {"horoscope": "x"}).status_code == 404


def test_steps_refuse_other_methods(client, bank):
    assert client.put(STEP).status_code == 405
    assert client.delete(reverse("check")).status_code == 405


def test_back_links_to_the_previous_step(client, bank):
    answer(client, "use-case", "fraud")
    html = client.get(reverse("step", args=["general-model-fit"])).content.decode()
    assert 'class="back-link" href="/wizard/use-case/"' in html


def test_the_last_step_leads_to_the_check_page(client, bank):
    for slug, choice in list(ML_ANSWERS.items())[:-1]:
        answer(client, slug, choice)
    response = answer(client, "company-stage", "scaling")
    assert response["Location"] == reverse("check")


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_the_check_page_lists_every_answer_with_a_change_link(client, bank, headers):
    for slug, choice in ML_ANSWERS.items():
        answer(client, slug, choice)
    response = client.get(reverse("check"), **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your answers" in html
    for slug in ML_ANSWERS:
        assert f'href="/wizard/{slug}/?change=1"' in html
    assert "The moat — our model" in html


def test_the_check_page_needs_every_answer(client, bank):
    answer(client, "use-case", "fraud")
    response = client.get(reverse("check"))
    assert response["Location"] == reverse("step", args=["general-model-fit"])


def test_a_change_returns_to_the_check_page(client, bank):
    for slug, choice in ML_ANSWERS.items():
        answer(client, slug, choice)
    html = client.get(reverse("step", args=["model-role"]) + "?change=1").content.decode()
    assert 'href="/wizard/check/"' in html  # Back goes to the check page
    response = client.post(
        reverse("step", args=["model-role"]) + "?change=1",
        {"model-role": "plumbing", "change": "1"},
    )
    assert response["Location"] == reverse("check")
    assert draft_answers(client)["model-role"] == "plumbing"


def test_confirming_creates_a_result_and_redirects_to_it(client, bank):
    url = complete(client, ML_ANSWERS)
    assessment = Assessment.objects.get()
    assert url == f"/r/{assessment.token}/"
    assert assessment.is_completed
    assert assessment.recommendation == "ml-engineer"
    assert "draft" not in client.session


def test_confirming_with_htmx_redirects_the_whole_page(client, bank):
    for slug, choice in AI_ANSWERS.items():
        answer(client, slug, choice, **HX)
    response = client.post(reverse("check"), **HX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/r/")


def test_confirming_twice_makes_exactly_one_result(client, bank):
    first = complete(client, AI_ANSWERS)
    again = client.post(reverse("check"))
    assert again.status_code == 303
    assert again["Location"] == first
    assert Assessment.objects.filter(completed_at__isnull=False).count() == 1


def test_a_step_posted_after_completion_never_changes_the_result(client, bank):
    url = complete(client, AI_ANSWERS)
    before = Assessment.objects.get().snapshot
    answer(client, "use-case", "fraud")
    assert Assessment.objects.get(completed_at__isnull=False).snapshot == before
    assert client.get(url).status_code == 200


def test_the_token_is_long_and_unguessable(client, bank):
    complete(client, AI_ANSWERS)
    token = Assessment.objects.get().token
    assert len(token) >= 32 and not token.isdigit()


def test_restart_clears_the_draft(client, bank):
    answer(client, "use-case", "fraud")
    response = client.post(reverse("restart"))
    assert response.status_code == 303
    assert "draft" not in client.session
    assert Assessment.objects.count() == 0
    assert client.put(reverse("restart")).status_code == 405


def test_start_again_asks_before_clearing(client, bank):
    answer(client, "use-case", "fraud")
    page = client.get(reverse("restart"))
    assert page.status_code == 200
    assert "This clears the 1 answer you have given so far" in page.content.decode()
    assert draft_answers(client) == {"use-case": "fraud"}


def test_a_question_taken_out_mid_draft_is_skipped_not_a_404(client, bank):
    from advisor.bank import store as bank_store
    from advisor.models import Question

    answer(client, "use-case", "fraud")
    Question.objects.filter(slug="company-stage").update(is_active=False)
    bank_store.forget()
    response = client.get(reverse("step", args=["company-stage"]))
    assert response.status_code == 303
    assert response["Location"] == reverse("wizard")


def test_confirming_after_starting_again_never_shows_an_older_result(client, bank):
    complete(client, AI_ANSWERS)
    client.post(reverse("restart"))
    response = client.post(reverse("check"))
    assert response.status_code == 303
    assert response["Location"].startswith("/wizard/")


def test_rate_limited_htmx_confirm_shows_the_message_in_the_wizard(client, bank, settings):
    settings.RESULTS_PER_HOUR = 0
    for slug, choice in AI_ANSWERS.items():
        answer(client, slug, choice)
    response = client.post(reverse("check"), **HX)
    assert response.status_code == 429
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="wizard"')
    assert "Your answers are saved" in html


def test_starting_drafts_is_rate_limited_per_client(client, bank, settings):
    settings.DRAFTS_PER_HOUR = 2
    from django.test import Client

    for _ in range(2):
        assert answer(Client(), "use-case", "fraud").status_code == 303
    response = answer(Client(), "use-case", "fraud")
    assert response.status_code == 429
    assert Assessment.objects.count() == 2


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_finished_founder_back_on_a_step_is_told_where_to_go(client, bank, headers):
    url = complete(client, ML_ANSWERS)
    for page in (reverse("step", args=["model-role"]), reverse("check")):
        response = client.get(page, **headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert "You have finished" in html
        assert f'href="{url}">See your result' in html
        assert "Please answer" not in html
    # starting again clears it: the first step, empty
    client.post(reverse("restart"))
    html = client.get(reverse("step", args=["use-case"])).content.decode()
    assert "You have finished" not in html and "Step 1 of 9" in html


def test_the_landing_page_lists_recent_results_with_role_and_date(client, bank):
    url = complete(client, ML_ANSWERS)
    html = client.get("/").content.decode()
    assert f'<a href="{url}">Hire Machine Learning Engineer first</a>' in html
    assert timezone.now().strftime("%-d %B %Y") in html
