"""The permanent result page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from advisor import costs
from advisor.bank import store as bank_store
from advisor.models import Assessment, Choice, PayRate, Points, Question, RoleProfile
from advisor.results.presenters.result import flip_sentence
from tests.conftest import AI_ANSWERS, ML_ANSWERS, complete

HX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def priced(
    role,
    region="us",
    engagement="in-house",
    *,
    seniority="senior",
    hours=40,
    months=12,
    part="monthly",
) -> str:
    """A figure as the page shows it, worked out here by the cost engine from today's book."""
    book = bank_store.get().cost_book
    cost = costs.hire_cost(
        book.rate(role, region, engagement, seniority),
        book.terms_for(region, engagement),
        hours_per_week=hours,
        months=months,
    )
    shown = getattr(costs.priced(cost, book.currency("USD")), part)
    if shown.starting:
        return f"from ${shown.low:,}"
    return f"${shown.low:,}–${shown.high:,}"


@pytest.fixture
def ml_result(client, bank) -> str:
    return complete(client, ML_ANSWERS)


def test_it_marks_the_first_hire(client, ml_result):
    html = client.get(ml_result).content.decode()
    assert html.count("data-recommendation=") == 1
    assert 'data-recommendation="ml-engineer"' in html


def test_an_ai_founder_gets_an_ai_engineer(client, bank):
    html = client.get(complete(client, AI_ANSWERS)).content.decode()
    assert 'data-recommendation="ai-engineer"' in html


def test_it_shows_how_sure_in_words_and_the_reasons(client, ml_result):
    page = text(client.get(ml_result))
    assert 'data-confidence="clear"' in page and 'data-specialist="now"' in page
    assert "A clear call</span> — both core questions of the article" in page
    assert "6 of the 9 counted answers point to the ML engineer, none to the AI engineer" in page
    assert "No general model gets you there, and the model is your moat" in page  # headline
    assert "% of the points" not in page
    # a reason quotes the article's reasoning
    assert "the reason customers choose you, you need an ML engineer" in page


def test_it_says_what_each_role_does_once_without_repeating_the_landing_pages_table(
    client, ml_result
):
    page = text(client.get(ml_result))
    assert "<strong>Machine Learning Engineer</strong> — Trains and deploys custom models" in page
    assert "best when: AI is your core differentiator" in page
    assert 'class="table comparison' not in page  # the at-a-glance table lives on /


def test_it_shows_costs_for_both_roles_in_house_and_offshore(client, ml_result):
    page = text(client.get(ml_result))
    assert priced("ml-engineer") in page  # ML in-house (US, senior), per month
    assert priced("ml-engineer", part="cash") in page  # paid for 6 of 12 months, and the fee
    assert priced("ml-engineer", "south-asia", "offshore") in page  # the vendor's, senior
    assert priced("ai-engineer", "south-asia", "offshore") in page
    assert "$12,000–$14,000" in page  # the article's own US figure, beside them
    assert "estimate" in page
    assert "a quarter of misdirected work" in page
    assert "about a week" in page and "about 6 months" in page


def test_it_says_what_would_change_the_answer(client, ml_result):
    page = text(client.get(ml_result))
    assert "What would change the answer" in page
    assert (
        "If your answer to “Does a good general-purpose model already solve it?” were “Mostly "
        "— it gets us about 90% of the way” and to “Do you have data to train a model on?” "
        "“No — nothing usable yet”, the AI Engineer would go first, for now."
    ) in page


def test_a_staged_plan_when_the_model_matters_but_nothing_is_ready(client, bank):
    answers = {**ML_ANSWERS, "training-data": "none", "time-to-value": "days-weeks"}
    page = text(client.get(complete(client, answers)))
    assert 'data-recommendation="ai-engineer"' in page
    assert 'data-confidence="held-back"' in page
    assert "The plan: AI Engineer now, Machine Learning Engineer later" in page
    # what must become true first: only what is not true yet
    assert "“Yes — a large, labeled, well-governed dataset” to “Do you have data" in page
    assert "to “Is the model the moat" not in page  # already the moat
    assert "No usable training data, and value needed sooner than the ML path gives it" in page


def test_another_browser_sees_the_same_result_framed_as_shared(client, ml_result):
    mine = text(client.get(ml_result))
    theirs = Client(HTTP_HOST="testserver").get(ml_result)
    assert theirs.status_code == 200
    shared = text(theirs)
    assert "Your result: hire first" in mine and "Change my answers" in mine
    assert "A result shared with you: hire first" in shared
    assert "Change my answers" not in shared and "their answers" in shared
    verdict = re.compile(r"<h1[^>]*data-recommendation.*?</h1>")
    assert verdict.search(shared).group() == verdict.search(mine).group()


def test_an_unknown_or_truncated_token_is_a_404(client, ml_result):
    assert client.get("/r/nothing-here/").status_code == 404
    assert client.get(ml_result[:-5] + "/").status_code == 404
    assert client.get("/r/" + "x" * 500 + "/").status_code == 404


def test_a_draft_has_no_result_page(client, bank):
    client.post(reverse("step", args=["use-case"]), {"use-case": "fraud"})
    draft = Assessment.objects.get()
    assert client.get(reverse("result", args=[draft.token])).status_code == 404


def test_it_is_not_for_search_engines_and_has_link_previews(client, ml_result):
    response = client.get(ml_result)
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<meta property="og:title" content="Hire Machine Learning Engineer first' in html
    assert 'name="twitter:card"' in html
    assert f'value="http://testserver{ml_result}"' in html


def without_csrf(content: bytes) -> bytes:
    """The owner's page carries a CSRF token, masked afresh on every response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def without_form(page: bytes) -> str:
    return re.sub(r"<form .*?</form>", "", page.decode(), flags=re.S)


def test_later_admin_edits_never_change_a_result(client, ml_result):
    before = without_csrf(client.get(ml_result).content)
    # an admin rewrites the bank and the rates
    Question.objects.filter(slug="model-role").update(text="Reworded", weight=5)
    Choice.objects.filter(slug="moat").update(label="Changed", explanation="Changed.")
    Points.objects.update(points=1)
    PayRate.objects.update(low=1, high=2, source_note="New")
    RoleProfile.objects.update(name="Renamed")
    Question.objects.filter(slug="company-stage").update(is_active=False)
    bank_store.forget()
    cache.clear()  # render afresh from the stored snapshot
    after = client.get(ml_result).content
    # the same figures; only the offer of today's rates is new
    assert without_form(after) == without_form(before)
    assert b'name="today"' in after and b'name="today"' not in before


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_costs_recalculate_for_other_hours_and_months(client, ml_result, headers):
    response = client.get(ml_result + "?hours=20&months=18", **headers)
    assert response.status_code == 200
    page = text(response)
    # the vendor's senior rate × 20 h × 52/12
    assert priced("ml-engineer", "south-asia", "offshore", hours=20) in page
    # 12 of 18 months in-house, and the recruiting fee
    assert priced("ml-engineer", months=18, part="cash") in page
    if headers:
        assert page.lstrip().startswith('<div id="cost-figures"')


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
@pytest.mark.parametrize("query", ["hours=0", "hours=abc", "months=999", "hours=" + "9" * 50])
def test_bad_cost_inputs_get_a_message_not_a_500(client, ml_result, headers, query):
    response = client.get(f"{ml_result}?{query}", **headers)
    assert response.status_code == 422
    page = text(response)
    assert re.search(r"Enter (a whole number of )?(hours|months|between).*figures below use", page)
    assert "$12,000–$14,000" in page


def test_change_my_answers_starts_a_prefilled_draft_and_keeps_the_result(client, ml_result):
    token = ml_result.split("/")[2]
    copy_url = reverse("result_copy", args=[token])
    assert f'<form method="post" action="{copy_url}">' in client.get(ml_result).content.decode()
    # no answers in progress to lose: straight to the prefilled check page
    response = client.post(copy_url)
    assert response["Location"] == reverse("check")
    check = client.get(reverse("check"))
    assert check.status_code == 200
    assert b"The moat" in check.content
    assert Assessment.objects.filter(completed_at__isnull=True).get().started_from == token
    # change one answer and finish: a second result; the first is untouched
    before = Assessment.objects.get(token=token).snapshot
    client.post(reverse("step", args=["model-role"]), {"model-role": "plumbing", "change": "1"})
    second = client.post(reverse("check"))["Location"]
    assert second != ml_result
    assert Assessment.objects.get(token=token).snapshot == before
    # the new result links back to the one it came from, with what changed
    page = text(client.get(second))
    assert f'Made from <a href="{ml_result}">an earlier result</a>' in page
    assert "“Is the model the moat, or is it plumbing?” changed from “The moat" in page


def test_change_my_answers_asks_first_when_answers_in_progress_would_be_lost(client, ml_result):
    copy_url = reverse("result_copy", args=[ml_result.split("/")[2]])
    client.post(reverse("step", args=["use-case"]), {"use-case": "vision"})  # a new draft
    response = client.post(copy_url)
    assert response.status_code == 200
    assert "This replaces the answers you have in progress." in text(response)
    assert client.post(copy_url, {"confirm": "1"})["Location"] == reverse("check")


def test_a_shared_viewer_answers_and_lands_on_both_results_side_by_side(ml_result, bank):
    token = ml_result.split("/")[2]
    viewer = Client()
    page = text(viewer.get(ml_result))
    assert f'href="/wizard/?compare={token}">Answer the questions yourself and compare' in page
    start = viewer.get(f"/wizard/?compare={token}")
    assert start["Location"] == reverse("step", args=["use-case"])
    for slug, choice in AI_ANSWERS.items():
        viewer.post(reverse("step", args=[slug]), {slug: choice})
    done = viewer.post(reverse("check"))
    mine = Assessment.objects.completed().exclude(token=token).get().token
    assert done["Location"] == reverse("compare", args=[token, mine])
    page = text(viewer.get(done["Location"]))
    assert "Shared with you" in page and "Your answers" in page


def test_change_my_answers_for_an_unknown_result_is_a_404(client, bank):
    assert client.post("/r/unknown/change/").status_code == 404


def test_a_repeat_visit_gets_304_not_modified(client, ml_result):
    first = client.get(ml_result)
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get(ml_result, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    # another variant of the page has its own tag
    assert client.get(ml_result + "?months=6")["ETag"] != first["ETag"]
    assert client.get(ml_result, **HX)["ETag"] != first["ETag"]


def test_a_result_page_sets_no_cookie(client, ml_result):
    response = Client().get(ml_result)
    assert not response.cookies


def test_costs_can_show_one_way_of_hiring_only(client, ml_result):
    default = client.get(ml_result).content.decode()
    page = client.get(ml_result + "?show=offshore").content.decode()
    start = page.index('<table class="table cost-table')
    table = page[start : page.index("</table>", start)]
    assert priced("ml-engineer", "south-asia", "offshore") in table
    assert priced("ai-engineer", "south-asia", "offshore") in table
    assert "in-house, full time" not in table and "contractor" not in table
    # the wrong hire is priced as the hire being priced, whatever the table shows
    wrong = re.compile(r'<p class="mishire.*?</p>', re.S)
    assert wrong.search(page).group() == wrong.search(default).group()


def test_costs_can_use_todays_rates_on_request(client, ml_result):
    rate = PayRate.objects.get(
        role__slug="ml-engineer", region__slug="us", engagement="in-house", seniority="senior"
    )
    before = priced("ml-engineer")
    rate.low, rate.high = 20000, 22000
    rate.save()
    bank_store.forget()
    assert before in text(client.get(ml_result))  # the rates it was made with
    page = text(client.get(ml_result + "?today=on"))
    assert priced("ml-engineer") in page and priced("ml-engineer") != before
    assert "at today's rates" in page


def test_todays_rates_are_offered_only_once_they_differ(client, ml_result):
    assert b'name="today"' not in client.get(ml_result).content
    # asked for anyway, nothing differs: the result's own rates, said so
    page = text(client.get(ml_result + "?today=on"))
    assert "at the rates of" in page and "at today's rates" not in page
    PayRate.objects.filter(region__slug="south-asia").first().save()  # saved, unchanged
    assert b'name="today"' not in client.get(ml_result).content
    rate = PayRate.objects.filter(region__slug="south-asia").first()
    rate.high += 1
    rate.save()
    assert b'name="today"' in client.get(ml_result).content


def test_each_answer_shows_which_way_it_points(client, bank):
    page = text(client.get(complete(client, {**ML_ANSWERS, "time-to-value": "unsure"})))
    assert "Why: your answers, one by one" in page
    pull = r"”</span> <span class=\"answer-pull\"><span[^>]*>"
    assert re.search(r"No — nothing off the shelf gets us there" + pull + "points to the ML", page)
    assert re.search(r"Not sure yet" + pull + "not counted", page)
    assert re.search(r"Software engineers, without AI experience" + pull + "points neither", page)
    # what is still open is a next step, with how to find out
    still_open = r"Still open: How soon do you need it delivering value\?</strong> Not counted\."
    assert re.search(still_open + " To find out", page)


def test_two_results_side_by_side_highlight_the_differences(client, bank):
    # value needed within months: without data, the ML path could not meet it
    ml = complete(client, {**ML_ANSWERS, "time-to-value": "one-three-months"})
    ai = complete(Client(), AI_ANSWERS)
    left, right = ml.split("/")[2], ai.split("/")[2]
    response = client.get(reverse("compare", args=[left, right]))
    assert response.status_code == 200
    page = text(response)
    # the headline says what decides it; those rows stand out, the rest are marked lightly
    assert "The results differ: the Machine Learning Engineer first against the AI Engineer" in page
    # the ML founder without training data would get the AI engineer first: that decides it
    assert "The answer to “Do you have data to train a model on?” decides it." in page
    decides, differs = page.count('class="decides"'), page.count('class="differs"')
    assert (decides, differs) == (1, 7)
    # columns named by what the viewer knows, and both results' costs
    assert "Your answers" in page and "Shared with you" in page
    assert "What the first hire costs" in page
    assert priced("ml-engineer") + " a month" in page
    assert priced("ai-engineer") + " a month" in page


def test_compare_says_when_only_how_sure_the_call_is_differs(client, bank):
    held_back = {**ML_ANSWERS, "training-data": "raw", "time-to-value": "days-weeks"}
    left = complete(client, held_back).split("/")[2]  # the AI engineer first, for now
    right = complete(Client(), AI_ANSWERS).split("/")[2]  # the AI engineer, a clear call
    page = text(client.get(reverse("compare", args=[left, right])))
    assert "You both get the AI Engineer first." in page
    assert (
        "How sure differs: for your result it is a call for now, for the shared result a "
        "clear call. What comes next differs: your result plans the Machine Learning Engineer "
        "later; the shared result plans no second hire." in page
    )


def test_the_compare_form_takes_a_pasted_link(client, bank):
    left = complete(client, ML_ANSWERS).split("/")[2]
    right_url = complete(Client(), {**ML_ANSWERS, "model-role": "unsure"})
    right = right_url.split("/")[2]
    response = client.get(
        reverse("compare_start"), {"a": left, "b": "http://testserver" + right_url}
    )
    assert response["Location"] == reverse("compare", args=[left, right])
    page = text(client.get(response["Location"]))
    assert "You both get the Machine Learning Engineer first." in page
    assert "Your 1 difference does not change who goes first." in page


@pytest.mark.parametrize("pasted", ["", "nonsense", "http://x/r/" + "a" * 40 + "/", "<script>"])
def test_a_bad_compare_link_gets_a_message(client, ml_result, pasted):
    left = ml_result.split("/")[2]
    response = client.get(reverse("compare_start"), {"a": left, "b": pasted})
    assert response.status_code == (422 if pasted else 200)
    if pasted:
        assert "No result has that link" in text(response)


def test_comparing_unknown_results_is_a_404(client, ml_result):
    left = ml_result.split("/")[2]
    assert client.get(reverse("compare", args=[left, "nope" * 8])).status_code == 404
    assert client.get(reverse("compare_start"), {"a": "nope", "b": left}).status_code == 404


def test_a_result_stored_before_verdicts_shows_the_verdict_its_facts_imply(bank):
    from advisor.bank import store as bank_store
    from advisor.results.presenters.result import result_view
    from advisor.results.snapshots import snapshot_build

    answers = {
        "use-case": "summarize",
        "general-model-fit": "mostly",
        "model-role": "plumbing",
        "team": "llm-shipped",
    }
    snapshot = snapshot_build(bank_store.build(), answers)
    assert snapshot["outcome"]["verdict"] == "no-specialist"
    # stored before: no verdict, no settle list, no turning questions
    for key in ("verdict", "turns_on"):
        del snapshot["outcome"][key]
    del snapshot["settle"]
    view = result_view(snapshot)
    assert view["verdict"] == "no-specialist"
    assert view["verdict_words"]["heading"] == "No specialist yet"
    # a stored toss-up reads as "find out first", with nothing to settle named
    snapshot["outcome"].update(specialist="now", confidence="toss-up")
    view = result_view(snapshot)
    assert (view["verdict"], view["settle"]) == ("find-out", [])
    assert view["verdict_words"]["title"].startswith("Find out first")


def test_first_for_now_without_a_leader_says_so(bank):
    from advisor.bank import store as bank_store
    from advisor.results.presenters.result import result_view
    from advisor.results.snapshots import snapshot_build

    # nothing known but no data and value in weeks: the ML path cannot deliver in time
    answers = {"use-case": "other", "training-data": "none", "time-to-value": "days-weeks"}
    for q in ("general-model-fit", "model-role", "production-ownership"):
        answers[q] = "unsure"
    view = result_view(snapshot_build(bank_store.build(), answers))
    assert (view["first"]["slug"], view["confidence"]) == ("ai-engineer", "held-back")
    assert view["confidence_sentence"].startswith(
        "neither role is far enough ahead, and the Machine Learning Engineer cannot deliver yet"
    )


@pytest.mark.parametrize(
    ("confidence", "ending"),
    [
        ("clear", "the Machine Learning Engineer would go first (a clear call)."),
        ("lean", "the Machine Learning Engineer would probably go first."),
        ("held-back", "the Machine Learning Engineer would go first, for now."),
        ("toss-up", "it would be a toss-up, settled for the Machine Learning Engineer."),
    ],
)
def test_what_would_change_the_answer_is_a_sentence(confidence, ending):
    flip = {
        "changes": [{"question_text": "Do you have data?", "choice_label": "Yes, labeled"}],
        "confidence": confidence,
    }
    sentence = flip_sentence(flip, {"name": "Machine Learning Engineer"})
    assert sentence == f"If your answer to “Do you have data?” were “Yes, labeled”, {ending}"
